#include "core/memory/fold.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/memory/errors.hpp"

namespace lukhas::memory {

CheckedFold check_new_fold(const NewFold& input, std::size_t content_cap_bytes) {
  if (input.content.size() > content_cap_bytes) {
    throw InvalidFold(FoldErrorReason::content_too_large,
                      fmt::format("fold content is {} bytes, over the cap of {} bytes",
                                  input.content.size(), content_cap_bytes));
  }
  // NaN would poison the prune ranking (every comparison false), so it is
  // refused rather than clamped; infinities clamp like any other large value.
  if (std::isnan(input.emotional_valence)) {
    throw InvalidFold(FoldErrorReason::valence_not_a_number,
                      "fold emotional_valence is NaN; expected a number in [-1, 1]");
  }
  if (std::isnan(input.importance)) {
    throw InvalidFold(FoldErrorReason::importance_not_a_number,
                      "fold importance is NaN; expected a number in [0, 1]");
  }
  return CheckedFold{std::clamp(input.emotional_valence, -1.0, 1.0),
                     std::clamp(input.importance, 0.0, 1.0)};
}

}  // namespace lukhas::memory
