#pragma once
#include <string_view>

namespace lukhas::compare {

// Glob over benchmark run names, as in the SLO catalog: '*' matches any run
// of characters ('/' included), '?' exactly one; everything else literally.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace lukhas::compare
