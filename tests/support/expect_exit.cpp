// expect-exit CODE PATTERN -- COMMAND...: runs COMMAND (standard output
// discarded) and passes (exit 0) when it exits with CODE and a line of its
// standard error matches the extended regex PATTERN; otherwise exit 1 with
// the reason and the command's standard error. Exit 2: bad arguments.
// Used for the exit-code contract of the suite binaries (0 ok, 1 failed,
// 2 bad flag, 77 skipped), which a bug in flag handling would break.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "expect_exit_check.hpp"

namespace {
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
}  // namespace

int main(int argc, char** argv) {
  using namespace lukhas::testsupport;
  const ParsedArgs parsed = parse_expect_exit_args(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.args) {
    std::fprintf(stderr, "expect-exit: %s\n", parsed.error.c_str());
    return kExitUsage;
  }
  Captured run;
  try {
    run = run_capturing_stderr(parsed.args->command);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "expect-exit: %s\n", e.what());
    return kExitFailed;
  }
  const ExpectExitVerdict verdict = judge_exit(*parsed.args, run.code, run.err);
  if (verdict.pass) {
    std::printf("%s\n", verdict.message.c_str());
    return 0;
  }
  std::fprintf(stderr, "%s\n%s", verdict.message.c_str(), run.err.c_str());
  return kExitFailed;
}
