#include "bench/instructions/rounds_merge.hpp"

#include <fmt/format.h>

#include <map>

namespace lukhas::instructions {

namespace {
std::string suite_of(const nlohmann::json& run) {
  if (!run.contains("context") || !run["context"].is_object()) return {};
  return run["context"].value("lukhas_suite", std::string());
}
}  // namespace

RoundsMerge merge_rounds(const std::vector<Round>& rounds) {
  using nlohmann::json;
  RoundsMerge m;
  if (rounds.empty()) {
    m.problems.push_back("no rounds to merge");
    return m;
  }
  const std::string suite = suite_of(rounds.front().run);
  for (const auto& r : rounds) {
    if (!r.run.is_object() || !r.run.contains("benchmarks") || !r.run["benchmarks"].is_array()) {
      m.problems.push_back(fmt::format("{}: not Google Benchmark JSON (no 'benchmarks' array)", r.file));
    } else if (suite_of(r.run) != suite) {
      m.problems.push_back(fmt::format("{}: suite '{}' differs from '{}' in {}", r.file,
                                       suite_of(r.run), suite, rounds.front().file));
    }
  }
  if (!m.problems.empty()) return m;

  std::map<std::string, std::int64_t> count;  // run name -> repetitions so far
  std::size_t dropped = 0;
  json rows = json::array();
  for (const auto& r : rounds) {
    for (const auto& row : r.run["benchmarks"]) {
      if (row.value("run_type", std::string("iteration")) == "aggregate") {
        ++dropped;
        continue;
      }
      json out = row;
      const auto key = row.value("run_name", row.value("name", std::string()));
      out["repetition_index"] = count[key]++;
      rows.push_back(std::move(out));
    }
  }
  for (auto& row : rows) {
    row["repetitions"] = count[row.value("run_name", row.value("name", std::string()))];
  }
  m.output = json::object();
  m.output["context"] = rounds.front().run.contains("context") ? rounds.front().run["context"]
                                                               : json::object();
  m.output["context"]["lukhas_rounds"] = std::to_string(rounds.size());
  if (dropped > 0) {
    m.output["context"]["lukhas_round_aggregates_dropped"] = std::to_string(dropped);
  }
  m.output["benchmarks"] = std::move(rows);
  return m;
}

}  // namespace lukhas::instructions
