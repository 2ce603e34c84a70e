// Shards and merging, the configuration file, the SLO catalog and globs.
#include <gtest/gtest.h>

#include "compare/config.hpp"
#include "compare/errors.hpp"
#include "compare/glob.hpp"
#include "compare/merge.hpp"
#include "compare/slo_catalog.hpp"
#include "tests/compare/test_util.hpp"

namespace lukhas::compare {
namespace {

using testing::fixture;

TEST(Glob, StarCrossesSlashesAndQuestionMarkIsOneCharacter) {
  EXPECT_TRUE(glob_match("BM_Memory_Create*_Latency*", "BM_Memory_CreateBelowLimit_Latency/folds:100"));
  EXPECT_TRUE(glob_match("BM_Memory_CascadeWorkload/prevention:1*", "BM_Memory_CascadeWorkload/prevention:1/threads:2"));
  EXPECT_FALSE(glob_match("BM_Memory_CascadeWorkload/prevention:1*", "BM_Memory_CascadeWorkload/prevention:0"));
  EXPECT_TRUE(glob_match("BM_?", "BM_A"));
  EXPECT_FALSE(glob_match("BM_?", "BM_AB"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_FALSE(glob_match("BM_A", "BM_A/1"));
}

TEST(Merge, ShardsInAFolderAreMergedAndSorted) {
  const Side s = load_side({fixture("shards/baseline")});
  ASSERT_EQ(s.files.size(), 2u);
  ASSERT_EQ(s.benchmarks.size(), 3u);
  EXPECT_EQ(s.benchmarks[0].name, "BM_Identity_Parse");
  EXPECT_EQ(s.benchmarks[0].iterations.size(), 5u);
  EXPECT_NE(s.find("BM_Memory_Create/folds:1000"), nullptr);
}

TEST(Merge, ANamePresentInTwoShardsIsAnErrorNamingBothFiles) {
  try {
    load_side({fixture("duplicate_shards/contender")});
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("b.json: BM_Memory_Create/folds:10: benchmark also present in"), std::string::npos) << msg;
    EXPECT_NE(msg.find("a.json"), std::string::npos) << msg;
  }
}

TEST(Merge, InterleavedRowsAreGroupedByNameNotPosition) {
  using testing::rep;
  const Side s = testing::side_of({rep("BM_B", 1, 0), rep("BM_A", 5, 0), rep("BM_B", 2, 1), rep("BM_A", 6, 1)});
  ASSERT_EQ(s.benchmarks.size(), 2u);
  EXPECT_EQ(s.find("BM_A")->iterations.size(), 2u);
  EXPECT_DOUBLE_EQ(*s.find("BM_B")->iterations[1]->cpu_time, 2.0);
}

TEST(Merge, AFolderWithoutJsonAndAMissingFileAreErrors) {
  EXPECT_THROW(load_side({fixture("malformed/no_such_file.json")}), InputError);
  const std::string empty_dir = ::testing::TempDir() + "compare_empty_dir";
  std::filesystem::create_directories(empty_dir);
  try {
    load_side({empty_dir});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("holds no *.json files"), std::string::npos);
  }
}

TEST(Config, ParsesEveryKeyAndLaterRulesWin) {
  const Config c = parse_config(R"({
    "threshold_pct": 4, "instructions_threshold_pct": 0.5, "alpha": 0.01, "noise_factor": 3, "stale_factor": 10,
    "rules": [{"benchmark": "BM_Memory_*", "threshold_pct": 8},
              {"benchmark": "BM_Memory_Create*", "threshold_pct": 12},
              {"benchmark": "*", "metric": "instructions", "threshold_pct": 0.25}],
    "counters": [{"name": "items_per_second", "direction": "higher_is_better", "benchmark": "BM_*", "threshold_pct": 6}],
    "allow_removed": ["BM_Old_*"]
  })",
                                "cfg.json");
  EXPECT_DOUBLE_EQ(c.alpha, 0.01);
  EXPECT_DOUBLE_EQ(c.noise_factor, 3);
  EXPECT_DOUBLE_EQ(c.stale_factor, 10);
  EXPECT_DOUBLE_EQ(c.threshold_for("BM_Identity", "cpu_time"), 0.04);
  EXPECT_DOUBLE_EQ(c.threshold_for("BM_Memory_Get", "cpu_time"), 0.08);
  EXPECT_DOUBLE_EQ(c.threshold_for("BM_Memory_Create/1", "cpu_time"), 0.12);
  EXPECT_DOUBLE_EQ(c.threshold_for("BM_Identity", "instructions"), 0.0025);
  EXPECT_DOUBLE_EQ(c.threshold_for("BM_Identity", "items_per_second"), 0.06);
  ASSERT_EQ(c.counters.size(), 1u);
  EXPECT_EQ(c.counters[0].direction, Direction::higher_is_better);
  EXPECT_TRUE(c.removal_allowed("BM_Old_Parser"));
  EXPECT_FALSE(c.removal_allowed("BM_New"));
}

