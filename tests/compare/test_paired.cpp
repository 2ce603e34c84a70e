// Paired mode: the signed-rank test and the median's interval pinned to
// values obtained independently of the code under test (each test says how),
// the pairing of repetitions (hostile inputs fail the benchmark with a
// reason), and the paired decision.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "compare/decide.hpp"
#include "compare/paired_repetitions.hpp"
#include "compare/paired_statistics.hpp"
#include "compare/render_json.hpp"
#include "tests/compare/test_util.hpp"

namespace lukhas::compare {
namespace {

using testing::append;
using testing::rep;
using testing::reps;
using testing::side_of;

// Independent reference for the exact test: every one of the 2^n sign
// patterns of the ranks 1..n, counting those whose W+ is at least as far
// from n(n+1)/4 as the observed one (the null distribution is symmetric).
double brute_force_signed_rank_p(const std::vector<double>& d) {
  std::vector<double> a;
  for (double x : d) a.push_back(std::fabs(x));
  std::sort(a.begin(), a.end());
  const std::size_t n = d.size();
  double w_obs = 0;
  for (double x : d)
    if (x > 0) w_obs += static_cast<double>(std::find(a.begin(), a.end(), std::fabs(x)) - a.begin() + 1);
  const double mu = static_cast<double>(n * (n + 1)) / 4;
  std::size_t extreme = 0;
  for (std::size_t mask = 0; mask < (std::size_t{1} << n); ++mask) {
    double w = 0;
    for (std::size_t r = 0; r < n; ++r)
      if (mask & (std::size_t{1} << r)) w += static_cast<double>(r + 1);
    if (std::fabs(w - mu) >= std::fabs(w_obs - mu) - 1e-9) ++extreme;
  }
  return std::min(1.0, static_cast<double>(extreme) / static_cast<double>(std::size_t{1} << n));
}

TEST(SignedRank, ExactPMatchesThePublishedCriticalValueForTenPairs) {
  // Tables of the signed-rank test give T = 8 as the two-sided 5% critical
  // value for n = 10, with P(T <= 8) = 25/1024: two-sided p = 50/1024. Here
  // the positive differences have ranks 1, 3 and 4 (W+ = 8).
  const std::vector<double> d{1, -2, 3, 4, -5, -6, -7, -8, -9, -10};
  const WTest t = wilcoxon_signed_rank(d);
  EXPECT_EQ(t.method, WMethod::exact);
  EXPECT_DOUBLE_EQ(t.w_plus, 8);
  EXPECT_DOUBLE_EQ(t.p_value, 50.0 / 1024);
  EXPECT_DOUBLE_EQ(t.min_p_value, 2.0 / 1024);
}

TEST(SignedRank, NinePairsOfOneSignGiveTheSmallestP) {
  // 2 / 2^9 by hand: only "all positive" and "all negative" are as extreme.
  const std::vector<double> d{0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09};
  const WTest t = wilcoxon_signed_rank(d);
  EXPECT_DOUBLE_EQ(t.p_value, 2.0 / 512);
  EXPECT_DOUBLE_EQ(t.min_p_value, t.p_value);
  // W+ = 40 of 45 (rank 5 negative): 5 patterns have W+ >= 40 (negative
  // ranks {}, {1}, {2}, {3}, {4}, {5}, {1,2}, {1,3}, {1,4}, {2,3}: the ten
  // with sum <= 5), so p = 2 * 10 / 512 by counting.
  const std::vector<double> e{1, 2, 3, 4, -5, 6, 7, 8, 9};
  EXPECT_DOUBLE_EQ(wilcoxon_signed_rank(e).p_value, 20.0 / 512);
}

TEST(SignedRank, ExactPMatchesEnumerationOfEverySignPattern) {
  const std::vector<std::vector<double>> cases{
      {0.3, -0.1, 0.7, 0.25, -0.05, 0.9},
      {-1.5, 2.25, 3.5, -4.75, 5.5, 6.125, -7.5, 8.25},
      {0.011, 0.023, -0.002, 0.031, 0.004, -0.017, 0.027, 0.009, 0.041, -0.013, 0.035, 0.006},
      {-3, -1, -2}};
  for (const auto& d : cases) {
    const WTest t = wilcoxon_signed_rank(d);
    EXPECT_EQ(t.method, WMethod::exact);
    EXPECT_NEAR(t.p_value, brute_force_signed_rank_p(d), 1e-12) << d.size() << " differences";
  }
}

TEST(SignedRank, TiesAndZerosUseTheCorrectedNormalApproximation) {
  // By hand: the zero is dropped (n = 7); |d| = 1, 2, 2, 3, 4, 4, 5 take
  // ranks 1, 2.5, 2.5, 4, 5.5, 5.5, 7; W+ = 1 + 2.5 + 4 + 5.5 + 5.5 + 7 =
  // 25.5; mean 7 * 8 / 4 = 14; variance 7 * 8 * 15 / 24 - (6 + 6) / 48 =
  // 34.75; z = (11.5 - 0.5) / sqrt(34.75) = 1.86602; p = erfc(z / sqrt 2).
  const std::vector<double> d{1, -2, 2, 3, 0, 4, 4, 5};
  const WTest t = wilcoxon_signed_rank(d);
  EXPECT_EQ(t.method, WMethod::normal);
  EXPECT_EQ(t.n, 7u);
  EXPECT_EQ(t.zeros, 1u);
  EXPECT_TRUE(t.ties);
  EXPECT_DOUBLE_EQ(t.w_plus, 25.5);
  EXPECT_NEAR(t.p_value, 0.06203917662384972, 1e-12);
}

TEST(SignedRank, NormalApproximationIsCloseToExactForTwentyPairs) {
  std::vector<double> d;
  for (int i = 1; i <= 20; ++i) d.push_back((i % 3 == 0 ? -1.0 : 1.0) * i);
  const double exact = wilcoxon_signed_rank(d).p_value;
  const double approx = wilcoxon_signed_rank(d, true).p_value;
  EXPECT_NEAR(approx, exact, 0.01);
}

TEST(SignedRank, MirroredDifferencesGiveTheSamePAndNoDifferencesGiveOne) {
  const std::vector<double> d{0.3, -0.1, 0.7, 0.25, -0.05, 0.9, 0.45};
  std::vector<double> m;
  for (double x : d) m.push_back(-x);
  EXPECT_DOUBLE_EQ(wilcoxon_signed_rank(d).p_value, wilcoxon_signed_rank(m).p_value);
  const std::vector<double> zeros{0, 0, 0};
  EXPECT_EQ(wilcoxon_signed_rank(zeros).p_value, 1);
  EXPECT_EQ(wilcoxon_signed_rank(zeros).n, 0u);
}

TEST(MedianInterval, TenPairsGiveTheSecondAndNinthAsInThePublishedTable) {
  // The sign test's 95% interval of a median from 10 values is x(2) to
  // x(9) (tables of order-statistic intervals, e.g. Conover, "Practical
  // Nonparametric Statistics", table A3): P(B <= 1) = 11 / 1024, coverage
  // 1 - 22 / 1024 = 97.85%.
  const std::vector<double> r{1.07, 0.98, 1.01, 1.12, 1.03, 0.95, 1.04, 1.00, 1.06, 1.02};
  const auto ci = median_interval(r);
  ASSERT_TRUE(ci);
  EXPECT_EQ(ci->k, 2u);
  EXPECT_EQ(ci->low, 0.98);
  EXPECT_EQ(ci->high, 1.07);
  EXPECT_DOUBLE_EQ(ci->median, (1.02 + 1.03) / 2);
  EXPECT_DOUBLE_EQ(ci->level, 1 - 22.0 / 1024);
}

TEST(MedianInterval, FifteenAndTwentyFivePairsGiveTheOrderStatisticsOfTheBinomialTail) {
  // By hand, k the largest rank with P(B <= k - 1) <= 2.5%:
  // 15 pairs: P(B <= 3) = (1 + 15 + 105 + 455) / 2^15 = 576 / 32768,
  // P(B <= 4) = 1941 / 32768 > 2.5%: k = 4, x(4) to x(12).
  // 25 pairs (bench-run ab's default): P(B <= 7) = 726206 / 2^25 = 2.16%,
  // P(B <= 8) = 1807781 / 2^25 = 5.39%: k = 8, x(8) to x(18), 95.67%.
  struct Case {
    int n;
    std::size_t k;
    double tail;  // P(B <= k - 1)
  };
  for (const Case c : {Case{15, 4, 576.0 / 32768}, Case{25, 8, 726206.0 / 33554432}}) {
    std::vector<double> r;  // 1 + 0.01 n down to 1.01: x(i) is 1 + 0.01 i
    for (int i = c.n; i >= 1; --i) r.push_back(1 + 0.01 * i);
    const auto ci = median_interval(r);
    ASSERT_TRUE(ci) << c.n;
    EXPECT_EQ(ci->k, c.k) << c.n;
    EXPECT_DOUBLE_EQ(ci->low, 1 + 0.01 * static_cast<double>(c.k)) << c.n;
    EXPECT_DOUBLE_EQ(ci->high, 1 + 0.01 * static_cast<double>(static_cast<std::size_t>(c.n) + 1 - c.k)) << c.n;
    EXPECT_DOUBLE_EQ(ci->median, 1 + 0.01 * (c.n + 1) / 2) << c.n;
    EXPECT_DOUBLE_EQ(ci->level, 1 - 2 * c.tail) << c.n;
  }
}

TEST(MedianInterval, FewPairsGiveTheRangeWithTheCoverageItHas) {
  // 3 pairs: the range covers the median unless all three fall on one
  // side, 1 - 2 / 8 = 75%, short of 95%, and says so. 6 pairs: the range
  // is the first to reach it, 1 - 2 / 64.
  const auto three = median_interval(std::vector<double>{2, 1, 3});
  ASSERT_TRUE(three);
  EXPECT_EQ(three->median, 2);
  EXPECT_EQ(three->low, 1);
  EXPECT_EQ(three->high, 3);
  EXPECT_DOUBLE_EQ(three->level, 0.75);
  const auto six = median_interval(std::vector<double>{1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(six);
  EXPECT_EQ(six->low, 1);
  EXPECT_EQ(six->high, 6);
  EXPECT_DOUBLE_EQ(six->level, 1 - 2.0 / 64);
  const auto one = median_interval(std::vector<double>{1.05});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->low, 1.05);
  EXPECT_EQ(one->high, 1.05);
}

TEST(MedianInterval, ManyPairsKeepTheCoverageNearTheLevel) {
  // 2000 pairs: 2^-2000 underflows a double, the log-gamma terms do not.
  // The normal approximation puts k near n/2 - 1.96 sqrt(n)/2 = 956.
  std::vector<double> r;
  for (int i = 0; i < 2000; ++i) r.push_back(1 + 0.0001 * i);
  const auto ci = median_interval(r);
  ASSERT_TRUE(ci);
  EXPECT_NEAR(static_cast<double>(ci->k), 956, 2);
  EXPECT_GE(ci->level, 0.95);
  EXPECT_LT(ci->level, 0.96);
}

TEST(MedianInterval, ConstantRatiosGiveAPointInterval) {
  const auto ci = median_interval(std::vector<double>(9, 1.05));
  ASSERT_TRUE(ci);
  EXPECT_DOUBLE_EQ(ci->low, 1.05);
  EXPECT_DOUBLE_EQ(ci->high, 1.05);
}

TEST(MedianInterval, NoRatiosOrANonFiniteOneGiveNoInterval) {
  EXPECT_FALSE(median_interval(std::vector<double>{}));
  EXPECT_FALSE(median_interval(std::vector<double>{1.0, std::numeric_limits<double>::quiet_NaN()}));
  EXPECT_FALSE(median_interval(std::vector<double>{1.0, std::numeric_limits<double>::infinity()}));
}

TEST(SignTestBeyond, TwentyFivePairsEighteenAboveGiveTheBinomialTail) {
  // P(B >= 18), B ~ Binomial(25, 1/2): (C(25,7) + C(25,6) + ... + C(25,0)) /
  // 2^25 = (480700 + 177100 + 53130 + 12650 + 2300 + 300 + 25 + 1) / 33554432.
  std::vector<double> r(25, 1.0);
  for (int i = 0; i < 18; ++i) r[i] = 1.05;
  r[18] = 0.9;  // below: counts on the other side
  const BeyondTest t = sign_test_beyond(r, 0.98, 1.02);
  EXPECT_EQ(t.n, 25u);
  EXPECT_EQ(t.above, 18u);
  EXPECT_EQ(t.below, 1u);
  EXPECT_NEAR(t.p_above, 726206.0 / 33554432.0, 1e-12);
  EXPECT_NEAR(t.p_below, 1 - 1.0 / 33554432.0, 1e-12);  // P(B >= 1)
  EXPECT_NEAR(t.min_p_value, 1.0 / 33554432.0, 1e-18);
  // A ratio exactly at the bound is not beyond it.
  EXPECT_EQ(sign_test_beyond(std::vector<double>{1.02, 1.02}, 0.98, 1.02).above, 0u);
  EXPECT_DOUBLE_EQ(sign_test_beyond({}, 0.98, 1.02).p_above, 1.0);
}

TEST(SignTestBeyond, TheIntervalClearsABoundExactlyWhenTheOneSidedPIsWithinItsTail) {
  // The interval is the sign test inverted: its lower bound x(k) lies above
  // `high` when at least n + 1 - k ratios do, i.e. when P(B >= above) is at
  // most P(B <= k - 1), the interval's tail. Checked on shuffled samples.
  for (std::size_t n : {9u, 15u, 25u, 40u}) {
    for (std::size_t above = 0; above <= n; ++above) {
      std::vector<double> r;
      for (std::size_t i = 0; i < n; ++i) r.push_back(i < above ? 1.03 + 0.001 * static_cast<double>(i) : 1.0 - 0.001 * static_cast<double>(i));
      const auto ci = median_interval(r, 0.95);
      const BeyondTest t = sign_test_beyond(r, 0.98, 1.02);
      const double tail = (1 - ci->level) / 2;
      EXPECT_EQ(ci->low > 1.02, t.p_above <= tail + 1e-12) << n << " pairs, " << above << " above";
    }
  }
}

// ---- pairing of repetitions ------------------------------------------------

const Benchmark& only(const Side& s) { return s.benchmarks.at(0); }

TEST(PairRepetitions, PairsByRepetitionIndexNotByRowOrder) {
  const Side b = side_of(reps("BM_A", {10, 20, 30}));
  std::vector<Row> rows = reps("BM_A", {11, 21, 31});
  std::reverse(rows.begin(), rows.end());
  const Side c = side_of(rows);
  const auto p = pair_repetitions(only(b), only(c), "cpu_time");
  ASSERT_TRUE(p.problem.empty()) << p.problem;
  EXPECT_EQ(p.baseline, (std::vector<double>{10, 20, 30}));
  EXPECT_EQ(p.contender, (std::vector<double>{11, 21, 31}));
}

TEST(PairRepetitions, TimesAreNormalisedToNanoseconds) {
  const Side b = side_of(reps("BM_A", {1, 2}, "us"));
  const Side c = side_of(reps("BM_A", {1500, 2500}));
  const auto p = pair_repetitions(only(b), only(c), "cpu_time");
  ASSERT_TRUE(p.problem.empty());
  EXPECT_EQ(p.baseline, (std::vector<double>{1000, 2000}));
}

TEST(PairRepetitions, UnequalCountsCannotBePaired) {
  const auto p = pair_repetitions(only(side_of(reps("BM_A", {1, 2, 3}))), only(side_of(reps("BM_A", {1, 2}))), "cpu_time");
  EXPECT_NE(p.problem.find("unequal repetition counts: baseline 3, contender 2"), std::string::npos) << p.problem;
}

TEST(PairRepetitions, ARepetitionWithoutItsPartnerCannotBePaired) {
  std::vector<Row> c = reps("BM_A", {1, 2, 3});
  c[2].repetition_index = 7;
  const auto p = pair_repetitions(only(side_of(reps("BM_A", {1, 2, 3}))), only(side_of(c)), "cpu_time");
  EXPECT_NE(p.problem.find("baseline repetition 2 has no partner"), std::string::npos) << p.problem;
}

TEST(PairRepetitions, ADuplicatedRepetitionIndexCannotBePaired) {
  std::vector<Row> c = reps("BM_A", {1, 2, 3});
  c[2].repetition_index = 1;
  const auto p = pair_repetitions(only(side_of(reps("BM_A", {1, 2, 3}))), only(side_of(c)), "cpu_time");
  EXPECT_NE(p.problem.find("repetition_index 1 twice"), std::string::npos) << p.problem;
}

TEST(PairRepetitions, ANonFiniteOrZeroTimeSpoilsItsPair) {
  std::vector<Row> c = reps("BM_A", {1, 2, 3});
  c[1].cpu_time = std::numeric_limits<double>::quiet_NaN();
  auto p = pair_repetitions(only(side_of(reps("BM_A", {1, 2, 3}))), only(side_of(c)), "cpu_time");
  EXPECT_NE(p.problem.find("contender repetition 1 has cpu_time nan"), std::string::npos) << p.problem;
  std::vector<Row> b = reps("BM_A", {1, 0, 3});
  p = pair_repetitions(only(side_of(b)), only(side_of(reps("BM_A", {1, 2, 3}))), "cpu_time");
  EXPECT_NE(p.problem.find("baseline repetition 1 has cpu_time 0"), std::string::npos) << p.problem;
}

TEST(PairRepetitions, AFailedRepetitionSpoilsItsPair) {
  std::vector<Row> b = reps("BM_A", {1, 2, 3});
  b[0].error_occurred = true;
  b[0].mutable_extra().error_message = "out of memory";
  const auto p = pair_repetitions(only(side_of(b)), only(side_of(reps("BM_A", {1, 2, 3}))), "cpu_time");
  EXPECT_NE(p.problem.find("baseline repetition 0 failed (out of memory)"), std::string::npos) << p.problem;
}

TEST(PairRepetitions, RowsWithoutAnIndexPairInFileOrder) {
  std::vector<Row> b = reps("BM_A", {5, 6}), c = reps("BM_A", {7, 8});
  for (auto* side : {&b, &c})
    for (auto& r : *side) r.repetition_index = -1;
  const auto p = pair_repetitions(only(side_of(b)), only(side_of(c)), "cpu_time");
  ASSERT_TRUE(p.problem.empty());
  EXPECT_EQ(p.contender, (std::vector<double>{7, 8}));
}

// ---- the paired decision ---------------------------------------------------

Report run_paired(std::vector<Row> b, std::vector<Row> c, bool paired = true, Config cfg = {}) {
  Settings s;
  s.paired = paired;
  s.config = std::move(cfg);
  const Side bs = side_of(std::move(b));
  const Side cs = side_of(std::move(c));
  return decide(bs, cs, s);
}

// A machine whose speed drifts by 30% over the run: the baseline and the
// contender of each pair see the same drift.
std::vector<double> drifting(int n, double factor, double wobble_phase) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i)
    v.push_back(100 * (1 + 0.3 * i / (n - 1)) * factor * (1 + 0.002 * std::sin(2.3 * i + wobble_phase)));
  return v;
}

TEST(PairedDecision, DriftCancelsInAPairSoFivePercentIsCaught) {
  const auto b = reps("BM_A", drifting(9, 1.0, 0)), c = reps("BM_A", drifting(9, 1.05, 1));
  const Report paired = run_paired(b, c);
  const Comparison& p = paired.comparisons.at(0);
  EXPECT_TRUE(p.paired);
  EXPECT_EQ(p.n_pairs, 9u);
  EXPECT_EQ(p.verdict, Verdict::regressed);
  EXPECT_NEAR(*p.ratio, 1.05, 0.005);
  EXPECT_GT(*p.ratio_ci_low, 1.04);
  EXPECT_LT(*p.q_value, 0.05);
  EXPECT_EQ(paired.summary.exit_code, 1);
  // The same values unpaired: the drift swamps the change.
  const Report unpaired = run_paired(b, c, false);
  const Comparison& u = unpaired.comparisons.at(0);
  EXPECT_FALSE(u.paired);
  EXPECT_EQ(u.verdict, Verdict::unchanged);
}

TEST(PairedDecision, SameCodeIsUnchangedAndTheReportSaysPaired) {
  const Report r = run_paired(reps("BM_A", drifting(9, 1.0, 0)), reps("BM_A", drifting(9, 1.0, 2)));
  const Comparison& c = r.comparisons.at(0);
  EXPECT_EQ(c.verdict, Verdict::unchanged);
  EXPECT_TRUE(r.paired);
  ASSERT_FALSE(c.notes.empty());
  EXPECT_NE(c.notes.back().find("paired: 9 pairs, median ratio"), std::string::npos) << c.notes.back();
  const auto j = nlohmann::json::parse(render_json(r));
  EXPECT_EQ(j.at("paired"), true);
  const auto& pj = j.at("comparisons").at(0).at("paired");
  EXPECT_EQ(pj.at("n_pairs"), 9);
  EXPECT_EQ(pj.at("test"), "wilcoxon signed-rank");
  EXPECT_LE(pj.at("ci_low").get<double>(), pj.at("median_ratio").get<double>());
}

TEST(PairedDecision, SignificantButWithinTheThresholdIsUnchanged) {
  const Report r = run_paired(reps("BM_A", drifting(9, 1.0, 0)), reps("BM_A", drifting(9, 1.01, 1)));
  const Comparison& c = r.comparisons.at(0);
  EXPECT_LT(*c.q_value, 0.05);
  EXPECT_EQ(c.verdict, Verdict::unchanged);
}

TEST(PairedDecision, AMedianBeyondTheThresholdIsNotEnoughWhenItsIntervalReachesBelow) {
  // Median ratio 1.05, but a third of the pairs are at or below 1: the
  // interval reaches below 1 + 3%.
  const std::vector<double> base{100, 100, 100, 100, 100, 100, 100, 100, 100};
  const std::vector<double> cont{97, 99, 100.5, 104, 105, 106, 107, 108, 109};
  const Report r = run_paired(reps("BM_A", base), reps("BM_A", cont));
  const Comparison& c = r.comparisons.at(0);
  EXPECT_NEAR(*c.ratio, 1.05, 1e-12);
  EXPECT_LT(*c.ratio_ci_low, 1.03);
  EXPECT_EQ(c.verdict, Verdict::unchanged);
  bool noted = false;
  for (const auto& n : c.notes) noted = noted || n.find("its interval reaches") != std::string::npos;
  EXPECT_TRUE(noted);
}

// One benchmark of the given pairs judged at a 2% threshold among `others`
// unchanged benchmarks of `pairs` pairs (half up by 1%, half down): the
// rest of a run, for the corrections over its tests.
Report run_among_unchanged(const std::string& name, const std::vector<double>& a, const std::vector<double>& b,
                           int pairs = 15, int others = 7) {
  std::vector<Row> base = reps(name, a), cont = reps(name, b);
  for (int k = 0; k < others; ++k) {
    std::vector<double> same(pairs, 100.0), wobble(pairs);
    for (int i = 0; i < pairs; ++i) wobble[i] = 100.0 * (i % 2 ? 1.01 : 0.99) * (1 + 0.0001 * i);
    const std::string other = "BM_Same" + std::to_string(k);
    append(base, reps(other, same));
    append(cont, reps(other, wobble));
  }
  Config cfg;
  cfg.threshold_pct = 2;
  return run_paired(base, cont, true, cfg);
}

TEST(PairedDecision, TheIntervalDecidesWhenOutlyingPairsKeepTheSignedRankTestAboveAlpha) {
  // 25 pairs: 21 up 3% to 13%, one down 0.5%, three down 15% to 25% (other
  // work's load in those processes). The interval, x(8) to x(18), is +4.5%
  // to +9.5%; 21 of 25 above 1.02 give the sign test p = P(B >= 21) =
  // 4.6e-4, q = 3.6e-3 among eight; the three outliers' ranks keep the
  // signed-rank p near 0.017 and its q = 0.13 above alpha.
  std::vector<double> a(25, 100.0), b;
  for (int k = 0; k < 21; ++k) b.push_back(103 + 0.5 * k);
  for (double v : {99.5, 85.0, 80.0, 75.0}) b.push_back(v);
  const Report r = run_among_unchanged("BM_Miss", a, b, 25);
  const Comparison& c = r.comparisons.at(0);
  ASSERT_EQ(c.name, "BM_Miss");
  EXPECT_NEAR(*c.ratio, 1.07, 1e-12);
  EXPECT_DOUBLE_EQ(*c.ratio_ci_low, 1.045);  // x(8)
  EXPECT_EQ(c.pairs_above, 21u);
  EXPECT_LT(*c.above_q, 0.01);
  EXPECT_GT(*c.q_value, 0.05);
  EXPECT_EQ(c.verdict, Verdict::regressed);
  bool noted = false;
  for (const auto& n : c.notes) noted = noted || n.find("is above alpha") != std::string::npos;
  EXPECT_TRUE(noted);
  for (std::size_t i = 1; i < r.comparisons.size(); ++i)
    EXPECT_EQ(r.comparisons[i].verdict, Verdict::unchanged) << r.comparisons[i].name;
  EXPECT_EQ(r.summary.exit_code, 1);
}

// An A/A of the memory suite on a Zen 4 VM, nothing else running:
// BM_Memory_Restore_Latency/folds:100 (cpu_time, ns, 25 process pairs, in
// repetition order). 18 of its 25 pair ratios lie above 1.02, so its
// interval, x(8) to x(18), is 1.027 to 1.164: beyond a 2% threshold by
// chance (p = P(B >= 18) = 0.022 for one benchmark; the suite judged 52).
const std::vector<double> kAaRestoreLatencyA{99.52, 79.87, 90.1,  85.59, 119.37, 81.4,  101.99, 81.58, 89.01,
                                             81.53, 122.89, 132.14, 79.42, 84.08, 95.58, 96.02, 92.69, 98.93,
                                             100.62, 80.72, 82.74, 87.36, 98.06, 81.83, 94.78};
const std::vector<double> kAaRestoreLatencyB{103.71, 97.0,  100.67, 99.63, 94.49, 100.35, 96.89, 101.53, 96.08,
                                             87.5,   101.23, 80.37, 80.34, 98.98, 79.34, 104.24, 98.3,  172.38,
                                             99.58,  88.84, 93.25, 90.43, 100.68, 109.21, 100.33};

TEST(PairedDecision, AChanceIntervalAmongAWholeSuiteIsNotARegression) {
  const Report r = run_among_unchanged("BM_Restore_Latency", kAaRestoreLatencyA, kAaRestoreLatencyB, 25, 51);
  const Comparison& c = r.comparisons.at(0);
  ASSERT_EQ(c.name, "BM_Restore_Latency");
  EXPECT_GT(*c.ratio_ci_low, 1.02);
  EXPECT_EQ(c.pairs_above, 18u);
  EXPECT_GT(*c.above_q, 0.05);
  EXPECT_EQ(c.verdict, Verdict::unchanged);
  bool noted = false;
  for (const auto& n : c.notes)
    noted = noted || n.find("18 of 25 pairs above it is within chance among this run's 52 paired comparisons") !=
                         std::string::npos;
  EXPECT_TRUE(noted);
  EXPECT_EQ(r.summary.exit_code, 0);
  const auto j = nlohmann::json::parse(render_json(r));
  const auto& pj = j.at("comparisons").at(0).at("paired");
  EXPECT_EQ(pj.at("pairs_above_threshold"), 18);
  EXPECT_NEAR(pj.at("above_threshold_p").get<double>(), 726206.0 / 33554432.0, 1e-12);
  EXPECT_GT(pj.at("above_threshold_q").get<double>(), 0.05);
}

TEST(PairedDecision, TheSamePairsJudgedAloneAreARegression) {
  // One comparison: no correction, and 18 of 25 above is p = 0.022 <= alpha.
  const Report r = run_among_unchanged("BM_Restore_Latency", kAaRestoreLatencyA, kAaRestoreLatencyB, 25, 0);
  ASSERT_EQ(r.comparisons.size(), 1u);
  EXPECT_EQ(r.comparisons.at(0).verdict, Verdict::regressed);
}

TEST(PairedDecision, HeavyTailedPairsOfAnAaRunAreNotARegression) {
  // An A/A under load, a fixed-count benchmark run one process after the
  // other (cpu_time, ns): pair ratios from 0.39 to 5.65, median 1.055. A
  // percentile bootstrap put the median's 95% interval at 1.031 to 1.185, a
  // false regression at 2%; the sign test's interval reaches 0.96.
  const std::vector<double> a{911.05, 864.65, 560.11, 1867.45, 700.55, 726.08, 818.17, 688.61,
                              741.35, 613.52, 701.07, 658.34, 737.47, 675.11, 662.22};
  const std::vector<double> b{828.87, 983.67, 701.02, 736.93, 830.11, 4101.39, 856.49, 981.08,
                              713.6,  632.49, 724.94, 781.21, 778.36, 758.5,  598.92};
  const Report r = run_among_unchanged("BM_L", a, b);
  const Comparison& c = r.comparisons.at(0);
  ASSERT_EQ(c.name, "BM_L");
  EXPECT_NEAR(*c.ratio, 1.055, 1e-3);
  EXPECT_LT(*c.ratio_ci_low, 1.0);
  EXPECT_EQ(c.verdict, Verdict::unchanged);
  EXPECT_EQ(r.summary.exit_code, 0);
}

TEST(PairedDecision, UnpairableRepetitionsFailTheBenchmarkWithTheReason) {
  std::vector<Row> b = reps("BM_A", drifting(9, 1.0, 0)), c = reps("BM_A", drifting(8, 1.0, 1));
  append(b, reps("BM_B", {1, 2, 3}));
  std::vector<Row> cb = reps("BM_B", {1, 2, 3});
  cb[2].cpu_time = std::numeric_limits<double>::quiet_NaN();
  append(c, cb);
  const Report r = run_paired(b, c);
  ASSERT_EQ(r.comparisons.size(), 2u);
  for (const auto& cmp : r.comparisons) {
    EXPECT_EQ(cmp.verdict, Verdict::failed) << cmp.name;
    EXPECT_EQ(cmp.message.rfind("paired: ", 0), 0u) << cmp.message;
  }
  EXPECT_NE(r.comparisons[0].message.find("unequal repetition counts"), std::string::npos);
  EXPECT_NE(r.comparisons[1].message.find("not a measurement"), std::string::npos);
  EXPECT_EQ(r.summary.exit_code, 1);
}

TEST(PairedDecision, TooFewPairsForTheTestFallBackToTheThresholdAndSaySo) {
  const Report r = run_paired(reps("BM_A", {100, 110, 120}), reps("BM_A", {110, 121, 132}));
  const Comparison& c = r.comparisons.at(0);
  EXPECT_FALSE(c.test_can_reach_alpha);  // 2 / 2^3 = 0.25
  EXPECT_EQ(c.verdict, Verdict::regressed);
  bool noted = false;
  for (const auto& n : c.notes)
    noted = noted || (n.find("with 3 pairs") != std::string::npos &&
                      n.find("signed-rank test can never be significant; verdict from the interval alone (use >= 6 pairs)") !=
                          std::string::npos);
  EXPECT_TRUE(noted);
}

}  // namespace
}  // namespace lukhas::compare
