#include "compare/config.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "compare/errors.hpp"
#include "compare/glob.hpp"
#include "compare/io.hpp"
#include "compare/limits.hpp"

namespace lukhas::compare {

using json = nlohmann::json;

std::string to_string(Direction d) {
  return d == Direction::lower_is_better ? "lower_is_better" : "higher_is_better";
}

double Config::threshold_for(std::string_view benchmark, std::string_view metric) const {
  double pct = metric == "instructions" || metric == "allocations" ? instructions_threshold_pct : threshold_pct;
  for (const auto& c : counters)
    if (c.name == metric && c.threshold_pct && glob_match(c.benchmark, benchmark)) pct = *c.threshold_pct;
  for (const auto& r : rules)
    if ((r.metric.empty() || r.metric == metric) && glob_match(r.benchmark, benchmark)) pct = r.threshold_pct;
  return pct / 100.0;
}

bool Config::removal_allowed(std::string_view benchmark) const {
  for (const auto& g : allow_removed)
    if (glob_match(g, benchmark)) return true;
  return false;
}

namespace {

// Reads known keys of one object, recording every problem instead of stopping
// at the first, and flags keys it does not know.
class ObjectReader {
 public:
  ObjectReader(const json& obj, std::string where, ProblemList& problems)
      : obj_(obj), where_(std::move(where)), problems_(problems) {}
  ~ObjectReader() = default;

  std::optional<double> number(const std::string& key, bool required, double min, double max) {
    seen_.insert(key);
    auto it = obj_.find(key);
    if (it == obj_.end()) {
      if (required) problems_.add(field(key), "missing required field");
      return std::nullopt;
    }
    if (!it->is_number()) {
      problems_.add(field(key), fmt::format("expected a number, got {}", describe_json_value(*it)));
      return std::nullopt;
    }
    const double v = it->get<double>();
    if (!(v >= min && v <= max)) {
      problems_.add(field(key), fmt::format("{} is out of range [{}, {}]", v, min, max));
      return std::nullopt;
    }
    return v;
  }
  std::optional<std::string> string(const std::string& key, bool required) {
    seen_.insert(key);
    auto it = obj_.find(key);
    if (it == obj_.end()) {
      if (required) problems_.add(field(key), "missing required field");
      return std::nullopt;
    }
    if (!it->is_string()) {
      problems_.add(field(key), fmt::format("expected a string, got {}", describe_json_value(*it)));
      return std::nullopt;
    }
    return it->get<std::string>();
  }
  const json* array(const std::string& key) {
    seen_.insert(key);
    auto it = obj_.find(key);
    if (it == obj_.end()) return nullptr;
    if (!it->is_array()) {
      problems_.add(field(key), "expected an array");
      return nullptr;
    }
    return &*it;
  }
  void reject_unknown() {
    for (const auto& [k, v] : obj_.items())
      if (!seen_.count(k) && k.rfind("_comment", 0) != 0) problems_.add(field(k), "unknown key");
  }
  std::string field(const std::string& key) const { return where_.empty() ? key : where_ + "." + key; }

 private:
  const json& obj_;
  std::string where_;
  ProblemList& problems_;
  std::set<std::string> seen_;
};

constexpr double kMaxPct = 1e6;

}  // namespace

Config parse_config(std::string_view text, const std::string& path) {
  // Before nlohmann builds a tree: a value nested 100,000 deep crashed the
  // recursive printing of the value in the error message.
  if (const auto deep = find_excess_nesting(text, kMaxConfigDepth))
    throw InputError(path, fmt::format("line {}, column {} (byte {})", deep->line, deep->column, deep->byte),
                     fmt::format("nested deeper than {} levels; a configuration is a few levels deep", kMaxConfigDepth));
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    throw InputError(path, fmt::format("byte {}", e.byte), "not valid JSON");
  } catch (const json::out_of_range&) {
    // nlohmann refuses 1e999 rather than reading it as infinity: say which
    // file, not "internal error".
    throw InputError(path, "", "a number is out of range (beyond a double, such as 1e999)");
  }
  return config_from_json(doc, path);
}

Config config_from_json(const nlohmann::json& doc, const std::string& path) {
  ProblemList problems(path);
  if (!doc.is_object()) {
    problems.add("top level", "expected an object");
    problems.throw_if_any();
  }
  Config c;
  ObjectReader top(doc, "", problems);
  if (auto v = top.number("threshold_pct", false, 0, kMaxPct)) c.threshold_pct = *v;
  if (auto v = top.number("instructions_threshold_pct", false, 0, kMaxPct)) c.instructions_threshold_pct = *v;
  if (auto v = top.number("alpha", false, 1e-12, 1)) c.alpha = *v;
  if (auto v = top.number("noise_factor", false, 0, 1000)) c.noise_factor = *v;
  if (auto v = top.number("stale_factor", false, 1, 1e6)) c.stale_factor = *v;
  if (const json* rules = top.array("rules")) {
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const std::string where = fmt::format("rules[{}]", i);
      if (!(*rules)[i].is_object()) {
        problems.add(where, "expected an object");
        continue;
      }
      ObjectReader r((*rules)[i], where, problems);
      ThresholdRule rule;
      auto b = r.string("benchmark", true);
      auto m = r.string("metric", false);
      auto t = r.number("threshold_pct", true, 0, kMaxPct);
      r.reject_unknown();
      if (!b || !t) continue;
      rule.benchmark = *b;
      rule.metric = m.value_or("");
      rule.threshold_pct = *t;
      c.rules.push_back(std::move(rule));
    }
  }
  if (const json* counters = top.array("counters")) {
    for (std::size_t i = 0; i < counters->size(); ++i) {
      const std::string where = fmt::format("counters[{}]", i);
      if (!(*counters)[i].is_object()) {
        problems.add(where, "expected an object");
        continue;
      }
      ObjectReader r((*counters)[i], where, problems);
      CounterRule rule;
      auto n = r.string("name", true);
      auto d = r.string("direction", true);
      auto b = r.string("benchmark", false);
      auto t = r.number("threshold_pct", false, 0, kMaxPct);
      r.reject_unknown();
      if (d && *d != "lower_is_better" && *d != "higher_is_better") {
        problems.add(where + ".direction", fmt::format("expected \"lower_is_better\" or \"higher_is_better\", got \"{}\"", *d));
        continue;
      }
      if (!n || !d) continue;
      if (*n == "real_time" || *n == "cpu_time") {
        problems.add(where + ".name", "times are compared already; name a user counter");
        continue;
      }
      rule.name = *n;
      rule.direction = *d == "higher_is_better" ? Direction::higher_is_better : Direction::lower_is_better;
      rule.benchmark = b.value_or("*");
      rule.threshold_pct = t;
      c.counters.push_back(std::move(rule));
    }
  }
  if (const json* allow = top.array("allow_removed")) {
    for (std::size_t i = 0; i < allow->size(); ++i) {
      if (!(*allow)[i].is_string()) problems.add(fmt::format("allow_removed[{}]", i), "expected a glob string");
      else c.allow_removed.push_back((*allow)[i].get<std::string>());
    }
  }
  top.reject_unknown();
  problems.throw_if_any();
  return c;
}

Config read_config(const std::string& path) { return parse_config(read_text_file(path), path); }

void from_json(const nlohmann::json& j, Config& c) { c = config_from_json(j, "<config>"); }

}  // namespace lukhas::compare
