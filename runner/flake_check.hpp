#pragma once
// Proves the performance gate is not flaky: runs `ctest -L perf` N times on
// a quiet machine and N times while K CPU hogs compete for the cores, and
// reports every run. Any failing run fails the check; its ctest log is kept.
// A gate that flips with the machine's load gets switched off, so this is the
// evidence that it does not.
#include <filesystem>
#include <string>
#include <vector>

namespace lukhas::runner {

struct FlakeCheckOptions {
  std::filesystem::path tree = "build/dev";  // configured tree whose perf tests run
  long quiet_runs = 10, loaded_runs = 10, hogs = 2;
  std::filesystem::path logs = "results/flake-check";
  std::vector<std::string> ctest_args;  // after -L perf, e.g. -R perf_slo
};

// Exit: 0 every run passed, 1 a run failed, 2 bad arguments. Prints each
// run's result and duration, then one summary line:
//   flake-check: quiet 10/10 passed, loaded (2 hogs) 10/10 passed
// The hogs end with the loaded runs, and with this process however it ends.
int run_flake_check(const FlakeCheckOptions& o);

}  // namespace lukhas::runner
