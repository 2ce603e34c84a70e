#include "compare/history_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "compare/escape.hpp"

namespace lukhas::compare {

namespace {

constexpr double kWidth = 760, kHeight = 240;
constexpr double kLeft = 78, kRight = 12, kTop = 14, kBottom = 44;
constexpr std::size_t kMaxXLabels = 8;

constexpr const char* kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:12px;color:#1f2328}
h1{font-size:1.4em}h2{font-size:1em;margin:1.4em 0 .3em;word-break:break-all}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #d0d7de;padding:2px 6px;text-align:left}
code{word-break:break-all}
svg.chart{width:100%;height:auto;max-width:900px;display:block}
.axis{stroke:#8c959f;stroke-width:1}
.grid{stroke:#eaeef2;stroke-width:1}
.spread{fill:#54aeff;fill-opacity:.25;stroke:none}
.median{fill:none;stroke:#0969da;stroke-width:1.5}
.changepoint{stroke:#cf222e;stroke-width:1.5;stroke-dasharray:4 3}
.changepoint.improvement{stroke:#1a7f37}
.slo-target{stroke:#9a6700;stroke-width:1.5}
text{font-size:11px;fill:#57606a}
.regression{color:#cf222e}.improvement-text{color:#1a7f37}
)";

std::string num(double v) { return fmt::format("{:.1f}", v); }

std::string value_text(double v, const std::string& unit, int digits = 4) {
  const double a = std::fabs(v);
  std::string n;
  if (a >= 1e9) n = fmt::format("{:.{}g}G", v / 1e9, digits);
  else if (a >= 1e6) n = fmt::format("{:.{}g}M", v / 1e6, digits);
  else if (a >= 1e4) n = fmt::format("{:.{}g}k", v / 1e3, digits);
  else n = fmt::format("{:.{}g}", v, digits);
  return unit.empty() ? n : n + " " + unit;
}

// Tick labels with as many significant digits as it takes to tell them apart
// (an instruction count that moves by 0.01% needs 7).
std::vector<std::string> tick_labels(const std::vector<double>& ticks) {
  std::vector<std::string> out;
  for (int digits = 4; digits <= 12; ++digits) {
    out.clear();
    for (double t : ticks) out.push_back(value_text(t, "", digits));
    bool distinct = true;
    for (std::size_t i = 1; i < out.size(); ++i) distinct = distinct && out[i] != out[i - 1];
    if (distinct) break;
  }
  return out;
}

std::string short_sha(const std::string& c) { return c.substr(0, 7); }

std::string chart(const History& h, const Series& s, const std::vector<const SeriesChange*>& cps, std::size_t id) {
  const std::size_t runs = std::max<std::size_t>(h.runs.size(), 1);
  double lo = s.points.front().low, hi = s.points.front().high;
  for (const SeriesPoint& p : s.points) {
    lo = std::min({lo, p.low, p.value});
    hi = std::max({hi, p.high, p.value});
  }
  if (s.slo) {
    lo = std::min(lo, s.slo->target);
    hi = std::max(hi, s.slo->target);
  }
  if (!(hi > lo)) {
    const double pad = lo != 0 ? std::fabs(lo) * 0.01 : 1;
    lo -= pad;
    hi += pad;
  }
  const double pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto x = [&](double run) { return kLeft + (runs == 1 ? plot_w / 2 : run / static_cast<double>(runs - 1) * plot_w); };
  auto y = [&](double v) { return kTop + (hi - v) / (hi - lo) * plot_h; };

  std::string title = s.suite + ": " + s.benchmark + " (" + s.metric + ")";
  std::string out = fmt::format(
      "<svg class=\"chart\" id=\"chart-{}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n", id, num(kWidth),
      num(kHeight), html_text(title));
  // y grid and labels: bottom, middle, top
  std::vector<double> ticks;
  for (int k = 0; k <= 2; ++k) ticks.push_back(lo + pad + (hi - lo - 2 * pad) * k / 2.0);
  const std::vector<std::string> labels = tick_labels(ticks);  // the unit is in the heading
  for (std::size_t k = 0; k < ticks.size(); ++k) {
    const double v = ticks[k];
    out += fmt::format("<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", num(kLeft), num(kWidth - kRight),
                       num(y(v)), num(y(v)));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", num(kLeft - 4), num(y(v) + 4),
                       html_text(labels[k]));
  }
  out += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>", num(kLeft), num(kTop),
                     num(kTop + plot_h));
  out += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n", num(kLeft),
                     num(kWidth - kRight), num(kTop + plot_h));
  // x labels: short SHAs of at most kMaxXLabels runs, evenly spaced
  const std::size_t every = (runs + kMaxXLabels - 1) / kMaxXLabels;
  for (std::size_t r = 0; r < h.runs.size(); r += std::max<std::size_t>(every, 1))
    out += fmt::format("<text class=\"commit\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", num(x(static_cast<double>(r))),
                       num(kTop + plot_h + 16), html_text(short_sha(h.runs[r].key.commit)));
  out += "\n";
  // the spread: highs left to right, then lows back
  std::string band, line;
  for (const SeriesPoint& p : s.points) band += fmt::format("{},{} ", num(x(static_cast<double>(p.run))), num(y(p.high)));
  for (auto it = s.points.rbegin(); it != s.points.rend(); ++it)
    band += fmt::format("{},{} ", num(x(static_cast<double>(it->run))), num(y(it->low)));
  for (const SeriesPoint& p : s.points) line += fmt::format("{},{} ", num(x(static_cast<double>(p.run))), num(y(p.value)));
  out += "<polygon class=\"spread\" points=\"" + band + "\"/>\n";
  out += "<polyline class=\"median\" points=\"" + line + "\"/>\n";
  if (s.slo)
    out += fmt::format(
        "<line class=\"slo-target\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"><title>SLO {3} target {4} {5}</title></line>\n",
        num(kLeft), num(kWidth - kRight), num(y(s.slo->target)), html_text(s.slo->id), html_text(to_string(s.slo->comparison)),
        html_text(value_text(s.slo->target, s.unit)));
  for (const SeriesChange* c : cps) {
    const double cx = (x(static_cast<double>(c->run_before)) + x(static_cast<double>(c->run_after))) / 2;
    out += fmt::format(
        "<line class=\"changepoint{0}\" x1=\"{1}\" x2=\"{1}\" y1=\"{2}\" y2=\"{3}\"><title>{4:+.2f}% between {5} and {6} "
        "(p = {7:.3g})</title></line>\n",
        c->regression() ? "" : " improvement", num(cx), num(kTop), num(kTop + plot_h), c->cp.step * 100,
        html_text(short_sha(h.runs[c->run_before].key.commit)), html_text(short_sha(h.runs[c->run_after].key.commit)),
        c->cp.p_value);
  }
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">commit</text>\n", num(kLeft + plot_w / 2),
                     num(kHeight - 6));
  out += "</svg>\n";
  return out;
}

}  // namespace

std::string render_history_page(const History& h, const HistoryChanges& changes) {
  std::vector<std::vector<const SeriesChange*>> per_series(h.series.size());
  for (const SeriesChange& c : changes.changes) per_series[c.series].push_back(&c);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>Performance history</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<h1>Performance history</h1>\n";
  if (h.runs.empty()) {
    out += "<p>No runs in this history.</p>\n";
  } else {
    const RunInfo& first = h.runs.front();
    const RunInfo& last = h.runs.back();
    out += fmt::format("<p>{} run(s) from <code>{}</code> ({}) to <code>{}</code> ({})", h.runs.size(),
                       html_text(short_sha(first.key.commit)), html_text(format_iso8601(first.key.time)),
                       html_text(short_sha(last.key.commit)), html_text(format_iso8601(last.key.time)));
    if (!last.branch.empty()) out += fmt::format(" on <code>{}</code>", html_text(last.branch));
    out += fmt::format(", {} chart(s).</p>\n", h.series.size());
  }
  out += fmt::format(
      "<p>Change points drawn: <strong id=\"changepoints\">{}</strong> ({} regression(s); E-divisive means, "
      "alpha {}, at least {:.2f}%).</p>\n",
      changes.changes.size(), changes.regressions(), changes.settings.detect.alpha, changes.settings.min_step * 100);
  if (!changes.changes.empty()) {
    out += "<table>\n<tr><th>Step</th><th>Benchmark</th><th>Between</th><th>p</th></tr>\n";
    for (const SeriesChange& c : changes.changes) {
      const Series& s = h.series[c.series];
      out += fmt::format(
          "<tr><td class=\"{}\">{:+.2f}%</td><td><a href=\"#chart-{}\">{}</a></td><td><code>{}</code>..<code>{}</code>"
          "</td><td>{:.3g}</td></tr>\n",
          c.regression() ? "regression" : "improvement-text", c.cp.step * 100, c.series,
          html_text(s.suite + ": " + s.benchmark + " (" + s.metric + ")"),
          html_text(short_sha(h.runs[c.run_before].key.commit)), html_text(short_sha(h.runs[c.run_after].key.commit)),
          c.cp.p_value);
    }
    out += "</table>\n";
  }
  for (const Problem& p : h.skipped)
    out += "<p class=\"skipped\">Skipped: " + html_text(format_problem(p)) + "</p>\n";
  for (std::size_t i = 0; i < h.series.size(); ++i) {
    const Series& s = h.series[i];
    out += "<section>\n<h2>" + html_text(s.suite) + ": " + html_text(s.benchmark) + " <small>(" + html_text(s.metric);
    if (!s.unit.empty() && s.unit != s.metric) out += ", " + html_text(s.unit);
    if (s.slo) out += ", SLO " + html_text(s.slo->id);
    out += ")</small></h2>\n";
    out += chart(h, s, per_series[i], i);
    out += "</section>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace lukhas::compare
