#pragma once
// Same-machine A/B (docs/gate.md): two built trees compared on this machine.
// Time mode is paired by default: one benchmark at a time (ab_paired.hpp:
// A and B on one CPU in blocks of a few repetitions, compared pair by
// pair); --unpaired runs both sides' suites in rounds instead (A then B, B
// then A on even rounds), the repetitions split over the rounds, each
// side's rounds merged in round order; instruction mode runs both under callgrind into output
// folders of the same shape (instructions/a, instructions/b), so nothing in
// the argv, environment or paths differs between the sides. One
// `bench-compare gate` judges the modes run.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "runner/manifest.hpp"
#include "runner/second_look.hpp"

namespace lukhas::runner {

// Repetitions per invocation in the paired time A/B for the benchmarks A
// and B run together on one CPU (docs/gate.md, "Paired time A/B"; the
// others run one repetition a process pair). Taking turns on one CPU makes
// most of two processes' offsets common: in an A/A of the three in-process
// suites in blocks of 3 no interval's bound passed 2%, at 1.19x the wall
// time of the unpaired rounds.
inline constexpr long kDefaultPairedBlock = 3;

// The paired time A/B's pairs per benchmark and threshold (percent) when
// neither --repetitions nor --threshold/--config is given
// (docs/detection-power.md, "Paired time gate"). The verdict needs the
// whole interval of the median pair ratio beyond the threshold: with 9
// pairs and 3% that resolved +6% to +8% on the 2-core VM; 15 pairs at 2%
// caught +5% in 26 of 32 runs; 25 pairs (the interval from the 8th to
// the 18th of the sorted ratios, 95.7%) in 56 of 60 (all 14 at a light
// load, 42 of 46 under heavy load), for 1.47x the unpaired rounds' wall
// time at as many repetitions.
inline constexpr long kDefaultPairedRepetitions = 25;
inline constexpr const char* kDefaultPairedThresholdPct = "2";

// The time A/B's benchmarks when --filter is not given: all but the _Pause
// benchmarks (bench/memory/bench_pause.cpp). Each repetition of those is a
// million creates with a reader thread, 10 to 60 s, and their time is the
// at-limit create's, which BM_Memory_CreateAtLimit measures in a fraction
// of that; their tail figures are the main job's (docs/benchmark-conventions.md).
// With them, the paired A/B of the three in-process suites took 15 minutes
// instead of 3 on the 2-core VM.
inline constexpr const char* kDefaultAbTimeFilter = "-_Pause/";

struct AbOptions {
  std::filesystem::path build_a, build_b, out;
  std::string label_a = "A", label_b = "B";  // revisions, for headings and contexts
  bool time = true, instructions = false;
  std::string suites;  // comma-separated; empty = every suite of the manifest
  long repetitions = 0, rounds = 3;  // repetitions 0: kDefaultPairedRepetitions paired, else the manifest's
  bool paired = true;                // true: paired (the default); false: --unpaired, the rounds
  long block = kDefaultPairedBlock;  // paired: repetitions per invocation
  std::uint64_t seed = 0;            // paired: draws the order of each block
  long second_look = kDefaultSecondLook;  // paired: most benchmarks measured again (second_look.hpp); 0 = none
  double min_time = 0;               // 0: the manifest's
  long latency_calls = 0;            // 0: the manifest's
  long iterations = 0;               // 0: the manifest's
  std::string filter, threshold, config, slo;  // paired: no threshold nor config = kDefaultPairedThresholdPct
  std::vector<std::string> env_a, env_b;  // "NAME=value" for each side's suites (time mode)
  bool report_only = false;
};

// The suites come from `manifest` (B's, or this checkout's build); A's
// binaries are found at the same place in A's tree. Exit code: the gate's.
int run_ab(const Manifest& manifest, AbOptions o);

// The comparator's options a time A/B is judged by: --paired, and the
// threshold or configuration (kDefaultPairedThresholdPct paired when
// neither is given).
std::vector<std::string> judgement_options(const AbOptions& o, bool paired);

// The `bench-compare gate` section of a time A/B whose merged results are in
// o.out/A and o.out/B: the same for the rounds and the paired mode, which
// adds --paired.
std::vector<std::string> time_gate_section(const AbOptions& o, const std::string& label_a, const std::string& label_b,
                                           const std::string& role, bool paired);

}  // namespace lukhas::runner
