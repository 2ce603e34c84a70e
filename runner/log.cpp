#include "runner/log.hpp"

#include <ctime>
#include <iostream>

namespace lukhas::runner {

void say(const std::string& message) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char stamp[16];
  std::strftime(stamp, sizeof stamp, "%H:%M:%S", &utc);
  std::cout << "bench-run: [" << stamp << "] " << message << std::endl;
}

}  // namespace lukhas::runner
