#pragma once
// Progress lines: "bench-run: [HH:MM:SS] message", one per step, on standard
// output, so a CI log and a terminal read the same.
#include <string>

namespace lukhas::runner {

void say(const std::string& message);

}  // namespace lukhas::runner
