#pragma once
// The context manager reads time through the shared injectable clock
// (core/common/clock.hpp).
#include "core/common/clock.hpp"

namespace lukhas::handoff {

using lukhas::Clock;
using lukhas::Duration;
using lukhas::ManualClock;
using lukhas::SystemClock;
using Timestamp = lukhas::TimePoint;

}  // namespace lukhas::handoff
