#include "compare/render_github.hpp"

#include <fmt/format.h>

#include "compare/escape.hpp"
#include "compare/render_common.hpp"

namespace lukhas::compare {

std::string render_github(const Report& report) {
  std::string out;
  for (std::size_t i : display_order(report)) {
    const auto& c = report.comparisons[i];
    const std::string msg = fmt::format("{} {} {}: baseline {}, contender {}, change {}, q {}{}", c.name, c.metric,
                                        to_string(c.verdict), format_value(c.baseline, c.unit),
                                        format_value(c.contender, c.unit), format_change(c.change), format_p(c.q_value),
                                        joined_notes(c).empty() ? "" : ". " + joined_notes(c));
    if (c.failing()) out += fmt::format("::error title={}::{}\n", github_property("bench-compare: " + to_string(c.verdict)), github_message(msg));
    else if (c.stale_baseline) out += fmt::format("::warning title={}::{}\n", github_property("bench-compare: stale baseline?"), github_message(msg));
    else if (c.test != TestKind::none && !c.test_can_reach_alpha)
      out += fmt::format("::warning title={}::{}\n", github_property("bench-compare: test cannot reach alpha"), github_message(msg));
  }
  for (const auto& r : report.slo) {
    const std::string what = fmt::format("{} {} = {} (target {} {}, margin {}; n = {})", r.benchmark, r.counter,
                                         format_slo_value(r.value, r.unit), to_string(r.comparison),
                                         format_slo_value(r.target, r.unit), format_slo_value(r.margin, r.unit),
                                         format_slo_basis(r));
    if (r.verdict == SloVerdict::breach)
      out += fmt::format("::error title={}::{}\n", github_property("SLO breach " + r.id), github_message(what));
    else if (r.verdict == SloVerdict::insufficient)
      out += fmt::format("::error title={}::{}\n", github_property("SLO insufficient data " + r.id), github_message(what + ": " + r.note));
  }
  for (const auto& w : report.warnings) out += fmt::format("::warning title=bench-compare::{}\n", github_message(w));
  return out;
}

}  // namespace lukhas::compare
