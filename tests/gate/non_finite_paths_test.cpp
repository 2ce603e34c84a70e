// One handling of NaN and Infinity on every path a result takes: a suite's
// JSON -> instruction conversion (callgrind-to-gbench) -> rounds merge
// (bench-compare merge) -> shard merge (a folder of shards) -> comparison.
// A NaN counter and a NaN time must arrive as NaN, never as null or dropped,
// and the comparison must read the processed files exactly as it reads the
// original.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bench/instructions/conversion.hpp"
#include "compare/cli.hpp"
#include "compare/gbench_json.hpp"
#include "compare/gbench_write.hpp"
#include "compare/io.hpp"

namespace {

namespace fs = std::filesystem;
using lukhas::compare::GbenchFile;

// As a suite writes it in instruction mode: BM_Hits has a NaN counter and
// an infinite one; BM_Broken errored with NaN times (they are kept: an
// errored row gets no instruction figure).
constexpr const char* kSuiteJson = R"({
  "context": {"lukhas_mode": "instructions", "lukhas_suite": "probe", "library_build_type": "release"},
  "benchmarks": [
    {"name": "BM_Hits/iterations:10/repeats:1", "run_name": "BM_Hits/iterations:10/repeats:1",
     "run_type": "iteration", "repetitions": 1, "repetition_index": 0, "threads": 1, "iterations": 10,
     "real_time": 5.0, "cpu_time": 5.0, "time_unit": "ns", "hit_ratio": NaN, "headroom": -Infinity,
     "items_per_second": Infinity},
    {"name": "BM_Broken/iterations:10/repeats:1", "run_name": "BM_Broken/iterations:10/repeats:1",
     "run_type": "iteration", "repetitions": 1, "repetition_index": 0, "threads": 1, "iterations": 0,
     "real_time": NaN, "cpu_time": NaN, "time_unit": "ns", "hit_ratio": NaN,
     "error_occurred": true, "error_message": "no data"}
  ]
})";

// Every non-finite value of a file: benchmark, field, value as written.
std::vector<std::string> non_finite(const GbenchFile& f) {
  std::vector<std::string> out;
  auto word = [](double v) { return std::isnan(v) ? std::string("NaN") : v < 0 ? "-Infinity" : "Infinity"; };
  for (const auto& r : f.rows) {
    if (r.cpu_time && !std::isfinite(*r.cpu_time)) out.push_back(r.name + " cpu_time " + word(*r.cpu_time));
    if (r.real_time && !std::isfinite(*r.real_time)) out.push_back(r.name + " real_time " + word(*r.real_time));
    for (const auto& c : r.counters)
      if (!std::isfinite(c.value)) out.push_back(r.name + " " + std::string(c.name) + " " + word(c.value));
  }
  std::sort(out.begin(), out.end());
  return out;
}

int cli(std::vector<std::string> args) {
  args.insert(args.begin(), "bench-compare");
  std::ostringstream out, err;
  const int code = lukhas::compare::run_cli(args, out, err, {});
  if (code != 0) ADD_FAILURE() << "bench-compare exited " << code << ": " << err.str() << out.str();
  return code;
}

nlohmann::json comparisons(const std::string& report) {
  std::ifstream in(report);
  auto j = nlohmann::json::parse(in);
  return j.at("comparisons");
}

TEST(NonFinitePaths, ANanCounterAndANanTimeSurviveEveryPathIdentically) {
  const fs::path dir = fs::temp_directory_path() / "lukhas-non-finite-paths";
  fs::remove_all(dir);
  fs::create_directories(dir / "shards");
  auto path = [&](const std::string& f) { return (dir / f).string(); };

  // 1. Instruction conversion: the suite's text through the comparator's reader.
  const GbenchFile raw = lukhas::compare::parse_gbench_json(kSuiteJson, "suite.json");
  using lukhas::instructions::Dump;
  const auto c = lukhas::instructions::convert(raw, "suite.json", {Dump{"d0", 0, 10, 1000}, Dump{"d1", 1, 0, 0}});
  ASSERT_TRUE(c.problems.empty()) << c.problems[0];
  lukhas::compare::write_file_atomic(path("converted.json"), lukhas::compare::write_gbench_json(c.output));
  const std::vector<std::string> expected = {
      "BM_Broken cpu_time NaN", "BM_Broken hit_ratio NaN", "BM_Broken real_time NaN",
      "BM_Hits headroom -Infinity", "BM_Hits hit_ratio NaN"};  // items_per_second: time-derived, dropped
  const GbenchFile converted = lukhas::compare::read_gbench_file(path("converted.json"));
  EXPECT_EQ(non_finite(converted), expected);

  // 2. Rounds merge (one round: the merged file holds the same rows).
  ASSERT_EQ(cli({"merge", path("converted.json"), "--out", path("merged.json")}), 0);
  const GbenchFile merged = lukhas::compare::read_gbench_file(path("merged.json"));
  EXPECT_EQ(non_finite(merged), expected);

  // 3. Shard merge: one benchmark per shard, read back as one side.
  for (const auto& row : merged.rows) {
    GbenchFile shard;
    shard.context = merged.context;
    shard.rows.push_back(row);
    const std::string stem = row.name == "BM_Hits" ? "a" : "b";
    lukhas::compare::write_file_atomic(path("shards/" + stem + ".json"), lukhas::compare::write_gbench_json(shard));
  }
  GbenchFile sharded;
  for (const auto& f : {"shards/a.json", "shards/b.json"}) {
    auto part = lukhas::compare::read_gbench_file(path(f));
    for (auto& r : part.rows) sharded.rows.push_back(std::move(r));
  }
  EXPECT_EQ(non_finite(sharded), expected);

  // 4. Comparison: the shards read exactly as the converted file read directly.
  cli({"--report-only", path("converted.json"), path("converted.json"), "--json", path("direct.json")});
  cli({"--report-only", path("shards"), path("shards"), "--json", path("through-every-path.json")});
  const auto direct = comparisons(path("direct.json"));
  EXPECT_EQ(direct, comparisons(path("through-every-path.json")));
  // And what it reads: the NaN time is a failed row, not "expected a number".
  bool broken_failed = false;
  for (const auto& r : direct)
    if (r.at("name") == "BM_Broken") broken_failed = broken_failed || r.at("verdict") == "failed";
  EXPECT_TRUE(broken_failed) << direct.dump(1);
  fs::remove_all(dir);
}

}  // namespace
