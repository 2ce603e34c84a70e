#pragma once
#include <cstddef>
#include <string>

#include "compare/report.hpp"

namespace lukhas::compare {

// GitHub rejects comments over 65,536 characters.
inline constexpr std::size_t kGithubCommentLimit = 65536;

// A headline verdict, the failing results and SLO breaches in a table, and
// everything else folded in <details>. When the text would exceed `limit`
// bytes the folded part is cut (with a line saying how much), never the
// failing results.
std::string render_markdown(const Report& report, std::size_t limit = kGithubCommentLimit);

}  // namespace lukhas::compare
