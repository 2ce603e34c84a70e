#include "compare/gate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "compare/escape.hpp"
#include "compare/exit_codes.hpp"
#include "compare/markdown_budget.hpp"
#include "compare/render_json.hpp"
#include "compare/render_markdown.hpp"

namespace lukhas::compare {

std::string to_string(SectionRole r) {
  switch (r) {
    case SectionRole::gate: return "gate";
    case SectionRole::report: return "report";
    case SectionRole::inform: return "inform";
  }
  return "gate";
}

std::optional<SectionRole> section_role(const std::string& s) {
  for (auto r : {SectionRole::gate, SectionRole::report, SectionRole::inform})
    if (to_string(r) == s) return r;
  return std::nullopt;
}

std::size_t SectionResult::moved() const {
  if (!report) return 0;
  // decide() has counted the verdicts already.
  const VerdictCounts& n = report->summary.counts;
  return n[Verdict::regressed] + n[Verdict::improved];
}

int counted_code(SectionRole role, int code) {
  if (code == to_int(ExitCode::skipped)) return to_int(ExitCode::ok);  // said in the report, never a verdict
  switch (role) {
    case SectionRole::gate: return code;
    case SectionRole::report: return code == to_int(ExitCode::failed) ? to_int(ExitCode::ok) : code;
    case SectionRole::inform: return to_int(ExitCode::ok);
  }
  return code;
}

int combine(const std::vector<SectionResult>& sections) {
  int code = to_int(ExitCode::ok);
  for (const auto& s : sections) code = worse_exit(code, counted_code(s.spec.role, s.code));
  return code;
}

std::string verdict_text(int code) {
  switch (code) {
    case 0: return "no regression";
    case 1: return "**regression, SLO breach or failed benchmark**";
    case 3: return "**report output could not be written**";
    case 77: return "skipped";
    default: return "**could not decide** (missing or bad input)";
  }
}

std::string section_verdict(const SectionResult& s) {
  if (s.code == to_int(ExitCode::skipped)) return "not run: " + s.spec.skipped;
  if (s.code == to_int(ExitCode::undecided) || s.code == to_int(ExitCode::output_failed) ||
      s.spec.role == SectionRole::gate)
    return verdict_text(s.code);
  const std::string never = s.spec.role == SectionRole::inform ? "never fails this check" : "report only";
  if (s.moved() > 0) return fmt::format("{} comparison(s) moved beyond the threshold ({})", s.moved(), never);
  if (s.code == to_int(ExitCode::failed)) return fmt::format("a failed benchmark or SLO check ({})", never);
  return fmt::format("within the threshold ({})", never);
}

namespace {

std::string plain(std::string s) {
  for (std::size_t p; (p = s.find("**")) != std::string::npos;) s.erase(p, 2);
  return s;
}

std::string section_body(const SectionResult& s, std::size_t share) {
  if (s.report) return render_markdown(*s.report, share);
  if (s.summary) return "```\n" + render_run_summary(*s.summary) + "```\n";
  if (!s.spec.skipped.empty()) return markdown_text(s.spec.skipped) + "\n";
  return "No report (see the job log).\n";
}

}  // namespace

std::string render_gate_console(const std::vector<SectionResult>& sections, int code) {
  std::size_t width = 7;
  for (const auto& s : sections) width = std::max(width, s.spec.name.size());
  std::string out = fmt::format("gate: {:<{}}  {:<6}  {:>4}  {:>7}  {}\n", "section", width, "role", "exit", "counted", "verdict");
  for (const auto& s : sections) {
    out += fmt::format("gate: {:<{}}  {:<6}  {:>4}  {:>7}  {}\n", escape_visible(s.spec.name), width,
                       to_string(s.spec.role), s.code, counted_code(s.spec.role, s.code), plain(section_verdict(s)));
    for (const auto& p : s.problems) out += fmt::format("gate:   problem: {}\n", escape_visible(p));
    for (const auto& p : s.remarks) out += fmt::format("gate:   note: {}\n", escape_visible(p));
  }
  out += fmt::format("gate: exit {}: {} (the most severe counted code, 0 < 77 < 3 < 1 < 2; README.md, Exit codes)\n", code,
                     plain(verdict_text(code)));
  return out;
}

std::string render_gate_markdown(const std::vector<SectionResult>& sections, int code, const GateText& text) {
  std::string head;
  if (!text.marker.empty()) head += text.marker + "\n";
  head += fmt::format("## {}: {}\n\n", markdown_text(text.title), verdict_text(code));
  for (const auto& s : sections) {
    head += fmt::format("- {}: {}", markdown_text(s.heading()), section_verdict(s));
    for (std::size_t i = 0; i < s.spec.notes.size(); ++i) head += (i == 0 ? " — " : " ") + s.spec.notes[i];
    head += "\n";
  }
  for (const auto& s : sections)
    for (const auto& p : s.problems) head += fmt::format("- :x: {}: {}\n", markdown_text(s.spec.name), markdown_text(p));
  for (const auto& s : sections)
    for (const auto& p : s.remarks) head += fmt::format("- {}: {}\n", markdown_text(s.spec.name), markdown_text(p));
  head += "\n";

  // Each section gets an equal share of what is left; render_markdown cuts
  // its own rows to fit (failing rows first), fit_markdown is the last guard.
  const std::size_t frame = 256;  // a section's heading and <details> frame
  const std::size_t left = text.budget > head.size() + kMarkdownCutReserve ? text.budget - head.size() - kMarkdownCutReserve : 0;
  const std::size_t share = sections.empty() ? left : left / sections.size();
  std::string body;
  for (const auto& s : sections) {
    const std::string inner = section_body(s, share > frame ? share - frame : 0);
    if (s.spec.role == SectionRole::inform)
      body += fmt::format("<details><summary>{} (never fails this check)</summary>\n\n{}\n</details>\n\n",
                          markdown_text(s.heading()), inner);
    else
      body += fmt::format("### {}\n\n{}\n", markdown_text(s.heading()), inner);
  }
  return fit_markdown(head + body, text.budget, text.where_full).text;
}

std::string render_gate_json(const std::vector<SectionResult>& sections, int code) {
  using nlohmann::json;
  json j;
  j["exit_code"] = code;
  j["rule"] = "the most severe counted code (0 < 77 < 3 < 1 < 2); gate sections count as they are, report sections "
              "count all but 1, inform sections never count";
  j["sections"] = json::array();
  for (const auto& s : sections) {
    json o;
    o["name"] = s.spec.name;
    o["heading"] = s.heading();
    o["role"] = to_string(s.spec.role);
    o["kind"] = s.spec.kind == SectionKind::summary ? "summary" : "compare";
    o["exit_code"] = s.code;
    o["counted_exit_code"] = counted_code(s.spec.role, s.code);
    o["verdict"] = plain(section_verdict(s));
    o["problems"] = s.problems;
    o["remarks"] = s.remarks;
    o["notes"] = s.spec.notes;
    if (!s.spec.skipped.empty()) o["skipped"] = s.spec.skipped;
    if (s.report) {
      o["summary"] = s.report->summary;
      o["moved"] = s.moved();
    }
    if (s.summary) {
      o["slo"] = {{"pass", s.summary->slo_pass},
                  {"breach", s.summary->slo_breach},
                  {"missing", s.summary->slo_missing},
                  {"insufficient", s.summary->slo_insufficient},
                  {"failed_rows", s.summary->failed}};
    }
    j["sections"].push_back(std::move(o));
  }
  return j.dump(2) + "\n";
}

std::string render_gate_junit(const std::vector<SectionResult>& sections) {
  std::size_t failures = 0, skipped = 0;
  std::string cases;
  for (const auto& s : sections) {
    cases += fmt::format("    <testcase classname=\"gate\" name=\"{}\">\n", xml_attribute(s.spec.name));
    if (s.code == to_int(ExitCode::skipped)) {
      ++skipped;
      cases += fmt::format("      <skipped message=\"{}\"/>\n", xml_attribute(s.spec.skipped));
    } else if (counted_code(s.spec.role, s.code) != 0) {
      ++failures;
      std::string detail;
      for (const auto& p : s.problems) detail += p + "\n";
      cases += fmt::format("      <failure message=\"exit {}: {}\">{}</failure>\n", s.code,
                           xml_attribute(plain(section_verdict(s))), xml_text(detail));
    }
    cases += "    </testcase>\n";
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"gate\" tests=\"{}\" "
                     "failures=\"{}\" skipped=\"{}\">\n{}  </testsuite>\n</testsuites>\n",
                     sections.size(), failures, skipped, cases);
}

}  // namespace lukhas::compare
