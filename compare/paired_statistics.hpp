#pragma once
// Pure statistics on paired samples (docs/comparator.md, "Paired mode"): the
// Wilcoxon signed-rank test and a bootstrap confidence interval of the median
// of paired ratios. No I/O; the bootstrap takes its seed.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace lukhas::compare {

enum class WMethod { exact, normal };

struct WTest {
  double w_plus = 0;        // sum of the ranks of the positive differences (midranks on ties)
  std::size_t n = 0;        // differences ranked: the non-zero ones
  std::size_t zeros = 0;    // differences exactly 0, left out (Wilcoxon's zero method)
  bool ties = false;        // equal |differences| among the ranked ones
  double p_value = 1;       // two-sided
  WMethod method = WMethod::exact;
  double min_p_value = 1;   // smallest two-sided p n differences can give: 2 / 2^n
                            // (every sign the same), never above the p observed
};

// Differences at or below this many (without ties or zeros) use the exact
// null distribution: 2^n sign patterns counted by rank sums, O(n^3) once per
// n; 50 is scipy's bound for method="auto" and covers every run we make.
inline constexpr std::size_t kExactMaxSignedRanks = 50;

// Two-sided Wilcoxon signed-rank test of "the differences are symmetric about
// 0". Zero differences are dropped (zero_method "wilcox"), the rest ranked by
// absolute value with midranks for ties. Exact when there are no ties, no
// zeros and n <= kExactMaxSignedRanks: p = min(1, 2 * min(P(W+ <= w),
// P(W+ >= w))) over the 2^n equally likely sign patterns. Otherwise the
// normal approximation with the tie correction of the variance
// (n(n+1)(2n+1)/24 - sum(t^3 - t)/48) and a continuity correction of 0.5,
// as scipy.stats.wilcoxon(zero_method="wilcox", correction=True,
// method="approx"). `force_normal` skips the exact path (tests). No
// non-zero difference at all: p = 1.
WTest wilcoxon_signed_rank(std::span<const double> differences, bool force_normal = false);

// 2 / 2^n capped at 1: complete agreement of n signs.
double min_two_sided_signed_rank_p(std::size_t n);

struct RatioInterval {
  double median = 0;   // median of the ratios (statistics.hpp median)
  double low = 0;      // percentile bootstrap bounds of that median
  double high = 0;
  double level = 0.95;
  std::size_t resamples = 0;
  std::uint64_t seed = 0;
};

inline constexpr std::size_t kDefaultResamples = 2000;
inline constexpr std::uint64_t kDefaultBootstrapSeed = 20260101;

// Percentile bootstrap of the median of `ratios`: `resamples` resamples of
// the same size drawn with replacement (SplitMix64 from `seed`, so the
// interval replays exactly), the median of each, and their empirical
// quantiles (1 - level) / 2 and (1 + level) / 2 (the order statistics at
// floor(B (1 - level) / 2) and ceil(B (1 + level) / 2) - 1, 0-based).
// nullopt when empty or a ratio is not finite.
std::optional<RatioInterval> bootstrap_median_ratio(std::span<const double> ratios, double level = 0.95,
                                                    std::size_t resamples = kDefaultResamples,
                                                    std::uint64_t seed = kDefaultBootstrapSeed);

}  // namespace lukhas::compare
