// bench-run: runs the benchmark suites of a built tree (the thin shell over
// the runner library). Every job reads the tree's suite manifest
// (<build>/suites.json, from bench/suites.cmake) and hands its results to the
// comparator in-process; docs/gate.md describes the jobs.
//
// Exit codes (compare/exit_codes.hpp, README "Exit codes"): the gate's for
// the jobs that judge (0 ok, 1 regression / breach / failed benchmark, 2 could
// not decide, 3 a report could not be written); 2 for a bad flag, a missing
// build tree or a step that could not run; 77 skipped.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cctype>
#include <cstdlib>
#include <tuple>
#include <chrono>
#include <filesystem>
#include <optional>
#include <iostream>

#include <fmt/format.h>

#include "compare/cli_checks.hpp"
#include "compare/escape.hpp"
#include "compare/exit_codes.hpp"
#include "compare/io.hpp"
#include "runner/ab.hpp"
#include "runner/flake_check.hpp"
#include "runner/glibc_pin.hpp"
#include "runner/jobs.hpp"
#include "runner/log.hpp"
#include "runner/machine_profile.hpp"
#include "runner/manifest.hpp"
#include "runner/process.hpp"
#include "runner/suite_runs.hpp"

namespace fs = std::filesystem;
using namespace lukhas::runner;

namespace {

constexpr int kBadUsage = lukhas::to_int(lukhas::ExitCode::undecided);

// The build tree this bench-run belongs to: <build>/runner/bench-run.
fs::path own_build_tree() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path("build/release") : exe.parent_path().parent_path();
}

