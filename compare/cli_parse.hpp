#pragma once
// One way every bench-compare subcommand hands its arguments to CLI11: the
// program name, then args after the first 1 + skip entries (the subcommand
// words). A parse error is exit 2 with the message made visible; --help is
// exit 0. `done` says the command should return the code at once.
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace lukhas::compare {

int parse_command_line(CLI::App& app, const std::vector<std::string>& args, std::size_t skip, std::ostream& out,
                       std::ostream& err, bool& done);

}  // namespace lukhas::compare
