#include "compare/history_changes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "compare/escape.hpp"

namespace lukhas::compare {

std::size_t HistoryChanges::regressions() const {
  return static_cast<std::size_t>(
      std::count_if(changes.begin(), changes.end(), [](const SeriesChange& c) { return c.regression(); }));
}

int HistoryChanges::exit_code() const { return regressions() > 0 ? 1 : 0; }

HistoryChanges find_history_changes(const History& h, const HistoryChangeSettings& settings) {
  HistoryChanges out;
  out.settings = settings;
  out.runs = h.runs.size();
  std::vector<double> values;
  for (std::size_t s = 0; s < h.series.size(); ++s) {
    const Series& series = h.series[s];
    values.clear();
    std::vector<std::size_t> kept;  // point indices of finite values
    for (std::size_t i = 0; i < series.points.size(); ++i)
      if (std::isfinite(series.points[i].value)) {
        values.push_back(series.points[i].value);
        kept.push_back(i);
      }
    ++out.series_checked;
    for (const ChangePoint& cp : detect_change_points(values, settings.detect)) {
      if (!(std::fabs(cp.step) >= settings.min_step)) continue;
      SeriesChange c;
      c.series = s;
      c.cp = cp;
      c.cp.index = kept[cp.index];
      c.run_before = series.points[kept[cp.index - 1]].run;
      c.run_after = series.points[kept[cp.index]].run;
      out.changes.push_back(c);
    }
  }
  std::stable_sort(out.changes.begin(), out.changes.end(), [](const SeriesChange& a, const SeriesChange& b) {
    if (a.regression() != b.regression()) return a.regression();
    return std::fabs(a.cp.step) > std::fabs(b.cp.step);
  });
  return out;
}

namespace {

std::string short_commit(const std::string& c) { return c.substr(0, 12); }

std::string percent(double step) { return fmt::format("{:+.2f}%", step * 100); }

std::string p_text(double p) { return p < 0.001 ? fmt::format("{:.1e}", p) : fmt::format("{:.3f}", p); }

}  // namespace

std::string render_changes_console(const History& h, const HistoryChanges& c) {
  std::string out = fmt::format("bench-compare history: {} run(s), {} series, {} change point(s) of at least {:.2f}% ({} regression(s))\n",
                                c.runs, c.series_checked, c.changes.size(), c.settings.min_step * 100, c.regressions());
  for (const SeriesChange& ch : c.changes) {
    const Series& s = h.series[ch.series];
    const RunInfo& before = h.runs[ch.run_before];
    const RunInfo& after = h.runs[ch.run_after];
    out += fmt::format("  {} {:>9} {}: {} ({}) between {} and {} ({} .. {}), p = {}\n",
                       ch.regression() ? "REGRESSED" : "improved ", percent(ch.cp.step), escape_visible(s.suite),
                       escape_visible(s.benchmark), escape_visible(s.metric), short_commit(before.key.commit),
                       short_commit(after.key.commit), format_iso8601(before.key.time),
                       format_iso8601(after.key.time), p_text(ch.cp.p_value));
  }
  for (const Problem& p : h.skipped) out += "  skipped: " + escape_visible(format_problem(p)) + "\n";
  return out;
}

std::string render_changes_json(const History& h, const HistoryChanges& c) {
  using json = nlohmann::json;
  json j = json::object();
  j["runs"] = c.runs;
  j["series"] = c.series_checked;
  j["settings"] = {{"method", "e-divisive"},
                   {"alpha", c.settings.detect.alpha},
                   {"permutations", c.settings.detect.permutations},
                   {"min_segment", c.settings.detect.min_segment},
                   {"seed", c.settings.detect.seed},
                   {"min_step", c.settings.min_step}};
  j["regressions"] = c.regressions();
  j["exit_code"] = c.exit_code();
  json list = json::array();
  for (const SeriesChange& ch : c.changes) {
    const Series& s = h.series[ch.series];
    const RunInfo& before = h.runs[ch.run_before];
    const RunInfo& after = h.runs[ch.run_after];
    json e = json::object();
    e["suite"] = s.suite;
    e["benchmark"] = s.benchmark;
    e["metric"] = s.metric;
    e["unit"] = s.unit;
    e["direction"] = ch.regression() ? "regression" : "improvement";
    e["run_index"] = ch.run_after;
    e["commit_before"] = before.key.commit;
    e["commit_after"] = after.key.commit;
    e["date_before"] = format_iso8601(before.key.time);
    e["date_after"] = format_iso8601(after.key.time);
    e["median_before"] = ch.cp.median_before;
    e["median_after"] = ch.cp.median_after;
    e["step"] = ch.cp.step;
    e["p_value"] = ch.cp.p_value;
    e["statistic"] = ch.cp.statistic;
    list.push_back(std::move(e));
  }
  j["change_points"] = std::move(list);
  json skipped = json::array();
  for (const Problem& p : h.skipped) skipped.push_back(format_problem(p));
  j["skipped"] = std::move(skipped);
  // error_handler replace: a benchmark name is bytes from a file; invalid
  // UTF-8 must not abort the report.
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string render_changes_markdown(const History& h, const HistoryChanges& c) {
  std::string out = fmt::format("## Change points: {} in {} series over {} runs ({} regression(s))\n\n",
                                c.changes.size(), c.series_checked, c.runs, c.regressions());
  if (c.changes.empty()) {
    out += fmt::format("No change point of at least {:.2f}%.\n", c.settings.min_step * 100);
    return out;
  }
  out += "| | Step | Benchmark | Metric | Between | p |\n|---|---:|---|---|---|---:|\n";
  for (const SeriesChange& ch : c.changes) {
    const Series& s = h.series[ch.series];
    out += fmt::format("| {} | {} | {} | {} | `{}`..`{}` | {} |\n", ch.regression() ? "❌" : "✅", percent(ch.cp.step),
                       markdown_code(s.suite + ": " + s.benchmark), markdown_text(s.metric),
                       short_commit(h.runs[ch.run_before].key.commit), short_commit(h.runs[ch.run_after].key.commit),
                       p_text(ch.cp.p_value));
  }
  return out;
}

}  // namespace lukhas::compare
