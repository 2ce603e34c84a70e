#include "bench/power/rules.hpp"

namespace lukhas::power {

std::string to_string(Rule r) {
  switch (r) {
    case Rule::ours: return "bench-compare (ours)";
    case Rule::utest_only: return "U test only, p < 0.05 (compare.py)";
    case Rule::fixed_5pct: return "fixed 5% on medians";
    case Rule::ratio_2x: return "ratio >= 2x (github-action-benchmark)";
  }
  return "?";
}

const std::vector<Rule>& all_rules() {
  static const std::vector<Rule> rules{Rule::ours, Rule::utest_only, Rule::fixed_5pct,
                                       Rule::ratio_2x};
  return rules;
}

bool flags(Rule rule, const Observation& o) {
  const bool worse = o.change && *o.change > 0;
  switch (rule) {
    case Rule::ours: return o.verdict == "regressed";
    case Rule::utest_only: return worse && o.p_value && *o.p_value < 0.05;
    case Rule::fixed_5pct: return o.change && *o.change > 0.05;
    case Rule::ratio_2x: return o.ratio && *o.ratio >= 2.0;
  }
  return false;
}

}  // namespace lukhas::power
