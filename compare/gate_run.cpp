#include "compare/gate_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <ostream>

#include "compare/config.hpp"
#include "compare/decide.hpp"
#include "compare/errors.hpp"
#include "compare/escape.hpp"
#include "compare/exit_codes.hpp"
#include "compare/io.hpp"
#include "compare/limits.hpp"
#include "compare/markdown_budget.hpp"
#include "compare/merge.hpp"
#include "compare/output_paths.hpp"
#include "compare/render_console.hpp"
#include "compare/render_html.hpp"
#include "compare/render_json.hpp"
#include "compare/render_junit.hpp"
#include "compare/render_markdown.hpp"
#include "compare/render_openmetrics.hpp"
#include "compare/slo_catalog.hpp"

namespace lukhas::compare {

namespace fs = std::filesystem;

namespace {

constexpr const char* kGateUsage =
    "Usage: bench-compare gate [--out DIR] [--comment FILE] [--json FILE] [--junit FILE] [--exit-code-file FILE]\n"
    "                          [--html FILE] [--openmetrics FILE]\n"
    "                          [--title TEXT] [--marker TEXT] [--budget BYTES] [--where-full TEXT]\n"
    "                          --section NAME [SECTION OPTIONS] [--section NAME ...]\n"
    "Runs each section, writes its reports to DIR/NAME.{json,md,junit.xml} (a summary: DIR/NAME.txt), then one\n"
    "verdict: the console table, the Markdown comment (cut to BYTES on whole lines, every open element closed),\n"
    "JSON and JUnit; --html one self-contained page with every section's charts, --openmetrics every section's\n"
    "results in the OpenMetrics text format (docs/comparator.md). Section options:\n"
    "  --heading TEXT       what the reader sees (default NAME)\n"
    "  --role ROLE          gate (counts), report (a regression does not count), inform (never counts)\n"
    "  --summary            an SLO summary of --contender (no baseline) instead of a comparison\n"
    "  --baseline PATH      a file or folder of *.json (repeatable)\n"
    "  --contender PATH     a file or folder of *.json (repeatable)\n"
    "  --pair TEMPLATE      each contender file's baseline: TEMPLATE with {} replaced by the file's stem\n"
    "  --expect LIST        comma-separated stems both sides must have\n"
    "  --slo FILE           SLO catalog\n"
    "  --config FILE        comparison configuration (thresholds by glob, counters, allowed removals)\n"
    "  --threshold PCT      time threshold in percent\n"
    "  --instructions-threshold PCT\n"
    "                       instruction (and allocation) threshold in percent\n"
    "  --note TEXT          text after the section's verdict line (repeatable)\n"
    "  --skipped REASON     the section was not run, and why (exit 77, never counted)\n"
    "  --require-slo        with --summary: no SLO of the catalog checked is a problem\n"
    "  --unpaired-ok        with --pair: a contender file without a baseline is noted, not a problem\n"
    "  --paired             repetition i of each side ran together (bench-run ab): time compared pair by pair\n"
    "Exit code: the most severe counted section code, 0 < 77 < 3 < 1 < 2 (README.md, \"Exit codes\").\n";

std::string stem(const std::string& path) { return fs::path(path).stem().string(); }

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t p = 0;
  while (p <= s.size()) {
    const std::size_t c = std::min(s.find(',', p), s.size());
    if (c > p) out.push_back(s.substr(p, c - p));
    p = c + 1;
  }
  return out;
}

// Files of a side; a path that lists nothing is a problem, not a throw.
std::vector<std::string> side_files(const std::vector<std::string>& paths, std::vector<std::string>& problems) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    try {
      auto f = expand_paths({p});
      files.insert(files.end(), f.begin(), f.end());
    } catch (const InputError& e) {
      problems.push_back(e.what());
    }
  }
  return files;
}

}  // namespace

