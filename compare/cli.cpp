#include "compare/cli.hpp"
#include "compare/cli_parse.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <ostream>

#include "compare/cli_checks.hpp"
#include "compare/config.hpp"
#include "compare/decide.hpp"
#include "compare/escape.hpp"
#include "compare/family.hpp"
#include "compare/errors.hpp"
#include "compare/gate_run.hpp"
#include "compare/gbench_write.hpp"
#include "compare/history_cli.hpp"
#include "compare/io.hpp"
#include "compare/limits.hpp"
#include "compare/merge.hpp"
#include "compare/output_paths.hpp"
#include "compare/render_console.hpp"
#include "compare/render_github.hpp"
#include "compare/render_html.hpp"
#include "compare/render_json.hpp"
#include "compare/render_junit.hpp"
#include "compare/render_markdown.hpp"
#include "compare/render_openmetrics.hpp"
#include "compare/rounds.hpp"
#include "compare/run_summary.hpp"
#include "compare/slo_catalog.hpp"

namespace lukhas::compare {

namespace {

constexpr const char* kDescription =
    "Compares Google Benchmark JSON results (CONTENDER) with a baseline, with statistics, and checks the SLO catalog.\n"
    "Exit codes: 0 no regression, 1 regression / SLO breach / removed or failed benchmark, 2 could not decide,\n"
    "3 reports written but standard output could not be.\n"
    "Subcommands: 'bench-compare approve CONTENDER... --out BASELINE', 'bench-compare summary RESULTS... --slo FILE',\n"
    "'bench-compare merge ROUND... --out FILE', 'bench-compare gate --section NAME ...' (README.md, \"Exit codes\"),\n"
    "'bench-compare filters BASELINE FAMILY1 CONTENDER FAMILY2 [OPTIONS]' (one family against another).\n"
    "Documentation: docs/comparator.md";


struct Outputs {
  std::string json, markdown, junit, html, openmetrics;
  bool to_stdout() const {
    return json == kStdoutPath || markdown == kStdoutPath || junit == kStdoutPath || html == kStdoutPath ||
           openmetrics == kStdoutPath;
  }
};

// The size limit of every input: --max-input-size, else the environment
// variable, else the default. Set on every call: tests run many commands in
// one process.
void apply_input_limit(const std::optional<std::string>& flag, const CliEnv& env) {
  std::size_t limit = kDefaultMaxInputBytes;
  if (flag) {
    const auto v = parse_byte_size(*flag);
    if (!v) throw UsageError(fmt::format("--max-input-size: expected a size such as 64M or 1G, got '{}'", *flag));
    limit = *v;
  } else if (env.max_input_size) {
    const auto v = parse_byte_size(*env.max_input_size);
    if (!v)
      throw UsageError(fmt::format("{}: expected a size such as 64M or 1G, got '{}'", kMaxInputSizeEnv,
                                   *env.max_input_size));
    limit = *v;
  }
  set_max_input_bytes(limit);
}

void add_input_limit_option(CLI::App& app, std::optional<std::string>& flag) {
  app.add_option("--max-input-size", flag,
                 fmt::format("Refuse an input larger than SIZE (e.g. 64M, 1G; default {}, also {})",
                             format_bytes(kDefaultMaxInputBytes), kMaxInputSizeEnv));
}

// "-" is standard output; anything else is written atomically.
void write_output(const std::string& path, const std::string& content, std::ostream& out) {
  if (path == kStdoutPath) out << content;
  else write_file_atomic(path, content);
}

// Report files first, standard output last: a closed pipe or a full
// terminal must never cost the files (the console table comes after them).
void write_outputs(const Report& report, const Outputs& o, std::ostream& out) {
  using Render = std::function<std::string(const Report&)>;
  const std::pair<const std::string*, Render> all[] = {
      {&o.json, [](const Report& r) { return render_json(r); }},
      {&o.markdown, [](const Report& r) { return render_markdown(r); }},
      {&o.junit, [](const Report& r) { return render_junit(r); }},
      {&o.html, [](const Report& r) { return render_html(r); }},
      {&o.openmetrics, [](const Report& r) { return render_openmetrics(r); }}};
  for (const auto& [path, render] : all)
    if (!path->empty() && *path != kStdoutPath) write_output(*path, render(report), out);
  for (const auto& [path, render] : all)
    if (*path == kStdoutPath) write_output(*path, render(report), out);
}

int cmd_compare(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnv& env) {
  CLI::App app(kDescription, "bench-compare");
  std::string baseline, contender, config_path, slo_path;
  std::optional<double> threshold, instructions_threshold, alpha, noise_factor;
  Outputs o;
  bool report_only = false, no_color = false, paired = false;
  std::optional<std::string> max_input, baseline_family, contender_family;
  app.add_option("BASELINE", baseline, "Baseline: a Google Benchmark JSON file or a folder of *.json shards")->required();
  app.add_option("CONTENDER", contender, "Contender: a JSON file or a folder of *.json shards")->required();
  app.add_option("--config", config_path, "Configuration file (JSON): thresholds by glob, counters, allowed removals");
  app.add_option("--slo", slo_path, "SLO catalog (fixtures/slo/catalog.json format)");
  app.add_option("--threshold", threshold, "Time threshold in percent (default 3, from docs/detection-power.md)")->check(finite_number(0, 1e6));
  app.add_option("--instructions-threshold", instructions_threshold,
                 "Threshold for the instructions counter in percent (default 0.5)")
      ->check(finite_number(0, 1e6));
  app.add_option("--alpha", alpha, "False discovery rate for the U tests (default 0.05)")->check(finite_number(1e-12, 1));
  app.add_option("--noise-factor", noise_factor, "k in max(threshold, k x baseline CV) (default 2)")
      ->check(finite_number(0, 1000));
  app.add_option("--json", o.json, "Write the JSON report to FILE ('-': standard output)");
  app.add_option("--markdown", o.markdown, "Write the Markdown report (PR comment / job summary) to FILE ('-': standard output)");
  app.add_option("--junit", o.junit, "Write JUnit XML (one test case per benchmark) to FILE ('-': standard output)");
  app.add_option("--html", o.html,
                 "Write one self-contained HTML page (charts of every repetition, SLOs on a log scale) to FILE "
                 "('-': standard output)");
  app.add_option("--openmetrics", o.openmetrics,
                 "Write the results in the OpenMetrics text format (seconds, Prometheus names) to FILE ('-': standard output)");
  app.add_option("--baseline-family", baseline_family,
                 "Compare only the baseline benchmarks whose name contains TEXT (with --contender-family; see 'filters')");
  app.add_option("--contender-family", contender_family,
                 "Compare only the contender benchmarks whose name contains TEXT, paired by the rest of the name");
  add_input_limit_option(app, max_input);
  app.add_flag("--report-only", report_only, "Exit 0 instead of 1 on a regression; the report is unchanged");
  app.add_flag("--no-color", no_color, "No colours on the console even on a terminal");
  app.add_flag("--paired", paired,
               "Repetition i of the baseline ran next to repetition i of the contender (bench-run ab): compare time "
               "pair by pair (the interval of the median pair ratio against the threshold, Wilcoxon signed-rank "
               "reported); a repetition without "
               "its partner fails the benchmark");
  bool done = false;
  if (int rc = parse_command_line(app, args, 0, out, err, done); done) return rc;
  apply_input_limit(max_input, env);
  if (baseline_family.has_value() != contender_family.has_value())
    throw UsageError("--baseline-family and --contender-family go together: name the family on each side");
  // Before reading anything: a refused path costs no work and writes nothing.
  check_output_paths({{"--json", o.json}, {"--markdown", o.markdown}, {"--junit", o.junit}, {"--html", o.html},
                      {"--openmetrics", o.openmetrics}},
                     {{"baseline", baseline}, {"contender", contender}, {"--config", config_path}, {"--slo", slo_path}});


  Settings settings;
  if (!config_path.empty()) settings.config = read_config(config_path);
  if (threshold) settings.config.threshold_pct = *threshold;
  if (instructions_threshold) settings.config.instructions_threshold_pct = *instructions_threshold;
  if (alpha) settings.config.alpha = *alpha;
  if (noise_factor) settings.config.noise_factor = *noise_factor;
  settings.report_only = report_only;
  settings.paired = paired;
  std::optional<SloCatalog> catalog;
  if (!slo_path.empty()) catalog = read_slo_catalog(slo_path);

  // The two sides are independent: parse them on two threads.
  auto contender_future =
      std::async(std::launch::async, [&] { return std::make_unique<Side>(load_side({contender})); });
  std::unique_ptr<Side> base;
  try {
    base = std::make_unique<Side>(load_side({baseline}));
  } catch (...) {
    try {
      contender_future.get();
    } catch (...) {
    }
    throw;
  }
  std::unique_ptr<Side> cont = contender_future.get();
  if (baseline_family) {
    const std::string label = family_label(*baseline_family, *contender_family);
    select_family(*base, *baseline_family, label, "baseline");
    select_family(*cont, *contender_family, label, "contender");
  }
  auto report = std::make_unique<Report>(decide(*base, *cont, settings, catalog ? &*catalog : nullptr));
  write_outputs(*report, o, out);
  // With a report on standard output, the console table goes to standard
  // error so that the report stays parseable.
  std::ostream& console = o.to_stdout() ? err : out;
  const bool terminal = !o.to_stdout() && env.stdout_is_terminal;
  console << render_console(*report, terminal && !env.no_color && !no_color);
  if (env.github_actions) console << render_github(*report);
  const int code = report->summary.exit_code;
  if (env.leak_on_exit) {
    (void)base.release();
    (void)cont.release();
    (void)report.release();
  }
  return code;
}

int cmd_approve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnv& env) {
  CLI::App app("Writes CONTENDER results as the new baseline in canonical form (sorted, volatile context removed, "
               "6 significant digits), atomically. Writes nothing when an input is invalid.",
               "bench-compare approve");
  std::vector<std::string> inputs;
  std::string target;
  app.add_option("CONTENDER", inputs, "JSON files or folders of *.json shards")->required();
  app.add_option("--out", target, "The baseline file to write ('-': standard output)")->required();
  std::optional<std::string> max_input;
  add_input_limit_option(app, max_input);
  bool done = false;
  if (int rc = parse_command_line(app, args, 1, out, err, done); done) return rc;
  apply_input_limit(max_input, env);
  // Approving in place (an input is also --out) stays allowed: every input
  // is read before the atomic rename.
  check_output_paths({{"--out", target}}, {});
  const Side side = load_side(inputs);
  if (side.benchmarks.empty()) throw InputError(inputs.front(), "benchmarks", "no benchmark rows: nothing to approve");
  const std::string text = canonical_baseline(side);
  // The baseline must be readable by the comparator; check before replacing.
  parse_gbench_json(text, target);
  write_output(target, text, out);
  (target == kStdoutPath ? err : out) << fmt::format("bench-compare: wrote {} benchmarks from {} file(s) to {}\n", side.benchmarks.size(),
                     side.files.size(), escape_visible(target));
  return kExitOk;
}

int cmd_summary(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnv& env) {
  CLI::App app("Summarises results without a baseline: median time, p50/p95/p99 and SLO verdicts per benchmark.",
               "bench-compare summary");
  std::vector<std::string> inputs;
  std::string slo_path;
  app.add_option("RESULTS", inputs, "JSON files or folders of *.json shards")->required();
  app.add_option("--slo", slo_path, "SLO catalog");
  std::optional<std::string> max_input;
  add_input_limit_option(app, max_input);
  bool done = false;
  if (int rc = parse_command_line(app, args, 1, out, err, done); done) return rc;
  apply_input_limit(max_input, env);
  std::optional<SloCatalog> catalog;
  if (!slo_path.empty()) catalog = read_slo_catalog(slo_path);
  const Side side = load_side(inputs);
  const RunSummary s = summarize(side, catalog ? &*catalog : nullptr);
  out << render_run_summary(s);
  return s.exit_code;
}

int cmd_merge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnv& env) {
  CLI::App app("Merges the rounds of one suite's time-mode runs into one Google Benchmark JSON: repetitions "
               "concatenated in round order and renumbered, per-round aggregates dropped. Writes nothing when an "
               "input is invalid.",
               "bench-compare merge");
  std::vector<std::string> inputs;
  std::string target;
  app.add_option("ROUND", inputs, "Round JSON files, in round order")->required();
  app.add_option("--out", target, "The merged file to write ('-': standard output)")->required();
  std::optional<std::string> max_input;
  add_input_limit_option(app, max_input);
  bool done = false;
  if (int rc = parse_command_line(app, args, 1, out, err, done); done) return rc;
  apply_input_limit(max_input, env);
  std::vector<InputPath> round_inputs;
  for (const auto& p : inputs) round_inputs.push_back({"ROUND", p});
  check_output_paths({{"--out", target}}, round_inputs);
  std::vector<GbenchFile> rounds;
  for (const auto& p : inputs) rounds.push_back(read_gbench_file(p));
  const GbenchFile merged = merge_rounds(std::move(rounds));
  write_output(target, write_gbench_json(merged), out);
  (target == kStdoutPath ? err : out) << fmt::format("bench-compare: merged {} round(s), {} rows, into {}\n",
                                                     inputs.size(), merged.rows.size(), escape_visible(target));
  return kExitOk;
}

