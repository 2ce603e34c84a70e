#include "compare/render_markdown.hpp"

#include <fmt/format.h>

#include <vector>

#include "compare/escape.hpp"
#include "compare/render_common.hpp"

namespace lukhas::compare {

namespace {

// Enough for any real note; beyond it the text is cut with a stable marker
// (escape.hpp shorten), so one message cannot use up the comment.
constexpr std::size_t kMaxCellChars = 400;

// A note cell: escaped and shortened.
std::string cell(const std::string& s) { return markdown_text(shorten(s, kMaxCellChars)); }

std::string comparison_row(const Comparison& c, bool bold) {
  std::string verdict = to_string(c.verdict);
  if (c.verdict == Verdict::removed && c.removal_allowed) verdict = "removed (allowed)";
  if (bold) verdict = "**" + verdict + "**";
  return fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", verdict, markdown_code(c.name), cell(c.metric),
                     format_value(c.baseline, c.unit), format_value(c.contender, c.unit), format_change(c.change),
                     format_p(c.p_value), format_p(c.q_value), fmt::format("{:.1f}%", c.threshold_used * 100),
                     cell(joined_notes(c)));
}

std::string slo_row(const SloResult& r) {
  const std::string verdict = slo_verdict_label(r.verdict);
  // The unit comes from the catalog: input text like the rest; the comparison
  // ("<", ">=") is ours, but no '<' reaches the page raw either.
  return fmt::format("| {} | {} | {} | {} | {} {} | {} | {} | {} |\n", cell(r.id),
                     r.benchmark.empty() ? "-" : markdown_code(r.benchmark), cell(r.counter),
                     cell(format_slo_value(r.value, r.unit)), cell(to_string(r.comparison)),
                     cell(format_slo_value(r.target, r.unit)), cell(format_slo_value(r.margin, r.unit)),
                     cell(format_slo_basis(r)), r.note.empty() ? verdict : verdict + ": " + cell(r.note));
}

bool slo_failing(const SloResult& r) {
  return r.verdict == SloVerdict::breach || r.verdict == SloVerdict::insufficient;
}

constexpr const char* kCmpHeaderVerdict =
    "| verdict | benchmark | metric | baseline | contender | change | p | q | threshold | note |\n"
    "|---|---|---|---:|---:|---:|---:|---:|---:|---|\n";
constexpr const char* kSloHeader =
    "| SLO | benchmark | counter | value | target | margin | calls | verdict |\n|---|---|---|---:|---:|---:|---|---|\n";

}  // namespace

