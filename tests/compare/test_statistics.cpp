// Statistics pinned to reference values obtained independently of the code
// under test; each test says how its reference was obtained.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "compare/statistics.hpp"

namespace lukhas::compare {
namespace {

// Independent reference for the exact test: enumerate every way of choosing
// which n1 of the n1 + n2 ranks belong to the first sample (no ties), count
// how often U is at least as extreme as the observed one.
double brute_force_exact_p(const std::vector<double>& x, const std::vector<double>& y) {
  std::vector<std::pair<double, int>> pooled;
  for (double v : x) pooled.emplace_back(v, 0);
  for (double v : y) pooled.emplace_back(v, 1);
  std::sort(pooled.begin(), pooled.end());
  const std::size_t n = pooled.size(), n1 = x.size(), n2 = y.size();
  double r1 = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (pooled[i].second == 0) r1 += static_cast<double>(i + 1);
  const double u_obs = r1 - static_cast<double>(n1 * (n1 + 1)) / 2;
  const double mu = static_cast<double>(n1 * n2) / 2;
  std::vector<int> pick(n, 0);
  std::fill(pick.end() - static_cast<std::ptrdiff_t>(n1), pick.end(), 1);
  std::size_t total = 0, extreme = 0;
  do {
    double r = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (pick[i]) r += static_cast<double>(i + 1);
    const double u = r - static_cast<double>(n1 * (n1 + 1)) / 2;
    ++total;
    if (std::fabs(u - mu) >= std::fabs(u_obs - mu) - 1e-9) ++extreme;
  } while (std::next_permutation(pick.begin(), pick.end()));
  // For a symmetric distribution, P(|U - mu| >= |u - mu|) equals
  // min(1, 2 * min(P(U <= u), P(U >= u))).
  return std::min(1.0, static_cast<double>(extreme) / static_cast<double>(total));
}

TEST(Statistics, MedianOfOddAndEvenSamples) {
  // By hand: {3,1,2} -> 2; {4,1,3,2} -> (2+3)/2.
  EXPECT_DOUBLE_EQ(*median(std::vector<double>{3, 1, 2}), 2.0);
  EXPECT_DOUBLE_EQ(*median(std::vector<double>{4, 1, 3, 2}), 2.5);
  EXPECT_FALSE(median(std::vector<double>{}).has_value());
}

TEST(Statistics, MadIgnoresOneWildOutlier) {
  // By hand: median 3, absolute deviations {2,1,0,1,97}, their median 1.
  EXPECT_DOUBLE_EQ(*mad(std::vector<double>{1, 2, 3, 4, 100}), 1.0);
}

TEST(Statistics, IqrUsesLinearInterpolation) {
  // Type 7 by hand: q1 at h = 0.75 -> 1.75, q3 at h = 2.25 -> 3.25.
  EXPECT_DOUBLE_EQ(*iqr(std::vector<double>{4, 3, 2, 1}), 1.5);
  // numpy.percentile([1..9], [25, 75]) = 3, 7 (documented behaviour of type 7).
  EXPECT_DOUBLE_EQ(*iqr(std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9}), 4.0);
}

TEST(Statistics, CoefficientOfVariationUsesSampleStddev) {
  // By hand: mean 5, squared deviations sum 32, variance 32/7.
  const std::vector<double> xs{2, 4, 4, 4, 5, 5, 7, 9};
  EXPECT_NEAR(*stddev(xs), std::sqrt(32.0 / 7.0), 1e-12);
  EXPECT_NEAR(*coefficient_of_variation(xs), std::sqrt(32.0 / 7.0) / 5.0, 1e-12);
  EXPECT_FALSE(coefficient_of_variation(std::vector<double>{1}).has_value());
}

TEST(Statistics, GeometricMeanOfRatios) {
  // By hand: sqrt(1 * 4) = 2; sqrt(2 * 8) = 4; a +10% and a -1/1.1 cancel.
  EXPECT_NEAR(*geometric_mean(std::vector<double>{1, 4}), 2.0, 1e-12);
  EXPECT_NEAR(*geometric_mean(std::vector<double>{2, 8}), 4.0, 1e-12);
  EXPECT_NEAR(*geometric_mean(std::vector<double>{1.1, 1 / 1.1}), 1.0, 1e-12);
  EXPECT_FALSE(geometric_mean(std::vector<double>{1, 0}).has_value());
}

TEST(Statistics, ExactUTestMatchesScipyDocumentationExample) {
  // scipy.stats.mannwhitneyu documentation: males vs females,
  // method="exact" -> statistic 17.0, pvalue 0.1111111111111111.
  const std::vector<double> males{19, 22, 16, 29, 24}, females{20, 11, 17, 12};
  const UTest t = mann_whitney_u(males, females);
  EXPECT_EQ(t.method, UMethod::exact);
  EXPECT_DOUBLE_EQ(t.u, 17.0);
  EXPECT_NEAR(t.p_value, 0.1111111111111111, 1e-12);
}

TEST(Statistics, ExactUTestMatchesBruteForceEnumeration) {
  const std::vector<std::pair<std::vector<double>, std::vector<double>>> cases = {
      {{1, 2, 3}, {4, 5, 6}},
      {{1.5, 3.1, 0.2, 7.7}, {2.2, 9.1, 4.4, 5.0, 6.3}},
      {{10, 20, 30, 40, 50, 60}, {15, 25, 35, 45, 55, 65}},
      {{5, 1, 9, 3, 7, 11, 2}, {4, 8, 6, 10, 12, 13, 14}},
  };
  for (const auto& [x, y] : cases) {
    const UTest t = mann_whitney_u(x, y);
    ASSERT_EQ(t.method, UMethod::exact);
    EXPECT_NEAR(t.p_value, brute_force_exact_p(x, y), 1e-12) << "n1=" << x.size() << " n2=" << y.size();
  }
}

TEST(Statistics, ThreeAgainstThreeCanNeverReachFivePercent) {
  // Complete separation is the most extreme outcome: 2 / C(6, 3) = 2 / 20.
  const UTest t = mann_whitney_u(std::vector<double>{1, 2, 3}, std::vector<double>{4, 5, 6});
  EXPECT_NEAR(t.p_value, 0.1, 1e-12);
  EXPECT_NEAR(t.min_p_value, 0.1, 1e-12);
  EXPECT_NEAR(min_two_sided_p(4, 4), 2.0 / 70.0, 1e-12);  // 4 a side can: 0.0286
}

TEST(Statistics, NormalApproximationMatchesScipyAsymptotic) {
  // scipy docs, same data, method="asymptotic" -> pvalue 0.11134688653314041
  // (continuity correction on by default).
  const std::vector<double> males{19, 22, 16, 29, 24}, females{20, 11, 17, 12};
  const UTest t = mann_whitney_u(males, females, /*force_normal=*/true);
  EXPECT_EQ(t.method, UMethod::normal);
  EXPECT_NEAR(t.p_value, 0.11134688653314041, 1e-12);
}

TEST(Statistics, NormalApproximationWithTieCorrection) {
  // By hand (textbook formula, continuity correction 0.5):
  // x = {1,2,2,3}, y = {2,3,4,5}; midranks give R1 = 12.5, U1 = 2.5, mu = 8;
  // ties: one triple and one pair, sum(t^3 - t) = 24 + 6 = 30;
  // var = 4*4/12 * (9 - 30/56) = 11.2857142857; z = (5.5 - 0.5) / sqrt(var)
  // = 1.48835139; p = 2 * (1 - Phi(z)) = 0.13665824773814753 (Python math.erfc).
  const UTest t = mann_whitney_u(std::vector<double>{1, 2, 2, 3}, std::vector<double>{2, 3, 4, 5});
  EXPECT_EQ(t.method, UMethod::normal);
  EXPECT_TRUE(t.ties);
  EXPECT_DOUBLE_EQ(t.u, 2.5);
  EXPECT_NEAR(t.p_value, 0.13665824773814753, 1e-12);
}

TEST(Statistics, LargeSamplesWithoutTiesUseTheNormalApproximation) {
  std::vector<double> x, y;
  for (int i = 0; i < 25; ++i) {
    x.push_back(i);
    y.push_back(i + 0.5);
  }
  const UTest t = mann_whitney_u(x, y);
  EXPECT_EQ(t.method, UMethod::normal);  // 25 * 25 > kExactMaxPairs
  // By hand: R1 = sum of odd ranks 1..49 = 625, U1 = 625 - 325 = 300, mu = 312.5,
  // var = 625 * 51 / 12; z = (12.5 - 0.5) / sqrt(var); p = erfc(z / sqrt 2).
  const double z = 12.0 / std::sqrt(625.0 * 51.0 / 12.0);
  EXPECT_NEAR(t.p_value, std::erfc(z / std::sqrt(2.0)), 1e-12);
}

TEST(Statistics, AllValuesTiedGiveP1) {
  const UTest t = mann_whitney_u(std::vector<double>{5, 5, 5}, std::vector<double>{5, 5, 5});
  EXPECT_DOUBLE_EQ(t.p_value, 1.0);
}

TEST(Statistics, BenjaminiHochbergOnAWorkedExample) {
  // By hand, m = 4: sorted p .005 .01 .03 .04 -> p*m/rank .02 .02 .04 .04,
  // already monotone; back in input order.
  const auto q = benjamini_hochberg(std::vector<double>{0.01, 0.04, 0.03, 0.005});
  ASSERT_EQ(q.size(), 4u);
  EXPECT_NEAR(q[0], 0.02, 1e-12);
  EXPECT_NEAR(q[1], 0.04, 1e-12);
  EXPECT_NEAR(q[2], 0.04, 1e-12);
  EXPECT_NEAR(q[3], 0.02, 1e-12);
}

TEST(Statistics, BenjaminiHochbergTakesTheRunningMinimumFromTheTop) {
  // R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "BH") = 0.05 each; and
  // p.adjust(c(0.01, 0.5, 0.02), "BH") = 0.03 0.5 0.03 (by hand: .01*3/1=.03,
  // .02*3/2=.03, .5*3/3=.5).
  for (double v : benjamini_hochberg(std::vector<double>{0.01, 0.02, 0.03, 0.04, 0.05})) EXPECT_NEAR(v, 0.05, 1e-12);
  const auto q = benjamini_hochberg(std::vector<double>{0.01, 0.5, 0.02});
  EXPECT_NEAR(q[0], 0.03, 1e-12);
  EXPECT_NEAR(q[1], 0.5, 1e-12);
  EXPECT_NEAR(q[2], 0.03, 1e-12);
}

}  // namespace
}  // namespace lukhas::compare

