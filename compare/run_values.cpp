#include "compare/run_values.hpp"

#include <fmt/format.h>

#include <cmath>

#include "compare/decide.hpp"

namespace lukhas::compare {

namespace {

// A finite point of `metric` divided by `per_unit` (a division, not a
// multiplication by the inverse: 50000 us is 0.05 s, not 0.049999999999999996).
std::optional<double> point(const Benchmark& b, const char* metric, double per_unit) {
  if (!has_metric(b, metric)) return std::nullopt;
  const MetricSamples s = extract_metric(b, metric);
  if (!s.point || !std::isfinite(*s.point)) return std::nullopt;
  return *s.point / per_unit;
}

}  // namespace

std::string RunValues::label() const {
  if (!revision.empty()) return revision;
  return fmt::format("{}", fmt::join(files, ", "));
}

RunValues collect_run_values(const Side& side) {
  RunValues r;
  r.files = side.files;
  r.revision = context_string(side.context(), "git_revision");
  r.suite = context_string(side.context(), "lukhas_suite");
  r.benchmarks.reserve(side.benchmarks.size());
  for (const auto& b : side.benchmarks) {
    if (b.iterations.empty() && b.aggregates.empty()) continue;  // a complexity fit only
    BenchmarkValues v;
    v.name = b.name;
    // extract_metric gives times in ns and the counters as written.
    v.real_time_s = point(b, "real_time", 1e9);
    v.cpu_time_s = point(b, "cpu_time", 1e9);
    v.p50_s = point(b, "p50_us", 1e6);
    v.p95_s = point(b, "p95_us", 1e6);
    v.p99_s = point(b, "p99_us", 1e6);
    v.p999_s = point(b, "p999_us", 1e6);
    v.instructions = point(b, "instructions", 1);
    v.allocations = point(b, "allocations", 1);
    const MetricSamples t = extract_metric(b, primary_metric(b.name));
    v.repetitions = t.values.size();
    v.failed = t.failed;
    r.benchmarks.push_back(std::move(v));
  }
  return r;
}

}  // namespace lukhas::compare
