#include "compare/render_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "compare/escape.hpp"
#include "compare/render_common.hpp"

namespace lukhas::compare {

namespace {

// Colours: the baseline grey, the contender blue in every chart; a row's
// verdict colours its left edge and its change (red worse, green better).
constexpr const char* kStyle = R"(
:root{--fg:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bad:#b91c1c;--good:#15803d;--warn:#b45309;--base:#64748b;--cont:#2563eb}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fff}
main{max-width:1200px;margin:0 auto;padding:16px}
h1{font-size:1.4em;margin:0 0 8px}
h2{font-size:1.15em;margin:24px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:1em;margin:16px 0 6px}
.verdict{font-size:1.15em;font-weight:600;padding:8px 12px;border-radius:6px;margin:8px 0}
.verdict.fail{background:#fef2f2;color:var(--bad);border:1px solid #fecaca}
.verdict.pass{background:#f0fdf4;color:var(--good);border:1px solid #bbf7d0}
.verdict.other{background:#fffbeb;color:var(--warn);border:1px solid #fde68a}
dl.revisions{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}
dl.revisions dt{color:var(--muted)}
dl.revisions dd{margin:0;font-family:ui-monospace,monospace;overflow-wrap:anywhere}
ul.counts{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:6px}
ul.counts li{padding:2px 10px;border-radius:12px;background:#f3f4f6}
ul.counts li.regressed,ul.counts li.failed,ul.counts li.breach{background:#fee2e2;color:var(--bad)}
ul.counts li.improved,ul.counts li.pass{background:#dcfce7;color:var(--good)}
.legend{color:var(--muted);font-size:.9em}
.legend .b{color:var(--base);font-weight:600}.legend .c{color:var(--cont);font-weight:600}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:middle}
th{font-weight:600;color:var(--muted);font-size:.9em}
td.name{font-family:ui-monospace,monospace;overflow-wrap:anywhere;max-width:360px}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr{border-left:4px solid transparent}
tr.regressed,tr.failed,tr.removed,tr.breach,tr.insufficient{border-left-color:var(--bad)}
tr.improved,tr.pass{border-left-color:var(--good)}
tr.regressed td.change,tr.failed td.verdict,tr.breach td.verdict{color:var(--bad);font-weight:600}
tr.improved td.change,tr.pass td.verdict{color:var(--good);font-weight:600}
td.note{color:var(--muted);font-size:.85em;overflow-wrap:anywhere;max-width:320px}
svg{display:block;max-width:100%;height:auto}
ul.warnings{color:var(--warn)}
section.gate-section{margin-top:28px}
.section-verdict{font-weight:600}
@media (max-width:700px){
 main{padding:8px}
 table,thead,tbody,tr,td{display:block;width:100%}
 thead{display:none}
 tr{border:1px solid var(--line);border-left-width:4px;border-radius:6px;margin:0 0 10px;padding:4px}
 td{border:none;padding:3px 6px;max-width:none}
 td.num{text-align:left}
 td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85em}
}
)";

constexpr double kChartW = 320, kChartH = 58, kPad = 10;

std::string num(double v) { return fmt::format("{:.2f}", v); }

// The order a reviewer reads: regressions first (largest change first), then
// the other failing rows, then improvements, new, removed, unchanged.
std::vector<std::size_t> html_order(const Report& r) {
  std::vector<std::size_t> idx = display_order(r);
  auto rank = [&](std::size_t i) {
    const Comparison& c = r.comparisons[i];
    return c.verdict == Verdict::regressed ? 0 : 1 + display_rank(c);
  };
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    const int ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb;
    if (ra == 0) return r.comparisons[a].change.value_or(0) > r.comparisons[b].change.value_or(0);
    return false;
  });
  return idx;
}

bool chartable(const Comparison& c) {
  auto finite = [](const std::optional<double>& v) { return v && std::isfinite(*v); };
  return finite(c.baseline) || finite(c.contender) || !c.baseline_values.empty() || !c.contender_values.empty();
}

// One strip chart: the baseline's repetitions on the upper row, the
// contender's on the lower, medians as ticks, and the band within which a
// change of the contender's median stays under the threshold used.
std::string strip_chart(const Comparison& c) {
  std::vector<double> all(c.baseline_values);
  all.insert(all.end(), c.contender_values.begin(), c.contender_values.end());
  std::optional<double> band_lo, band_hi;
  if (c.baseline && std::isfinite(*c.baseline)) {
    all.push_back(*c.baseline);
    if (c.threshold_used > 0 && c.threshold_used < 10) {
      band_lo = *c.baseline * (1 - c.threshold_used);
      band_hi = *c.baseline * (1 + c.threshold_used);
      all.push_back(*band_lo);
      all.push_back(*band_hi);
    }
  }
  if (c.contender && std::isfinite(*c.contender)) all.push_back(*c.contender);
  double lo = *std::min_element(all.begin(), all.end()), hi = *std::max_element(all.begin(), all.end());
  if (hi - lo <= std::fabs(hi) * 1e-12) {
    const double d = hi == 0 ? 1 : std::fabs(hi) * 0.05;
    lo -= d;
    hi += d;
  }
  const double span = hi - lo;
  lo -= span * 0.04;
  hi += span * 0.04;
  auto x = [&](double v) { return kPad + (v - lo) / (hi - lo) * (kChartW - 2 * kPad); };
  const double yb = 14, yc = 34;
  std::string s = fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0f} {:.0f}\" width=\"{:.0f}\" "
      "height=\"{:.0f}\" role=\"img\"><title>{} {}: baseline {}, contender {}</title>",
      kChartW, kChartH, kChartW, kChartH, html_text(c.name), html_text(c.metric),
      html_text(format_value(c.baseline, c.unit)), html_text(format_value(c.contender, c.unit)));
  if (band_lo)
    s += fmt::format("<rect x=\"{}\" y=\"4\" width=\"{}\" height=\"40\" fill=\"#fde68a\" fill-opacity=\"0.45\"/>",
                     num(x(*band_lo)), num(x(*band_hi) - x(*band_lo)));
  s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#e5e7eb\"/>"
                   "<line x1=\"{0}\" y1=\"{3}\" x2=\"{2}\" y2=\"{3}\" stroke=\"#e5e7eb\"/>",
                   num(kPad), num(yb), num(kChartW - kPad), num(yc));
  for (double v : c.baseline_values)
    s += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#64748b\" fill-opacity=\"0.7\"/>", num(x(v)), num(yb));
  for (double v : c.contender_values)
    s += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#2563eb\" fill-opacity=\"0.7\"/>", num(x(v)), num(yc));
  if (c.baseline && std::isfinite(*c.baseline))
    s += fmt::format("<line class=\"median\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#334155\" "
                     "stroke-width=\"2\"/>",
                     num(x(*c.baseline)), num(yb - 8), num(yb + 8));
  if (c.contender && std::isfinite(*c.contender))
    s += fmt::format("<line class=\"median\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#1e3a8a\" "
                     "stroke-width=\"2\"/>",
                     num(x(*c.contender)), num(yc - 8), num(yc + 8));
  s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"9\" fill=\"#6b7280\">{}</text>", num(kPad), num(kChartH - 2),
                   html_text(format_value(lo, c.unit)));
  s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"9\" fill=\"#6b7280\" text-anchor=\"end\">{}</text>",
                   num(kChartW - kPad), num(kChartH - 2), html_text(format_value(hi, c.unit)));
  return s + "</svg>";
}

