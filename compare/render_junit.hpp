#pragma once
#include <string>

#include "compare/report.hpp"

namespace lukhas::compare {

// JUnit XML: one test case per benchmark (its metrics together), failing when
// any of its comparisons fails; one test case per SLO check.
std::string render_junit(const Report& report);

}  // namespace lukhas::compare