namespace lukhas::compare {
namespace {

// best_case_q against its definition: Benjamini-Hochberg rerun with p_i
// replaced, for every i, on inputs with ties.
TEST(Statistics, BestCaseQMatchesBenjaminiHochbergRerunWithTheBestP) {
  std::uint64_t state = 42;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 40) / static_cast<double>(1ULL << 24);
  };
  for (int round = 0; round < 200; ++round) {
    const std::size_t m = 1 + round % 23;
    std::vector<double> p(m), best(m);
    for (std::size_t i = 0; i < m; ++i) {
      p[i] = round % 3 == 0 ? std::round(next() * 4) / 4 : next();  // every third round: many ties
      best[i] = p[i] * next();
    }
    const auto q = best_case_q(p, best);
    for (std::size_t i = 0; i < m; ++i) {
      auto replaced = p;
      replaced[i] = best[i];
      EXPECT_NEAR(q[i], benjamini_hochberg(replaced)[i], 1e-12) << "round " << round << " i " << i;
    }
  }
}

// With ties the normal approximation's variance shrinks: 3 vs 3 in two tied
// groups gives p 0.047, below the no-ties bound of 0.1 the "cannot reach
// alpha" note quoted. The bound reported is never above the p observed.
TEST(Statistics, TieCorrectedPNeverFallsBelowTheReportedSmallestP) {
  const std::vector<double> x{1, 1, 1}, y{2, 2, 2};
  const UTest t = mann_whitney_u(x, y);
  EXPECT_TRUE(t.ties);
  EXPECT_LT(t.p_value, 0.05);
  EXPECT_LE(t.min_p_value, t.p_value);
}

// P(U >= u) summed from the top, not 1 - P(U <= u - 1): at 20 vs 20 and
// complete separation the tail is 1 / C(40, 20) = 7.3e-12, where 1 - cdf
// kept only about five significant digits.
TEST(Statistics, ExactUpperTailKeepsItsDigits) {
  std::vector<double> low, high;
  for (int i = 0; i < 20; ++i) {
    low.push_back(i);
    high.push_back(100 + i);
  }
  const double expected = 2.0 / 137846528820.0;  // C(40, 20) = 137846528820
  const UTest up = mann_whitney_u(high, low);     // U = 400: the upper tail
  const UTest down = mann_whitney_u(low, high);   // U = 0: the lower tail
  ASSERT_EQ(up.method, UMethod::exact);
  EXPECT_NEAR(up.p_value / expected, 1.0, 1e-12);
  EXPECT_NEAR(down.p_value / expected, 1.0, 1e-12);
}

}  // namespace
}  // namespace lukhas::compare
