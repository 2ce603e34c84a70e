#include "compare/history_cli.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <ostream>

#include "compare/cli_checks.hpp"
#include "compare/cli_parse.hpp"
#include "compare/errors.hpp"
#include "compare/escape.hpp"
#include "compare/history.hpp"
#include "compare/history_changes.hpp"
#include "compare/history_page.hpp"
#include "compare/io.hpp"
#include "compare/output_paths.hpp"
#include "compare/slo_catalog.hpp"

namespace lukhas::compare {

namespace {

constexpr const char* kUsage =
    "Usage: bench-compare history append HISTORY RUN_DIR --commit SHA --date ISO8601 [--branch B]\n"
    "       bench-compare history list HISTORY [--skip-bad]\n"
    "       bench-compare history changes HISTORY [--json FILE] [--markdown FILE] [--min-step PCT] [--alpha A]\n"
    "       bench-compare history page HISTORY --html FILE [--slo FILE]\n"
    "HISTORY is a folder of runs, HISTORY/<YYYYMMDDTHHMMSSZ>-<commit12>/<suite>.json (docs/comparator.md,\n"
    "\"History and change points\"). 'changes' exits 1 when a change point is a regression of at least --min-step.\n";


void write_output(const std::string& path, const std::string& content, std::ostream& out) {
  if (path == kStdoutPath) out << content;
  else write_file_atomic(path, content);
}

void warn_skipped(const History& h, std::ostream& err) {
  for (const Problem& p : h.skipped)
    err << "bench-compare: warning: skipped " << escape_visible(format_problem(p)) << "\n";
}

struct DetectOptions {
  double min_step_percent = 1.0;
  HistoryChangeSettings settings;
  bool skip_bad = false;
  void add(CLI::App& app) {
    app.add_option("--min-step", min_step_percent, "Leave out change points smaller than PCT percent (default 1)")
        ->check(finite_number(0, 1e6));
    app.add_option("--alpha", settings.detect.alpha, "Significance level of the permutation test (default 0.01)")
        ->check(finite_number(0, 1));
    app.add_option("--permutations", settings.detect.permutations, "Permutations per candidate (default 199)")
        ->check(whole_number(1, 100000));
    app.add_option("--min-segment", settings.detect.min_segment, "Fewest runs on either side of a change (default 5)")
        ->check(whole_number(2, 100000));
    app.add_option("--seed", settings.detect.seed, "Seed of the permutations (default 1)");
    app.add_flag("--skip-bad", skip_bad, "Leave out bad runs and files (named on standard error) instead of failing");
  }
  HistoryChangeSettings resolved() const {
    HistoryChangeSettings s = settings;
    s.min_step = min_step_percent / 100.0;
    return s;
  }
};

int cmd_append(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app("Copies a run's Google Benchmark JSON files (one per suite) into a history folder, stamped with the "
               "commit, date and branch; never replaces a run.",
               "bench-compare history append");
  AppendRequest req;
  app.add_option("HISTORY", req.history, "The history folder (created when missing)")->required();
  app.add_option("RUN_DIR", req.run_dir, "The folder of the run's *.json files")->required();
  app.add_option("--commit", req.commit, "The run's commit (12 to 64 hex digits)")->required();
  app.add_option("--date", req.date, "The run's date, ISO 8601 with a zone (2026-12-02T07:15:38Z)")->required();
  app.add_option("--branch", req.branch, "The branch the run was made on");
  bool done = false;
  if (int rc = parse_command_line(app, args, 2, out, err, done); done) return rc;
  const AppendResult r = append_run(req);
  out << fmt::format("bench-compare: appended {} suite(s) as {}\n", r.suites.size(), escape_visible(r.run_folder));
  return kExitOk;
}

int cmd_list(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app("Lists the runs of a history in order (date, then commit).", "bench-compare history list");
  std::string folder;
  bool skip_bad = false;
  app.add_option("HISTORY", folder, "The history folder")->required();
  app.add_flag("--skip-bad", skip_bad, "Leave out bad runs and files instead of failing");
  bool done = false;
  if (int rc = parse_command_line(app, args, 2, out, err, done); done) return rc;
  const History h = read_history(folder, {skip_bad, nullptr});
  warn_skipped(h, err);
  for (const RunInfo& r : h.runs) {
    std::string suites;
    for (const auto& s : r.suites) suites += (suites.empty() ? "" : ",") + s;
    out << fmt::format("{}  {}  {}  {}\n", format_iso8601(r.key.time), r.key.commit,
                       r.branch.empty() ? "-" : escape_visible(r.branch), escape_visible(suites));
  }
  return kExitOk;
}

int cmd_changes(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app("Change points (E-divisive means) in every benchmark's history, worst first. Exit 1 when one is a "
               "regression of at least --min-step.",
               "bench-compare history changes");
  std::string folder, json_path, markdown_path;
  DetectOptions opt;
  app.add_option("HISTORY", folder, "The history folder")->required();
  app.add_option("--json", json_path, "Write the change points as JSON ('-': standard output)");
  app.add_option("--markdown", markdown_path, "Write them as Markdown ('-': standard output)");
  opt.add(app);
  bool done = false;
  if (int rc = parse_command_line(app, args, 2, out, err, done); done) return rc;
  std::vector<OutputPath> outputs;
  if (!json_path.empty()) outputs.push_back({"--json", json_path});
  if (!markdown_path.empty()) outputs.push_back({"--markdown", markdown_path});
  check_output_paths(outputs, {});
  const History h = read_history(folder, {opt.skip_bad, nullptr});
  warn_skipped(h, err);
  const HistoryChanges c = find_history_changes(h, opt.resolved());
  if (!json_path.empty() && json_path != kStdoutPath) write_output(json_path, render_changes_json(h, c), out);
  if (!markdown_path.empty() && markdown_path != kStdoutPath)
    write_output(markdown_path, render_changes_markdown(h, c), out);
  if (json_path == kStdoutPath) out << render_changes_json(h, c);
  else if (markdown_path == kStdoutPath) out << render_changes_markdown(h, c);
  else out << render_changes_console(h, c);
  return c.exit_code();
}

int cmd_page(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app("Writes one self-contained HTML page with a chart per benchmark of a history.",
               "bench-compare history page");
  std::string folder, html_path, slo_path;
  DetectOptions opt;
  app.add_option("HISTORY", folder, "The history folder")->required();
  app.add_option("--html", html_path, "The page to write ('-': standard output)")->required();
  app.add_option("--slo", slo_path, "SLO catalog: draw each matching benchmark's SLO counter with its target");
  opt.add(app);
  bool done = false;
  if (int rc = parse_command_line(app, args, 2, out, err, done); done) return rc;
  check_output_paths({{"--html", html_path}}, slo_path.empty() ? std::vector<InputPath>{}
                                                                : std::vector<InputPath>{{"--slo", slo_path}});
  SloCatalog catalog;
  if (!slo_path.empty()) catalog = read_slo_catalog(slo_path);
  const History h = read_history(folder, {opt.skip_bad, slo_path.empty() ? nullptr : &catalog});
  warn_skipped(h, err);
  const HistoryChanges c = find_history_changes(h, opt.resolved());
  write_output(html_path, render_history_page(h, c), out);
  if (html_path != kStdoutPath)
    out << fmt::format("bench-compare: wrote {} chart(s), {} change point(s), to {}\n", h.series.size(),
                       c.changes.size(), escape_visible(html_path));
  return kExitOk;
}

}  // namespace

int cmd_history(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnv&) {
  const std::string action = args.size() > 2 ? args[2] : "";
  if (action == "append") return cmd_append(args, out, err);
  if (action == "list") return cmd_list(args, out, err);
  if (action == "changes") return cmd_changes(args, out, err);
  if (action == "page") return cmd_page(args, out, err);
  if (action == "--help" || action == "-h") {
    out << kUsage;
    return kExitOk;
  }
  err << "bench-compare: error: history: expected append, list, changes or page"
      << (action.empty() ? std::string() : ", got '" + escape_visible(action) + "'") << "\n"
      << kUsage;
  return kExitUndecided;
}

}  // namespace lukhas::compare
