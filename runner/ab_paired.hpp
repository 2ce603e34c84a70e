#pragma once
// The paired time A/B (docs/gate.md, "Paired time A/B"): the shell around
// paired_plan.hpp. Lists each suite's benchmarks on both sides, runs the
// plan's blocks (one benchmark, a block of repetitions, A and B on one CPU
// at once or one after the other, in lanes of one CPU each; alone steps
// after them with the machine to themselves), and merges each side's blocks in plan order, so
// repetition i of A and repetition i of B are a pair for `bench-compare
// --paired`.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "runner/ab.hpp"

namespace lukhas::runner {

struct AbSide {
  std::string name;  // A or B
  std::filesystem::path build;
  std::string label;
  std::vector<std::string> env;  // "NAME=value" for this side's suites (time mode)
};

// The gate section's arguments, or none when every suite skipped.
std::vector<std::string> paired_time_ab(const std::vector<Suite>& suites, const AbOptions& o, const AbSide& a,
                                        const AbSide& b, const std::filesystem::path& source_dir,
                                        const std::string& role);

}  // namespace lukhas::runner