std::string verdict_class(Verdict v) {
  switch (v) {
    case Verdict::new_benchmark: return "new";
    default: return to_string(v);
  }
}

std::string benchmarks_table(const Report& r) {
  if (r.comparisons.empty()) return "<p>No benchmark was compared.</p>\n";
  std::string s =
      "<p class=\"legend\">Each chart: <span class=\"b\">baseline</span> repetitions (upper row) and "
      "<span class=\"c\">contender</span> repetitions (lower row); a tick is a side&#39;s median; the shaded band is "
      "the baseline median &#177; the threshold used.</p>\n"
      "<div class=\"scroll\"><table class=\"benchmarks\"><thead><tr><th>Benchmark</th><th>Metric</th>"
      "<th>Repetitions</th><th>Baseline</th><th>Contender</th><th>Change</th><th>Verdict</th><th>Notes</th></tr>"
      "</thead><tbody>\n";
  for (std::size_t i : html_order(r)) {
    const Comparison& c = r.comparisons[i];
    s += fmt::format("<tr class=\"{}\"><td class=\"name\">{}</td><td data-label=\"metric\">{}</td><td>{}</td>",
                     verdict_class(c.verdict), html_text(c.name), html_text(c.metric),
                     chartable(c) ? strip_chart(c) : "<span class=\"legend\">no values</span>");
    s += fmt::format("<td class=\"num\" data-label=\"baseline\">{}</td><td class=\"num\" data-label=\"contender\">{}</td>"
                     "<td class=\"num change\" data-label=\"change\">{}</td><td class=\"verdict\" data-label=\"verdict\">{}</td>"
                     "<td class=\"note\">{}</td></tr>\n",
                     html_text(format_value(c.baseline, c.unit)), html_text(format_value(c.contender, c.unit)),
                     html_text(format_change(c.change)), html_text(to_string(c.verdict)), html_text(joined_notes(c)));
  }
  return s + "</tbody></table></div>\n";
}

