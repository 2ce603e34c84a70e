#pragma once
// Which folds a prune soft-deletes: the n - keep lowest by rank, where rank
// is (importance, accessed_count, created_at) descending and, last, later
// insertion first (docs/memory-store.md). Pure: no store, no clock.
//
// The obvious way is nth_element over the full 48-byte keys. At 100,000
// folds that streams 5 MB through the cache several times a prune, with a
// mispredicted branch per comparison. Instead:
//   1. the caller hands in a 32-bit coarse importance a fold (the high half
//      of the double, which orders like the double itself);
//   2. one pass finds its range and a second counts the folds in equal
//      buckets of it (about one a fold, at most 2048); walking the counts
//      from the top finds the bucket the cut falls in. Folds above it
//      survive, below it go;
//   3. only the folds in that bucket are ranked further: bucketed again over
//      their own, narrower range while there are many of them (the store's
//      steady state packs the survivors' importances close together), then
//      by coarse key, and the few tied with the cut on it by the full key.
// Every step is exact, so the survivors are the ones a full sort would keep,
// however the importances are distributed (all equal falls through to the
// full ranking of everything, the old cost).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/common/clock.hpp"

namespace lukhas::memory {

struct RankKey {
  double importance;
  std::uint64_t accessed;
  TimePoint created_at;
  std::uint64_t sequence;  // unique: makes the order strict
  std::uint32_t index;     // the fold's position in the caller's list
};

// True when a ranks above b (b would be pruned first).
bool ranks_higher(const RankKey& a, const RankKey& b);

// The high 32 bits of importance's representation: for importances in
// [0, 1] (either zero), a > b implies coarse(a) >= coarse(b).
std::uint32_t coarse_importance(double importance);

class PruneSelector {
 public:
  // Appends to `losers` (cleared first) the indices of the coarse.size() -
  // keep lowest-ranked folds, in no particular order. coarse[i] is
  // coarse_importance of fold i; full_key(i) is its full key, asked only for
  // folds that tie with the cut on the coarse key. With keep >= coarse.size()
  // nothing is lost.
  void select(std::span<const std::uint32_t> coarse, std::size_t keep,
              const std::function<RankKey(std::uint32_t)>& full_key,
              std::vector<std::uint32_t>& losers);

 private:
  // Scratch reused by every call (no allocation in steady state).
  std::vector<std::uint32_t> counts_;
  std::vector<std::uint64_t> candidates_;  // coarse << 32 | index
  std::vector<RankKey> ties_;
};

}  // namespace lukhas::memory