SectionResult run_section(const SectionSpec& spec) {
  SectionResult r;
  r.spec = spec;
  if (!spec.skipped.empty()) {
    r.code = to_int(ExitCode::skipped);
    return r;
  }
  auto undecided = [&](std::string why) {
    r.problems.push_back(std::move(why));
    r.code = worse_exit(r.code, to_int(ExitCode::undecided));
  };
  std::vector<std::string> problems;
  std::vector<std::string> contender = side_files(spec.contender, problems);
  for (auto& p : problems) undecided(std::move(p));
  problems.clear();
  std::vector<std::string> baseline;
  if (spec.kind == SectionKind::compare) {
    if (!spec.pair.empty()) {
      std::vector<std::string> paired;
      for (const auto& c : contender) {
        std::string b = spec.pair;
        if (const auto at = b.find("{}"); at != std::string::npos) b.replace(at, 2, stem(c));
        if (fs::is_regular_file(b)) {
          baseline.push_back(b);
          paired.push_back(c);
        } else if (spec.unpaired_ok) {
          r.remarks.push_back(fmt::format("{}: no baseline {}: not compared", c, b));
        } else {
          undecided(fmt::format("{}: no baseline {}", c, b));
        }
      }
      contender = std::move(paired);
    } else {
      baseline = side_files(spec.baseline, problems);
      for (auto& p : problems) undecided(std::move(p));
    }
  }
  for (const auto& name : spec.expect) {
    auto has = [&](const std::vector<std::string>& files) {
      return std::any_of(files.begin(), files.end(), [&](const std::string& f) { return stem(f) == name; });
    };
    if (!has(contender) || (spec.kind == SectionKind::compare && spec.pair.empty() && !has(baseline)))
      undecided(fmt::format("{}: no results (its run failed or was skipped; see the job log)", name));
  }
  if (contender.empty()) {
    if (r.problems.empty() && r.remarks.empty()) undecided("no results to compare");
    return r;
  }
  try {
    std::optional<SloCatalog> catalog;
    if (!spec.slo.empty()) catalog = read_slo_catalog(spec.slo);
    const SloCatalog* slo = catalog ? &*catalog : nullptr;
    if (spec.kind == SectionKind::summary) {
      const Side side = load_side(contender);
      auto s = std::make_shared<RunSummary>(summarize(side, slo));
      r.code = worse_exit(r.code, s->exit_code);
      if (spec.require_slo && s->slo_pass + s->slo_breach + s->slo_insufficient == 0)
        undecided("no SLO of the catalog was checked on these results");
      r.summary = std::move(s);
      return r;
    }
    if (baseline.empty()) {
      undecided("no baseline to compare with");
      return r;
    }
    Settings settings;
    if (!spec.config.empty()) settings.config = read_config(spec.config);
    if (spec.threshold) settings.config.threshold_pct = *spec.threshold;
    if (spec.instructions_threshold) settings.config.instructions_threshold_pct = *spec.instructions_threshold;
    settings.report_only = spec.role != SectionRole::gate;
    settings.paired = spec.paired_repetitions;
    const Side base = load_side(baseline);
    const Side cont = load_side(contender);
    auto report = std::make_shared<Report>(decide(base, cont, settings, slo));
    r.code = worse_exit(r.code, report->summary.decided_exit_code);
    r.report = std::move(report);
  } catch (const InputError& e) {
    undecided(e.what());
  }
  return r;
}

namespace {

struct GateArgs {
  std::string out_dir, comment, json, junit, exit_code_file, html, openmetrics;
  GateText text;
  std::vector<SectionSpec> sections;
};

GateArgs parse_gate_args(const std::vector<std::string>& args) {
  GateArgs g;
  SectionSpec* s = nullptr;
  for (std::size_t i = 2; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw UsageError(fmt::format("gate: {} needs a value", a));
      return args[++i];
    };
    auto section = [&]() -> SectionSpec& {
      if (!s) throw UsageError(fmt::format("gate: {} belongs to a section: give --section NAME first", a));
      return *s;
    };
    if (a == "--section") {
      const std::string& name = value();
      if (name.empty() || name.find_first_of("/\\") != std::string::npos || name[0] == '.')
        throw UsageError(fmt::format("gate: --section '{}': expected a plain file stem", name));
      for (const auto& other : g.sections)
        if (other.name == name) throw UsageError(fmt::format("gate: --section '{}' given twice", name));
      g.sections.emplace_back();
      s = &g.sections.back();
      s->name = name;
    } else if (a == "--out") g.out_dir = value();
    else if (a == "--comment") g.comment = value();
    else if (a == "--json") g.json = value();
    else if (a == "--junit") g.junit = value();
    else if (a == "--html") g.html = value();
    else if (a == "--openmetrics") g.openmetrics = value();
    else if (a == "--exit-code-file") g.exit_code_file = value();
    else if (a == "--title") g.text.title = value();
    else if (a == "--marker") g.text.marker = value();
    else if (a == "--where-full") g.text.where_full = value();
    else if (a == "--budget") {
      const std::string& v = value();
      const auto n = parse_byte_size(v);
      if (!n || *n < kMarkdownCutReserve)
        throw UsageError(fmt::format("gate: --budget: expected a size of at least {} bytes, got '{}'", kMarkdownCutReserve, v));
      g.text.budget = *n;
    } else if (a == "--heading") section().heading = value();
    else if (a == "--role") {
      const std::string& v = value();
      const auto role = section_role(v);
      if (!role) throw UsageError(fmt::format("gate: --role: expected gate, report or inform, got '{}'", v));
      section().role = *role;
    } else if (a == "--summary") section().kind = SectionKind::summary;
    else if (a == "--baseline") section().baseline.push_back(value());
    else if (a == "--contender") section().contender.push_back(value());
    else if (a == "--pair") section().pair = value();
    else if (a == "--expect") section().expect = split_list(value());
    else if (a == "--slo") section().slo = value();
    else if (a == "--config") section().config = value();
    else if (a == "--note") section().notes.push_back(value());
    else if (a == "--skipped") section().skipped = value();
    else if (a == "--require-slo") section().require_slo = true;
    else if (a == "--unpaired-ok") section().unpaired_ok = true;
    else if (a == "--paired") section().paired_repetitions = true;
    else if (a == "--threshold" || a == "--instructions-threshold") {
      const std::string& v = value();
      double t = 0;
      std::size_t used = 0;
      try {
        t = std::stod(v, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != v.size() || !std::isfinite(t) || t < 0)
        throw UsageError(fmt::format("gate: {}: expected a percentage such as 3, got '{}'", a, v));
      (a == "--threshold" ? section().threshold : section().instructions_threshold) = t;
    } else throw UsageError(fmt::format("gate: unknown argument '{}' (see bench-compare gate --help)", a));
  }
  if (g.sections.empty()) throw UsageError("gate: no section: give at least one --section NAME");
  for (const auto& sec : g.sections) {
    if (sec.kind == SectionKind::summary && !sec.pair.empty())
      throw UsageError(fmt::format("gate: section '{}': --pair has no meaning with --summary", sec.name));
  }
  return g;
}

}  // namespace

