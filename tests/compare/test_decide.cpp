// The decision rules of docs/comparator.md, one behaviour per test, on sides
// built in memory.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "compare/decide.hpp"
#include "tests/compare/test_util.hpp"

namespace lukhas::compare {
namespace {

using testing::append;
using testing::rep;
using testing::reps;
using testing::side_of;

// n values around `centre` with relative spread `spread`, deterministic.
std::vector<double> around(double centre, int n, double spread = 0.005, double phase = 0) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(centre * (1 + spread * std::sin(1.7 * i + phase)));
  return v;
}

const Comparison* find(const Report& r, const std::string& name, const std::string& metric = "") {
  for (const auto& c : r.comparisons)
    if (c.name == name && (metric.empty() || c.metric == metric)) return &c;
  return nullptr;
}

Report run(std::vector<Row> b, std::vector<Row> c, Settings s = {}, Context cb = {}, Context cc = {},
           const SloCatalog* cat = nullptr) {
  const Side bs = side_of(std::move(b), std::move(cb));
  const Side cs = side_of(std::move(c), std::move(cc));
  return decide(bs, cs, s, cat);
}

bool has_note(const Comparison& c, const std::string& text) {
  return std::any_of(c.notes.begin(), c.notes.end(), [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

TEST(Decide, CpuTimeByDefaultRealTimeForRealAndManualClocks) {
  EXPECT_EQ(primary_metric("BM_A/8"), "cpu_time");
  EXPECT_EQ(primary_metric("BM_A/8/real_time"), "real_time");
  EXPECT_EQ(primary_metric("BM_A/manual_time"), "real_time");
  std::vector<Row> b = reps("BM_R/real_time", around(100, 6)), c = reps("BM_R/real_time", around(100, 6, 0.005, 1));
  for (auto& r : c) r.cpu_time = 1000;  // cpu_time changed tenfold: must not matter
  const Report rep = run(b, c);
  ASSERT_EQ(rep.comparisons.size(), 1u);
  EXPECT_EQ(rep.comparisons[0].metric, "real_time");
  EXPECT_EQ(rep.comparisons[0].verdict, Verdict::unchanged);
}

TEST(Decide, ClearRegressionIsSignificantAndBeyondThreshold) {
  const Report r = run(reps("BM_A", around(100, 12)), reps("BM_A", around(110, 12, 0.005, 1)));
  const Comparison& c = r.comparisons.at(0);
  EXPECT_EQ(c.verdict, Verdict::regressed);
  EXPECT_NEAR(*c.change, 0.10, 0.01);
  EXPECT_EQ(c.test, TestKind::exact);
  EXPECT_LT(*c.q_value, 0.05);
  EXPECT_EQ(r.summary.exit_code, 1);
}

TEST(Decide, ImprovementIsSymmetricAndFarImprovementFlagsAStaleBaseline) {
  std::vector<Row> b = reps("BM_Fast", around(100, 8)), c = reps("BM_Fast", around(90, 8, 0.005, 1));
  append(b, reps("BM_Faster", around(100, 8)));
  append(c, reps("BM_Faster", around(50, 8, 0.005, 1)));
  const Report r = run(b, c);
  EXPECT_EQ(find(r, "BM_Fast")->verdict, Verdict::improved);
  EXPECT_FALSE(find(r, "BM_Fast")->stale_baseline);
  EXPECT_EQ(find(r, "BM_Faster")->verdict, Verdict::improved);
  EXPECT_TRUE(find(r, "BM_Faster")->stale_baseline);  // -50% > 5 x 5%
  EXPECT_EQ(r.summary.exit_code, 0);
}

TEST(Decide, SignificantButWithinThresholdIsUnchanged) {
  const Report r = run(reps("BM_A", around(100, 12, 0.001)), reps("BM_A", around(102, 12, 0.001, 1)));
  const Comparison& c = r.comparisons.at(0);
  EXPECT_LT(*c.p_value, 0.05);
  EXPECT_EQ(c.verdict, Verdict::unchanged);
}

TEST(Decide, NoiseRaisesTheThreshold) {
  // Baseline CV about 7% (spread 0.1 of a sine): threshold max(3%, 2 x CV).
  std::vector<Row> b = reps("BM_Noisy", around(100, 12, 0.1)), c = reps("BM_Noisy", around(110, 12, 0.001, 1));
  Report r = run(b, c);
  const Comparison& c1 = r.comparisons.at(0);
  ASSERT_TRUE(c1.baseline_cv.has_value());
  EXPECT_NEAR(c1.threshold_used, 2 * *c1.baseline_cv, 1e-12);
  EXPECT_GT(c1.threshold_used, 0.10);
  EXPECT_EQ(c1.verdict, Verdict::unchanged);
  Settings s;
  s.config.noise_factor = 0;  // --noise-factor 0: the plain default threshold applies
  r = run(b, c, s);
  EXPECT_DOUBLE_EQ(r.comparisons.at(0).threshold_used, kDefaultTimeThresholdPct / 100);
}

TEST(Decide, ThresholdComesFromConfigGlobs) {
  Settings s;
  s.config.rules.push_back({"BM_Loose*", "", 20});
  std::vector<Row> b = reps("BM_Loose", around(100, 12)), c = reps("BM_Loose", around(110, 12, 0.005, 1));
  const Report r = run(b, c, s);
  EXPECT_DOUBLE_EQ(r.comparisons.at(0).threshold, 0.20);
  EXPECT_EQ(r.comparisons.at(0).verdict, Verdict::unchanged);
}

TEST(Decide, QValuesControlTheFalseDiscoveryRateAcrossTheRun) {
  std::vector<Row> b, c;
  for (int k = 0; k < 10; ++k) {
    append(b, reps("BM_" + std::to_string(k), around(100, 5, 0.01, k)));
    append(c, reps("BM_" + std::to_string(k), around(k == 0 ? 120 : 100, 5, 0.01, k + 0.5)));
  }
  const Report r = run(b, c);
  EXPECT_EQ(r.summary.tests, 10u);
  for (const auto& cmp : r.comparisons) {
    ASSERT_TRUE(cmp.q_value && cmp.p_value);
    EXPECT_GE(*cmp.q_value, *cmp.p_value);
  }
  // 5 vs 5 separated completely: p = 2/252 = 0.0079, q = 0.0079 * 10 = 0.079 > alpha.
  // That is the best q these sizes can reach in this run, so the test cannot
  // decide and the threshold does (as at 3 vs 3): +20% is a regression.
  const Comparison* first = find(r, "BM_0");
  EXPECT_NEAR(*first->p_value, 2.0 / 252.0, 1e-12);
  EXPECT_NEAR(*first->q_value, 10 * 2.0 / 252.0, 1e-12);
  EXPECT_NEAR(*first->min_q_value, 10 * 2.0 / 252.0, 1e-12);
  EXPECT_FALSE(first->test_can_reach_alpha);
  EXPECT_TRUE(has_note(*first, "after the FDR correction"));
  EXPECT_EQ(first->verdict, Verdict::regressed);
}

TEST(Decide, QAboveAlphaKeepsAReachableTestFromCallingNoise) {
  // 12 vs 12 among 10 tests can reach alpha (complete separation: q 2.9e-6),
  // so a change the U test cannot resolve stays "unchanged" even beyond the
  // threshold: the FDR correction still guards against noise.
  std::vector<Row> b, c;
  for (int k = 0; k < 10; ++k) {
    append(b, reps("BM_" + std::to_string(k), around(100, 12, 0.2, k)));
    append(c, reps("BM_" + std::to_string(k), around(k == 0 ? 105 : 100, 12, 0.2, k + 0.5)));
  }
  Settings s;
  s.config.noise_factor = 0;  // the threshold stays 3%: the test alone must hold the verdict back
  const Report r = run(b, c, s);
  const Comparison* first = find(r, "BM_0");
  ASSERT_TRUE(first->q_value && first->min_q_value);
  EXPECT_TRUE(first->test_can_reach_alpha);
  EXPECT_GT(*first->q_value, 0.05);
  EXPECT_GT(*first->change, 0.03);
  EXPECT_EQ(first->verdict, Verdict::unchanged);
  EXPECT_TRUE(has_note(*first, "not significant"));
}

// The property "more data never hides a regression": for every run size
// (other tests in the run) and change above the threshold, a complete
// separation is "regressed" at every repetition count from 2 to 12 a side;
// in particular no larger count is "unchanged" where a smaller one regressed.
// A rule that did not judge reachability on q would call 4 vs 4 among 20
// tests (p 0.029, q 0.57) "unchanged" while 3 vs 3 is "regressed".
TEST(Decide, CompleteSeparationBeyondTheThresholdRegressesAtEverySampleSize) {
  for (int others : {0, 1, 5, 19, 60}) {
    for (double change : {0.05, 0.10, 0.49}) {
      bool regressed_before = false;
      for (int n = 2; n <= 12; ++n) {
        std::vector<Row> b, c;
        std::vector<double> base, cont;
        for (int i = 0; i < n; ++i) {
          base.push_back(100 + 0.01 * i);
          cont.push_back(100 * (1 + change) + 0.01 * i);  // every contender above every baseline
        }
        append(b, reps("BM_Target", base));
        append(c, reps("BM_Target", cont));
        for (int k = 0; k < others; ++k) {
          append(b, reps("BM_Other" + std::to_string(k), around(100, 8, 0.01, k)));
          append(c, reps("BM_Other" + std::to_string(k), around(100, 8, 0.01, k + 0.5)));
        }
        const Report r = run(b, c);
        const Comparison* t = find(r, "BM_Target");
        ASSERT_NE(t, nullptr);
        if (regressed_before) {
          EXPECT_NE(t->verdict, Verdict::unchanged) << n << " vs " << n << ", " << others << " other tests, +" << change;
        }
        EXPECT_EQ(t->verdict, Verdict::regressed) << n << " vs " << n << ", " << others << " other tests, +" << change
                                                  << ", q " << t->q_value.value_or(-1);
        regressed_before = regressed_before || t->verdict == Verdict::regressed;
      }
    }
  }
}

TEST(Decide, ThreeRepetitionsSayTheTestCannotReachAlpha) {
  const Report r = run(reps("BM_A", around(100, 3)), reps("BM_A", around(130, 3, 0.005, 1)));
  const Comparison& c = r.comparisons.at(0);
  EXPECT_FALSE(c.test_can_reach_alpha);
  EXPECT_NEAR(*c.min_p_value, 0.1, 1e-12);
  EXPECT_TRUE(has_note(c, "cannot reach alpha"));
  EXPECT_EQ(c.verdict, Verdict::regressed);  // +30%: beyond the threshold, decided without the test
  EXPECT_EQ(r.summary.underpowered, 1u);
}

TEST(Decide, SingleRunsAreJudgedOnTheThresholdAlone) {
  const Report r = run({rep("BM_A", 100)}, {rep("BM_A", 107)});
  const Comparison& c = r.comparisons.at(0);
  EXPECT_EQ(c.test, TestKind::none);
  EXPECT_FALSE(c.p_value.has_value());
  EXPECT_EQ(c.verdict, Verdict::regressed);
  EXPECT_TRUE(has_note(c, "no test"));
}

TEST(Decide, TimesAreNormalisedAcrossUnitsAndTheChangeIsListed) {
  const Report r = run(reps("BM_U", around(1.5, 6), "ms"), reps("BM_U", around(1500, 6, 0.005, 1), "us"));
  const Comparison& c = r.comparisons.at(0);
  EXPECT_TRUE(c.unit_changed);
  EXPECT_EQ(c.baseline_unit, "ms");
  EXPECT_EQ(c.contender_unit, "us");
  EXPECT_NEAR(*c.baseline, 1.5e6, 1e4);
  EXPECT_EQ(c.verdict, Verdict::unchanged);
  EXPECT_TRUE(std::any_of(r.warnings.begin(), r.warnings.end(),
                          [](const std::string& w) { return w.find("changed time unit") != std::string::npos; }));
}

TEST(Decide, RemovedFailsUnlessAllowedAndNewIsReported) {
  std::vector<Row> b = reps("BM_Gone", {1, 1}), c = reps("BM_New", {1, 1});
  append(b, reps("BM_Old", {1, 1}));
  Settings s;
  s.config.allow_removed = {"BM_Old"};
  const Report r = run(b, c, s);
  EXPECT_EQ(find(r, "BM_Gone")->verdict, Verdict::removed);
  EXPECT_TRUE(find(r, "BM_Gone")->failing());
  EXPECT_EQ(find(r, "BM_Old")->verdict, Verdict::removed);
  EXPECT_FALSE(find(r, "BM_Old")->failing());
  EXPECT_EQ(find(r, "BM_New")->verdict, Verdict::new_benchmark);
  EXPECT_EQ(r.summary.exit_code, 1);
  s.config.allow_removed.push_back("BM_Gone");
  EXPECT_EQ(run(reps("BM_Gone", {1, 1}), reps("BM_New", {1, 1}), s).summary.exit_code, 0);
}

TEST(Decide, ErroredOrSkippedContenderRowFailsWithItsMessage) {
  Row e = rep("BM_E", 0);
  e.error_occurred = true;
  e.mutable_extra().error_message = "db down";
  Row k = rep("BM_K", 0);
  k.skipped = true;
  k.mutable_extra().skip_message = "no server";
  std::vector<Row> b = reps("BM_E", {1, 1});
  append(b, reps("BM_K", {1, 1}));
  const Report r = run(b, {e, k});
  EXPECT_EQ(find(r, "BM_E")->verdict, Verdict::failed);
  EXPECT_EQ(find(r, "BM_E")->message, "db down");
  EXPECT_EQ(find(r, "BM_K")->verdict, Verdict::failed);
  EXPECT_EQ(find(r, "BM_K")->message, "no server");
  EXPECT_EQ(r.summary.exit_code, 1);
}

Row agg(const std::string& name, const std::string& which, double v) {
  Row r = rep(name, v);
  r.name = name + "_" + which;
  r.run_name = name;
  r.run_type = RunType::aggregate;
  r.aggregate_name = which;
  r.repetition_index = -1;
  if (which == "cv") r.time_unit.clear();
  return r;
}

TEST(Decide, AggregateRowsAreNeverDiffedAsTimes) {
  std::vector<Row> b = reps("BM_A", around(100, 6)), c = reps("BM_A", around(100, 6, 0.005, 1));
  b.push_back(agg("BM_A", "stddev", 0.5));
  c.push_back(agg("BM_A", "stddev", 50));  // a hundredfold stddev is not a regression
  b.push_back(agg("BM_A", "cv", 0.005));
  c.push_back(agg("BM_A", "cv", 0.5));
  const Report r = run(b, c);
  ASSERT_EQ(r.comparisons.size(), 1u);
  EXPECT_EQ(r.comparisons[0].source_baseline, "repetitions");
  EXPECT_EQ(r.comparisons[0].verdict, Verdict::unchanged);
}

TEST(Decide, AggregatesOnlyUseTheMedianRowElseTheMeanWithoutATest) {
  const Report r = run({agg("BM_A", "mean", 100), agg("BM_A", "median", 100), agg("BM_B", "mean", 100)},
                       {agg("BM_A", "mean", 100), agg("BM_A", "median", 120), agg("BM_B", "mean", 101)});
  const Comparison* a = find(r, "BM_A");
  EXPECT_EQ(a->source_contender, "median aggregate");
  EXPECT_EQ(a->test, TestKind::none);
  EXPECT_EQ(a->verdict, Verdict::regressed);
  EXPECT_EQ(find(r, "BM_B")->source_contender, "mean aggregate");
  EXPECT_EQ(find(r, "BM_B")->verdict, Verdict::unchanged);
}

TEST(Decide, InstructionsAreComparedAutomaticallyAtHalfAPercent) {
  std::vector<Row> b = reps("BM_I", around(100, 5)), c = reps("BM_I", around(100, 5, 0.005, 1));
  for (auto& row : b) row.counters.push_back({"instructions", 10000});
  for (auto& row : c) row.counters.push_back({"instructions", 10150});
  Context cb{{"lukhas_compiler", std::string("GNU 12")}}, cc{{"lukhas_compiler", std::string("Clang 16")}};
  const Report r = run(b, c, {}, cb, cc);
  const Comparison* i = find(r, "BM_I", "instructions");
  ASSERT_NE(i, nullptr);
  EXPECT_DOUBLE_EQ(i->threshold, 0.005);
  EXPECT_NEAR(*i->change, 0.015, 1e-12);
  // Identical repetitions tie: the normal approximation with tie correction.
  EXPECT_EQ(i->test, TestKind::normal);
  EXPECT_EQ(i->verdict, Verdict::regressed);
  EXPECT_TRUE(std::any_of(r.warnings.begin(), r.warnings.end(),
                          [](const std::string& w) { return w.find("the gate may move") != std::string::npos; }));
}

// Never fail open: values no change can be judged against are failed rows.
// Before, 0 ns against 1,000 s was "unchanged, relative change undefined"
// (exit 0) and negative times "improved -598.8%" (exit 0).
TEST(Decide, ZeroNegativeAndNonFiniteValuesAreFailedRows) {
  struct Case {
    std::vector<double> base, cont;
    const char* why;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  for (const Case& k : std::vector<Case>{
           {{0}, {1e12}, "baseline median cpu_time is 0 ns"},
           {{0, 0, 0, 0}, {1e12, 1e12, 1e12, 1e12}, "baseline median cpu_time is 0 ns"},
           {{100, 0, 100}, {100, 100, 100}, "1 baseline repetition(s) of cpu_time at or below 0 ns"},
           {{100}, {0}, "contender median cpu_time is 0 ns"},
           {{-5}, {100}, "baseline cpu_time is negative"},
           {{100, 100, 100}, {100, -700, 100}, "1 contender repetition(s) of cpu_time at or below 0 ns"},
           {{nan}, {100}, "baseline cpu_time is not finite"},
           {{inf}, {100}, "baseline cpu_time is not finite"},
           {{100}, {inf}, "contender cpu_time is not finite"}}) {
    const Report r = run(reps("BM_A", k.base), reps("BM_A", k.cont));
    const Comparison& c = r.comparisons.at(0);
    EXPECT_EQ(c.verdict, Verdict::failed) << k.why;
    EXPECT_NE(c.message.find(k.why), std::string::npos) << c.message;
    EXPECT_EQ(r.summary.exit_code, 1) << k.why;
  }
}

TEST(Decide, ACounterAtZeroOnBothSidesIsUnchangedAndFromZeroIsFailed) {
  Settings s;
  s.config.counters.push_back({"allocs", Direction::lower_is_better, "*", std::nullopt});
  auto with = [](std::vector<Row> rows, double v) {
    for (auto& row : rows) row.counters.push_back({"allocs", v});
    return rows;
  };
  const Report zero = run(with(reps("BM_T", around(100, 8)), 0), with(reps("BM_T", around(100, 8, 0.005, 1)), 0), s);
  EXPECT_EQ(find(zero, "BM_T", "allocs")->verdict, Verdict::unchanged);
  EXPECT_EQ(*find(zero, "BM_T", "allocs")->change, 0.0);
  const Report from_zero = run(with(reps("BM_T", around(100, 8)), 0), with(reps("BM_T", around(100, 8, 0.005, 1)), 3), s);
  const Comparison* a = find(from_zero, "BM_T", "allocs");
  EXPECT_EQ(a->verdict, Verdict::failed);
  EXPECT_NE(a->message.find("baseline median allocs is 0: cannot judge a relative change"), std::string::npos) << a->message;
  const Report negative = run(with(reps("BM_T", around(100, 8)), -2), with(reps("BM_T", around(100, 8, 0.005, 1)), 3), s);
  EXPECT_EQ(find(negative, "BM_T", "allocs")->verdict, Verdict::failed);
}

// A benchmark whose only aggregates are _cv (percentage) or user statistics
// has no time to compare: it was reported "failed" (exit 1); now it is named
// in a warning, and the rest of the run is judged as usual.
TEST(Decide, StatisticsOnlyAggregatesAreNotComparedButNamed) {
  auto stats_only = [](const std::string& name) {
    std::vector<Row> rows;
    for (const char* stat : {"cv", "p90"}) {
      Row r = rep(name + "_" + stat, 0.01);
      r.run_name = name;
      r.run_type = RunType::aggregate;
      r.aggregate_name = stat;
      if (std::string(stat) == "cv") {
        r.aggregate_unit = "percentage";
        r.time_unit.clear();
      }
      rows.push_back(r);
    }
    return rows;
  };
  std::vector<Row> b = stats_only("BM_Stats"), c = stats_only("BM_Stats");
  append(b, reps("BM_T", around(100, 8)));
  append(c, reps("BM_T", around(100, 8, 0.005, 1)));
  const Report r = run(b, c);
  EXPECT_EQ(find(r, "BM_Stats"), nullptr);
  EXPECT_EQ(r.summary.exit_code, 0);
  EXPECT_TRUE(std::any_of(r.warnings.begin(), r.warnings.end(), [](const std::string& w) {
    return w.find("1 benchmark(s) not compared: only percentage or user-statistic aggregates") != std::string::npos &&
           w.find("BM_Stats") != std::string::npos;
  }));
}

// Aggregates without aggregate_name (see GbenchJson) are read by their names:
// a benchmark on both sides is compared, not "new".
TEST(Decide, AggregatesWithoutAggregateNameAreCompared) {
  const std::string text = R"({"benchmarks": [
    {"name": "BM_A_median", "run_name": "BM_A", "run_type": "aggregate", "iterations": 1, "real_time": 100, "cpu_time": 100, "time_unit": "ns"}]})";
  GbenchFile f = parse_gbench_json(text, "b.json");
  std::vector<GbenchFile> files;
  files.push_back(std::move(f));
  const Side bs = merge_files(std::move(files));
  const Side cs = side_of(reps("BM_A", around(150, 8)));
  const Report r = decide(bs, cs, Settings{});
  ASSERT_EQ(r.comparisons.size(), 1u);
  EXPECT_EQ(r.comparisons[0].verdict, Verdict::regressed);
  EXPECT_EQ(r.comparisons[0].source_baseline, "median aggregate");
}

// The tie-corrected p at 3 vs 3 (0.047) can reach alpha: the note must not
// say the smallest possible p is 0.1.
TEST(Decide, TiedSamplesNeverClaimASmallestPAboveThePSeen) {
  const Report r = run(reps("BM_A", {100, 100, 100}), reps("BM_A", {200, 200, 200}));
  const Comparison& c = r.comparisons.at(0);
  ASSERT_TRUE(c.p_value && c.min_p_value);
  EXPECT_LE(*c.min_p_value, *c.p_value);
  EXPECT_TRUE(c.test_can_reach_alpha);
  EXPECT_FALSE(has_note(c, "cannot reach alpha"));
  EXPECT_EQ(c.verdict, Verdict::regressed);
}

TEST(Decide, CounterWithHigherIsBetterSignsTheChangeSoPositiveIsWorse) {
  std::vector<Row> b = reps("BM_T", around(100, 8)), c = reps("BM_T", around(100, 8, 0.005, 1));
  for (std::size_t i = 0; i < b.size(); ++i) {
    b[i].counters.push_back({"items_per_second", 1000 + static_cast<double>(i)});
    c[i].counters.push_back({"items_per_second", 800 + static_cast<double>(i)});
  }
  Settings s;
  s.config.counters.push_back({"items_per_second", Direction::higher_is_better, "*", std::nullopt});
  const Report r = run(b, c, s);
  const Comparison* ips = find(r, "BM_T", "items_per_second");
  ASSERT_NE(ips, nullptr);
  EXPECT_GT(*ips->change, 0.19);  // fewer items per second is worse
  EXPECT_EQ(ips->verdict, Verdict::regressed);
  EXPECT_EQ(find(r, "BM_T", "cpu_time")->verdict, Verdict::unchanged);
}

TEST(Decide, ContextDifferencesAreWarnings) {
  Context b{{"host_name", std::string("a")}, {"num_cpus", 2.0}, {"cpu_scaling_enabled", false},
            {"library_build_type", std::string("debug")}, {"lukhas_build_type", std::string("Release")},
            {"library_version", std::string("v1.7.1")}};
  Context c{{"host_name", std::string("b")}, {"num_cpus", 4.0}, {"cpu_scaling_enabled", true},
            {"library_build_type", std::string("release")}, {"lukhas_build_type", std::string("Release")},
            {"library_version", std::string("v1.9.0")}};
  const Report r = run(reps("BM_A", {1, 1}), reps("BM_A", {1, 1}), {}, b, c);
  auto warned = [&](const std::string& what) {
    return std::any_of(r.warnings.begin(), r.warnings.end(), [&](const std::string& w) { return w.find(what) != std::string::npos; });
  };
  EXPECT_TRUE(warned("different hosts"));
  EXPECT_TRUE(warned("different CPU counts"));
  EXPECT_TRUE(warned("different CPU scaling"));
  EXPECT_TRUE(warned("different Google Benchmark versions"));
  // library_build_type differs, but lukhas_build_type (the real one) agrees.
  EXPECT_FALSE(warned("build types"));
  EXPECT_FALSE(warned("compilers"));  // no instruction metric compared
}

TEST(Decide, GeometricMeanCoversOnlyBenchmarksOnBothSides) {
  std::vector<Row> b = reps("BM_A", {100, 100}), c = reps("BM_A", {121, 121});
  append(b, reps("BM_B", {100, 100}));
  append(c, reps("BM_B", {100, 100}));
  append(c, reps("BM_New", {5000, 5000}));
  append(b, reps("BM_Gone", {1, 1}));
  const Report r = run(b, c);
  EXPECT_EQ(r.summary.geomean_count, 2u);
  EXPECT_NEAR(*r.summary.geomean_ratio, 1.1, 1e-12);  // sqrt(1.21 * 1)
}

TEST(Decide, SloChecksPassBreachMissingAndNotMeasured) {
  SloCatalog cat;
  cat.slos.push_back({"fast", "", "BM_Lat*", "p95_us", SloComparison::less, 1000, "us", "", true, "", "samples", 0.95, 400});
  cat.slos.push_back({"rate", "", "BM_Rate", "rate", SloComparison::greater_equal, 0.997, "ratio", "", true, "",
                      "operations", std::nullopt, 1277});
  cat.slos.push_back({"absent", "", "BM_Nothing*", "p95_us", SloComparison::less, 1, "us", "", true, "", "samples", 0.95, 400});
  cat.slos.push_back({"remote", "", "", "p95_us", SloComparison::less, 1, "us", "", false, "remote", "", std::nullopt, 0});
  std::vector<Row> c = reps("BM_Lat/a", {1, 1, 1});
  c[0].counters.push_back({"p95_us", 800});
  c[1].counters.push_back({"p95_us", 900});
  c[2].counters.push_back({"p95_us", 1200});  // median 900: pass with margin 100
  for (auto& row : c) row.counters.push_back({"samples", 500});
  append(c, reps("BM_Lat/b", {1}));
  c.back().counters.push_back({"p95_us", 1500});
  c.back().counters.push_back({"samples", 500});
  append(c, reps("BM_Rate", {1}));
  c.back().counters.push_back({"rate", 0.99});
  c.back().counters.push_back({"operations", 10000});
  const Report r = run(c, c, {}, {}, {}, &cat);
  ASSERT_EQ(r.slo.size(), 4u);
  EXPECT_EQ(r.slo[0].verdict, SloVerdict::pass);
  EXPECT_DOUBLE_EQ(*r.slo[0].margin, 100);
  EXPECT_EQ(r.slo[1].verdict, SloVerdict::breach);
  EXPECT_DOUBLE_EQ(*r.slo[1].margin, -500);
  EXPECT_EQ(r.slo[2].verdict, SloVerdict::breach);
  EXPECT_EQ(r.slo[3].verdict, SloVerdict::missing);
  ASSERT_EQ(r.slo_not_measured.size(), 1u);
  EXPECT_EQ(r.summary.exit_code, 1);
  // Missing alone does not fail.
  SloCatalog only_missing;
  only_missing.slos.push_back(cat.slos[2]);
  EXPECT_EQ(run(c, c, {}, {}, {}, &only_missing).summary.exit_code, 0);
}

TEST(Decide, ReportOnlyTurnsOneIntoZeroAndKeepsTheVerdicts) {
  Settings s;
  s.report_only = true;
  const Report r = run(reps("BM_A", around(100, 12)), reps("BM_A", around(150, 12, 0.005, 1)), s);
  EXPECT_EQ(r.comparisons[0].verdict, Verdict::regressed);
  EXPECT_EQ(r.summary.decided_exit_code, 1);
  EXPECT_EQ(r.summary.exit_code, 0);
}

}  // namespace
}  // namespace lukhas::compare

