#include "compare/render_openmetrics.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include "compare/escape.hpp"

namespace lukhas::compare {

namespace {

using Labels = std::vector<std::pair<std::string, std::string>>;

struct Family {
  std::string name, type, unit, help;
  std::vector<std::string> samples;  // rendered lines, in the order added
};

// The exposition needs each family's samples together, after its metadata:
// samples are collected per family and written family by family, in the
// order the families were first used, so the output is stable.
class Exposition {
 public:
  void add(const std::string& family, const char* type, const char* unit, const char* help, const Labels& labels,
           double value, const std::string& sample_suffix = "") {
    auto [it, inserted] = index_.emplace(family, families_.size());
    if (inserted) families_.push_back({family, type, unit, help, {}});
    std::string line = family + sample_suffix;
    if (!labels.empty()) {
      line += '{';
      for (std::size_t i = 0; i < labels.size(); ++i)
        line += fmt::format("{}{}=\"{}\"", i ? "," : "", labels[i].first, openmetrics_label_value(labels[i].second));
      line += '}';
    }
    families_[it->second].samples.push_back(line + " " + number(value));
  }

  std::string render() const {
    std::string out;
    for (const auto& f : families_) {
      out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", f.name, f.help, f.name, f.type);
      if (!f.unit.empty()) out += fmt::format("# UNIT {} {}\n", f.name, f.unit);
      for (const auto& s : f.samples) out += s + "\n";
    }
    return out + "# EOF\n";
  }

 private:
  // Shortest text that reads back as the same double; the exposition's
  // spellings for the values JSON has no word for.
  static std::string number(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    return fmt::format("{}", v);
  }

