#pragma once
// The common benchmark main: Google Benchmark's flags plus the suite's own
// (--lukhas_mode, --lukhas_seed, --lukhas_iterations,
// --lukhas_latency_iterations), run context, and an
// exit code a smoke test can trust.
#include <cstdint>
#include <optional>
#include <string>

#include "compare/exit_codes.hpp"

namespace lukhas::bench {

enum class Mode { time, instructions };

struct Options {
  Mode mode = Mode::time;
  std::uint64_t seed = 20261127;  // printed and recorded in the context
  std::int64_t iterations = LUKHAS_DEFAULT_INSTRUCTION_ITERATIONS;  // per benchmark, instruction mode only (bench/suites.cmake)
  // Time mode: when > 0, every *_Latency benchmark runs exactly this many
  // timed calls per repetition instead of as many as fit in the minimum
  // time, so its percentiles rest on a known number of calls whatever the
  // machine's speed or load (the SLO checks need 400 for a p95).
  std::int64_t latency_iterations = 0;
};

// The options of the current run (valid once run() has parsed the flags,
// i.e. inside every benchmark body).
const Options& options();

// Exit codes of every suite binary: the project's table
// (compare/exit_codes.hpp, README "Exit codes").
inline constexpr int kExitOk = to_int(ExitCode::ok);
inline constexpr int kExitBenchmarkFailed = to_int(ExitCode::failed);  // a row errored, or no rows at all
inline constexpr int kExitUsage = to_int(ExitCode::undecided);         // bad flag or value
inline constexpr int kExitSkipped = to_int(ExitCode::skipped);         // CTest SKIP_RETURN_CODE: a required part is missing

// Parses flags, adds the context (suite, mode, seed, build type, compiler,
// clock overhead), runs the benchmarks and returns one of the codes above.
int run(const std::string& suite, int argc, char** argv);

// run() in two steps, for a suite that must check its flags before it
// reaches for something that may be missing (bench_schema connects to
// PostgreSQL in between, so a bad flag is a usage error, not a skip):
// parse_flags() returns kExitUsage after printing the reason, or nullopt;
// run_parsed() then does the rest of run().
std::optional<int> parse_flags(const std::string& suite, int& argc, char** argv);
int run_parsed(const std::string& suite);

}  // namespace lukhas::bench
