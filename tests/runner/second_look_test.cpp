// Which benchmarks a paired A/B measures again (runner/second_look.hpp),
// from the comparator's JSON report.
#include "runner/second_look.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace lukhas::runner {
namespace {

using json = nlohmann::json;
using Names = std::vector<std::string>;

json row(const std::string& name, const std::string& verdict, bool chance, double above_q, double below_q) {
  return {{"name", name},
          {"verdict", verdict},
          {"paired", {{"chance_interval", chance}, {"above_threshold_q", above_q}, {"below_threshold_q", below_q}}}};
}

TEST(PickSecondLook, TakesTheUnchangedChanceIntervalsMostSuspiciousFirst) {
  const json report = {{"comparisons",
                        {row("BM_Quiet", "unchanged", false, 1, 1), row("BM_Up", "unchanged", true, 0.2, 1),
                         row("BM_Down", "unchanged", true, 1, 0.07), row("BM_Flagged", "regressed", false, 0.001, 1),
                         // An unpaired row (a counter) is not judged pair by pair.
                         json{{"name", "BM_Counter"}, {"verdict", "unchanged"}}}}};
  const SecondLookPick pick = pick_second_look(report.dump(), 16);
  EXPECT_EQ(pick.names, (Names{"BM_Down", "BM_Up"}));
  EXPECT_EQ(pick.judged, 4u);
  EXPECT_EQ(pick.left_out, 0u);
}

TEST(PickSecondLook, TheCapKeepsTheSmallestQAndCountsTheRest) {
  json rows = json::array();
  for (int i = 0; i < 5; ++i) rows.push_back(row("BM_" + std::to_string(i), "unchanged", true, 0.5 - 0.1 * i, 1));
  const SecondLookPick pick = pick_second_look(json{{"comparisons", rows}}.dump(), 2);
  EXPECT_EQ(pick.names, (Names{"BM_4", "BM_3"}));
  EXPECT_EQ(pick.left_out, 3u);
  EXPECT_TRUE(pick_second_look(json{{"comparisons", rows}}.dump(), 0).names.empty());
}

TEST(PickSecondLook, NoChanceIntervalNoSecondLook) {
  const json report = {{"comparisons", {row("BM_A", "unchanged", false, 0.9, 0.9)}}};
  EXPECT_TRUE(pick_second_look(report.dump(), 16).names.empty());
  EXPECT_TRUE(pick_second_look(R"({"comparisons": []})", 16).names.empty());
}

// Never fail open: a report the pick cannot read is an error, not "nothing
// to look at again".
TEST(PickSecondLook, AReportItCannotReadIsAnErrorNamingWhat) {
  EXPECT_THROW(pick_second_look("{not json", 16), std::runtime_error);
  EXPECT_THROW(pick_second_look(R"({"rows": []})", 16), std::runtime_error);
  try {
    pick_second_look(R"({"comparisons": [{"name": "BM_Old", "verdict": "unchanged", "paired": {"n_pairs": 25}}]})", 16);
    ADD_FAILURE() << "a paired row without chance_interval was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("BM_Old"), std::string::npos) << e.what();
  }
}

// The pick names benchmarks as their results do; the plan runs them by
// their listed names, which carry a fixed call count.
TEST(ReportedName, DropsTheFixedIterationCountOnly) {
  EXPECT_EQ(reported_name("BM_Handoff_Update_Latency/entries:10/iterations:2000"), "BM_Handoff_Update_Latency/entries:10");
  EXPECT_EQ(reported_name("BM_X_Latency/iterations:7/real_time"), "BM_X_Latency/real_time");
  EXPECT_EQ(reported_name("BM_Handoff_Update/entries:10"), "BM_Handoff_Update/entries:10");
  EXPECT_EQ(reported_name("BM_Y/iterations:"), "BM_Y/iterations:");        // no count: not the component
  EXPECT_EQ(reported_name("BM_Z/iterations:12x"), "BM_Z/iterations:12x");  // not a count
}

TEST(SecondLookSeed, DiffersFromTheFirstLooks) {
  for (std::uint64_t s : {0ULL, 7ULL, ~0ULL}) EXPECT_NE(second_look_seed(s), s);
}

}  // namespace
}  // namespace lukhas::runner
