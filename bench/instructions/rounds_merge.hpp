#pragma once
// Merging the rounds of one suite's time-mode runs (ci/ab-compare runs each
// side several times, interleaved with the other side) into one Google
// Benchmark JSON: the comparator refuses a benchmark name present in two
// shards, and its U test needs all repetitions of a side together.
//
// Iteration rows are concatenated in round order, repetition_index is
// renumbered per run name and "repetitions" set to the merged total.
// Per-round aggregate rows (mean, median, stddev, cv) are dropped: they are
// not aggregates of the merged sample, and the comparator computes its own
// statistics from the repetitions.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lukhas::instructions {

struct Round {
  std::string file;  // for messages
  nlohmann::json run;
};

struct RoundsMerge {
  nlohmann::json output;
  std::vector<std::string> problems;  // non-empty: nothing was merged
};

RoundsMerge merge_rounds(const std::vector<Round>& rounds);

}  // namespace lukhas::instructions
