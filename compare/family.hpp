#pragma once
// compare.py's "filters" and "benchmarksfiltered" modes: one family of
// benchmarks against another, within one results file or across two
// (bench-compare filters BASELINE FAMILY1 CONTENDER FAMILY2).
#include <string>

#include "compare/merge.hpp"

namespace lukhas::compare {

// compare.py's label for the paired names: "[FAMILY1 vs. FAMILY2]".
std::string family_label(const std::string& baseline_family, const std::string& contender_family);

// Keeps the benchmarks whose name contains `family` and replaces its first
// occurrence by `label`, so BM_memcpy/8 and BM_copy/8 both become
// "[BM_memcpy vs. BM_copy]/8" and pair up. The family is literal text, where
// compare.py takes a regular expression: std::regex recurses per character
// and a hostile 100 KB name would overflow the stack. A UsageError when the
// family matches nothing (a typo must not compare nothing and pass) or maps
// two benchmarks to one name. `what` names the side in messages.
void select_family(Side& side, const std::string& family, const std::string& label, const std::string& what);

}  // namespace lukhas::compare
