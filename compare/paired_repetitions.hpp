#pragma once
// Paired mode (docs/comparator.md, "Paired mode"): repetition i of the
// baseline was run next to repetition i of the contender (bench-run ab), so
// the two are matched by repetition_index (else by order in the file), and
// any repetition that cannot be matched or measured makes the whole
// benchmark unjudgeable: a reason, never a silently shorter sample. Pure.
#include <string>
#include <string_view>
#include <vector>

#include "compare/merge.hpp"

namespace lukhas::compare {

struct RepetitionPairs {
  std::vector<double> baseline, contender;  // the metric in ns (times) or as written, pair order
  std::string problem;                      // non-empty: the benchmark cannot be judged, and why
};

// The pairs of `metric` between two sides' rows of one benchmark.
RepetitionPairs pair_repetitions(const Benchmark& baseline, const Benchmark& contender, std::string_view metric);

}  // namespace lukhas::compare
