#pragma once
// `bench-compare summary`: one run without a baseline, as the README's main
// job prints it: median time and latency percentiles per benchmark, the SLO
// verdicts beside the benchmarks they cover, the SLOs not measured here.
#include <optional>
#include <string>
#include <vector>

#include "compare/merge.hpp"
#include "compare/report.hpp"
#include "compare/run_values.hpp"
#include "compare/slo_catalog.hpp"

namespace lukhas::compare {

struct RunSummaryRow {
  std::string name;
  std::string metric;            // cpu_time or real_time
  std::optional<double> time_ns;  // median
  std::size_t repetitions = 0;
  std::optional<double> p50_us, p95_us, p99_us, p999_us;  // medians over repetitions
  // The longest call of any repetition: a tail the median would hide.
  std::optional<double> max_us;
  std::optional<double> samples;  // timed calls behind the percentiles: fewest of any repetition
  bool failed = false;
  std::string message;
  std::vector<SloResult> slos;  // the SLO checks of this benchmark
};

struct RunSummary {
  std::vector<std::string> files;
  std::vector<RunSummaryRow> rows;
  std::vector<SloResult> unmatched_slos;  // missing: no benchmark matched
  std::vector<SloNotMeasured> not_measured;
  std::size_t slo_pass = 0, slo_breach = 0, slo_missing = 0, slo_insufficient = 0, failed = 0;
  RunValues run;      // per-benchmark values in base units (OpenMetrics)
  int exit_code = 0;  // 1 on an SLO breach, an SLO check with insufficient data, or a failed row
};

RunSummary summarize(const Side& side, const SloCatalog* catalog);
std::string render_run_summary(const RunSummary& s);

}  // namespace lukhas::compare
