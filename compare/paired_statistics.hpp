#pragma once
// Pure statistics on paired samples (docs/comparator.md, "Paired mode"): the
// Wilcoxon signed-rank test and a distribution-free confidence interval of
// the median of paired ratios. No I/O.
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
  double median = 0;  // median of the ratios (statistics.hpp median)
  double low = 0;     // order statistics x(k) and x(n + 1 - k) of the ratios
  double high = 0;
  double level = 0;   // the interval's coverage: 1 - 2 P(Binomial(n, 1/2) < k)
  std::size_t k = 0;  // 1-based rank of the lower bound
};

// Distribution-free interval of the median of `ratios` (the sign test's
// interval): the order statistics x(k) and x(n + 1 - k), k the largest rank
// with P(Binomial(n, 1/2) < k) <= (1 - level) / 2, so that the median lies
// between them with probability 1 - 2 P(Binomial(n, 1/2) < k) >= level
// whatever the distribution of the ratios (15 pairs: x(4) to x(12),
// 96.5%; 25, bench-run ab's default: x(8) to x(18), 95.7%). Fewer pairs than that allows (5 or fewer at 95%): the range, with
// the coverage it has (3 pairs: 75%). A percentile bootstrap of the median
// is narrower than this for a few heavy-tailed pairs and then covers less
// than it claims (docs/comparator.md, "Paired mode"). nullopt when empty or
// a ratio is not finite.
std::optional<RatioInterval> median_interval(std::span<const double> ratios, double level = 0.95);

struct BeyondTest {
  std::size_t n = 0;        // ratios
  std::size_t above = 0;    // ratios above `high`
  std::size_t below = 0;    // ratios below `low`
  double p_above = 1;       // one-sided: P(B >= above), B ~ Binomial(n, 1/2)
  double p_below = 1;       // one-sided: P(B >= below)
  double min_p_value = 1;   // every ratio on one side: 1 / 2^n
};

// The sign tests of "the median ratio is at most `high`" (p_above) and "at
// least `low`" (p_below), the hypotheses a paired regression or improvement
// rejects: were the median at `high` or below, each ratio would lie above
// `high` with probability at most 1/2, so the count above is at most
// Binomial(n, 1/2). median_interval's bound clearing `high` amounts to
// p_above at most the interval's tail; as a p-value it can be corrected for
// the number of benchmarks judged together (decide.cpp), which an interval
// of fixed level is not.
BeyondTest sign_test_beyond(std::span<const double> ratios, double low, double high);

}  // namespace lukhas::compare