TEST(Config, DefaultsAreThreePercentTimeHalfAPercentInstructions) {
  // Time 3%: chosen from docs/detection-power.md (0 false alarms in the A/A
  // runs, 10/10 at +10% where 5% caught 6/10).
  const Config c = parse_config("{}", "cfg.json");
  EXPECT_DOUBLE_EQ(c.threshold_for("BM_X", "cpu_time"), 0.03);
  // Instructions 0.5%: counts repeat exactly (A/A: 0 difference), and
  // +0.5% injected into each of the six operations was caught
  // (docs/detection-power.md, "Instruction threshold").
  EXPECT_DOUBLE_EQ(c.threshold_for("BM_X", "instructions"), 0.005);
  EXPECT_DOUBLE_EQ(c.alpha, 0.05);
  EXPECT_DOUBLE_EQ(c.noise_factor, 2.0);
}

TEST(Config, EveryProblemIsReportedWithItsField) {
  try {
    parse_config(R"({"threshold": 5, "alpha": 2, "counters": [{"name": "x", "direction": "up"}],
                     "rules": [{"threshold_pct": "big"}]})",
                 "cfg.json");
    FAIL();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("cfg.json: threshold: unknown key"), std::string::npos) << msg;
    EXPECT_NE(msg.find("cfg.json: alpha: 2 is out of range"), std::string::npos) << msg;
    EXPECT_NE(msg.find("counters[0].direction: expected \"lower_is_better\" or \"higher_is_better\""), std::string::npos)
        << msg;
    EXPECT_NE(msg.find("rules[0].benchmark: missing required field"), std::string::npos) << msg;
    EXPECT_NE(msg.find("rules[0].threshold_pct: expected a number"), std::string::npos) << msg;
  }
}

TEST(SloCatalog, ReadsTheCommittedCatalog) {
  const SloCatalog c = read_slo_catalog(LUKHAS_SLO_CATALOG_PATH);
  ASSERT_FALSE(c.slos.empty());
  bool measured = false, not_measured = false;
  for (const auto& s : c.slos) {
    EXPECT_FALSE(s.id.empty());
    if (s.measured_in_process) {
      measured = true;
      EXPECT_FALSE(s.benchmark.empty()) << s.id;
    } else {
      not_measured = true;
      EXPECT_FALSE(s.why_not_measured.empty()) << s.id;
    }
  }
  EXPECT_TRUE(measured);
  EXPECT_TRUE(not_measured);
}

TEST(SloCatalog, ComparisonsAndMargins) {
  EXPECT_TRUE(slo_holds(SloComparison::less, 9, 10));
  EXPECT_FALSE(slo_holds(SloComparison::less, 10, 10));
  EXPECT_TRUE(slo_holds(SloComparison::less_equal, 10, 10));
  EXPECT_TRUE(slo_holds(SloComparison::greater_equal, 0.997, 0.997));
  EXPECT_FALSE(slo_holds(SloComparison::greater, 0.997, 0.997));
  EXPECT_DOUBLE_EQ(slo_margin(SloComparison::less, 8000, 10000), 2000);
  EXPECT_NEAR(slo_margin(SloComparison::greater_equal, 0.995, 0.997), -0.002, 1e-12);
}

TEST(SloCatalog, BadEntriesAreReportedByField) {
  try {
    parse_slo_catalog(R"({"slos": [{"id": "a", "counter": "p95_us", "comparison": "~", "target": "x",
                                    "measured_in_process": true}]})",
                      "cat.json");
    FAIL();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("slos[0].comparison"), std::string::npos) << msg;
    EXPECT_NE(msg.find("slos[0].target"), std::string::npos) << msg;
    EXPECT_NE(msg.find("slos[0].benchmark: missing required field"), std::string::npos) << msg;
  }
}

}  // namespace
}  // namespace lukhas::compare

#include <nlohmann/json.hpp>

namespace lukhas::compare {
namespace {

TEST(Config, ReadsThroughNlohmannAdl) {
  const auto c = nlohmann::json::parse(R"({"threshold_pct": 7, "allow_removed": ["BM_X*"]})").get<Config>();
  EXPECT_DOUBLE_EQ(c.threshold_pct, 7);
  EXPECT_TRUE(c.removal_allowed("BM_X1"));
  EXPECT_THROW(nlohmann::json::parse(R"({"nope": 1})").get<Config>(), InputError);
  const auto cat = nlohmann::json::parse(R"({"slos": [{"id": "a", "counter": "p95_us", "comparison": "<",
      "target": 1, "measured_in_process": false, "why_not_measured": "remote"}]})").get<SloCatalog>();
  ASSERT_EQ(cat.slos.size(), 1u);
  EXPECT_EQ(cat.slos[0].why_not_measured, "remote");
}

}  // namespace
}  // namespace lukhas::compare
