#include "runner/log.hpp"

#include <ctime>
#include <iostream>

#include "compare/escape.hpp"

namespace lukhas::runner {

void say(const std::string& message) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char stamp[16];
  std::strftime(stamp, sizeof stamp, "%H:%M:%S", &utc);
  // Messages carry suite and benchmark names, paths and flags from the
  // command line: shown as data, never as a terminal or workflow command.
  std::cout << "bench-run: [" << stamp << "] " << compare::escape_visible(message, true) << std::endl;
}

}  // namespace lukhas::runner
