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
  // Assignments, not an initializer list: nlohmann copies every element of
  // an initializer list (for the report, the whole comparisons array).
  j = json::object();
  j["name"] = c.name;
  j["metric"] = c.metric;
  j["direction"] = to_string(c.direction);
  j["unit"] = opt_str(c.unit);
  j["baseline"] = opt(c.baseline);
  j["contender"] = opt(c.contender);
  j["change"] = opt(c.change);
  j["ratio"] = opt(c.ratio);
  j["n_baseline"] = c.n_baseline;
  j["n_contender"] = c.n_contender;
  j["source_baseline"] = opt_str(c.source_baseline);
  j["source_contender"] = opt_str(c.source_contender);
  j["baseline_cv"] = opt(c.baseline_cv);
  j["test"] = to_string(c.test);
  j["p_value"] = opt(c.p_value);
  j["q_value"] = opt(c.q_value);
  j["min_p_value"] = opt(c.min_p_value);
  j["test_can_reach_alpha"] = c.test == TestKind::none ? json(nullptr) : json(c.test_can_reach_alpha);
  j["threshold"] = c.threshold;
  j["threshold_used"] = c.threshold_used;
  j["verdict"] = to_string(c.verdict);
  j["failing"] = c.failing();
  j["stale_baseline"] = c.stale_baseline;
  j["removal_allowed"] = c.removal_allowed;
  j["unit_changed"] = c.unit_changed;
  j["headline"] = c.headline;
  j["baseline_unit"] = opt_str(c.baseline_unit);
  j["contender_unit"] = opt_str(c.contender_unit);
  j["message"] = opt_str(c.message);
  j["notes"] = c.notes;
  // Only in paired mode, so the unpaired report keeps its shape.
  if (c.paired) {
    json p = json::object();
    p["test"] = "wilcoxon signed-rank";
    p["n_pairs"] = c.n_pairs;
    p["median_ratio"] = opt(c.ratio);
    p["ci_low"] = opt(c.ratio_ci_low);
    p["ci_high"] = opt(c.ratio_ci_high);
    p["ci_level"] = c.ratio_ci_level;
    p["pairs_above_threshold"] = c.pairs_above;
    p["pairs_below_threshold"] = c.pairs_below;
    p["above_threshold_p"] = opt(c.above_p);
    p["above_threshold_q"] = opt(c.above_q);
    p["below_threshold_p"] = opt(c.below_p);
    p["below_threshold_q"] = opt(c.below_q);
    p["chance_interval"] = c.chance_interval;
    j["paired"] = std::move(p);
  }
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
           {"note", opt_str(r.note)},
           {"samples_counter", opt_str(r.samples_counter)},
           {"samples", opt(r.samples)},
           {"repetitions", r.repetitions},
           {"min_samples", r.min_samples}};
}

void to_json(json& j, const SloNotMeasured& n) {
  j = json{{"id", n.id},           {"counter", n.counter}, {"comparison", to_string(n.comparison)},
           {"target", n.target},   {"unit", n.unit},       {"why_not_measured", n.why}};
}

void to_json(json& j, const Summary& s) {
  json counts = json::object();
  for (const Verdict v : kVerdictsByName) counts[to_string(v)] = s.counts[v];
  j = json{{"geomean_ratio", opt(s.geomean_ratio)},
           {"geomean_count", s.geomean_count},
           {"counts", counts},
           {"benchmarks_baseline", s.benchmarks_baseline},
           {"benchmarks_contender", s.benchmarks_contender},
           {"tests", s.tests},
           {"underpowered", s.underpowered},
           {"slo_pass", s.slo_pass},
           {"slo_breach", s.slo_breach},
           {"slo_missing", s.slo_missing},
           {"slo_insufficient", s.slo_insufficient},
           {"exit_code", s.exit_code},
           {"decided_exit_code", s.decided_exit_code},
           {"report_only", s.report_only}};
}

void to_json(json& j, const Report& r) {
  j = json::object();
  j["tool"] = "bench-compare";
  j["report_version"] = 1;
  j["baseline_files"] = r.baseline_files;
  j["contender_files"] = r.contender_files;
  j["alpha"] = r.alpha;
  j["noise_factor"] = r.noise_factor;
  if (r.paired) j["paired"] = true;
  j["comparisons"] = r.comparisons;
  j["slo"] = r.slo;
  j["slo_not_measured"] = r.slo_not_measured;
  j["warnings"] = r.warnings;
  j["summary"] = r.summary;
}

std::string render_json(const Report& report) { return json(report).dump(2) + "\n"; }

}  // namespace lukhas::compare
