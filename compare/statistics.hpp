#pragma once
// Pure statistics on samples: no I/O, no state beyond a cache of exact
// Mann-Whitney distributions keyed by sample sizes.
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace lukhas::compare {

// Median (mean of the middle two for even sizes). nullopt when empty.
std::optional<double> median(std::span<const double> xs);
// Median absolute deviation from the median, unscaled (no 1.4826 factor).
std::optional<double> mad(std::span<const double> xs);
// Interquartile range, quartiles by linear interpolation between order
// statistics (Hyndman & Fan type 7, the default of R, numpy and Excel).
std::optional<double> iqr(std::span<const double> xs);
double mean(std::span<const double> xs);
// Sample standard deviation (n - 1), as Google Benchmark's _stddev aggregate.
std::optional<double> stddev(std::span<const double> xs);
// stddev / mean, as Google Benchmark's _cv aggregate; nullopt for n < 2 or mean 0.
std::optional<double> coefficient_of_variation(std::span<const double> xs);
// exp(mean(log x)); nullopt when empty or any value is not finite and positive.
std::optional<double> geometric_mean(std::span<const double> xs);

enum class UMethod { exact, normal };

struct UTest {
  double u = 0;          // U of the first sample: pairs (x, y) with x > y, ties counting 1/2
  double p_value = 1;    // two-sided
  UMethod method = UMethod::exact;
  bool ties = false;
  double min_p_value = 1;  // smallest two-sided p these sample sizes can give: 2 / C(n1 + n2, n1)
                           // without ties, never above the p observed (ties can go lower)
};

// Samples at or below this many pairs (n1 * n2) without ties use the exact
// distribution; 400 = 20 x 20 repetitions, enough for every run we make, and
// the distribution is computed once per pair of sizes.
inline constexpr std::size_t kExactMaxPairs = 400;

// Two-sided Mann-Whitney U test. Exact when there are no ties and
// n1 * n2 <= kExactMaxPairs: p = min(1, 2 * min(P(U <= u), P(U >= u))).
// Otherwise the normal approximation with tie correction and continuity
// correction (0.5), as scipy.stats.mannwhitneyu(method="asymptotic",
// use_continuity=True). `force_normal` skips the exact path (for tests and
// comparisons with scipy's method="asymptotic"). Requires n1, n2 >= 1.
UTest mann_whitney_u(std::span<const double> x, std::span<const double> y, bool force_normal = false);

// Smallest two-sided p-value any outcome can give for these sizes:
// 2 / C(n1 + n2, n1) (complete separation), capped at 1.
double min_two_sided_p(std::size_t n1, std::size_t n2);

// Benjamini-Hochberg adjusted p-values (q-values), in input order.
std::vector<double> benjamini_hochberg(std::span<const double> p_values);

// For each test i, the q-value it would get from Benjamini-Hochberg if its own
// p were best_p[i] (the smallest its sample sizes allow) and every other p
// stayed as it is: whether the test can reach alpha in this run at all. A
// test judged on p alone "can reach alpha" at 4 vs 4 (p 0.029), yet among 20
// tests its q is 0.57 even at complete separation; judged on q, such a test
// falls back to the threshold like a 3 vs 3 one, so more repetitions never
// turn a regression the threshold catches into "unchanged". O(m log m).
std::vector<double> best_case_q(std::span<const double> p_values, std::span<const double> best_p);

// Standard normal upper tail, P(Z > z).
double normal_sf(double z);

// Midranks of a sorted sequence of n values: calls visit(k, rank) for every
// position k with the mean rank (1-based) of the group of equal values it
// belongs to, and returns the sum of t^3 - t over groups of t > 1 equal
// values (the tie correction of both rank tests), or 0 without ties.
// equal(a, b) compares positions a and b.
template <class Equal, class Visit>
double for_each_midrank(std::size_t n, Equal equal, Visit visit) {
  double tie_term = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && equal(j, i)) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    const double size = static_cast<double>(j - i);
    if (j - i > 1) tie_term += size * size * size - size;
    for (std::size_t k = i; k < j; ++k) visit(k, rank);
    i = j;
  }
  return tie_term;
}

}  // namespace lukhas::compare
