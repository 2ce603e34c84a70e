#include <gtest/gtest.h>

#include "bench/power/rules.hpp"
#include "bench/power/tally.hpp"

using namespace lukhas::power;

namespace {
Observation obs(std::string name, double change, std::optional<double> p, std::string verdict) {
  return {std::move(name), "cpu_time", change, 1.0 + change, p, std::move(verdict)};
}
}  // namespace

TEST(PowerRules, EachRuleReadsItsOwnCriterion) {
  const auto small_significant = obs("a", 0.01, 0.001, "unchanged");
  EXPECT_FALSE(flags(Rule::ours, small_significant));
  EXPECT_TRUE(flags(Rule::utest_only, small_significant));
  EXPECT_FALSE(flags(Rule::fixed_5pct, small_significant));
  EXPECT_FALSE(flags(Rule::ratio_2x, small_significant));

  const auto big_untested = obs("b", 1.2, std::nullopt, "regressed");
  EXPECT_TRUE(flags(Rule::ours, big_untested));
  EXPECT_FALSE(flags(Rule::utest_only, big_untested));  // no test, no flag
  EXPECT_TRUE(flags(Rule::fixed_5pct, big_untested));
  EXPECT_TRUE(flags(Rule::ratio_2x, big_untested));
}

TEST(PowerRules, ImprovementsAreNeverRegressions) {
  const auto faster = obs("c", -0.3, 0.0001, "improved");
  for (const Rule r : all_rules()) EXPECT_FALSE(flags(r, faster)) << to_string(r);
}

TEST(PowerTally, CountsAnyFlagAsFalseAlarmAndOnlyInjectedAsDetection) {
  std::vector<RunReport> runs{
      {"time", "aa", "1", {obs("BM_X", 0.0, 0.5, "unchanged")}},
      {"time", "aa", "2", {obs("BM_X", 0.06, 0.5, "unchanged")}},  // 5% rule false alarm
      {"time", "10", "3", {obs("BM_Inj/1", 0.10, 0.001, "regressed"), obs("BM_X", 0.0, 0.9, "unchanged")}},
      {"time", "10", "4", {obs("BM_Inj/1", 0.01, 0.4, "unchanged"), obs("BM_X", 0.2, 0.001, "regressed")}},
      {"time", "2", "5", {obs("BM_Inj/1", 0.02, 0.01, "unchanged")}},
  };
  const Table t = tally(runs, "BM_Inj*");
  EXPECT_EQ(t.false_alarms.at(Rule::ours).at("time").hits, 0u);
  EXPECT_EQ(t.false_alarms.at(Rule::fixed_5pct).at("time").hits, 1u);
  EXPECT_EQ(t.false_alarms.at(Rule::fixed_5pct).at("time").runs, 2u);
  // Run 4 flagged only a non-injected benchmark: not a detection.
  EXPECT_EQ(t.detections.at(Rule::ours).at("time").at("10").hits, 1u);
  EXPECT_EQ(t.detections.at(Rule::ours).at("time").at("10").runs, 2u);
  EXPECT_EQ(t.detections.at(Rule::utest_only).at("time").at("2").hits, 1u);
  ASSERT_EQ(t.levels, (std::vector<std::string>{"2", "10"}));  // numeric, not lexical, order

  const auto md = render_markdown(t, {"m", "d", "b", "op", "cmd", "1 min"});
  EXPECT_NE(md.find("| bench-compare (ours) | 0/2 (0%) | 0/1 (0%) | 1/2 (50%) |"), std::string::npos) << md;
  // The generated part starts with the run's facts: the title and the prose
  // belong to the document around it (docs/detection-power.md).
  EXPECT_EQ(md.rfind("- machine: m\n", 0), 0u) << md;
  EXPECT_NE(md.find("- reproduce: `cmd` (took 1 min)\n"), std::string::npos) << md;
}

TEST(PowerTally, VariantRowsShowOurRuleJudgedWithOtherSettings) {
  const std::vector<RunReport> runs{{"time", "aa", "1", {obs("BM_X", 0.0, 0.5, "unchanged")}},
                                    {"time", "5", "2", {obs("BM_Inj", 0.05, 0.01, "unchanged")}}};
  const std::vector<RunReport> strict{{"time", "aa", "1", {obs("BM_X", 0.0, 0.5, "unchanged")}},
                                      {"time", "5", "2", {obs("BM_Inj", 0.05, 0.01, "regressed")}}};
  const auto md = render_markdown(tally(runs, "BM_Inj*"), {"m", "d", "b", "op", "cmd", "1 min"},
                                  {{"threshold 3%", tally(strict, "BM_Inj*")}});
  EXPECT_NE(md.find("| bench-compare (ours) | 0/1 (0%) | 0/1 (0%) |"), std::string::npos) << md;
  EXPECT_NE(md.find("| bench-compare, threshold 3% | 0/1 (0%) | 1/1 (100%) |"), std::string::npos) << md;
}
