#include "compare/render_json.hpp"

#include <cmath>

namespace lukhas::compare {

using json = nlohmann::json;

namespace {
// Non-finite values and absent ones are both null: JSON has no NaN.
json opt(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v;
}
json opt_str(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
}  // namespace

void to_json(json& j, const Comparison& c) {
  j = json{{"name", c.name},
           {"metric", c.metric},
           {"direction", to_string(c.direction)},
           {"unit", opt_str(c.unit)},
           {"baseline", opt(c.baseline)},
           {"contender", opt(c.contender)},
           {"change", opt(c.change)},
           {"ratio", opt(c.ratio)},
           {"n_baseline", c.n_baseline},
           {"n_contender", c.n_contender},
           {"source_baseline", opt_str(c.source_baseline)},
           {"source_contender", opt_str(c.source_contender)},
           {"baseline_cv", opt(c.baseline_cv)},
           {"test", to_string(c.test)},
           {"p_value", opt(c.p_value)},
           {"q_value", opt(c.q_value)},
           {"min_p_value", opt(c.min_p_value)},
           {"test_can_reach_alpha", c.test == TestKind::none ? json(nullptr) : json(c.test_can_reach_alpha)},
           {"threshold", c.threshold},
           {"threshold_used", c.threshold_used},
           {"verdict", to_string(c.verdict)},
           {"failing", c.failing()},
           {"stale_baseline", c.stale_baseline},
           {"removal_allowed", c.removal_allowed},
           {"unit_changed", c.unit_changed},
           {"baseline_unit", opt_str(c.baseline_unit)},
           {"contender_unit", opt_str(c.contender_unit)},
           {"message", opt_str(c.message)},
           {"notes", c.notes}};
}

void to_json(json& j, const SloResult& r) {
  j = json{{"id", r.id},
           {"benchmark", opt_str(r.benchmark)},
           {"counter", r.counter},
           {"value", opt(r.value)},
           {"target", r.target},
           {"comparison", to_string(r.comparison)},
           {"unit", r.unit},
           {"margin", opt(r.margin)},
           {"verdict", to_string(r.verdict)},
           {"note", opt_str(r.note)}};
}

void to_json(json& j, const SloNotMeasured& n) {
  j = json{{"id", n.id},           {"counter", n.counter}, {"comparison", to_string(n.comparison)},
           {"target", n.target},   {"unit", n.unit},       {"why_not_measured", n.why}};
}

void to_json(json& j, const Summary& s) {
  j = json{{"geomean_ratio", opt(s.geomean_ratio)},
           {"geomean_count", s.geomean_count},
           {"counts", s.counts},
           {"benchmarks_baseline", s.benchmarks_baseline},
           {"benchmarks_contender", s.benchmarks_contender},
           {"tests", s.tests},
           {"underpowered", s.underpowered},
           {"slo_pass", s.slo_pass},
           {"slo_breach", s.slo_breach},
           {"slo_missing", s.slo_missing},
           {"exit_code", s.exit_code},
           {"decided_exit_code", s.decided_exit_code},
           {"report_only", s.report_only}};
}

void to_json(json& j, const Report& r) {
  j = json{{"tool", "bench-compare"},
           {"report_version", 1},
           {"baseline_files", r.baseline_files},
           {"contender_files", r.contender_files},
           {"alpha", r.alpha},
           {"noise_factor", r.noise_factor},
           {"comparisons", r.comparisons},
           {"slo", r.slo},
           {"slo_not_measured", r.slo_not_measured},
           {"warnings", r.warnings},
           {"summary", r.summary}};
}

std::string render_json(const Report& report) { return json(report).dump(2) + "\n"; }

}  // namespace lukhas::compare
