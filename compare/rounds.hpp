#pragma once
// `bench-compare merge`: the rounds of one suite's time-mode runs (ci/ab-compare
// runs each side several times, interleaved with the other side) as one
// Google Benchmark file. The comparator refuses a benchmark name present in
// two shards, and its U test needs all repetitions of a side together.
//
// Iteration rows are concatenated in round order, repetition_index is
// renumbered per run name and "repetitions" set to the merged total.
// Per-round aggregate rows (mean, median, stddev, cv) are dropped: they are
// not aggregates of the merged sample, and the comparator computes its own
// statistics from the repetitions. Values are copied as parsed, NaN and
// Infinity included.
#include <vector>

#include "compare/gbench_json.hpp"

namespace lukhas::compare {

// Pure. Throws InputError when there is no round or the rounds are of
// different suites (context lukhas_suite), naming the file.
GbenchFile merge_rounds(std::vector<GbenchFile> rounds);

}  // namespace lukhas::compare
