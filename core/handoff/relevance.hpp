#pragma once
// Relevance on read. Pure functions over values: the stored relevance is an
// input, never an output (the original multiplied the decay into the stored
// score on every read, so reading a context made it less relevant).
#include <cstddef>
#include <vector>

#include "core/common/clock.hpp"
#include "core/handoff/policy.hpp"

namespace lukhas::handoff {

// max(floor, 1 - age_hours * decay_per_day / 24); a future timestamp counts
// as age 0.
double decay_factor(Duration age, const Policy& policy) noexcept;

// stored * decay_factor: with the default stored relevance of 1.0 this is
// exactly the formula of docs/context-handoff.md; a producer may store less
// than 1.0 to mark an exchange as less important.
double decayed_relevance(double stored, Duration age, const Policy& policy) noexcept;

struct Candidate {
  double relevance;  // decayed
  TimePoint timestamp;
  std::size_t index;  // insertion position; a later index is newer on equal timestamps
};

// Orders the best `k` first (partial sort, O(n log k)): higher relevance, then
// newer timestamp, then later insertion. Returns how many are ranked.
std::size_t rank_top(std::vector<Candidate>& candidates, std::size_t k);

}  // namespace lukhas::handoff
