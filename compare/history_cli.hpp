#pragma once
// `bench-compare history append|list|changes|page`: the thin shell over the
// history store (compare/history.hpp), change points
// (compare/history_changes.hpp) and the page (compare/history_page.hpp).
#include <iosfwd>
#include <string>
#include <vector>

#include "compare/cli.hpp"

namespace lukhas::compare {

// args[0] is the program name, args[1] "history". Throws InputError /
// UsageError for bad input (run_cli turns them into exit code 2).
int cmd_history(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnv& env);

}  // namespace lukhas::compare
