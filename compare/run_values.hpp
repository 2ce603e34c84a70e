#pragma once
// What one side of a run measured, per benchmark, in base units: the data
// behind the OpenMetrics output (render_openmetrics.hpp) and the revision
// line of the HTML report (render_html.hpp). Pure: computed from a Side.
#include <optional>
#include <string>
#include <vector>

#include "compare/merge.hpp"

namespace lukhas::compare {

struct BenchmarkValues {
  std::string name;
  // Medians over the repetitions (or the median/mean aggregate), in seconds.
  std::optional<double> real_time_s, cpu_time_s;
  // Latency percentiles from the p50_us / p95_us / p99_us / p999_us
  // counters, in seconds.
  std::optional<double> p50_s, p95_s, p99_s, p999_s;
  std::optional<double> instructions, allocations;  // per iteration, as counted
  std::size_t repetitions = 0;
  bool failed = false;
};

struct RunValues {
  std::vector<std::string> files;
  std::string revision;  // context git_revision, "" when absent
  std::string suite;     // context lukhas_suite, "" when absent
  std::vector<BenchmarkValues> benchmarks;  // sorted by name, as the side is

  // How a reader names this side: the revision, else the file names.
  std::string label() const;
};

RunValues collect_run_values(const Side& side);

}  // namespace lukhas::compare
