#include "core/memory/prune_select.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <tuple>

namespace lukhas::memory {

namespace {
// At most 2048 counters (8 KB, stays in L1), and about one a fold below
// that: clearing and walking 2048 counters to prune 10 folds cost more than
// ranking them outright.
constexpr unsigned kMaxBucketBits = 11;
constexpr std::size_t kMinBucketed = 64;
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

void PruneSelector::select(std::span<const std::uint32_t> coarse, std::size_t keep,
                           const std::function<RankKey(std::uint32_t)>& full_key,
                           std::vector<std::uint32_t>& losers) {
  losers.clear();
  const std::size_t n = coarse.size();
  if (keep >= n) return;

  const auto [lo_it, hi_it] = std::minmax_element(coarse.begin(), coarse.end());
  const std::uint32_t lo = *lo_it;
  const std::uint32_t span = *hi_it - lo;
  // The smallest shift that maps [lo, hi] onto at most 2^bucket_bits buckets.
  // Below kMinBucketed folds one bucket: everything is a candidate.
  const unsigned bucket_bits =
      n < kMinBucketed ? 0 : std::min(kMaxBucketBits, static_cast<unsigned>(std::bit_width(n)));
  const unsigned width = static_cast<unsigned>(std::bit_width(span));
  const unsigned shift = width > bucket_bits ? width - bucket_bits : 0;
  const auto bucket = [&](std::uint32_t c) { return (c - lo) >> shift; };

  counts_.assign((std::size_t{span} >> shift) + 1, 0);
  for (const std::uint32_t c : coarse) ++counts_[bucket(c)];

  // From the top bucket down: the cut bucket is the first whose folds,
  // with all above, outnumber the survivors.
  std::size_t cut = counts_.size() - 1;
  std::size_t above = 0;
  while (above + counts_[cut] <= keep) above += counts_[cut--];

  candidates_.clear();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t b = bucket(coarse[i]);
    if (b < cut) {
      losers.push_back(static_cast<std::uint32_t>(i));
    } else if (b == cut) {
      candidates_.push_back(std::uint64_t{coarse[i]} << 32 | i);
    }
  }

  // Within the cut bucket `survive` more folds are kept. By coarse key first
  // (descending); candidates on either side of the cut but equal to it on
  // the coarse key are ranked by the full key, and as many of them survive
  // as sat before the cut.
  const std::size_t survive = keep - above;
  // The walk stopped where the bucket outnumbers the places left, so at
  // least one candidate goes.
  assert(survive < candidates_.size());
  const auto at = candidates_.begin() + static_cast<std::ptrdiff_t>(survive);
  std::nth_element(candidates_.begin(), at, candidates_.end(), std::greater<>());
  const std::uint64_t boundary = *at >> 32;
  ties_.clear();
  std::size_t tied_before_cut = 0;
  for (auto it = candidates_.begin(); it != candidates_.end(); ++it) {
    const auto index = static_cast<std::uint32_t>(*it);
    if (*it >> 32 == boundary) {
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
