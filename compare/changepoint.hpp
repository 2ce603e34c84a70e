#pragma once
// Change points in one series (one value per run, in run order): E-divisive
// means (Matteson & James 2014, "A nonparametric approach for multiple change
// point analysis of multivariate data"), the method Apache Otava (formerly
// Hunter) applies to performance history. Pure: values and settings in, change
// points out; the permutation test draws from its own seeded generator, so the
// same input and seed give the same answer on every platform.
// docs/comparator.md ("History and change points") says why this method and
// these settings.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace lukhas::compare {

struct ChangePointSettings {
  // A candidate split is kept when its permutation p-value is at most alpha.
  double alpha = 0.01;
  // Permutations per candidate: the smallest p-value they can give is
  // 1 / (permutations + 1) (0.005 for 199).
  std::size_t permutations = 199;
  // A candidate whose permutations already beat it this many times is not
  // significant whatever the rest would show: stop there (Besag & Clifford
  // 1991, sequential Monte Carlo p-values), so a flat series costs about
  // exceedances / alpha-free permutations instead of all of them.
  std::size_t stop_after_exceedances = 10;
  // No segment shorter than this: a change point needs this many runs on
  // either side (and between two change points).
  std::size_t min_segment = 5;
  // Stop after this many change points in one series.
  std::size_t max_change_points = 32;
  std::uint64_t seed = 1;
};

struct ChangePoint {
  std::size_t index = 0;   // the first point after the change
  double statistic = 0;    // the E-divisive statistic q of the split
  double p_value = 1;      // permutation p-value when it was accepted
  std::size_t permutations_run = 0;
  double median_before = 0;  // median of the segment that ends at index
  double median_after = 0;   // median of the segment that starts at index
  double step = 0;           // median_after / median_before - 1 (0.02 = 2% higher)
};

// The change points of `xs`, in index order, each with the medians of the
// final segments on either side. Non-finite values are not allowed (the
// caller drops them). Fewer than 2 * min_segment points: none.
std::vector<ChangePoint> detect_change_points(std::span<const double> xs, const ChangePointSettings& settings);

// Exposed for tests: the best split of xs by the E-divisive statistic with
// exponent 1, q(t) = t(n-t)/n * (2/(t(n-t)) sum|x_i - y_j| - C(t,2)^-1 sum|x_i - x_k|
// - C(n-t,2)^-1 sum|y_j - y_k|), over t in [min_segment, n - min_segment].
// O(n log n). Returns {t, q}; t == 0 when no split is allowed.
struct BestSplit {
  std::size_t index = 0;
  double statistic = 0;
};
BestSplit best_split(std::span<const double> xs, std::size_t min_segment);
// The same statistic at one split, by the definition (O(n^2)): the reference
// best_split is tested against.
double edivisive_statistic_naive(std::span<const double> xs, std::size_t t);

}  // namespace lukhas::compare
