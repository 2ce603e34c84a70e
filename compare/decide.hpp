#pragma once
// The decision rules (docs/comparator.md, "Decision rules"): from two merged
// sides, the settings and optionally the SLO catalog to a Report. Pure.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compare/merge.hpp"
#include "compare/report.hpp"
#include "compare/slo_catalog.hpp"

namespace lukhas::compare {

// The values of one metric of one benchmark on one side.
struct MetricSamples {
  std::vector<double> values;   // per repetition (finite only), times in ns
  std::size_t non_finite = 0;   // repetitions dropped because NaN/Inf
  std::optional<double> point;  // the median of values, or the aggregate
  std::string source;           // "repetitions", "median aggregate", "mean aggregate", ""
  std::optional<double> cv;     // from the repetitions or the _cv aggregate
  std::string unit_written;     // time unit as in the file (times only)
  bool failed = false;          // a row errored or was skipped
  std::string message;          // its error/skip message
};

bool is_time_metric(std::string_view metric);
// cpu_time, or real_time when the name says the benchmark is timed on the
// real or manual clock (Google Benchmark appends /real_time, /manual_time).
std::string primary_metric(std::string_view benchmark_name);
MetricSamples extract_metric(const Benchmark& b, std::string_view metric);
bool has_metric(const Benchmark& b, std::string_view metric);
// True when the benchmark has aggregates but none of them is a median or mean
// time (only _stddev, _cv or user statistics) and none failed: not compared.
bool statistics_only(const Benchmark& b);

Report decide(const Side& baseline, const Side& contender, const Settings& settings,
              const SloCatalog* catalog = nullptr);

// SLO checks of one side against the catalog (also used without a baseline).
void check_slos(const Side& side, const SloCatalog& catalog, std::vector<SloResult>& results,
                std::vector<SloNotMeasured>& not_measured);

// Context differences worth a warning.
std::vector<std::string> context_warnings(const Side& baseline, const Side& contender, bool compares_instructions);

}  // namespace lukhas::compare
