#pragma once
// Decision rules compared in the detection-power experiment, applied
// to the very same comparator reports. Each rule answers one question per
// benchmark: "would this tool have flagged a regression here?".
#include <optional>
#include <string>
#include <vector>

namespace lukhas::power {

enum class Rule {
  ours,          // bench-compare's verdict == "regressed" (threshold, noise, U test, BH)
  utest_only,    // what compare.py users do: U-test p < 0.05 and the median got worse
  fixed_5pct,    // a fixed 5% threshold on medians, no statistics
  ratio_2x,      // github-action-benchmark's default alert: contender >= 2 x baseline
};

std::string to_string(Rule r);
const std::vector<Rule>& all_rules();

// One row of a comparator JSON report, reduced to what the rules read.
struct Observation {
  std::string name;
  std::string metric;
  std::optional<double> change;   // signed, positive = worse
  std::optional<double> ratio;    // contender / baseline
  std::optional<double> p_value;  // null when no test could run
  std::string verdict;
};

bool flags(Rule rule, const Observation& o);

}  // namespace lukhas::power
