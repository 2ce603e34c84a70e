// bench-compare: the thin shell around run_cli (compare/cli.hpp).
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "compare/cli.hpp"
#include "compare/io.hpp"
#include "compare/limits.hpp"

int main(int argc, char** argv) {
  // A closed pipe on standard output is an error to report after the report
  // files are written (run_cli), not a reason to die before writing them.
  std::signal(SIGPIPE, SIG_IGN);
  lukhas::compare::install_signal_cleanup();
  lukhas::compare::CliEnv env;
  if (const char* limit = std::getenv(lukhas::compare::kMaxInputSizeEnv)) env.max_input_size = limit;
  env.stdout_is_terminal = ::isatty(STDOUT_FILENO) != 0;
  env.no_color = std::getenv("NO_COLOR") != nullptr;
  const char* gha = std::getenv("GITHUB_ACTIONS");
  env.github_actions = gha && std::strcmp(gha, "true") == 0;
#if defined(__SANITIZE_ADDRESS__)
  env.leak_on_exit = false;  // LeakSanitizer would report the deliberate leak as a failure
#else
  env.leak_on_exit = true;
#endif
  std::ios::sync_with_stdio(false);
  return lukhas::compare::run_cli(std::vector<std::string>(argv, argv + argc), std::cout, std::cerr, env);
}