// The SLO value against its target on a log scale over the whole decades
// around the two; a value or target at or below 0 has no logarithm: linear.
std::string slo_chart(const SloResult& r) {
  const double v = *r.value, t = r.target;
  const bool log = v > 0 && t > 0;
  double lo, hi;
  if (log) {
    // Whole decades, with room when a value sits on one: the axis reads
    // "10 to 100000 us".
    const double a = std::log10(std::min(v, t)), b = std::log10(std::max(v, t));
    lo = std::floor(a);
    hi = std::ceil(b);
    if (a - lo < 0.05) lo -= 1;
    if (hi - b < 0.05) hi += 1;
  } else {
    lo = std::min({v, t, 0.0});
    hi = std::max({v, t, 0.0});
    if (hi == lo) hi = lo + 1;
    const double pad = (hi - lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  auto x = [&](double u) {
    const double p = log ? (std::log10(u) - lo) / (hi - lo) : (u - lo) / (hi - lo);
    return kPad + std::clamp(p, 0.0, 1.0) * (kChartW - 2 * kPad);
  };
  const char* colour = r.verdict == SloVerdict::pass ? "#15803d" : r.verdict == SloVerdict::breach ? "#b91c1c" : "#b45309";
  std::string s = fmt::format(
      "<svg class=\"slo-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0f} 40\" width=\"{:.0f}\" "
      "height=\"40\" role=\"img\"><title>{}: {} against target {} {} ({} scale)</title>",
      kChartW, kChartW, html_text(r.id), html_text(format_slo_value(r.value, r.unit)), html_text(to_string(r.comparison)),
      html_text(format_slo_value(r.target, r.unit)), log ? "log" : "linear");
  s += fmt::format("<rect x=\"{}\" y=\"8\" width=\"{}\" height=\"12\" fill=\"{}\" fill-opacity=\"0.8\"/>", num(kPad),
                   num(std::max(1.0, x(v) - kPad)), colour);
  s += fmt::format("<line class=\"target\" x1=\"{0}\" y1=\"2\" x2=\"{0}\" y2=\"26\" stroke=\"#111827\" "
                   "stroke-width=\"2\" stroke-dasharray=\"3 2\"/>",
                   num(x(t)));
  s += fmt::format("<text x=\"{}\" y=\"37\" font-size=\"9\" fill=\"#6b7280\">{}</text>", num(kPad),
                   log ? html_text(fmt::format("log scale, {:g} to {:g}{}", std::pow(10, lo), std::pow(10, hi),
                                                   r.unit.empty() || r.unit == "ratio" ? "" : " " + r.unit))
                       : std::string("linear scale"));
  s += fmt::format("<text x=\"{}\" y=\"37\" font-size=\"9\" fill=\"#111827\" text-anchor=\"middle\">target</text>",
                   num(std::clamp(x(t), 40.0, kChartW - 40)));
  return s + "</svg>";
}

std::string slo_class(SloVerdict v) { return v == SloVerdict::pass ? "pass" : to_string(v); }

std::string slo_table(const std::vector<const SloResult*>& slos, const std::vector<SloNotMeasured>& not_measured) {
  if (slos.empty() && not_measured.empty()) return "";
  std::string s = "<h2>SLOs</h2>\n";
  if (!slos.empty()) {
    s += "<p class=\"legend\">Bar: the measured value; dashed line: the target.</p>\n"
         "<div class=\"scroll\"><table class=\"slos\"><thead><tr><th>SLO</th><th>Benchmark</th><th>Value vs target</th>"
         "<th>Value</th><th>Target</th><th>Verdict</th><th>Basis</th><th>Notes</th></tr></thead><tbody>\n";
    for (const SloResult* r : slos) {
      const bool chart = r->value && std::isfinite(*r->value) && std::isfinite(r->target);
      s += fmt::format("<tr class=\"{}\"><td class=\"name\">{}</td><td class=\"name\">{}</td><td>{}</td>",
                       slo_class(r->verdict), html_text(r->id), html_text(r->benchmark.empty() ? "(no match)" : r->benchmark),
                       chart ? slo_chart(*r) : "<span class=\"legend\">no value</span>");
      s += fmt::format("<td class=\"num\" data-label=\"value\">{}</td><td class=\"num\" data-label=\"target\">{} {}</td>"
                       "<td class=\"verdict\" data-label=\"verdict\">{}</td><td class=\"note\">{}</td>"
                       "<td class=\"note\">{}</td></tr>\n",
                       html_text(format_slo_value(r->value, r->unit)), html_text(to_string(r->comparison)),
                       html_text(format_slo_value(r->target, r->unit)), html_text(slo_verdict_label(r->verdict)),
                       html_text(format_slo_basis(*r)), html_text(r->note));
    }
    s += "</tbody></table></div>\n";
  }
  if (!not_measured.empty()) {
    s += "<h3>Not measured here</h3><ul>\n";
    for (const auto& n : not_measured)
      s += fmt::format("<li><code>{}</code> {} {} {}: {}</li>\n", html_text(n.id), html_text(n.counter),
                       html_text(to_string(n.comparison)), html_text(format_slo_value(n.target, n.unit)), html_text(n.why));
    s += "</ul>\n";
  }
  return s;
}

std::string counts(const Report& r) {
  const auto& c = r.summary.counts;
  std::string s = "<ul class=\"counts\">";
  const std::pair<Verdict, const char*> shown[] = {{Verdict::regressed, "regressed"}, {Verdict::improved, "improved"},
                                                   {Verdict::unchanged, "unchanged"}, {Verdict::failed, "failed"},
                                                   {Verdict::new_benchmark, "new"},   {Verdict::removed, "removed"}};
  for (const auto& [v, label] : shown)
    if (c[v] > 0 || v == Verdict::regressed || v == Verdict::improved || v == Verdict::unchanged)
      s += fmt::format("<li class=\"{}\">{} {}</li>", label, c[v], label);
  const auto& sm = r.summary;
  if (sm.slo_pass + sm.slo_breach + sm.slo_missing + sm.slo_insufficient > 0)
    s += fmt::format("<li class=\"pass\">{} SLO pass</li><li class=\"breach\">{} SLO breach</li>", sm.slo_pass,
                     sm.slo_breach);
  return s + "</ul>\n";
}

std::string revisions(const RunValues& base, const RunValues& cont) {
  return fmt::format("<dl class=\"revisions\"><dt>Baseline</dt><dd>{}</dd><dt>Contender</dt><dd>{}</dd></dl>\n",
                     html_text(shorten(base.label(), 300)), html_text(shorten(cont.label(), 300)));
}

std::string warnings(const std::vector<std::string>& w) {
  if (w.empty()) return "";
  std::string s = "<h3>Warnings</h3><ul class=\"warnings\">\n";
  for (const auto& x : w) s += "<li>" + html_text(x) + "</li>\n";
  return s + "</ul>\n";
}

// A comparison's parts below its verdict: revisions, counts, charts, SLOs.
std::string report_body(const Report& r) {
  std::vector<const SloResult*> slos;
  for (const auto& x : r.slo) slos.push_back(&x);
  return revisions(r.baseline_run, r.contender_run) + counts(r) + warnings(r.warnings) + "<h2>Benchmarks</h2>\n" +
         benchmarks_table(r) + slo_table(slos, r.slo_not_measured);
}

std::string summary_body(const RunSummary& s) {
  std::string out = fmt::format("<dl class=\"revisions\"><dt>Results</dt><dd>{}</dd></dl>\n",
                                html_text(shorten(s.run.label(), 300)));
  out += fmt::format("<ul class=\"counts\"><li>{} benchmarks</li><li class=\"pass\">{} SLO pass</li>"
                     "<li class=\"breach\">{} SLO breach</li><li>{} insufficient</li><li>{} missing</li></ul>\n",
                     s.rows.size(), s.slo_pass, s.slo_breach, s.slo_insufficient, s.slo_missing);
  std::vector<const SloResult*> slos;
  for (const auto& row : s.rows)
    for (const auto& r : row.slos) slos.push_back(&r);
  for (const auto& r : s.unmatched_slos) slos.push_back(&r);
  return out + slo_table(slos, s.not_measured);
}

std::string page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         html_text(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n" + body +
         "</main>\n</body>\n</html>\n";
}

std::string plain(std::string s) {
  for (std::size_t p; (p = s.find("**")) != std::string::npos;) s.erase(p, 2);
  return s;
}

const char* code_class(int code) { return code == 0 ? "pass" : code == 1 ? "fail" : "other"; }

}  // namespace

std::string render_html(const Report& report) {
  const std::string verdict = headline(report);
  const int code = report.summary.decided_exit_code;
  std::string body = "<h1>Benchmark comparison</h1>\n";
  body += fmt::format("<p id=\"verdict\" class=\"verdict {}\">{}{}</p>\n", code_class(code), html_text(verdict),
                      report.summary.report_only && code != 0 ? " (report only: exit 0)" : "");
  body += report_body(report);
  return page("bench-compare: " + verdict, body);
}

std::string render_gate_html(const std::vector<SectionResult>& sections, int code) {
  const std::string verdict = plain(verdict_text(code));
  std::string body = "<h1>Performance</h1>\n";
  body += fmt::format("<p id=\"verdict\" class=\"verdict {}\">{}</p>\n", code_class(code), html_text(verdict));
  body += "<ul class=\"counts\">";
  for (const auto& s : sections)
    body += fmt::format("<li class=\"{}\">{}: {}</li>", s.code == 0 ? "pass" : s.code == 1 ? "failed" : "other",
                        html_text(s.heading()), html_text(plain(section_verdict(s))));
  body += "</ul>\n";
  for (const auto& s : sections) {
    body += fmt::format("<section class=\"gate-section\"><h2>{}</h2>\n<p class=\"section-verdict verdict {}\">{}</p>\n",
                        html_text(s.heading()), code_class(s.code), html_text(plain(section_verdict(s))));
    for (const auto& n : s.spec.notes) body += "<p class=\"legend\">" + html_text(n) + "</p>\n";
    if (!s.problems.empty()) {
      body += "<ul class=\"warnings\">";
      for (const auto& p : s.problems) body += "<li>" + html_text(p) + "</li>";
      body += "</ul>\n";
    }
    if (!s.remarks.empty()) {
      body += "<ul class=\"legend\">";
      for (const auto& p : s.remarks) body += "<li>" + html_text(p) + "</li>";
      body += "</ul>\n";
    }
    if (s.report) body += report_body(*s.report);
    else if (s.summary) body += summary_body(*s.summary);
    body += "</section>\n";
  }
  return page("bench-compare gate: " + verdict, body);
}

}  // namespace lukhas::compare
