#pragma once
// The command line, callable in-process (tests call it with their own
// streams and environment). main() only gathers argv and the environment.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "compare/exit_codes.hpp"

namespace lukhas::compare {

struct CliEnv {
  bool stdout_is_terminal = false;
  bool no_color = false;        // NO_COLOR set
  bool github_actions = false;  // GITHUB_ACTIONS=true
  // The process exits right after: skip freeing the parsed inputs (half a
  // million rows; the OS reclaims the memory in one go, ~10% of the run).
  bool leak_on_exit = false;
  // LUKHAS_COMPARE_MAX_INPUT_SIZE, when set (compare/limits.hpp).
  std::optional<std::string> max_input_size;
};

// Exit codes, from the project's table (compare/exit_codes.hpp): 0 fine,
// 1 regression/breach/removed/failed row, 2 undecidable (bad input or
// flag), 3 standard output could not be written (closed pipe, full disk)
// while the comparison itself found nothing wrong; report files were written.
inline constexpr int kExitOk = to_int(ExitCode::ok);
inline constexpr int kExitFail = to_int(ExitCode::failed);
inline constexpr int kExitUndecided = to_int(ExitCode::undecided);
inline constexpr int kExitOutputFailed = to_int(ExitCode::output_failed);

// args[0] is the program name.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnv& env);

}  // namespace lukhas::compare
