#include "compare/render_console.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "compare/escape.hpp"
#include "compare/render_common.hpp"

namespace lukhas::compare {

namespace {
constexpr const char* kRed = "\x1b[31m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kYellow = "\x1b[33m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";

const char* verdict_colour(const Comparison& c) {
  if (c.failing()) return kRed;
  if (c.verdict == Verdict::improved) return kGreen;
  if (c.verdict == Verdict::new_benchmark || c.verdict == Verdict::removed) return kYellow;
  return "";
}
}  // namespace

std::string render_console(const Report& report, bool colour) {
  auto paint = [&](const char* code, const std::string& text) {
    return colour && *code ? fmt::format("{}{}{}", code, text, kReset) : text;
  };
  std::string out;
  const auto& s = report.summary;
  const std::string head = headline(report);
  out += paint(s.decided_exit_code ? kRed : kGreen, paint(kBold, "bench-compare: " + head));
  if (s.report_only && s.decided_exit_code) out += " (report only: exit 0)";
  out += "\n";
  out += fmt::format("{} baseline / {} contender benchmarks, {} comparisons, {} {} (alpha {}, FDR by Benjamini-Hochberg)",
                     s.benchmarks_baseline, s.benchmarks_contender, report.comparisons.size(), s.tests,
                     report.paired ? "paired signed-rank tests" : "U tests", report.alpha);
  if (s.geomean_ratio) out += fmt::format(", geomean contender/baseline {:.4f} over {}", *s.geomean_ratio, s.geomean_count);
  out += "\n";
  if (s.underpowered)
    out += paint(kYellow, fmt::format("{} comparison(s) have too few repetitions for the {} to ever reach alpha {}; see notes\n",
                                      s.underpowered, report.paired ? "signed-rank test" : "U test", report.alpha));

  std::size_t name_w = 9;
  for (const auto& c : report.comparisons) name_w = std::max(name_w, escape_visible(c.name).size());
  name_w = std::min<std::size_t>(name_w, 60);
  if (!report.comparisons.empty()) {
    out += "\n";
    out += fmt::format("{:<10} {:<{}} {:<14} {:>12} {:>12} {:>8} {:>8} {:>8}  {}\n", "verdict", "benchmark", name_w,
                       "metric", "baseline", "contender", "change", "p", "q", "notes");
    for (std::size_t i : display_order(report)) {
      const auto& c = report.comparisons[i];
      std::string verdict = to_string(c.verdict);
      if (c.verdict == Verdict::removed && c.removal_allowed) verdict = "removed*";
      const std::string line = fmt::format(
          "{:<10} {:<{}} {:<14} {:>12} {:>12} {:>8} {:>8} {:>8}  {}", verdict, escape_visible(c.name), name_w,
          escape_visible(c.metric),
          format_value(c.baseline, c.unit), format_value(c.contender, c.unit), format_change(c.change),
          format_p(c.p_value), format_p(c.q_value), escape_visible(joined_notes(c)));
      out += paint(verdict_colour(c), line) + "\n";
    }
  }
  if (!report.slo.empty() || !report.slo_not_measured.empty()) {
    out += "\nSLO checks\n";
    for (const auto& r : report.slo) {
      const char* col = r.verdict == SloVerdict::breach ? kRed : r.verdict == SloVerdict::pass ? kGreen : kYellow;
      out += paint(col, escape_visible(fmt::format("{:<17} {:<28} {:<{}} {} = {} (target {} {}, margin {}; n = {}){}",
                                    slo_verdict_label(r.verdict), r.id, r.benchmark.empty() ? "-" : r.benchmark,
                                    name_w, r.counter, format_slo_value(r.value, r.unit), to_string(r.comparison),
                                    format_slo_value(r.target, r.unit), format_slo_value(r.margin, r.unit),
                                    format_slo_basis(r), r.note.empty() ? "" : "  " + r.note))) +
             "\n";
    }
    for (const auto& n : report.slo_not_measured)
      out += escape_visible(fmt::format("{:<17} {:<28} not measured in process: {}", "-", n.id, n.why)) + "\n";
  }
  if (!report.warnings.empty()) {
    out += "\nwarnings\n";
    for (const auto& w : report.warnings) out += paint(kYellow, "  " + escape_visible(w)) + "\n";
  }
  return out;
}

}  // namespace lukhas::compare
