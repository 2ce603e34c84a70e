#pragma once
// The store reads time through the shared injectable clock (core/common/clock.hpp).
#include "core/common/clock.hpp"

namespace lukhas::memory {

using lukhas::Clock;
using lukhas::Duration;
using lukhas::ManualClock;
using lukhas::SystemClock;
using lukhas::TimePoint;

}  // namespace lukhas::memory
