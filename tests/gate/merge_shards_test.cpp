// bench-run verdict on shards laid out as the workflow's artifacts are
// (perf-shard-<suite>/ab-<suite>/{A,B,instructions/a,instructions/b}), made
// from the comparator's fixture pairs: the same-runner instruction and time
// A/B gate, the drift from the committed baselines is reported and never
// fails, and a missing shard is "could not decide", never a pass.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = LUKHAS_COMPARE_FIXTURES;
const fs::path kWork = fs::path(LUKHAS_MERGE_SHARDS_WORK);

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A shards folder with the memory suite's four result files.
fs::path shards(const std::string& name, const std::string& time_a, const std::string& time_b,
                const std::string& instr_a, const std::string& instr_b) {
  const fs::path root = kWork / name;
  const fs::path d = root / "perf-shard-memory" / "ab-memory";
  fs::remove_all(root);
  for (const auto& [sub, src] : {std::pair{"A", time_a}, {"B", time_b}, {"instructions/a", instr_a}, {"instructions/b", instr_b}}) {
    fs::create_directories(d / sub);
    fs::copy_file(kFixtures / src, d / sub / "memory.json");
  }
  return root;
}

struct Verdict {
  int code = -1;
  std::string comment, exit_code_file, log;
};

// `suites`: the shards the verdict expects.
Verdict merge(const fs::path& shards_dir, const std::string& name, const std::string& suites = "memory") {
  // Each case its own folders: CTest runs them in parallel.
  const fs::path out = kWork / (name + ".out"), log = kWork / (name + ".log"), baselines = kWork / (name + ".baselines");
  fs::remove_all(baselines);
  fs::create_directories(baselines);
  fs::copy_file(kFixtures / "instructions/baseline.json", baselines / "instructions-memory.json");
  const std::string cmd = std::string("'") + LUKHAS_BENCH_RUN_BIN + "' verdict '" + shards_dir.string() +
                          "' --suites " + suites + " --baselines '" + baselines.string() +
                          "' --out '" + out.string() + "' >'" + log.string() + "' 2>&1";
  const int status = std::system(cmd.c_str());
  Verdict v;
  v.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  v.comment = slurp(out / "comment.md");
  v.exit_code_file = slurp(out / "exit-code");
  v.log = slurp(log);
  return v;
}

void expect(const Verdict& v, int code, const std::string& pattern) {
  EXPECT_EQ(v.code, code) << v.log;
  EXPECT_EQ(v.exit_code_file, std::to_string(code) + "\n");
  EXPECT_TRUE(std::regex_search(v.comment, std::regex(pattern))) << "comment does not match /" << pattern << "/:\n"
                                                                  << v.comment;
}

const std::string kSame[] = {"identical/baseline.json", "identical/contender.json"};

TEST(MergeShards, NothingChangedPasses) {
  expect(merge(shards("pass", kSame[0], kSame[1], "instructions/baseline.json", "instructions/baseline.json"), "pass"), 0,
         "Performance: no regression");
}

// Head's counts 1%+ above the committed baselines, but A and B agree: the
// merge base had the same counts on this runner. Reported, not failed.
TEST(MergeShards, DriftFromTheCommittedBaselinesIsReportedNotFailed) {
  expect(merge(shards("drift", kSame[0], kSame[1], "instructions/contender.json", "instructions/contender.json"), "drift"),
         0, "committed instruction baselines: [0-9]+ comparison\\(s\\) moved beyond the threshold \\(never fails.*update-baselines --no-time");
}

TEST(MergeShards, AnInstructionRegressionBetweenAAndBFails) {
  expect(merge(shards("regressed", kSame[0], kSame[1], "instructions/baseline.json", "instructions/contender.json"),
               "regressed"),
         1, "Instructions \\(merge base vs head.*\\*\\*regression");
}

TEST(MergeShards, ATimeRegressionBetweenAAndBFails) {
  expect(merge(shards("time", "regression/baseline.json", "regression/contender.json", "instructions/baseline.json",
                      "instructions/baseline.json"),
               "time"),
         1, "Time \\(merge base vs head.*\\*\\*regression");
}

// bench-run ab's paired time A/B writes ab_pairing=paired into every
// result's context; the verdict then compares the time shards pair by pair.
void mark_paired(const fs::path& shards_dir) {
  for (const char* side : {"A", "B"}) {
    const fs::path f = shards_dir / "perf-shard-memory" / "ab-memory" / side / "memory.json";
    auto j = nlohmann::json::parse(slurp(f));
    j["context"]["ab_pairing"] = "paired";
    std::ofstream(f) << j.dump(2);
  }
}

TEST(MergeShards, PairedTimeShardsAreComparedPairByPair) {
  const fs::path d = shards("paired", "regression/baseline.json", "regression/contender.json",
                            "instructions/baseline.json", "instructions/baseline.json");
  mark_paired(d);
  const Verdict v = merge(d, "paired");
  expect(v, 1, "Time \\(merge base vs head, paired on one runner\\).*\\*\\*regression");
  EXPECT_NE(v.comment.find("paired: 12 pairs, median ratio"), std::string::npos) << v.comment;
}

// A shard's second look (bench-run ab, docs/gate.md "Second look") is a
// section of the verdict, and its regression fails the run although the
// first look's time section passes.
TEST(MergeShards, ASecondLooksRegressionFailsTheVerdict) {
  const fs::path d = shards("second", kSame[0], kSame[1], "instructions/baseline.json", "instructions/baseline.json");
  mark_paired(d);
  const fs::path look = d / "perf-shard-memory" / "ab-memory" / "second-look";
  for (const auto& [side, src] : {std::pair{"A", "regression/baseline.json"}, {"B", "regression/contender.json"}}) {
    fs::create_directories(look / side);
    fs::copy_file(kFixtures / src, look / side / "memory.json");
  }
  const Verdict v = merge(d, "second");
  expect(v, 1, "Time, second look \\(fresh pairs, paired\\).*\\*\\*regression");
  EXPECT_TRUE(std::regex_search(v.comment, std::regex("Time \\(merge base vs head, paired on one runner\\) and SLOs: no regression")))
      << v.comment;
}

TEST(MergeShards, UnpairedTimeShardsKeepTheUTest) {
  const Verdict v = merge(shards("unpaired", "regression/baseline.json", "regression/contender.json",
                                 "instructions/baseline.json", "instructions/baseline.json"),
                          "unpaired");
  expect(v, 1, "Time \\(merge base vs head, interleaved on one runner\\)");
  EXPECT_EQ(v.comment.find("paired: "), std::string::npos);
}

TEST(MergeShards, AMissingShardCannotPass) {
  expect(merge(shards("missing", kSame[0], kSame[1], "instructions/baseline.json", "instructions/baseline.json"),
               "missing", "memory,identity"),
         2, ":x: time: identity: no results");
}

}  // namespace
