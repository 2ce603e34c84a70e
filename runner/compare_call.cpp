#include "runner/compare_call.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>

#include "compare/cli.hpp"
#include "compare/limits.hpp"

namespace lukhas::runner {

namespace {

compare::CliEnv environment() {
  compare::CliEnv env;
  if (const char* limit = std::getenv(compare::kMaxInputSizeEnv)) env.max_input_size = limit;
  env.stdout_is_terminal = ::isatty(STDOUT_FILENO) != 0;
  env.no_color = std::getenv("NO_COLOR") != nullptr;
  const char* gha = std::getenv("GITHUB_ACTIONS");
  env.github_actions = gha && std::strcmp(gha, "true") == 0;
  return env;
}

std::vector<std::string> with_program(const std::vector<std::string>& args) {
  std::vector<std::string> all{"bench-compare"};
  all.insert(all.end(), args.begin(), args.end());
  return all;
}

}  // namespace

int bench_compare(const std::vector<std::string>& args) {
  std::cout.flush();
  const int rc = compare::run_cli(with_program(args), std::cout, std::cerr, environment());
  std::cout.flush();
  return rc;
}

int bench_compare_quiet(const std::vector<std::string>& args) {
  std::ostringstream discard;
  auto env = environment();
  env.stdout_is_terminal = false;
  return compare::run_cli(with_program(args), discard, std::cerr, env);
}

}  // namespace lukhas::runner