  std::vector<Family> families_;
  std::map<std::string, std::size_t> index_;
};

// Labels every sample of one run carries: the gate's section, the suite.
Labels base_labels(const std::string& section, const std::string& suite) {
  Labels l;
  if (!section.empty()) l.emplace_back("section", section);
  if (!suite.empty()) l.emplace_back("suite", suite);
  return l;
}

Labels with(Labels l, std::initializer_list<std::pair<std::string, std::string>> more) {
  l.insert(l.end(), more.begin(), more.end());
  return l;
}

void add_run(Exposition& e, const RunValues& run, const std::string& side, const std::string& section) {
  const Labels base = base_labels(section, run.suite);
  for (const auto& b : run.benchmarks) {
    const Labels l = with(base, {{"benchmark", b.name}, {"side", side}});
    if (b.real_time_s)
      e.add("lukhas_benchmark_real_time_seconds", "gauge", "seconds",
            "Median wall-clock time of one iteration over the repetitions.", l, *b.real_time_s);
    if (b.cpu_time_s)
      e.add("lukhas_benchmark_cpu_time_seconds", "gauge", "seconds",
            "Median CPU time of one iteration over the repetitions.", l, *b.cpu_time_s);
    const std::pair<const char*, const std::optional<double>*> quantiles[] = {
        {"0.5", &b.p50_s}, {"0.95", &b.p95_s}, {"0.99", &b.p99_s}, {"0.999", &b.p999_s}};
    for (const auto& [q, v] : quantiles)
      if (*v)
        e.add("lukhas_benchmark_latency_seconds", "summary", "seconds",
              "Latency percentile of the timed calls (p50_us, p95_us, p99_us, p999_us), median over the repetitions.",
              with(l, {{"quantile", q}}), **v);
    if (b.instructions)
      e.add("lukhas_benchmark_instructions", "gauge", "",
            "Instructions retired per iteration (the instructions counter), median over the repetitions.", l,
            *b.instructions);
    if (b.allocations)
      e.add("lukhas_benchmark_allocations", "gauge", "",
            "Calls into the allocator per iteration (the allocations counter), median over the repetitions.", l,
            *b.allocations);
  }
}

void add_comparisons(Exposition& e, const Report& r, const std::string& section) {
  const Labels base = base_labels(section, r.contender_run.suite);
  for (const auto& c : r.comparisons)
    if (c.change)
      e.add("lukhas_comparison_change_ratio", "gauge", "",
            "Relative change of the contender's median from the baseline's, signed so that positive is worse.",
            with(base, {{"benchmark", c.name}, {"metric", c.metric}, {"verdict", to_string(c.verdict)}}), *c.change);
}

// Units per second for the SLO units that are times; absent for the others.
std::optional<double> per_second(const std::string& unit) {
  if (unit == "ns") return 1e9;
  if (unit == "us") return 1e6;
  if (unit == "ms") return 1e3;
  if (unit == "s") return 1.0;
  return std::nullopt;
}

void add_slos(Exposition& e, const std::vector<const SloResult*>& slos, const std::string& section,
              const std::string& suite) {
  const Labels base = base_labels(section, suite);
  for (const SloResult* r : slos) {
    const Labels l = with(base, {{"slo", r->id}, {"benchmark", r->benchmark}});
    // A time in seconds; any other unit names the family (sanitised).
    const auto scale = per_second(r->unit);
    const std::string suffix = scale ? "seconds" : openmetrics_name(r->unit.empty() ? "value" : r->unit);
    if (r->value)
      e.add("lukhas_slo_value_" + suffix, "gauge", scale ? "seconds" : "",
            "The value an SLO checks (the median over the repetitions).", l, *r->value / scale.value_or(1));
    e.add("lukhas_slo_target_" + suffix, "gauge", scale ? "seconds" : "", "The SLO's target, in the unit of the value.",
          l, r->target / scale.value_or(1));
    e.add("lukhas_slo_pass", "gauge", "",
          "1 when the SLO holds, 0 when it is breached, has insufficient data or was not measured.",
          with(l, {{"verdict", to_string(r->verdict)}}), r->verdict == SloVerdict::pass ? 1 : 0);
  }
}

std::vector<const SloResult*> pointers(const std::vector<SloResult>& v) {
  std::vector<const SloResult*> out;
  for (const auto& r : v) out.push_back(&r);
  return out;
}

void add_report(Exposition& e, const Report& r, const std::string& section) {
  add_run(e, r.baseline_run, "baseline", section);
  add_run(e, r.contender_run, "contender", section);
  add_comparisons(e, r, section);
  add_slos(e, pointers(r.slo), section, r.contender_run.suite);
}

void add_summary(Exposition& e, const RunSummary& s, const std::string& section) {
  add_run(e, s.run, "contender", section);
  std::vector<const SloResult*> slos;
  for (const auto& row : s.rows)
    for (const auto& r : row.slos) slos.push_back(&r);
  for (const auto& r : s.unmatched_slos) slos.push_back(&r);
  add_slos(e, slos, section, s.run.suite);
}

constexpr const char* kExitHelp =
    "The comparator's exit code: 0 no regression, 1 regression or SLO breach, 2 could not decide.";

}  // namespace

std::string render_openmetrics(const Report& report) {
  Exposition e;
  add_report(e, report, "");
  e.add("lukhas_compare_exit_code", "gauge", "", kExitHelp, base_labels("", report.contender_run.suite),
        report.summary.exit_code);
  return e.render();
}

std::string render_gate_openmetrics(const std::vector<SectionResult>& sections, int code) {
  Exposition e;
  for (const auto& s : sections) {
    if (s.report) add_report(e, *s.report, s.spec.name);
    else if (s.summary) add_summary(e, *s.summary, s.spec.name);
  }
  for (const auto& s : sections)
    e.add("lukhas_compare_exit_code", "gauge", "", kExitHelp, {{"section", s.spec.name}}, s.code);
  e.add("lukhas_gate_exit_code", "gauge", "", "The exit code of the whole gate run: the most severe counted exit code of its sections.", {},
        code);
  return e.render();
}

}  // namespace lukhas::compare
