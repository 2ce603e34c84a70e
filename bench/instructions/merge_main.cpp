// gbench-merge-rounds: merges the round files of one suite into one Google
// Benchmark JSON (rounds_merge.hpp). Used by ci/ab-compare.
// Exit codes: 0 written, 2 bad input (file and reason on stderr).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bench/instructions/conversion.hpp"
#include "bench/instructions/rounds_merge.hpp"

int main(int argc, char** argv) {
  CLI::App app{"gbench-merge-rounds: merge the rounds of one suite into one Google Benchmark JSON"};
  std::vector<std::string> inputs;
  std::string out_path;
  app.add_option("ROUND", inputs, "round JSON files, in round order")->required();
  app.add_option("--out", out_path, "merged JSON to write")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  std::vector<lukhas::instructions::Round> rounds;
  for (const auto& f : inputs) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "gbench-merge-rounds: %s: cannot open\n", f.c_str());
      return 2;
    }
    std::ostringstream s;
    s << in.rdbuf();
    try {
      rounds.push_back({f, nlohmann::json::parse(lukhas::instructions::nonstrict_to_null(s.str()))});
    } catch (const nlohmann::json::parse_error& e) {
      std::fprintf(stderr, "gbench-merge-rounds: %s: byte %zu: %s\n", f.c_str(), e.byte, e.what());
      return 2;
    }
  }
  const auto m = lukhas::instructions::merge_rounds(rounds);
  if (!m.problems.empty()) {
    for (const auto& p : m.problems) std::fprintf(stderr, "gbench-merge-rounds: %s\n", p.c_str());
    return 2;
  }
  const std::string tmp = out_path + ".tmp";
  {
    std::ofstream o(tmp);
    o << m.output.dump(1) << '\n';
    if (!o) {
      std::fprintf(stderr, "gbench-merge-rounds: %s: write failed\n", tmp.c_str());
      return 2;
    }
  }
  std::filesystem::rename(tmp, out_path);
  return 0;
}
