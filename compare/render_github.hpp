#pragma once
#include <string>

#include "compare/report.hpp"

namespace lukhas::compare {

// GitHub Actions workflow commands: ::error for failing results and SLO
// breaches, ::warning for warnings, stale baselines and tests that cannot
// reach alpha. The CLI prints them only when GITHUB_ACTIONS=true.
std::string render_github(const Report& report);

}  // namespace lukhas::compare
