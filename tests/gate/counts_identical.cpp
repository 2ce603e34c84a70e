// counts-identical: the counts of instruction-mode results must be exactly
// equal, benchmark by benchmark, for the test that proves the instruction
// gate does not depend on the CPU (perf_instructions_travel in tests/gate/CMakeLists.txt).
//
//   counts-identical REFERENCE.json OTHER.json... [--metric instructions --metric allocations]
// Compares every row of every OTHER with the row of the same name in
// REFERENCE: a missing row or any difference in a metric (0 tolerance) is a
// failure, printed with both values. Exit: 0 identical, 1 a difference,
// 2 an unreadable file or a file without rows.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "compare/gbench_json.hpp"

namespace {

// name -> metric -> value, read by the comparator's codec (NaN stays NaN).
using Rows = std::map<std::string, std::map<std::string, double>>;

bool load(const std::string& path, Rows& rows) {
  try {
    for (const auto& row : lukhas::compare::read_gbench_file(path).rows) {
      auto& metrics = rows[row.name];
      for (const auto& c : row.counters) metrics[std::string(c.name)] = c.value;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "counts-identical: %s\n", e.what());
    return false;
  }
  if (rows.empty()) {
    std::fprintf(stderr, "counts-identical: %s: no benchmark rows\n", path.c_str());
    return false;
  }
  return true;
}

std::string fmt_largest(double largest) {
  char buf[64];
  std::snprintf(buf, sizeof buf, " (largest %.3f%%)", 100 * largest);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"counts-identical: instruction-mode counts must be equal row by row"};
  std::string reference_path;
  std::vector<std::string> others;
  std::vector<std::string> metrics{"instructions", "allocations"};
  app.add_option("REFERENCE", reference_path)->required();
  app.add_option("OTHER", others)->required();
  app.add_option("--metric", metrics, "metric to compare (default: instructions, allocations)");
  CLI11_PARSE(app, argc, argv);

  Rows reference;
  if (!load(reference_path, reference)) return 2;
  int differences = 0;
  for (const auto& path : others) {
    Rows other;
    if (!load(path, other)) return 2;
    int here = 0;
    double largest = 0;
    for (const auto& [name, ref] : reference) {
      const auto it = other.find(name);
      if (it == other.end()) {
        std::printf("%s: %s missing\n", path.c_str(), name.c_str());
        ++here;
        continue;
      }
      for (const auto& metric : metrics) {
        const bool a = ref.count(metric) != 0, b = it->second.count(metric) != 0;
        if (!a && !b) continue;
        if (a != b) {
          std::printf("%s: %s: %s on one side only\n", path.c_str(), name.c_str(), metric.c_str());
          ++here;
          continue;
        }
        const double x = ref.at(metric), y = it->second.at(metric);
        if (x == y || (std::isnan(x) && std::isnan(y))) continue;
        const double rel = x != 0 ? (y - x) / x : INFINITY;
        largest = std::max(largest, std::fabs(rel));
        std::printf("%s: %s: %s %.6g -> %.6g (%+.3f%%)\n", path.c_str(), name.c_str(),
                    metric.c_str(), x, y, 100 * rel);
        ++here;
      }
    }
    for (const auto& [name, row] : other)
      if (!reference.count(name)) {
        std::printf("%s: %s not in the reference\n", path.c_str(), name.c_str());
        ++here;
      }
    std::printf("%s: %zu benchmarks, %d differences%s\n", path.c_str(), reference.size(), here,
                here ? fmt_largest(largest).c_str() : "");
    differences += here;
  }
  return differences ? 1 : 0;
}
