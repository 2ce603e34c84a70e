#include "compare/render_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace lukhas::compare {

std::string format_value(const std::optional<double>& v, const std::string& unit) {
  if (!v) return "-";
  if (!std::isfinite(*v)) return fmt::format("{}", *v);
  if (unit != "ns") return fmt::format("{:.6g}", *v);  // counters: instruction counts need the digits
  const double a = std::fabs(*v);
  if (a < 1e3) return fmt::format("{:.4g} ns", *v);
  if (a < 1e6) return fmt::format("{:.4g} us", *v / 1e3);
  if (a < 1e9) return fmt::format("{:.4g} ms", *v / 1e6);
  return fmt::format("{:.4g} s", *v / 1e9);
}

std::string format_change(const std::optional<double>& change) {
  if (!change) return "-";
  return fmt::format("{:+.1f}%", *change * 100);
}

std::string format_p(const std::optional<double>& p) {
  if (!p) return "-";
  return *p < 1e-4 ? fmt::format("{:.1e}", *p) : fmt::format("{:.4f}", *p);
}

std::string format_slo_value(const std::optional<double>& v, const std::string& unit) {
  if (!v) return "-";
  return unit.empty() || unit == "ratio" ? fmt::format("{:.8g}", *v) : fmt::format("{:.8g} {}", *v, unit);
}

std::string slo_verdict_label(SloVerdict v) {
  return v == SloVerdict::insufficient ? "insufficient data" : to_string(v);
}

std::string format_slo_basis(const SloResult& r) {
  if (!r.value) return "-";
  const std::string needs = r.min_samples ? fmt::format(" (needs {})", r.min_samples) : std::string();
  if (!r.samples) return fmt::format("no {} counter{}", r.samples_counter.empty() ? "samples" : r.samples_counter, needs);
  const std::string reps = r.repetitions > 1   ? fmt::format(" x {} reps", r.repetitions)
                           : r.repetitions == 0 ? std::string(" (aggregate)")
                                                : std::string();
  return fmt::format("{:.0f} {}{}{}", *r.samples, r.samples_counter, reps, needs);
}

int display_rank(const Comparison& c) {
  if (c.failing()) return 0;
  switch (c.verdict) {
    case Verdict::improved: return 1;
    case Verdict::new_benchmark: return 2;
    case Verdict::removed: return 3;
    default: return 4;
  }
}

std::vector<std::size_t> display_order(const Report& report) {
  std::vector<std::size_t> idx(report.comparisons.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return display_rank(report.comparisons[a]) < display_rank(report.comparisons[b]);
  });
  return idx;
}

std::string headline(const Report& report) {
  const auto& s = report.summary;
  std::size_t removed_failing = 0;
  for (const auto& c : report.comparisons)
    if (c.verdict == Verdict::removed && !c.removal_allowed) ++removed_failing;
  std::vector<std::string> parts;
  if (const auto n = s.counts[Verdict::regressed]) parts.push_back(fmt::format("{} regressed", n));
  if (const auto n = s.counts[Verdict::failed]) parts.push_back(fmt::format("{} failed", n));
  if (removed_failing) parts.push_back(fmt::format("{} removed", removed_failing));
  if (s.slo_breach) parts.push_back(fmt::format("{} SLO breach{}", s.slo_breach, s.slo_breach == 1 ? "" : "es"));
  if (s.slo_insufficient)
    parts.push_back(fmt::format("{} SLO check{} with insufficient data", s.slo_insufficient,
                                s.slo_insufficient == 1 ? "" : "s"));
  if (parts.empty()) return s.slo_pass + s.slo_missing > 0 ? "no regression, no SLO breach" : "no regression";
  return "fails: " + fmt::format("{}", fmt::join(parts, ", "));
}

std::string joined_notes(const Comparison& c) {
  std::string out = c.message;
  for (const auto& n : c.notes) out += (out.empty() ? "" : "; ") + n;
  return out;
}

}  // namespace lukhas::compare