int cmd_generate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app("Writes deterministic synthetic Google Benchmark JSON (for speed tests).", "bench-compare generate");
  SyntheticSpec spec;
  std::string target;
  app.add_option("--benchmarks", spec.benchmarks, "Number of benchmarks")->check(whole_number(1, 10000000));
  app.add_option("--repetitions", spec.repetitions, "Repetitions per benchmark")->check(whole_number(1, 10000));
  app.add_option("--seed", spec.seed, "Seed");
  app.add_option("--shift", spec.shift, "Relative change of every time (0.1 = 10% slower)");
  app.add_option("--noise", spec.noise, "Relative standard deviation of a repetition");
  app.add_option("--out", target, "File to write ('-': standard output)")->required();
  bool done = false;
  if (int rc = parse_command_line(app, args, 1, out, err, done); done) return rc;
  check_output_paths({{"--out", target}}, {});
  write_output(target, write_gbench_json(generate_synthetic(spec)), out);
  (target == kStdoutPath ? err : out) << fmt::format("bench-compare: wrote {} benchmarks x {} repetitions (seed {}) to {}\n", spec.benchmarks,
                     spec.repetitions, spec.seed, escape_visible(target));
  return kExitOk;
}

// compare.py's filters / benchmarksfiltered modes as positional arguments:
// rewritten into a comparison with --baseline-family and --contender-family,
// so every option of a comparison works the same here.
int cmd_filters(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnv& env) {
  // The four come first: an option's value ("--threshold 5") is never
  // mistaken for one of them.
  const auto first = args.begin() + std::min<std::ptrdiff_t>(2, static_cast<std::ptrdiff_t>(args.size()));
  const auto split = args.begin() + std::min<std::ptrdiff_t>(6, static_cast<std::ptrdiff_t>(args.size()));
  const std::vector<std::string> positional(first, split), rest(split, args.end());
  auto asks_help = [](const std::string& a) { return a == "--help" || a == "-h"; };
  if (std::any_of(first, args.end(), asks_help)) {
    out << "Usage: bench-compare filters BASELINE FAMILY1 CONTENDER FAMILY2 [OPTIONS]\n"
           "Compares the benchmarks of FAMILY1 in BASELINE with those of FAMILY2 in CONTENDER (the same file twice\n"
           "compares two families of one run), paired by the rest of their names: BM_memcpy/8 and BM_copy/8 become\n"
           "'[BM_memcpy vs. BM_copy]/8'. A family is literal text in the name. OPTIONS are those of a comparison.\n";
    return kExitOk;
  }
  if (positional.size() != 4 || std::any_of(positional.begin(), positional.end(), [](const std::string& a) {
        return a.size() > 1 && a[0] == '-';
      }))
    throw UsageError("filters: expected BASELINE FAMILY1 CONTENDER FAMILY2 first, then the options");
  std::vector<std::string> rewritten{args[0], positional[0], positional[2], "--baseline-family", positional[1],
                                     "--contender-family", positional[3]};
  rewritten.insert(rewritten.end(), rest.begin(), rest.end());
  return cmd_compare(rewritten, out, err, env);
}

