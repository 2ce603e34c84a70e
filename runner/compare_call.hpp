#pragma once
// bench-compare's commands (merge, gate, approve), called in-process through
// the comparator's own command line (compare/cli.hpp), with this process's
// standard streams and environment.
#include <string>
#include <vector>

namespace lukhas::runner {

// `args` without the program name: {"gate", "--out", ...}. Returns the
// command's exit code (compare/exit_codes.hpp).
int bench_compare(const std::vector<std::string>& args);

// The same, its console output discarded (messages on standard error stay).
int bench_compare_quiet(const std::vector<std::string>& args);

}  // namespace lukhas::runner
