#pragma once
// The paired time A/B's plan (docs/gate.md, "Paired time A/B"): which
// invocations of the two sides run, in which order. Pure; the seed is given.
//
// Each benchmark both sides list runs in blocks of repetitions (by default
// 3, runner/ab.hpp kDefaultPairedBlock, for those run together; 1 for the
// others: the process is the unit of independence, so a benchmark needs
// several process pairs); a block is one invocation of A's suite and one of
// B's, each restricted to that benchmark, on one CPU at once or one after
// the other (PairRun), the order of the two drawn per block. So repetition
// i of A ran beside or within seconds of repetition i of B, and what slows
// the machine meanwhile moves both sides of a pair alike. Blocks run
// block-major (the first block of every benchmark, then the second...),
// so the pairs of one benchmark are spread over the run instead of one
// stretch of it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runner/suite_runs.hpp"

namespace lukhas::runner {

// How a benchmark's A and B invocations share the machine (docs/gate.md,
// "Paired time A/B"):
//   together  at the same time on one CPU, taking turns on it, so whatever
//             slows that CPU in those seconds slows both: a benchmark timed
//             by its own CPU time on one thread for the minimum time;
//   in_turn   one after the other on one CPU: a fixed iteration count
//             ("/iterations:N", the *_Latency benchmarks' fixed calls) is a
//             few milliseconds, which the other side's turns on the CPU
//             would chill (its caches) unevenly; measured: an A/A put one
//             such benchmark's median pair ratio at 1.46 when they shared;
//   alone     one after the other with the machine to themselves: timed on
//             the wall clock ("/real_time", "/manual_time": anything else
//             running lands in it) or by several threads ("/threads:N",
//             N > 1: its threads need CPUs of their own).
enum class PairRun { together, in_turn, alone };
PairRun pair_run_for(std::string_view benchmark);

struct PairedStep {
  std::string benchmark;  // as the suite lists it
  long block = 0;         // 0-based, per benchmark
  long repetitions = 0;   // each side's repetitions in this block
  bool a_first = true;    // A's invocation runs (or starts) before B's
  PairRun run = PairRun::together;  // how A and B share the machine (pair_run_for)
};

struct PairedPlan {
  std::vector<PairedStep> steps;           // in run order
  std::vector<std::string> only_a, only_b;  // listed by one side only: run once, all repetitions, unpaired
  std::uint64_t seed = 0;
};

// Benchmark names in a --benchmark_list_tests listing (one a line; lines
// that are not benchmark names, such as a suite's notices, are left out).
std::vector<std::string> listed_benchmarks(std::string_view listing);

// A --benchmark_filter matching exactly `name` (Google Benchmark matches the
// filter as a POSIX extended regular expression anywhere in the name):
// anchored, every special character escaped. "BM_A/x:1" -> "^BM_A/x:1$".
std::string exact_filter(std::string_view name);
// Exactly any of `names`: "^(a|b)$".
std::string any_of_filter(const std::vector<std::string>& names);


// `repetitions` per side in blocks of `block` (the last block takes what is
// left), the benchmarks in A's listing order; a benchmark run in_turn or
// alone in blocks of 1 whatever `block` says: two processes one after the
// other differ by a few percent for the whole of each (the process is the
// unit of independence), so repetitions of one process pair are not
// independent pairs, and only many process pairs average that out (an A/A
// with blocks of 3 put one such benchmark's 9 pair ratios all at +5 to +7%);
// together, the turns on one CPU make the two processes' offsets mostly
// common. the order within each block
// drawn from `seed` (SplitMix64, compare/splitmix.hpp: the same plan on every
// platform).
PairedPlan plan_pairs(const std::vector<std::string>& listed_a, const std::vector<std::string>& listed_b,
                      long repetitions, long block, std::uint64_t seed);

// The listing of the benchmarks a time-mode run would run: the suite's
// flags that change names come too (a fixed latency call count makes
// Google Benchmark append "/iterations:N" to the *_Latency names), so the
// names listed are the names run. Ends with --benchmark_list_tests.
std::vector<std::string> listing_arguments(const TimeOptions& o);

// One side's invocation of one block: `base` (minimum time, latency calls,
// the run's contexts) restricted to the step's benchmark and repetitions,
// with the side's contexts (git_revision, ab_side) appended.
TimeOptions block_options(const TimeOptions& base, const PairedStep& step, const std::string& side,
                          const std::string& label);

}  // namespace lukhas::runner
