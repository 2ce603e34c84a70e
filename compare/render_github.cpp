#include "compare/render_github.hpp"

#include <fmt/format.h>

#include "compare/escape.hpp"
#include "compare/render_common.hpp"

namespace lukhas::compare {

namespace {
// Workflow-command escaping lives in escape.hpp with the other formats.
std::string data(const std::string& s) { return github_message(s); }
std::string property(const std::string& s) { return github_property(s); }
}  // namespace

std::string render_github(const Report& report) {
  std::string out;
  for (std::size_t i : display_order(report)) {
    const auto& c = report.comparisons[i];
    const std::string msg = fmt::format("{} {} {}: baseline {}, contender {}, change {}, q {}{}", c.name, c.metric,
                                        to_string(c.verdict), format_value(c.baseline, c.unit),
                                        format_value(c.contender, c.unit), format_change(c.change), format_p(c.q_value),
                                        joined_notes(c).empty() ? "" : ". " + joined_notes(c));
    if (c.failing()) out += fmt::format("::error title={}::{}\n", property("bench-compare: " + to_string(c.verdict)), data(msg));
    else if (c.stale_baseline) out += fmt::format("::warning title={}::{}\n", property("bench-compare: stale baseline?"), data(msg));
    else if (c.test != TestKind::none && !c.test_can_reach_alpha)
      out += fmt::format("::warning title={}::{}\n", property("bench-compare: test cannot reach alpha"), data(msg));
  }
  for (const auto& r : report.slo) {
    const std::string what = fmt::format("{} {} = {} (target {} {}, margin {}; n = {})", r.benchmark, r.counter,
                                         format_slo_value(r.value, r.unit), to_string(r.comparison),
                                         format_slo_value(r.target, r.unit), format_slo_value(r.margin, r.unit),
                                         format_slo_basis(r));
    if (r.verdict == SloVerdict::breach)
      out += fmt::format("::error title={}::{}\n", property("SLO breach " + r.id), data(what));
    else if (r.verdict == SloVerdict::insufficient)
      out += fmt::format("::error title={}::{}\n", property("SLO insufficient data " + r.id), data(what + ": " + r.note));
  }
  for (const auto& w : report.warnings) out += fmt::format("::warning title=bench-compare::{}\n", data(w));
  return out;
}

}  // namespace lukhas::compare
