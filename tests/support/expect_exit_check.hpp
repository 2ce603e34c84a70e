#pragma once
// The decisions of expect-exit (expect_exit.cpp), apart from running the
// command: reading its arguments, matching the command's standard error the
// way `grep -E` does (each line on its own, so ^ and $ anchor at line ends),
// and the verdict with the message printed for it.
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace lukhas::testsupport {

struct ExpectExitArgs {
  int code = 0;                      // the exit code the command must return
  std::string pattern;               // POSIX extended regex, as written
  std::regex regex;                  // pattern, compiled
  std::vector<std::string> command;  // program and its arguments
};

struct ParsedArgs {
  std::optional<ExpectExitArgs> args;
  std::string error;  // set when args is empty: names the argument and its value
};

// `CODE PATTERN [--] COMMAND...` (the arguments after the program name).
ParsedArgs parse_expect_exit_args(const std::vector<std::string>& argv);

// True when some line of `err` matches `regex`; a last line without a
// newline counts, an empty `err` has no lines (so it matches nothing).
bool stderr_matches(std::string_view err, const std::regex& regex);

struct ExpectExitVerdict {
  bool pass = false;
  std::string message;  // the first line; on failure the command's stderr follows it
};

ExpectExitVerdict judge_exit(const ExpectExitArgs& args, int got, std::string_view err);

// The command as one line, words joined by spaces (as the shell's "$*").
std::string join_command(const std::vector<std::string>& command);

}  // namespace lukhas::testsupport