namespace lukhas::compare {
namespace {

TEST(Decide, ComplexityRowsAreNotComparedButCounted) {
  Row bigo = testing::rep("BM_C", 0);
  bigo.name = "BM_C_BigO";
  bigo.run_name = "BM_C";
  bigo.run_type = RunType::aggregate;
  bigo.aggregate_name = "BigO";
  bigo.cpu_time.reset();
  bigo.real_time.reset();
  std::vector<Row> b = testing::reps("BM_C", {1, 1});
  const Report r = decide(testing::side_of(b), testing::side_of({bigo}), Settings{});
  ASSERT_EQ(r.comparisons.size(), 1u);
  EXPECT_EQ(r.comparisons[0].verdict, Verdict::removed);  // the contender has only a fit
  EXPECT_TRUE(std::any_of(r.warnings.begin(), r.warnings.end(),
                          [](const std::string& w) { return w.find("BigO/RMS") != std::string::npos; }));
}

}  // namespace
}  // namespace lukhas::compare

namespace lukhas::compare {
namespace {

TEST(Decide, InstructionModeComparesTheCountNotItsCopyInTheTimeFields) {
  // bench/instructions writes the count into cpu_time and real_time too.
  std::vector<Row> b = testing::reps("BM_I", {1000, 1000}), c = testing::reps("BM_I", {1020, 1020});
  for (auto& r : b) r.counters.push_back({"instructions", 1000});
  for (auto& r : c) r.counters.push_back({"instructions", 1020});
  const Context mode{{"lukhas_mode", std::string("instructions")}};
  Settings s;
  const Report r = decide(testing::side_of(b, mode), testing::side_of(c, mode), s);
  ASSERT_EQ(r.comparisons.size(), 1u);
  EXPECT_EQ(r.comparisons[0].metric, "instructions");
  EXPECT_TRUE(r.comparisons[0].headline);
  EXPECT_EQ(r.comparisons[0].verdict, Verdict::regressed);  // +2% > 1%, no test (2 vs 2 cannot reach alpha)
  EXPECT_NEAR(*r.summary.geomean_ratio, 1.02, 1e-12);
  s.config.instructions_threshold_pct = 3;  // --instructions-threshold 3
  EXPECT_EQ(decide(testing::side_of(b, mode), testing::side_of(c, mode), s).comparisons[0].verdict, Verdict::unchanged);
}

}  // namespace
}  // namespace lukhas::compare