int cmd_gate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnv& env) {
  (void)err;
  if (std::any_of(args.begin() + std::min<std::ptrdiff_t>(2, static_cast<std::ptrdiff_t>(args.size())), args.end(),
                  [](const std::string& a) { return a == "--help" || a == "-h"; })) {
    out << kGateUsage;
    return to_int(ExitCode::ok);
  }
  if (env.max_input_size) {
    const auto v = parse_byte_size(*env.max_input_size);
    if (!v) throw UsageError(fmt::format("{}: expected a size such as 64M or 1G, got '{}'", kMaxInputSizeEnv, *env.max_input_size));
    set_max_input_bytes(*v);
  } else {
    set_max_input_bytes(kDefaultMaxInputBytes);
  }
  const GateArgs g = parse_gate_args(args);
  auto section_path = [&](const SectionSpec& s, const char* ext) { return (fs::path(g.out_dir) / (s.name + ext)).string(); };
  // Before reading anything, as a comparison does: no report over an input,
  // over another report, or over something that is not a regular file.
  {
    std::vector<OutputPath> outputs{{"--comment", g.comment}, {"--json", g.json}, {"--junit", g.junit},
                                    {"--html", g.html}, {"--openmetrics", g.openmetrics},
                                    {"--exit-code-file", g.exit_code_file}};
    std::vector<InputPath> inputs;
    for (const auto& spec : g.sections) {
      if (!g.out_dir.empty())
        for (const char* ext : {".json", ".md", ".junit.xml", ".txt"}) outputs.push_back({"--out", section_path(spec, ext)});
      auto add_input = [&](const char* role, const std::string& path) {
        std::error_code ec;
        if (!path.empty() && fs::exists(path, ec)) inputs.push_back({role, path});  // a missing one is the section's to report
      };
      for (const auto& b : spec.baseline) add_input("--baseline", b);
      for (const auto& c : spec.contender) add_input("--contender", c);
      add_input("--slo", spec.slo);
      add_input("--config", spec.config);
    }
    check_output_paths(outputs, inputs);
  }
  if (!g.out_dir.empty()) fs::create_directories(g.out_dir);

  std::vector<SectionResult> sections;
  for (const auto& spec : g.sections) sections.push_back(run_section(spec));
  const int code = combine(sections);

  // Files first, the console last (as a comparison does).
  auto section_file = [&](const SectionResult& s, const char* ext) { return section_path(s.spec, ext); };
  if (!g.out_dir.empty()) {
    for (const auto& s : sections) {
      if (s.report) {
        write_file_atomic(section_file(s, ".json"), render_json(*s.report));
        write_file_atomic(section_file(s, ".md"), render_markdown(*s.report));
        write_file_atomic(section_file(s, ".junit.xml"), render_junit(*s.report));
      }
      if (s.summary) write_file_atomic(section_file(s, ".txt"), render_run_summary(*s.summary));
    }
  }
  if (!g.comment.empty()) write_file_atomic(g.comment, render_gate_markdown(sections, code, g.text));
  if (!g.json.empty()) write_file_atomic(g.json, render_gate_json(sections, code));
  if (!g.junit.empty()) write_file_atomic(g.junit, render_gate_junit(sections));
  if (!g.html.empty()) write_file_atomic(g.html, render_gate_html(sections, code));
  if (!g.openmetrics.empty()) write_file_atomic(g.openmetrics, render_gate_openmetrics(sections, code));
  if (!g.exit_code_file.empty()) write_file_atomic(g.exit_code_file, fmt::format("{}\n", code));

  for (const auto& s : sections) {
    out << fmt::format("\n== {} ({})\n", escape_visible(s.heading()), to_string(s.spec.role));
    if (s.report) out << render_console(*s.report, false);
    if (s.summary) out << render_run_summary(*s.summary);
  }
  out << "\n" << render_gate_console(sections, code);
  return code;
}

}  // namespace lukhas::compare
