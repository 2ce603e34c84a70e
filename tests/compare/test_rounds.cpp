// bench-compare merge: the rounds of one suite as one file.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "compare/errors.hpp"
#include "compare/gbench_write.hpp"
#include "compare/rounds.hpp"
#include "test_util.hpp"

namespace lukhas::compare {
namespace {

GbenchFile round(const std::string& path, double cpu, const std::string& suite = "memory") {
  GbenchFile f;
  f.path = path;
  f.context["lukhas_suite"] = suite;
  f.rows = testing::reps("BM_A", {cpu, cpu});
  Row median = testing::rep("BM_A", cpu);
  median.name = "BM_A_median";
  median.run_type = RunType::aggregate;
  median.aggregate_name = "median";
  f.rows.push_back(median);
  return f;
}

TEST(RoundsMerge, ConcatenatesRepetitionsRenumbersThemAndDropsTheAggregates) {
  std::vector<GbenchFile> rounds;
  rounds.push_back(round("r1.json", 1.0));
  rounds.push_back(round("r2.json", 2.0));
  const GbenchFile m = merge_rounds(std::move(rounds));
  ASSERT_EQ(m.rows.size(), 4u);
  for (std::size_t i = 0; i < m.rows.size(); ++i) {
    EXPECT_EQ(m.rows[i].repetition_index, static_cast<std::int64_t>(i));
    EXPECT_EQ(m.rows[i].repetitions, 4);
    EXPECT_EQ(m.rows[i].run_type, RunType::iteration);
  }
  EXPECT_EQ(*m.rows[3].cpu_time, 2.0);
  EXPECT_EQ(context_string(m.context, "lukhas_rounds"), "2");
  EXPECT_EQ(context_string(m.context, "lukhas_round_aggregates_dropped"), "2");
}

TEST(RoundsMerge, RefusesRoundsOfDifferentSuitesNamingTheFile) {
  std::vector<GbenchFile> rounds;
  rounds.push_back(round("r1.json", 1.0, "memory"));
  rounds.push_back(round("r2.json", 1.0, "identity"));
  try {
    merge_rounds(std::move(rounds));
    FAIL() << "merged rounds of two suites";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("r2.json"), std::string::npos) << e.what();
  }
}

TEST(RoundsMerge, TheCommandWritesGoogleBenchmarkJsonAndKeepsNonFiniteValues) {
  const auto dir = std::filesystem::temp_directory_path() / "lukhas-merge-cli";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string out = (dir / "merged.json").string();
  const auto r = testing::run({"merge", testing::fixture("nan_inf/contender.json"),
                               testing::fixture("nan_inf/contender.json"), "--out", out});
  ASSERT_EQ(r.code, 0) << r.err;
  const GbenchFile m = read_gbench_file(out);
  bool nan_time = false, neg_inf = false;
  for (const auto& row : m.rows) {
    if (row.cpu_time && std::isnan(*row.cpu_time)) nan_time = true;
    if (auto v = row.counter("bytes_per_second"); v && std::isinf(*v) && *v < 0) neg_inf = true;
  }
  EXPECT_TRUE(nan_time);
  EXPECT_TRUE(neg_inf);
  EXPECT_EQ(testing::run({"merge", "--out", out}).code, 2);
  std::filesystem::remove_all(dir);
}

TEST(RoundsMerge, TheMergedFileIsNeverWrittenOverARound) {
  const auto dir = std::filesystem::temp_directory_path() / "lukhas-merge-over-input";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string round = (dir / "round1.json").string();
  std::filesystem::copy_file(testing::fixture("identical/contender.json"), round);
  const auto size = std::filesystem::file_size(round);
  const auto r = testing::run({"merge", round, testing::fixture("identical/contender.json"), "--out", round});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("round1.json"), std::string::npos) << r.err;
  EXPECT_EQ(std::filesystem::file_size(round), size);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lukhas::compare
