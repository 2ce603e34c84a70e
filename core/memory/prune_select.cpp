#include "core/memory/prune_select.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <ranges>
#include <tuple>

namespace lukhas::memory {

namespace {
// At most 2048 counters (8 KB, stays in L1), and about one a fold below
// that: clearing and walking 2048 counters to prune 10 folds cost more than
// ranking them outright.
constexpr unsigned kMaxBucketBits = 11;
constexpr std::size_t kMinBucketed = 64;

// A candidate: coarse importance in the high half, the fold's index below.
std::uint64_t candidate(std::uint32_t coarse, std::size_t index) { return std::uint64_t{coarse} << 32 | index; }
std::uint32_t coarse_of(std::uint64_t candidate) { return static_cast<std::uint32_t>(candidate >> 32); }
std::uint32_t index_of(std::uint64_t candidate) { return static_cast<std::uint32_t>(candidate); }
}  // namespace

bool ranks_higher(const RankKey& a, const RankKey& b) {
  return std::tie(a.importance, a.accessed, a.created_at, a.sequence) >
         std::tie(b.importance, b.accessed, b.created_at, b.sequence);
}

std::uint32_t coarse_importance(double importance) {
  // Non-negative doubles order like their bit patterns; adding 0.0 turns
  // -0.0 (which clamping to [0, 1] lets through) into +0.0.
  return static_cast<std::uint32_t>(std::bit_cast<std::uint64_t>(importance + 0.0) >> 32);
}

namespace {

// Where the cut falls among keys counted into equal buckets over their range.
struct Cut {
  std::uint32_t lo = 0;  // the smallest key
  unsigned shift = 0;    // bucket of key k: (k - lo) >> shift
  std::size_t bucket = 0;
  std::size_t above = 0;  // keys in the buckets above the cut one
  bool one_value = false;  // every key is equal: bucketing cannot narrow
};

// Counts the keys into about one bucket a key (at most 2^kMaxBucketBits)
// and walks the counts from the top: the cut bucket is the first whose keys,
// with all above, outnumber the `survive` places.
template <class Keys>
Cut find_cut(const Keys& keys, std::size_t survive, std::vector<std::uint32_t>& counts) {
  Cut cut;
  const auto [lo, hi] = std::ranges::minmax(keys);
  cut.lo = lo;
  const std::uint32_t span = hi - lo;
  cut.one_value = span == 0;
  const auto n = static_cast<std::size_t>(std::ranges::distance(keys));
  const unsigned bucket_bits = std::min(kMaxBucketBits, static_cast<unsigned>(std::bit_width(n)));
  const unsigned width = static_cast<unsigned>(std::bit_width(span));
  cut.shift = width > bucket_bits ? width - bucket_bits : 0;
  counts.assign((std::size_t{span} >> cut.shift) + 1, 0);
  for (const std::uint32_t k : keys) ++counts[(k - lo) >> cut.shift];
  cut.bucket = counts.size() - 1;
  while (cut.above + counts[cut.bucket] <= survive) cut.above += counts[cut.bucket--];
  return cut;
}

}  // namespace

void PruneSelector::select(std::span<const std::uint32_t> coarse, std::size_t keep,
                           const std::function<RankKey(std::uint32_t)>& full_key,
                           std::vector<std::uint32_t>& losers) {
  losers.clear();
  const std::size_t n = coarse.size();
  if (keep >= n) return;

  // Folds in buckets above the cut survive, below it go; the cut bucket's
  // folds become the candidates. Below kMinBucketed folds everything is a
  // candidate straight away. This first level reads the 32-bit keys in place
  // and writes only the cut bucket's candidates: running it through the loop
  // below instead (all n written as candidates first) made a create at the
  // limit 20% slower at 1,000 folds.
  std::size_t survive = keep;
  candidates_.clear();
  if (n < kMinBucketed) {
    for (std::size_t i = 0; i < n; ++i) candidates_.push_back(candidate(coarse[i], i));
  } else {
    const Cut cut = find_cut(coarse, survive, counts_);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t b = (coarse[i] - cut.lo) >> cut.shift;
      if (b < cut.bucket) {
        losers.push_back(static_cast<std::uint32_t>(i));
      } else if (b == cut.bucket) {
        candidates_.push_back(candidate(coarse[i], i));
      }
    }
    survive -= cut.above;
  }

  // The same again within the cut bucket while it is large and its keys
  // differ: the store's own steady state packs the survivors' importances
  // close together, so one level over the whole range is not enough. Each
  // level shrinks the range 2048-fold; 32-bit keys need at most three.
  while (candidates_.size() >= kMinBucketed) {
    const Cut cut = find_cut(candidates_ | std::views::transform(coarse_of), survive, counts_);
    if (cut.one_value) break;
    std::size_t kept = 0;
    for (const std::uint64_t c : candidates_) {
      const std::size_t b = (coarse_of(c) - cut.lo) >> cut.shift;
      if (b < cut.bucket) {
        losers.push_back(index_of(c));
      } else if (b == cut.bucket) {
        candidates_[kept++] = c;
      }
    }
    candidates_.resize(kept);
    survive -= cut.above;
  }

  // Within the cut bucket `survive` more folds are kept. By coarse key first
  // (descending); candidates on either side of the cut but equal to it on
  // the coarse key are ranked by the full key, and as many of them survive
  // as sat before the cut.
  // The walk stopped where the bucket outnumbers the places left, so at
  // least one candidate goes.
  assert(survive < candidates_.size());
  const auto at = candidates_.begin() + static_cast<std::ptrdiff_t>(survive);
  std::nth_element(candidates_.begin(), at, candidates_.end(), std::greater<>());
  const std::uint32_t boundary = coarse_of(*at);
  ties_.clear();
  std::size_t tied_before_cut = 0;
  for (auto it = candidates_.begin(); it != candidates_.end(); ++it) {
    const std::uint32_t index = index_of(*it);
    if (coarse_of(*it) == boundary) {
      ties_.push_back(full_key(index));
      if (it < at) ++tied_before_cut;
    } else if (it > at) {
      losers.push_back(index);
    }
  }
  const auto tie_cut = ties_.begin() + static_cast<std::ptrdiff_t>(tied_before_cut);
  std::nth_element(ties_.begin(), tie_cut, ties_.end(), ranks_higher);
  for (auto it = tie_cut; it != ties_.end(); ++it) losers.push_back(it->index);
}

}  // namespace lukhas::memory
