// Instruction mode end to end on the probe suite (gate_probe_bench.cpp): two
// runs under callgrind (CTest fixture gate_probe_instructions) must agree
// within 0.1% on every benchmark, exclude set-up outside the loop and inside
// pause()/resume(), and count twice the work as about twice the instructions.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "compare/gbench_json.hpp"

namespace {

// Read as the gate reads it: through the comparator's codec.
std::map<std::string, double> instructions(const char* path) {
  std::map<std::string, double> out;
  try {
    for (const auto& row : lukhas::compare::read_gbench_file(path).rows) {
      const auto v = row.counter("instructions");
      EXPECT_TRUE(v.has_value()) << path << ": " << row.name << " has no instructions counter";
      if (v) out[row.name] = *v;
    }
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what() << " (the run fixture failed?)";
  }
  return out;
}

double relative(double a, double b) { return std::abs(a - b) / std::max(a, b); }

TEST(InstructionMode, TwoRunsAgreeWithinATenthOfAPercentOnEveryBenchmark) {
  const auto a = instructions(LUKHAS_GATE_RUN1);
  const auto b = instructions(LUKHAS_GATE_RUN2);
  ASSERT_FALSE(a.empty());
  ASSERT_EQ(a.size(), b.size());
  double largest = 0;
  std::string where;
  for (const auto& [name, count] : a) {
    ASSERT_TRUE(b.count(name)) << name << " missing from the second run";
    const double d = relative(count, b.at(name));
    if (d >= largest) {
      largest = d;
      where = name;
    }
    EXPECT_LE(d, 0.001) << name << ": " << count << " vs " << b.at(name);
  }
  std::printf("largest run-to-run difference: %.6f%% (%s)\n", largest * 100, where.c_str());
}

TEST(InstructionMode, SetUpBeforeTheLoopIsNotCounted) {
  const auto a = instructions(LUKHAS_GATE_RUN1);
  // 100x more set-up work (100000 vs 1000 elements), the same loop.
  EXPECT_LE(relative(a.at("BM_Gate_SetupExcluded/setup:1000"),
                     a.at("BM_Gate_SetupExcluded/setup:100000")),
            0.001);
}

TEST(InstructionMode, WorkBetweenPauseAndResumeIsNotCounted) {
  const auto a = instructions(LUKHAS_GATE_RUN1);
  // 10000 paused steps per iteration would add ~10x the measured 1000 steps;
  // what remains is the timer calls of PauseTiming/ResumeTiming (~0.2% here).
  EXPECT_LE(relative(a.at("BM_Gate_PausedRebuild/rebuild:10"),
                     a.at("BM_Gate_PausedRebuild/rebuild:10000")),
            0.01);
}

TEST(InstructionMode, TwiceTheWorkCountsAboutTwice) {
  const auto a = instructions(LUKHAS_GATE_RUN1);
  const double ratio = a.at("BM_Gate_Work/steps:2000") / a.at("BM_Gate_Work/steps:1000");
  EXPECT_GT(ratio, 1.9);
  EXPECT_LT(ratio, 2.1);
}

// bench_gate_probe_inject is the probe built with gate.fixed:100, whose
// calibrated cost is 10000 instructions (core/common/inject_costs.hpp).
TEST(RegressionInjection, AddsTheCalibratedWorkToItsOperationOnly) {
  const auto plain = instructions(LUKHAS_GATE_RUN1);
  const auto injected = instructions(LUKHAS_GATE_INJECTED);
  const double added = injected.at("BM_Gate_Inject") - plain.at("BM_Gate_Inject");
  EXPECT_NEAR(added, 10000.0, 50.0);
  EXPECT_LE(relative(plain.at("BM_Gate_Work/steps:1000"), injected.at("BM_Gate_Work/steps:1000")),
            0.001);
}

TEST(InstructionMode, MultiThreadedBenchmarksAreLeftOut) {
  const auto a = instructions(LUKHAS_GATE_RUN1);
  for (const auto& [name, count] : a) {
    EXPECT_EQ(name.find("/threads:"), std::string::npos) << name;
  }
}

}  // namespace
