#pragma once
// The jobs bench-run offers besides the A/B (ab.hpp). Each takes a built tree
// and its manifest, runs suites (suite_runs.hpp) and hands the results to
// `bench-compare gate`, whose exit code it returns (compare/exit_codes.hpp).
#include <filesystem>
#include <string>

#include "runner/manifest.hpp"

namespace lukhas::runner {

// The README's main job after the build: every suite in time mode, the
// instruction mode under callgrind, then the gate: the SLO summary,
// instructions against baselines/instructions-<suite>.json, and time against
// this machine profile's baselines when there are any (report only).
struct MainOptions {
  std::filesystem::path results;  // each run gets results/run-<UTC time>; results/latest points at it
  std::string suites;
  long repetitions = 0;  // 0: the manifest's
  double min_time = 0;
  long latency_calls = 0;
  bool instructions = true;
  std::string time_threshold = "10";  // percent, time against the stored baselines
};
int run_main(const Manifest& m, MainOptions o);

// The tight gate: instruction mode of each suite against the committed
// baselines (1% unless threshold is given).
struct InstructionGateOptions {
  std::filesystem::path out, baselines;
  std::string suites, threshold;
  long iterations = 0;
  bool report_only = false;
};
int run_instruction_gate(const Manifest& m, InstructionGateOptions o);

// Regenerates baselines/instructions-<suite>.json and, unless no_time,
// baselines/time-<profile>-<suite>.json; a reviewer reads `git diff baselines/`.
struct UpdateBaselinesOptions {
  std::string suites;
  bool time = true;
  long time_repetitions = 0;
};
int run_update_baselines(const Manifest& m, UpdateBaselinesOptions o);

// The workflow's verdict: the shards' JSON (SHARDS/*/ab-<suite>/{A,B}/*.json
// and .../instructions/{a,b}/*.json) judged as one run, with the exit code
// also written to OUT/exit-code.
struct VerdictOptions {
  std::filesystem::path shards, out, slo, baselines;
  std::string suites;  // expected shards; empty = every suite of the manifest
  std::string where_full;  // where the comment says the full report is
};
int run_verdict(const Manifest& m, const VerdictOptions& o);

// The SLO checks of one suite (ctest -L perf): the benchmarks the catalog
// covers, the suite's SLO call count per latency benchmark, 3 repetitions,
// then an SLO summary that fails on a breach, insufficient data or when no
// SLO was checked.
struct SloCheckOptions {
  std::string suite;
  std::filesystem::path out, catalog;
};
int run_slo_check(const Manifest& m, const SloCheckOptions& o);

}  // namespace lukhas::runner
