#pragma once
// The project's one table of process exit codes. Every tool uses it: the
// comparator (bench-compare and its subcommands), the suites (bench/support),
// callgrind-to-gbench, lukhas-datagen (fixtures/datagen) and the ci/ scripts
// that pass a tool's code on. The README lists it under "Exit codes".
//
//   0   ok: the run, the comparison or the write succeeded
//   1   the thing checked failed: a regression, an SLO breach, a benchmark
//       that errored or did not run, a data load that failed
//   2   could not decide from what was given: a bad flag or value, missing
//       or malformed input (the message names the file, place and value)
//   3   the work succeeded but its output could not be written to standard
//       output (closed pipe, full disk); report files, if asked for, were
//   77  skipped: a required part is absent (no PostgreSQL server, a suite
//       with no instruction mode); CTest's SKIP_RETURN_CODE
//
// When several results are combined into one (bench-compare gate, ci/main),
// the most severe wins, in the order 0 < 77 < 3 < 1 < 2: a regression is
// never hidden by a skip or an output failure, and "could not decide" is
// never reported as a decision.
namespace lukhas {

enum class ExitCode : int {
  ok = 0,
  failed = 1,
  undecided = 2,
  output_failed = 3,
  skipped = 77,
};

inline constexpr int to_int(ExitCode c) { return static_cast<int>(c); }

// Rank in the combination order above; unknown codes (a crash, a signal)
// rank as "could not decide".
inline constexpr int severity(int code) {
  switch (code) {
    case 0: return 0;
    case 77: return 1;
    case 3: return 2;
    case 1: return 3;
    default: return 4;
  }
}

// The more severe of two exit codes; an unknown code becomes 2.
inline constexpr int worse_exit(int a, int b) {
  const int w = severity(a) >= severity(b) ? a : b;
  return severity(w) == 4 ? to_int(ExitCode::undecided) : w;
}

}  // namespace lukhas
