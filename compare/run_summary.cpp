#include "compare/run_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "compare/decide.hpp"
#include "compare/escape.hpp"
#include "compare/render_common.hpp"

namespace lukhas::compare {

RunSummary summarize(const Side& side, const SloCatalog* catalog) {
  RunSummary s;
  s.files = side.files;
  for (const auto& b : side.benchmarks) {
    if (b.iterations.empty() && b.aggregates.empty()) continue;
    RunSummaryRow row;
    row.name = b.name;
    row.metric = primary_metric(b.name);
    const MetricSamples t = extract_metric(b, row.metric);
    row.time_ns = t.point;
    row.repetitions = t.values.size();
    row.failed = t.failed;
    row.message = t.message;
    if (t.failed) ++s.failed;
    auto pct = [&](const char* key) -> std::optional<double> {
      if (!has_metric(b, key)) return std::nullopt;
      return extract_metric(b, key).point;
    };
    row.p50_us = pct("p50_us");
    row.p95_us = pct("p95_us");
    row.p99_us = pct("p99_us");
    row.p999_us = pct("p999_us");
    if (has_metric(b, "max_us")) {
      const MetricSamples m = extract_metric(b, "max_us");
      row.max_us = m.values.empty() ? m.point : *std::max_element(m.values.begin(), m.values.end());
    }
    if (has_metric(b, "samples")) {
      const MetricSamples n = extract_metric(b, "samples");
      row.samples = n.values.empty() ? n.point : *std::min_element(n.values.begin(), n.values.end());
    }
    s.rows.push_back(std::move(row));
  }
  if (catalog) {
    std::vector<SloResult> results;
    check_slos(side, *catalog, results, s.not_measured);
    for (auto& r : results) {
      if (r.verdict == SloVerdict::pass) ++s.slo_pass;
      else if (r.verdict == SloVerdict::breach) ++s.slo_breach;
      else if (r.verdict == SloVerdict::insufficient) ++s.slo_insufficient;
      else ++s.slo_missing;
      auto it = std::find_if(s.rows.begin(), s.rows.end(), [&](const RunSummaryRow& row) { return row.name == r.benchmark; });
      if (r.benchmark.empty() || it == s.rows.end()) s.unmatched_slos.push_back(std::move(r));
      else it->slos.push_back(std::move(r));
    }
  }
  // Too few calls is a configuration error of the run, and never a pass.
  s.exit_code = (s.slo_breach > 0 || s.slo_insufficient > 0 || s.failed > 0) ? 1 : 0;
  s.run = collect_run_values(side);
  return s;
}

std::string render_run_summary(const RunSummary& s) {
  std::size_t w = 9;
  for (const auto& r : s.rows) w = std::max(w, escape_visible(r.name).size());
  std::string out = fmt::format("{:<{}} {:>12} {:>5} {:>8} {:>10} {:>10} {:>10} {:>10} {:>10}  {}\n", "benchmark", w,
                                "median", "reps", "calls", "p50_us", "p95_us", "p99_us", "p99.9_us", "max_us", "SLO");
  auto num = [](const std::optional<double>& v) {
    if (!v) return std::string("-");
    return std::fabs(*v) >= 1e4 ? fmt::format("{:.0f}", *v) : fmt::format("{:.4g}", *v);
  };
  for (const auto& r : s.rows) {
    std::string slo;
    for (const auto& x : r.slos) {
      if (!slo.empty()) slo += "; ";
      std::string detail = x.margin ? "margin " + format_slo_value(x.margin, x.unit) : x.note;
      if (x.value) detail += "; n = " + format_slo_basis(x);
      if (x.verdict == SloVerdict::insufficient) detail += " (" + x.note + ")";
      slo += fmt::format("{} {} {} {} {}: {}", x.id, x.counter, to_string(x.comparison), format_slo_value(x.target, x.unit),
                         slo_verdict_label(x.verdict), detail);
    }
    if (r.failed) slo = "FAILED: " + r.message + (slo.empty() ? "" : "; " + slo);
    out += fmt::format("{:<{}} {:>12} {:>5} {:>8} {:>10} {:>10} {:>10} {:>10} {:>10}  {}\n", escape_visible(r.name), w,
                       format_value(r.time_ns, "ns"),
                       r.repetitions, r.samples ? fmt::format("{:.0f}", *r.samples) : std::string("-"), num(r.p50_us),
                       num(r.p95_us), num(r.p99_us), num(r.p999_us), num(r.max_us), escape_visible(slo));
  }
  if (!s.unmatched_slos.empty()) {
    out += "\nSLOs with no measurement in these results\n";
    for (const auto& x : s.unmatched_slos) out += escape_visible(fmt::format("  {}: missing ({})", x.id, x.note)) + "\n";
  }
  if (!s.not_measured.empty()) {
    out += "\nSLOs not measured in process\n";
    for (const auto& n : s.not_measured)
      out += escape_visible(fmt::format("  {} ({} {} {} {}): {}", n.id, n.counter, to_string(n.comparison), n.target,
                                        n.unit, n.why)) + "\n";
  }
  out += fmt::format("\nSLO: {} pass, {} breach, {} missing, {} insufficient data; {} failed benchmark(s)\n", s.slo_pass,
                     s.slo_breach, s.slo_missing, s.slo_insufficient, s.failed);
  if (s.slo_insufficient > 0)
    out += "SLO checks with insufficient data fail: each repetition must time enough calls for its percentile "
           "(20 / (1 - q): 400 for a p95; suites take --lukhas_latency_iterations=N)\n";
  return out;
}

}  // namespace lukhas::compare