int run_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnv& env) {
  const std::string sub = args.size() > 1 ? args[1] : "";
  if (sub == "filters") return cmd_filters(args, out, err, env);
  if (sub == "approve") return cmd_approve(args, out, err, env);
  if (sub == "summary") return cmd_summary(args, out, err, env);
  if (sub == "merge") return cmd_merge(args, out, err, env);
  if (sub == "gate") return cmd_gate(args, out, err, env);
  if (sub == "history") return cmd_history(args, out, err, env);
  if (sub == "generate") return cmd_generate(args, out, err);
  return cmd_compare(args, out, err, env);
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnv& env) {
  try {
    const int code = run_command(args, out, err, env);
    out.flush();
    if (!out) {
      // Files were written before standard output (write_outputs); say so,
      // and keep a 1 or 2 the comparison decided: failing output must never
      // turn a regression into something that looks milder.
      err << "bench-compare: error: standard output could not be written (closed pipe or full disk); "
             "report files, if any were asked for, were written\n";
      return code == kExitOk ? kExitOutputFailed : code;
    }
    return code;
  } catch (const InputError& e) {
    err << "bench-compare: error: " << e.what() << "\n";
  } catch (const UsageError& e) {
    // Argument values are input too: one visible line each (escape.hpp).
    err << "bench-compare: error: " << escape_visible(e.what(), true) << "\nRun with --help for usage.\n";
  } catch (const std::exception& e) {
    err << "bench-compare: internal error: " << escape_visible(e.what(), true) << "\n";
  }
  return kExitUndecided;
}

// CLI11 parses argc/argv; keep the strings alive while it does.
int parse_command_line(CLI::App& app, const std::vector<std::string>& args, std::size_t skip, std::ostream& out,
                       std::ostream& err, bool& done) {
  std::vector<std::string> owned;
  owned.push_back(args.empty() ? "bench-compare" : args[0]);
  for (std::size_t i = 1 + skip; i < args.size(); ++i) owned.push_back(args[i]);
  std::vector<char*> argv;
  for (auto& s : owned) argv.push_back(s.data());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    done = true;
    if (e.get_exit_code() == 0) return app.exit(e, out, err);  // --help
    err << "bench-compare: error: " << escape_visible(e.what(), true) << "\n" << "Run with --help for usage.\n";
    return kExitUndecided;
  }
  return 0;
}

}  // namespace lukhas::compare
