#include "core/handoff/relevance.hpp"

#include <algorithm>

namespace lukhas::handoff {

double decay_factor(Duration age, const Policy& policy) noexcept {
  const double hours = std::max(0.0, std::chrono::duration<double, std::ratio<3600>>(age).count());
  return std::max(policy.relevance_floor, 1.0 - hours * policy.decay_per_day / 24.0);
}

double decayed_relevance(double stored, Duration age, const Policy& policy) noexcept {
  return stored * decay_factor(age, policy);
}

std::size_t rank_top(std::vector<Candidate>& candidates, std::size_t k) {
  const std::size_t n = std::min(k, candidates.size());
  auto better = [](const Candidate& a, const Candidate& b) {
    if (a.relevance != b.relevance) return a.relevance > b.relevance;
    if (a.timestamp != b.timestamp) return a.timestamp > b.timestamp;
    return a.index > b.index;
  };
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(n),
                    candidates.end(), better);
  return n;
}

}  // namespace lukhas::handoff
