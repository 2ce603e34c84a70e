#include "compare/report.hpp"

namespace lukhas::compare {

std::string to_string(Verdict v) {
  switch (v) {
    case Verdict::regressed: return "regressed";
    case Verdict::improved: return "improved";
    case Verdict::unchanged: return "unchanged";
    case Verdict::new_benchmark: return "new";
    case Verdict::removed: return "removed";
    case Verdict::failed: return "failed";
  }
  return "?";
}

std::string to_string(TestKind t) {
  switch (t) {
    case TestKind::none: return "none";
    case TestKind::exact: return "exact";
    case TestKind::normal: return "normal";
  }
  return "?";
}

std::string to_string(SloVerdict v) {
  switch (v) {
    case SloVerdict::pass: return "pass";
    case SloVerdict::breach: return "breach";
    case SloVerdict::missing: return "missing";
    case SloVerdict::insufficient: return "insufficient";
  }
  return "?";
}

bool Comparison::failing() const {
  return verdict == Verdict::regressed || verdict == Verdict::failed ||
         (verdict == Verdict::removed && !removal_allowed);
}

}  // namespace lukhas::compare
