#pragma once
#include <string>

#include "compare/report.hpp"

namespace lukhas::compare {

// A fixed-width table, failing results first. `colour` adds ANSI colours; the
// CLI turns it on only when stdout is a terminal and NO_COLOR is unset.
std::string render_console(const Report& report, bool colour);

}  // namespace lukhas::compare