// A suite binary given by path (a probe suite outside the list): its name
// from bench_<name>, counted in instruction mode.
Suite suite_from_binary(const std::string& path) {
  Suite s;
  s.binary = fs::absolute(path);
  const std::string file = s.binary.filename().string();
  s.name = file.starts_with("bench_") ? file.substr(6) : file;
  s.instructions = true;
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  // Report files are written before the console (bench-compare's rule): a
  // closed pipe on standard output must not end the run before them.
  std::signal(SIGPIPE, SIG_IGN);
  lukhas::compare::install_signal_cleanup();

  CLI::App app{"bench-run: runs the benchmark suites of a built tree and judges them with bench-compare.\n"
               "The suites and their settings come from <build>/suites.json (bench/suites.cmake)."};
  app.require_subcommand(1);
  app.fallthrough();  // --build is taken before or after the subcommand
  std::string build;
  app.add_option("--build", build, "built tree (default: the one this bench-run was built in)");

  // suites
  auto* suites_cmd = app.add_subcommand("suites", "list the suites of the build tree, one a line with its facts");
  bool names_only = false, with_instructions = false;
  suites_cmd->add_flag("--names", names_only, "print only their names, comma-separated (for --suites)");
  suites_cmd->add_flag("--with-instructions", with_instructions, "only the suites with an instruction mode");

  // profile
  auto* profile_cmd = app.add_subcommand("profile", "print this machine's profile (the time baselines' key)");
  bool profile_inputs = false, profile_context = false;
  profile_cmd->add_flag("--inputs", profile_inputs, "print the inputs (key=value lines) instead");
  profile_cmd->add_flag("--context", profile_context, "print them as a --benchmark_context value");

  // time
  auto* time_cmd = app.add_subcommand("time", "run suites in time mode into OUT/<suite>.json");
  std::string t_out, t_suites, t_filter;
  long t_reps = 0, t_calls = 0;
  double t_min = 0;
  std::vector<std::string> t_context;
  time_cmd->add_option("--out", t_out, "output folder")->required();
  time_cmd->add_option("--suites", t_suites, "comma-separated (default: all)");
  time_cmd->add_option("--repetitions", t_reps, "per benchmark (default: bench/suites.cmake)")->check(lukhas::compare::whole_number(1, 100000));
  time_cmd->add_option("--min-time", t_min, "seconds per repetition (default: bench/suites.cmake)")->check(lukhas::compare::finite_number(0, 3600, true));
  time_cmd->add_option("--latency-calls", t_calls, "calls per *_Latency benchmark and repetition")->check(lukhas::compare::whole_number(1, 100000000));
  time_cmd->add_option("--filter", t_filter, "--benchmark_filter");
  time_cmd->add_option("--context", t_context, "KEY=VALUE into the results' context (repeatable)");

  // instructions
  auto* instr_cmd = app.add_subcommand("instructions", "run suites under callgrind into OUT/<suite>.json");
  std::string i_out, i_suites, i_filter, i_emulate;
  std::vector<std::string> i_binaries;
  long i_iterations = 0;
  bool i_no_pin = false;
  instr_cmd->add_option("--out", i_out, "output folder")->required();
  instr_cmd->add_option("--suites", i_suites, "comma-separated (default: every suite with an instruction mode)");
  instr_cmd->add_option("--binary", i_binaries, "a suite binary outside the list (repeatable)");
  instr_cmd->add_option("--iterations", i_iterations, "per benchmark (default: the baselines' count)")->check(lukhas::compare::whole_number(1, 1000000000));
  instr_cmd->add_option("--filter", i_filter, "--benchmark_filter (default: every single-threaded benchmark)");
  instr_cmd->add_option("--emulate-cpu", i_emulate,
                        "hide CPU features from glibc as an older CPU would (glibc.cpu.hwcaps syntax, e.g. -AVX2,-AVX,-ERMS)");
  instr_cmd->add_flag("--no-pin", i_no_pin, "do not pin glibc's routines (diagnosis only: counts then depend on the CPU)");

  // ab
  auto* ab_cmd = app.add_subcommand("ab", "compare two built trees on this machine (time and/or instructions)");
  AbOptions ab;
  std::string ab_mode = "time", ab_build_a, ab_build_b, ab_out = "results/ab";
  ab_cmd->add_option("--build-a", ab_build_a, "the baseline's built tree")->required();
  ab_cmd->add_option("--build-b", ab_build_b, "the contender's built tree")->required();
  ab_cmd->add_option("--label-a", ab.label_a, "the baseline's revision (headings, contexts)");
  ab_cmd->add_option("--label-b", ab.label_b, "the contender's revision");
  ab_cmd->add_option("--mode", ab_mode, "time, instructions or both")->check(CLI::IsMember({"time", "instructions", "both"}));
  ab_cmd->add_option("--suites", ab.suites, "comma-separated (default: all)");
  ab_cmd->add_option("--repetitions", ab.repetitions, "per benchmark and side, in total (default: 25 paired, the manifest's 9 unpaired)")->check(lukhas::compare::whole_number(1, 100000));
  bool ab_unpaired = false, ab_paired = false;
  std::optional<std::uint64_t> ab_seed;
  ab_cmd->add_flag("--paired", ab_paired,
                   "time mode one benchmark at a time, A and B on one CPU, compared pair by pair (the default; "
                   "docs/gate.md, \"Paired time A/B\")");
  ab_cmd->add_flag("--unpaired", ab_unpaired,
                   "time mode in rounds of whole suites, compared as two samples (for builds that cannot be "
                   "run in pairs)");
  auto* ab_rounds = ab_cmd->add_option("--rounds", ab.rounds, "--unpaired: rounds the repetitions are split over (default 3)")
                        ->check(lukhas::compare::whole_number(1, 1000));
  auto* ab_block = ab_cmd->add_option("--block", ab.block, "paired: repetitions per invocation of the benchmarks A and B run together (default 3)")
                       ->check(lukhas::compare::whole_number(1, 1000));
  auto* ab_seed_opt = ab_cmd->add_option("--seed", ab_seed, "paired: seed of the A-or-B-first draws (default: from the clock, printed)");
  auto* ab_second_look = ab_cmd->add_option(
      "--second-look", ab.second_look,
      "paired: benchmarks at most measured again with fresh pairs when their interval lies beyond the threshold "
      "but within chance among the run's comparisons (default 16; 0: none; docs/gate.md, \"Second look\")")
      ->check(lukhas::compare::whole_number(0, 100000));
  ab_cmd->add_option("--min-time", ab.min_time, "seconds per repetition")->check(lukhas::compare::finite_number(0, 3600, true));
  ab_cmd->add_option("--latency-calls", ab.latency_calls, "calls per *_Latency benchmark and repetition")->check(lukhas::compare::whole_number(1, 100000000));
  ab_cmd->add_option("--iterations", ab.iterations, "instruction mode: iterations per benchmark")->check(lukhas::compare::whole_number(1, 1000000000));
  ab_cmd->add_option("--filter", ab.filter,
                     "--benchmark_filter for every suite, time mode (default: all but the _Pause benchmarks, "
                     "a worst case the main job reports)");
  for (auto [flag, env, side] : {std::tuple{"--env-a", &ab.env_a, "A"}, std::tuple{"--env-b", &ab.env_b, "B"}}) {
    ab_cmd->add_option(flag, *env,
                       fmt::format("NAME=value in side {}'s suite environment, time mode (repeatable; e.g. "
                                   "LUKHAS_INJECT=memory.retrieve:5 for a run-time injection build)",
                                   side))
        ->check(CLI::Validator(
            [](std::string& kv) -> std::string {
              const auto eq = kv.find('=');
              bool ok = eq != std::string::npos && eq > 0 && !(kv[0] >= '0' && kv[0] <= '9');
              for (std::size_t i = 0; ok && i < eq; ++i)
                ok = std::isalnum(static_cast<unsigned char>(kv[i])) || kv[i] == '_';
              return ok ? std::string() : "expected NAME=value, NAME of letters, digits and _: " + kv;
            },
            "NAME=value"));
  }
  ab_cmd->add_option("--threshold", ab.threshold, "bench-compare --threshold (time mode; default 2 paired, unless --config sets it, and 3 unpaired)");
  ab_cmd->add_option("--config", ab.config, "bench-compare --config");
  ab_cmd->add_option("--slo", ab.slo, "SLO catalog: checks on B's results in the same report");
  ab_cmd->add_option("--out", ab_out, "reports and raw runs (default results/ab)");
  ab_cmd->add_flag("--report-only", ab.report_only, "exit 0 on a regression (the report is unchanged)");

  // main
  auto* main_cmd = app.add_subcommand("main", "the README's main job on a built tree: time, instructions, gate");
  MainOptions mo;
  std::string mo_results = "results";
  bool mo_no_instr = false;
  main_cmd->add_option("--results", mo_results, "each run gets results/run-<UTC time>; results/latest points at it");
  main_cmd->add_option("--suites", mo.suites, "comma-separated (default: all)");
  main_cmd->add_option("--repetitions", mo.repetitions, "per benchmark in time mode")->check(lukhas::compare::whole_number(1, 100000));
  main_cmd->add_option("--min-time", mo.min_time, "seconds per repetition")->check(lukhas::compare::finite_number(0, 3600, true));
  main_cmd->add_option("--latency-calls", mo.latency_calls,
                       "calls per *_Latency benchmark and repetition (a p95 needs at least 400)")->check(lukhas::compare::whole_number(1, 100000000));
  main_cmd->add_flag("--no-instructions", mo_no_instr, "skip the instruction mode (callgrind)");

  // instruction-gate
  auto* ig_cmd = app.add_subcommand("instruction-gate", "instruction mode against the committed baselines (1%)");
  InstructionGateOptions ig;
  std::string ig_out = "results/instructions", ig_baselines;
  ig_cmd->add_option("--out", ig_out, "reports and the run (default results/instructions)");
  ig_cmd->add_option("--suites", ig.suites, "comma-separated (default: every suite with an instruction mode)");
  ig_cmd->add_option("--baselines", ig_baselines, "folder of instructions-<suite>.json (default baselines/)");
  ig_cmd->add_option("--iterations", ig.iterations, "must match the baselines'")->check(lukhas::compare::whole_number(1, 1000000000));
  ig_cmd->add_option("--threshold", ig.threshold, "instruction threshold in percent (default 1)");
  ig_cmd->add_flag("--report-only", ig.report_only, "exit 0 on a regression");

  // update-baselines
  auto* ub_cmd = app.add_subcommand("update-baselines", "regenerate baselines/ from this tree");
  UpdateBaselinesOptions ub;
  bool ub_no_time = false;
  ub_cmd->add_option("--suites", ub.suites, "comma-separated (default: all)");
  ub_cmd->add_flag("--no-time", ub_no_time, "instruction baselines only");
  ub_cmd->add_option("--time-repetitions", ub.time_repetitions, "repetitions of the time baselines")->check(lukhas::compare::whole_number(1, 100000));

  // verdict
  auto* v_cmd = app.add_subcommand("verdict", "the workflow's verdict over the shards' JSON");
  VerdictOptions vo;
  std::string v_shards, v_out = "results/merged", v_slo, v_baselines;
  v_cmd->add_option("shards", v_shards, "folder of the shards' artifacts (*/ab-<suite>/...)")->required();
  v_cmd->add_option("--out", v_out, "reports and exit-code (default results/merged)");
  v_cmd->add_option("--slo", v_slo, "SLO catalog (default fixtures/slo/catalog.json)");
  v_cmd->add_option("--baselines", v_baselines, "folder of the instruction baselines (default baselines/)");
  v_cmd->add_option("--suites", vo.suites, "the suites whose shards are expected (default: all)");
  v_cmd->add_option("--where-full", vo.where_full, "where the comment says the full report is (a link)");

  // slo-check
  auto* slo_cmd = app.add_subcommand("slo-check", "the SLO checks of one suite, at its fixed call count");
  SloCheckOptions so;
  std::string so_out, so_catalog;
  slo_cmd->add_option("--suite", so.suite, "the suite")->required();
  slo_cmd->add_option("--out", so_out, "output folder")->required();
  slo_cmd->add_option("--slo", so_catalog, "SLO catalog (default fixtures/slo/catalog.json)");

  // flake-check
  auto* fc_cmd = app.add_subcommand("flake-check", "run ctest -L perf N times quiet and N times under CPU hogs");
  FlakeCheckOptions fc;
  std::string fc_tree = "build/dev", fc_logs = "results/flake-check";
  fc_cmd->add_option("--tree", fc_tree, "configured tree whose perf tests run (default build/dev)");
  fc_cmd->add_option("--quiet-runs", fc.quiet_runs, "runs with nothing else started (default 10)")->check(lukhas::compare::whole_number(0, 100000));
  fc_cmd->add_option("--loaded-runs", fc.loaded_runs, "runs while the hogs run (default 10)")->check(lukhas::compare::whole_number(0, 100000));
  fc_cmd->add_option("--hogs", fc.hogs, "busy processes during the loaded runs (default 2: one per core here)")->check(lukhas::compare::whole_number(0, 1024));
  fc_cmd->add_option("--logs", fc_logs, "where failing runs' ctest logs are kept (default results/flake-check)");
  fc_cmd->add_option("ctest_args", fc.ctest_args, "after --: passed to ctest after -L perf, e.g. -- -R perf_slo");
  fc_cmd->prefix_command(false);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    // CLI11's message quotes the value given: shown as data, as every
    // other message of ours.
    std::cerr << "bench-run: " << lukhas::compare::escape_visible(e.what(), true)
              << "\nRun with --help for more information.\n";
    return kBadUsage;
  }

  try {
    if (*fc_cmd) {
      fc.tree = fc_tree;
      fc.logs = fc_logs;
      return run_flake_check(fc);
    }
    if (*profile_cmd) {
      const Profile p = machine_profile(build.empty() ? fs::path() : fs::path(build));
      if (profile_inputs) {
        std::cout << p.inputs_text();
      } else if (profile_context) {
        std::cout << p.context() << "\n";
      } else {
        std::cout << p.name << "\n";
      }
      return 0;
    }
    const Manifest m = load_manifest(build.empty() ? own_build_tree() : fs::path(build));
    if (*suites_cmd) {
      std::string list;
      for (const auto& s : m.suites) {
        if (with_instructions && !s.instructions) continue;
        if (names_only) {
          list += (list.empty() ? "" : ",") + lukhas::compare::escape_visible(s.name);
          continue;
        }
        std::cout << fmt::format("{} instructions={} postgres={} binary={}\n", lukhas::compare::escape_visible(s.name),
                                 s.instructions ? "yes" : "no", s.postgres ? "yes" : "no",
                                 lukhas::compare::escape_visible(s.binary.string()));
      }
      if (names_only) std::cout << list << "\n";
      return 0;
    }
    if (*time_cmd) {
      TimeOptions t;
      t.repetitions = t_reps ? t_reps : m.time_repetitions;
      t.min_time = t_min > 0 ? t_min : m.time_min_time;
      t.latency_calls = t_calls ? t_calls : m.latency_calls;
      t.filter = t_filter;
      t.contexts = t_context;
      int status = 0;
      for (const auto& s : m.select(t_suites)) {
        say(fmt::format("time mode: {}", s.name));
        const auto r = run_time(s, s.binary, t, fs::path(t_out) / (s.name + ".json"), m.source_dir);
        say("  " + r.summary);
        status = lukhas::worse_exit(status, r.exit_code);
      }
      return status;
    }
    if (*instr_cmd) {
      InstructionOptions io;
      io.iterations = i_iterations ? i_iterations : m.instruction_iterations;
      io.filter = i_filter;
      io.pin = !i_no_pin;
      io.emulate = i_emulate;
      // A caller's own glibc.cpu.hwcaps (emulating an older CPU for a whole
      // ctest run) is kept in front of the pin, as --emulate-cpu would be:
      // the run's environment is otherwise rebuilt from scratch.
      if (const char* tun = std::getenv("GLIBC_TUNABLES"); tun != nullptr && io.emulate.empty()) {
        if (const auto mask = hwcaps_in_tunables(tun)) {
          if (is_hwcaps_mask(*mask)) {
            io.emulate = *mask;
            say("keeping the caller's glibc.cpu.hwcaps=" + *mask + " (the pin applies after it)");
          } else {
            std::cerr << "bench-run: ignoring the caller's glibc.cpu.hwcaps value (not a list like -AVX2,-AVX)\n";
          }
        }
      }
      if (!io.emulate.empty() && !is_hwcaps_mask(io.emulate)) {
        std::cerr << fmt::format("bench-run: --emulate-cpu '{}' is not a list like -AVX2,-AVX,-ERMS\n",
                                 lukhas::compare::escape_visible(io.emulate));
        return kBadUsage;
      }
      std::vector<Suite> suites;
      for (const auto& b : i_binaries) suites.push_back(suite_from_binary(b));
      if (i_binaries.empty() || !i_suites.empty()) {
        for (const auto& s : m.select(i_suites)) {
          if (s.instructions || !i_suites.empty()) suites.push_back(s);
        }
      }
      int status = 0;
      for (const auto& s : suites) {
        say(fmt::format("instruction mode: {} ({} iterations a benchmark)", s.name, io.iterations));
        const auto r = run_instructions(s, s.binary, io, i_out);
        say("  " + r.summary);
        if (r.exit_code != 77) status = lukhas::worse_exit(status, r.exit_code);
      }
      return status;
    }
    if (*ab_cmd) {
      ab.build_a = fs::absolute(ab_build_a);
      ab.build_b = fs::absolute(ab_build_b);
      ab.out = fs::absolute(ab_out);
      ab.time = ab_mode != "instructions";
      ab.instructions = ab_mode != "time";
      if (ab_paired && ab_unpaired) throw ManifestError{"--paired and --unpaired: choose one"};
      ab.paired = !ab_unpaired;
      if (ab.instructions && (!ab.env_a.empty() || !ab.env_b.empty()))
        throw ManifestError{"--env-a and --env-b apply to time mode only (instruction mode runs a fixed "
                            "environment): use --mode time"};
      if (ab.paired && ab_rounds->count() > 0)
        throw ManifestError{"--rounds applies to the unpaired time A/B: add --unpaired, or use --block"};
      if (!ab.paired && (ab_block->count() > 0 || ab_seed_opt->count() > 0 || ab_second_look->count() > 0))
        throw ManifestError{"--block, --seed and --second-look apply to the paired time A/B (the default): drop "
                            "--unpaired"};
      // A seed from the clock when none is given, printed and written into
      // every result's context (ab_seed), so any run's order replays.
      ab.seed = ab_seed ? *ab_seed
                        : static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
      return run_ab(m, ab);
    }
    if (*main_cmd) {
      mo.results = fs::absolute(mo_results);
      mo.instructions = !mo_no_instr;
      if (const char* t = std::getenv("LUKHAS_TIME_BASELINE_THRESHOLD")) mo.time_threshold = t;
      return run_main(m, mo);
    }
    if (*ig_cmd) {
      ig.out = fs::absolute(ig_out);
      if (!ig_baselines.empty()) ig.baselines = fs::absolute(ig_baselines);
      return run_instruction_gate(m, ig);
    }
    if (*ub_cmd) {
      ub.time = !ub_no_time;
      return run_update_baselines(m, ub);
    }
    if (*v_cmd) {
      vo.shards = v_shards;
      vo.out = v_out;
      vo.slo = v_slo;
      vo.baselines = v_baselines;
      return run_verdict(m, vo);
    }
    if (*slo_cmd) {
      so.out = so_out;
      so.catalog = so_catalog;
      return run_slo_check(m, so);
    }
  } catch (const ManifestError& e) {
    std::cerr << "bench-run: " << lukhas::compare::escape_visible(e.message, true) << "\n";
    return kBadUsage;
  } catch (const ProcessError& e) {
    std::cerr << "bench-run: " << lukhas::compare::escape_visible(e.message, true) << "\n";
    return kBadUsage;
  } catch (const std::exception& e) {
    std::cerr << "bench-run: " << lukhas::compare::escape_visible(e.what(), true) << "\n";
    return kBadUsage;
  }
  return kBadUsage;
}
