// The paired time A/B's plan (runner/paired_plan.hpp): listings, exact
// filters, blocks and the seeded order of each block.
#include "runner/paired_plan.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>

namespace lukhas::runner {
namespace {

using Names = std::vector<std::string>;

TEST(ListedBenchmarks, KeepsBenchmarkNamesOnly) {
  EXPECT_EQ(listed_benchmarks("BM_A/folds:1000\nnotice: dataset cached\nBM_B_Latency\r\n\nBM_C/real_time\n"),
            (Names{"BM_A/folds:1000", "BM_B_Latency", "BM_C/real_time"}));
}

TEST(ExactFilter, MatchesTheNameAndNothingLongerOrShorter) {
  const std::string f = exact_filter("BM_Memory_RetrieveHit/folds:1000");
  EXPECT_EQ(f, "^BM_Memory_RetrieveHit/folds:1000$");
  // Google Benchmark 1.7 compiles the filter as a POSIX extended regex.
  const std::regex re(f, std::regex::extended);
  EXPECT_TRUE(std::regex_search("BM_Memory_RetrieveHit/folds:1000", re));
  EXPECT_FALSE(std::regex_search("BM_Memory_RetrieveHit/folds:10000", re));
  EXPECT_FALSE(std::regex_search("XBM_Memory_RetrieveHit/folds:1000", re));
}

TEST(ExactFilter, EscapesEverySpecialCharacter) {
  const std::string name = "BM_T<int>/x.y(1)[2]{3}*+?|^$\\";
  const std::regex re(exact_filter(name), std::regex::extended);
  EXPECT_TRUE(std::regex_search(name, re));
  EXPECT_FALSE(std::regex_search("BM_T<int>/xzy(1)[2]{3}*+?|^$\\", re));  // '.' is literal
  const std::regex any(any_of_filter({"BM_A.1", "BM_B"}), std::regex::extended);
  EXPECT_EQ(any_of_filter({"BM_A.1", "BM_B"}), "^(BM_A\\.1|BM_B)$");
  EXPECT_TRUE(std::regex_search("BM_B", any));
  EXPECT_FALSE(std::regex_search("BM_AX1", any));
}

TEST(PlanPairs, BlocksSplitTheRepetitionsBlockMajor) {
  const PairedPlan p = plan_pairs({"BM_A", "BM_B"}, {"BM_B", "BM_A"}, 9, 4, 1);
  ASSERT_EQ(p.steps.size(), 6u);  // 3 blocks (4, 4, 1) of 2 benchmarks
  Names order;
  std::vector<long> reps;
  for (const auto& s : p.steps) {
    order.push_back(s.benchmark);
    reps.push_back(s.repetitions);
  }
  EXPECT_EQ(order, (Names{"BM_A", "BM_B", "BM_A", "BM_B", "BM_A", "BM_B"}));  // A's listing order
  EXPECT_EQ(reps, (std::vector<long>{4, 4, 4, 4, 1, 1}));
  EXPECT_EQ(p.steps[2].block, 1);
}

TEST(PairRunFor, OnlyOneThreadTimedByItsOwnCpuTimeForTheMinimumTimeTakesTurns) {
  EXPECT_EQ(pair_run_for("BM_Memory_RetrieveHit/folds:1000"), PairRun::together);
  EXPECT_EQ(pair_run_for("BM_Memory_CascadeWorkload/prevention:0/threads:1"), PairRun::together);
  // A fixed, short count: one after the other on the lane's CPU.
  EXPECT_EQ(pair_run_for("BM_Memory_RetrieveHit_Latency/folds:1000/iterations:2000"), PairRun::in_turn);
  // Timed on the wall clock: the machine to themselves.
  EXPECT_EQ(pair_run_for("BM_Memory_CreateAtLimit_Pause/folds:1000/iterations:1/real_time"), PairRun::alone);
  EXPECT_EQ(pair_run_for("BM_Schema_Append/manual_time"), PairRun::alone);
  // Several threads need CPUs of their own.
  EXPECT_EQ(pair_run_for("BM_Memory_CascadeWorkload/prevention:0/threads:2"), PairRun::alone);
  EXPECT_EQ(pair_run_for("BM_X/threads:16"), PairRun::alone);
  EXPECT_EQ(pair_run_for("BM_X/threads:10"), PairRun::alone);
  EXPECT_EQ(pair_run_for("BM_X/threads:1/threads:2"), PairRun::alone);
}

TEST(PlanPairs, StepsSayHowTheyShareTheMachineAndOnlyTogetherTakesTheBlock) {
  const Names listed{"BM_A", "BM_B/threads:2", "BM_C/iterations:5"};
  const PairedPlan p = plan_pairs(listed, listed, 3, 3, 1);
  // BM_A: one block of 3; the others one process pair per repetition.
  ASSERT_EQ(p.steps.size(), 7u);
  std::map<std::string, std::vector<long>> reps;
  std::map<std::string, PairRun> run;
  for (const auto& s : p.steps) {
    reps[s.benchmark].push_back(s.repetitions);
    run[s.benchmark] = s.run;
  }
  EXPECT_EQ(reps["BM_A"], (std::vector<long>{3}));
  EXPECT_EQ(reps["BM_B/threads:2"], (std::vector<long>{1, 1, 1}));
  EXPECT_EQ(reps["BM_C/iterations:5"], (std::vector<long>{1, 1, 1}));
  EXPECT_EQ(run["BM_A"], PairRun::together);
  EXPECT_EQ(run["BM_B/threads:2"], PairRun::alone);
  EXPECT_EQ(run["BM_C/iterations:5"], PairRun::in_turn);
  // Block-major still: the first step of every benchmark comes first.
  EXPECT_EQ(p.steps[0].benchmark, "BM_A");
  EXPECT_EQ(p.steps[1].benchmark, "BM_B/threads:2");
  EXPECT_EQ(p.steps[2].benchmark, "BM_C/iterations:5");
  EXPECT_EQ(p.steps[3].block, 1);
}

TEST(PlanPairs, BenchmarksOfOneSideOnlyAreNotPaired) {
  const PairedPlan p = plan_pairs({"BM_A", "BM_Old"}, {"BM_A", "BM_New"}, 3, 3, 1);
  ASSERT_EQ(p.steps.size(), 1u);
  EXPECT_EQ(p.steps[0].benchmark, "BM_A");
  EXPECT_EQ(p.only_a, Names{"BM_Old"});
  EXPECT_EQ(p.only_b, Names{"BM_New"});
}

TEST(PlanPairs, TheSameSeedGivesTheSameOrderAndBothOrdersAppear) {
  Names many;
  for (int i = 0; i < 20; ++i) many.push_back("BM_" + std::to_string(i));
  const PairedPlan a = plan_pairs(many, many, 9, 3, 42), b = plan_pairs(many, many, 9, 3, 42);
  const PairedPlan c = plan_pairs(many, many, 9, 3, 43);
  ASSERT_EQ(a.steps.size(), 60u);
  std::size_t a_first = 0;
  bool same = true, differs = false;
  for (std::size_t k = 0; k < a.steps.size(); ++k) {
    a_first += a.steps[k].a_first ? 1 : 0;
    same = same && a.steps[k].a_first == b.steps[k].a_first;
    differs = differs || a.steps[k].a_first != c.steps[k].a_first;
  }
  EXPECT_TRUE(same);
  EXPECT_TRUE(differs);
  // Both orders, in roughly equal numbers: 60 fair draws fall outside 15..45
  // with probability below 1e-4, and the draws are fixed by the seed.
  EXPECT_GT(a_first, 15u);
  EXPECT_LT(a_first, 45u);
  EXPECT_EQ(a.seed, 42u);
}

TEST(PlanPairs, TheOrderForASeedIsPinned) {
  // The seed printed by a run replays its order on any platform: pinned so
  // that a change of generator or draw shows up here. The reference is the
  // top bit of SplitMix64 from seed 7 (0 = A first), computed with a
  // separate Python transcription of the published algorithm.
  const PairedPlan p = plan_pairs({"BM_A"}, {"BM_A"}, 8, 1, 7);
  std::string order;
  for (const auto& s : p.steps) order += s.a_first ? 'A' : 'B';
  EXPECT_EQ(order, "AABBAAAA");
}

TEST(ListingArguments, ListTheNamesATimeRunRuns) {
  TimeOptions o;
  EXPECT_EQ(listing_arguments(o), (Names{"--lukhas_mode=time", "--benchmark_list_tests"}));
  o.latency_calls = 2000;  // *_Latency names then end in /iterations:2000
  o.filter = "Retrieve";
  EXPECT_EQ(listing_arguments(o), (Names{"--lukhas_mode=time", "--lukhas_latency_iterations=2000",
                                         "--benchmark_filter=Retrieve", "--benchmark_list_tests"}));
}

TEST(BlockOptions, OneBenchmarkTheBlocksRepetitionsAndTheSidesContextsInOrder) {
  TimeOptions base;
  base.min_time = 0.05;
  base.latency_calls = 2000;
  base.watch = false;
  base.contexts = {"ab_pairing=paired", "ab_seed=7", "ab_block=3"};
  const PairedStep step{"BM_Memory_RetrieveHit_Latency/folds:1000", 2, 3, false};
  const TimeOptions t = block_options(base, step, "B", "abc123");
  EXPECT_EQ(time_arguments(t, "/o/raw/B-memory-0004.json"),
            (Names{"--lukhas_mode=time", "--benchmark_repetitions=3", "--benchmark_enable_random_interleaving=true",
                   "--benchmark_min_time=0.05", "--benchmark_out=/o/raw/B-memory-0004.json",
                   "--benchmark_out_format=json", "--lukhas_latency_iterations=2000",
                   "--benchmark_filter=^BM_Memory_RetrieveHit_Latency/folds:1000$",
                   "--benchmark_context=ab_pairing=paired", "--benchmark_context=ab_seed=7",
                   "--benchmark_context=ab_block=3", "--benchmark_context=git_revision=abc123",
                   "--benchmark_context=ab_side=B"}));
  EXPECT_FALSE(t.watch);
}

}  // namespace
}  // namespace lukhas::runner
