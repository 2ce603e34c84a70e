#include "compare/render_junit.hpp"

#include <fmt/format.h>

#include "compare/escape.hpp"
#include "compare/render_common.hpp"

namespace lukhas::compare {

namespace {
std::string describe(const Comparison& c) {
  return escape_visible(fmt::format("{} {}: baseline {}, contender {}, change {}, p {}, q {}, threshold {:.1f}%{}", to_string(c.verdict),
                     c.metric, format_value(c.baseline, c.unit), format_value(c.contender, c.unit),
                     format_change(c.change), format_p(c.p_value), format_p(c.q_value), c.threshold_used * 100,
                     joined_notes(c).empty() ? "" : ". " + joined_notes(c)));
}
}  // namespace

std::string render_junit(const Report& report) {
  std::string cases;
  std::size_t tests = 0, failures = 0;
  for (std::size_t i = 0; i < report.comparisons.size();) {
    std::size_t j = i;
    while (j < report.comparisons.size() && report.comparisons[j].name == report.comparisons[i].name) ++j;
    std::string failing, out;
    for (std::size_t k = i; k < j; ++k) {
      const auto& c = report.comparisons[k];
      (c.failing() ? failing : out) += describe(c) + "\n";
    }
    ++tests;
    cases += fmt::format("    <testcase classname=\"bench-compare\" name=\"{}\">\n", xml_attribute(report.comparisons[i].name));
    if (!failing.empty()) {
      ++failures;
      cases += fmt::format("      <failure message=\"{}\">{}</failure>\n", xml_attribute(failing.substr(0, failing.find('\n'))),
                           xml_text(failing));
    }
    if (!out.empty()) cases += fmt::format("      <system-out>{}</system-out>\n", xml_text(out));
    cases += "    </testcase>\n";
    i = j;
  }
  std::string slo_cases;
  std::size_t slo_failures = 0, slo_errors = 0;
  for (const auto& r : report.slo) {
    const std::string text = escape_visible(fmt::format("{} {} = {} (target {} {}, margin {}; n = {}){}", slo_verdict_label(r.verdict),
                                         r.counter, format_slo_value(r.value, r.unit), to_string(r.comparison),
                                         format_slo_value(r.target, r.unit), format_slo_value(r.margin, r.unit),
                                         format_slo_basis(r), r.note.empty() ? "" : ": " + r.note));
    slo_cases += fmt::format("    <testcase classname=\"slo\" name=\"{} {}\">\n", xml_attribute(r.id),
                             xml_attribute(r.benchmark.empty() ? "(no match)" : r.benchmark));
    if (r.verdict == SloVerdict::breach) {
      ++slo_failures;
      slo_cases += fmt::format("      <failure message=\"{}\">{}</failure>\n", xml_attribute(text), xml_text(text));
    } else if (r.verdict == SloVerdict::insufficient) {
      // Not a measured failure of the code: the run was too short to judge.
      ++slo_errors;
      slo_cases += fmt::format("      <error type=\"insufficient data\" message=\"{}\">{}</error>\n", xml_attribute(text), xml_text(text));
    } else if (r.verdict == SloVerdict::missing) {
      slo_cases += fmt::format("      <skipped message=\"{}\"/>\n", xml_attribute(text));
    } else {
      slo_cases += fmt::format("      <system-out>{}</system-out>\n", xml_text(text));
    }
    slo_cases += "    </testcase>\n";
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  out += fmt::format("  <testsuite name=\"bench-compare\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n", tests,
                     failures);
  out += cases + "  </testsuite>\n";
  if (!report.slo.empty()) {
    out += fmt::format("  <testsuite name=\"slo\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
                       report.slo.size(), slo_failures, slo_errors, report.summary.slo_missing);
    out += slo_cases + "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace lukhas::compare