std::string render_markdown(const Report& report, std::size_t limit) {
  const auto& s = report.summary;
  std::string head;
  const bool bad = s.decided_exit_code != 0;
  head += fmt::format("## {} Performance: {}\n\n", bad ? "❌" : "✅", headline(report));
  if (s.report_only && bad) head += "_Report only: the job does not fail._\n\n";
  head += fmt::format("{} comparisons of {} baseline / {} contender benchmarks", report.comparisons.size(),
                      s.benchmarks_baseline, s.benchmarks_contender);
  for (const Verdict v : kVerdictsByName)
    if (const std::size_t n = s.counts[v]) head += fmt::format(" · {} {}", n, to_string(v));
  head += "\n\n";
  if (s.geomean_ratio)
    head += fmt::format("Geometric mean of contender/baseline ratios (time, or instructions in instruction mode) over the {} benchmarks on both sides: **{:.4f}** "
                        "({:+.2f}%).\n\n",
                        s.geomean_count, *s.geomean_ratio, (*s.geomean_ratio - 1) * 100);
  if (report.paired)
    head += fmt::format("Verdicts (**paired**): repetition i of each side ran together; two-sided Wilcoxon signed-rank "
                        "test on log(contender/baseline) of the pairs, Benjamini–Hochberg q ≤ {} across {} tests, reported; "
                        "the verdict is the sign test's: the whole interval of the median pair ratio (order "
                        "statistics, at least 95% when there are 6 pairs or more) beyond 1 ± the threshold (median "
                        "and interval in the notes).\n\n",
                        report.alpha, s.tests);
  else
    head += fmt::format("Verdicts: two-sided Mann–Whitney U on the repetitions, Benjamini–Hochberg q ≤ {} across {} tests, "
                        "and a change beyond the threshold (raised to {}× the baseline CV when that is larger).\n\n",
                        report.alpha, s.tests, report.noise_factor);
  if (s.underpowered)
    head += fmt::format("> **{} comparison(s) cannot reach α = {}**: with so few repetitions even a complete separation "
                        "gives p (or, after the correction across this run's tests, q) above α, so the {} can "
                        "never call a change significant. Their verdicts use the {} alone; run more "
                        "repetitions (see the notes).\n\n",
                        s.underpowered, report.alpha, report.paired ? "signed-rank test" : "U test",
                        report.paired ? "interval of the median ratio" : "threshold");

  // The failing part is never cut silently: each table takes rows while the
  // text fits (keeping room for the notices and the folded part's frame),
  // and a line says how many rows it left out and where they are.
  constexpr std::size_t kReserve = 512;  // the folded part's frame and notices: about 450 bytes
  auto budget = [&] { return limit > head.size() + kReserve ? limit - head.size() - kReserve : 0; };
  auto table = [&](const std::string& title, const std::string& intro, const char* header,
                   const std::vector<std::string>& rows, const char* what) {
    if (rows.empty()) return;
    std::string body = title + intro + header;
    std::size_t shown = 0;
    for (const auto& r : rows) {
      if (body.size() + r.size() > budget()) break;
      body += r;
      ++shown;
    }
    if (shown < rows.size())
      body += fmt::format("\n**{} more {} not shown**: the comment size limit ({} characters) was reached; the JSON "
                          "report (--json) and the job log have every row.\n",
                          rows.size() - shown, what, limit);
    head += body + "\n";
  };
  std::vector<std::string> failing;
  for (std::size_t i : display_order(report)) {
    const auto& c = report.comparisons[i];
    if (!c.failing()) break;
    failing.push_back(comparison_row(c, true));
  }
  table("### Regressions and failures\n\n", "", kCmpHeaderVerdict, failing, "failing rows");
  std::vector<std::string> breaches, insufficient;
  for (const auto& r : report.slo) {
    if (r.verdict == SloVerdict::breach) breaches.push_back(slo_row(r));
    if (r.verdict == SloVerdict::insufficient) insufficient.push_back(slo_row(r));
  }
  table("### SLO breaches\n\n", "", kSloHeader, breaches, "SLO breaches");
  table("### SLO checks with insufficient data\n\n",
        "Too few timed calls per repetition for the percentile (a p95 needs 400): the run is misconfigured, "
        "and the check fails until it has them.\n\n",
        kSloHeader, insufficient, "SLO checks with insufficient data");
  std::vector<std::string> warnings;
  for (const auto& w : report.warnings) warnings.push_back("- " + cell(w) + "\n");
  table("### Warnings\n\n", "", "", warnings, "warnings");

  // The folded part: everything that is not failing, cut to fit.
  std::vector<std::string> rows;
  for (std::size_t i : display_order(report)) {
    const auto& c = report.comparisons[i];
    if (!c.failing()) rows.push_back(comparison_row(c, false));
  }
  std::string slo_rows;
  for (const auto& r : report.slo)
    if (!slo_failing(r)) slo_rows += slo_row(r);
  for (const auto& n : report.slo_not_measured)
    slo_rows += fmt::format("| {} | - | {} | - | {} {} | - | - | not measured in process: {} |\n", cell(n.id), cell(n.counter),
                            cell(to_string(n.comparison)), cell(format_slo_value(n.target, n.unit)), cell(n.why));

  const std::string open = fmt::format("<details><summary>All other results ({} comparisons, {} SLO rows)</summary>\n\n",
                                       rows.size(), report.slo.size() - s.slo_breach - s.slo_insufficient + report.slo_not_measured.size());
  const std::string close = "\n</details>\n";
  std::string body;
  if (!rows.empty()) body += std::string(kCmpHeaderVerdict);
  const std::string slo_block = slo_rows.empty() ? "" : std::string("\n#### SLO checks\n\n") + kSloHeader + slo_rows;
  // Reserve room for the cut notice, the closing tag and the SLO block.
  const std::size_t reserve = close.size() + 160 + slo_block.size();
  const std::size_t fixed = head.size() + open.size();
  std::size_t shown = 0;
  for (const auto& r : rows) {
    if (fixed + body.size() + r.size() + reserve > limit) break;
    body += r;
    ++shown;
  }
  std::string tail;
  if (shown < rows.size())
    tail = fmt::format("\n_{} more rows not shown: the comment size limit ({} characters) was reached; the JSON report "
                       "has every comparison._\n",
                       rows.size() - shown, limit);
  std::string folded = open + body + tail;
  if (fixed + body.size() + tail.size() + slo_block.size() + close.size() <= limit) folded += slo_block;
  else if (!slo_block.empty())
    folded += "\n_The passing SLO rows are not shown: the comment size limit was reached; the JSON report has them._\n";
  folded += close;
  if (rows.empty() && slo_rows.empty()) return head;
  return head + folded;
}

}  // namespace lukhas::compare
