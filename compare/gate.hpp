#pragma once
// `bench-compare gate`: the sections of one run (time A/B, instructions
// against baselines, the SLO summary, ...) combined into one verdict and one
// set of reports: a console table, a Markdown comment within a byte budget,
// JSON and JUnit. Pure: gate_run.hpp loads the inputs and fills the sections.
//
// The combination rule (README.md, "Exit codes"): each section
// has an exit code (compare/exit_codes.hpp) and a role.
//   gate    its code counts as it is;
//   report  a regression (1) does not count, anything else does: the
//           section cannot fail the run, but a section that could not decide
//           (2) or could not write (3) still does;
//   inform  never counts (shown folded, for the reader).
// A skipped section (77) never counts: the report says why it did not run.
// The run's code is the most severe of the counted codes (worse_exit), 0 when
// none counts.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compare/report.hpp"
#include "compare/run_summary.hpp"

namespace lukhas::compare {

enum class SectionRole { gate, report, inform };
enum class SectionKind { compare, summary };

std::string to_string(SectionRole r);
std::optional<SectionRole> section_role(const std::string& s);

struct SectionSpec {
  std::string name;     // file stem of its reports and its key in the JSON
  std::string heading;  // as the reader sees it; the name when empty
  SectionKind kind = SectionKind::compare;
  SectionRole role = SectionRole::gate;
  std::vector<std::string> baseline;   // files or folders
  std::vector<std::string> contender;  // files or folders (kind summary: the results)
  std::string pair;                    // baseline path per contender file, "{}" = its stem
  std::vector<std::string> expect;     // stems each side must have
  std::string slo;                     // SLO catalog
  std::string config;                  // comparison configuration (config.hpp)
  std::optional<double> threshold;     // percent, time metrics and counters
  std::optional<double> instructions_threshold;  // percent, instructions and allocations
  std::vector<std::string> notes;      // lines shown under the section's verdict
  std::string skipped;                 // non-empty: not run, and why (exit 77)
  bool require_slo = false;            // kind summary: no SLO checked is a problem
  bool unpaired_ok = false;            // with pair: a contender without a baseline is a remark, not a problem
  bool paired_repetitions = false;     // --paired: time compared repetition by repetition (Settings::paired)
};

struct SectionResult {
  SectionSpec spec;
  int code = 0;                          // compare/exit_codes.hpp
  std::vector<std::string> problems;     // why it could not decide, in part or whole
  std::vector<std::string> remarks;      // what the reader should know, not counted
  std::shared_ptr<const Report> report;  // kind compare, when it ran
  std::shared_ptr<const RunSummary> summary;  // kind summary, when it ran

  const std::string& heading() const { return spec.heading.empty() ? spec.name : spec.heading; }
  // Compared benchmarks whose verdict moved (regressed or improved).
  std::size_t moved() const;
};

// The code a section adds to the run's by its role (the rule above).
int counted_code(SectionRole role, int code);
// The run's exit code: the most severe counted code.
int combine(const std::vector<SectionResult>& sections);

struct GateText {
  std::string title = "Performance";  // the comment's heading
  std::string marker;                  // first line of the comment (an HTML comment), when set
  std::size_t budget = 65536;          // bytes of the comment
  std::string where_full = "the job's report files";
};

// "no regression", "**regression, SLO breach or failed benchmark**", ...
std::string verdict_text(int code);
std::string section_verdict(const SectionResult& s);

std::string render_gate_console(const std::vector<SectionResult>& sections, int code);
std::string render_gate_markdown(const std::vector<SectionResult>& sections, int code, const GateText& text);
std::string render_gate_json(const std::vector<SectionResult>& sections, int code);
std::string render_gate_junit(const std::vector<SectionResult>& sections);

}  // namespace lukhas::compare
