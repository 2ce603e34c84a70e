#pragma once
// Helpers shared by the comparator tests.
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "compare/cli.hpp"
#include "compare/gbench_json.hpp"
#include "compare/merge.hpp"

namespace lukhas::compare::testing {

inline const std::string kFixtures = LUKHAS_COMPARE_FIXTURES;

inline std::string fixture(const std::string& rel) { return kFixtures + "/" + rel; }

struct CliRun {
  int code = -1;
  std::string out, err;
};

inline CliRun run(std::vector<std::string> args, CliEnv env = {}) {
  args.insert(args.begin(), "bench-compare");
  std::ostringstream out, err;
  CliRun r;
  r.code = run_cli(args, out, err, env);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// A row of one repetition, for building sides in memory.
inline Row rep(const std::string& name, double cpu, int index = 0, const std::string& unit = "ns") {
  Row r;
  r.name = r.run_name = name;
  r.repetition_index = index;
  r.iterations = 1;
  r.cpu_time = cpu;
  r.real_time = cpu;
  r.time_unit = unit;
  return r;
}

inline std::vector<Row> reps(const std::string& name, const std::vector<double>& cpu, const std::string& unit = "ns") {
  std::vector<Row> out;
  for (std::size_t i = 0; i < cpu.size(); ++i) out.push_back(rep(name, cpu[i], static_cast<int>(i), unit));
  return out;
}

inline Side side_of(std::vector<Row> rows, Context ctx = {}) {
  GbenchFile f;
  f.path = "mem.json";
  f.context = std::move(ctx);
  f.rows = std::move(rows);
  std::vector<GbenchFile> files;
  files.push_back(std::move(f));
  return merge_files(std::move(files));
}

inline void append(std::vector<Row>& to, const std::vector<Row>& from) { to.insert(to.end(), from.begin(), from.end()); }

}  // namespace lukhas::compare::testing
