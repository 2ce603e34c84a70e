#pragma once
// One suite, one mode: the argument lists (pure) and the runs (shell) that
// every command of bench-run is made of.
//
//   time mode          the suite binary with repetitions, interleaving, a
//                      minimum time and a fixed call count for its *_Latency
//                      benchmarks -> <out>.json, console in <out>.log
//   instruction mode   the suite under callgrind with a fixed iteration count
//                      and the pinned environment (glibc_pin.hpp), collecting
//                      only inside the measured loops, converted into Google
//                      Benchmark JSON with an "instructions" counter
//                      (bench/instructions) -> <dir>/<suite>.json; raw JSON,
//                      dumps and logs in <dir>/<suite>.raw/
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "runner/manifest.hpp"
#include "runner/process.hpp"

namespace lukhas::runner {

struct TimeOptions {
  long repetitions = 9;
  double min_time = 0.05;
  long latency_calls = 0;  // 0: the *_Latency benchmarks run by min time
  std::string filter;      // --benchmark_filter; empty = all
  std::vector<std::string> contexts;  // --benchmark_context values (k=v,k=v)
  bool interleave = true;  // --benchmark_enable_random_interleaving
  int cpu = -1;            // >= 0: pinned to this CPU with taskset
  bool watch = true;       // follow the console with a progress line (lists the benchmarks first)
  std::vector<std::string> env;  // "NAME=value" for the suite's environment (bench-run ab --env-a/--env-b)
};

struct InstructionOptions {
  long iterations = 50;
  std::string filter;   // empty: every benchmark run by one thread
  std::string emulate;  // glibc.cpu.hwcaps mask in front of the pin
  bool pin = true;      // false: diagnosis only, the counts then depend on the CPU
  std::vector<std::string> context;  // KEY=VALUE into the converted JSON's context
};

// Pure.
std::vector<std::string> time_arguments(const TimeOptions& o, const std::string& out_json);
std::vector<std::string> instruction_arguments(const InstructionOptions& o);
std::string format_seconds(double s);  // "0.05", as Google Benchmark reads it

// Where a suite binary reads PostgreSQL from: a throwaway server
// (fixtures/pg/throwaway-pg run --) unless the environment names one.
bool postgres_given_by_environment();

struct RunOutcome {
  int exit_code = 0;  // the suite's: 0 ok, 1 a row failed, 2 bad flag, 77 skipped
  std::filesystem::path json;
  std::filesystem::path log;
  std::string summary;  // one line for the console
};

// Runs `binary` of `suite` in time mode into out_json (its console into
// out_json with .log). A failed or skipped run's JSON is removed, never left
// half-written for a comparison to read.
RunOutcome run_time(const Suite& suite, const std::filesystem::path& binary, const TimeOptions& o,
                    const std::filesystem::path& out_json, const std::filesystem::path& source_dir);

// The same run in two steps, for callers that start several at once (the
// paired time A/B runs A and B together on one CPU): the command, not
// started, and the outcome's paths; outcome.exit_code is 2 (with the
// summary) when the binary is missing. finish_time() fills in the rest from
// the exit code, as run_time() would.
struct TimeInvocation {
  std::string suite;
  Command command;
  RunOutcome outcome;
};
TimeInvocation prepare_time(const Suite& suite, const std::filesystem::path& binary, const TimeOptions& o,
                            const std::filesystem::path& out_json, const std::filesystem::path& source_dir);
void finish_time(TimeInvocation& t, int exit_code);

// Runs `binary` under callgrind into out_dir/<suite>.json. Exit: 0 converted,
// 1 the suite reported a failed benchmark (rows kept when there are any),
// 2 the run or the conversion failed, 77 skipped (the suite has no
// instruction mode or skipped itself).
RunOutcome run_instructions(const Suite& suite, const std::filesystem::path& binary,
                            const InstructionOptions& o, const std::filesystem::path& out_dir);

// Whether a suite binary takes --lukhas_latency_iterations (a build from
// before the flag does not).
bool has_latency_flag(const std::filesystem::path& binary);

}  // namespace lukhas::runner
