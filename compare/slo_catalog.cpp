#include "compare/slo_catalog.hpp"

#include <fmt/format.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "compare/errors.hpp"
#include "compare/io.hpp"
#include "compare/limits.hpp"

namespace lukhas::compare {

using json = nlohmann::json;

std::string to_string(SloComparison c) {
  switch (c) {
    case SloComparison::less: return "<";
    case SloComparison::less_equal: return "<=";
    case SloComparison::greater: return ">";
    case SloComparison::greater_equal: return ">=";
  }
  return "?";
}

bool slo_holds(SloComparison c, double value, double target) {
  switch (c) {
    case SloComparison::less: return value < target;
    case SloComparison::less_equal: return value <= target;
    case SloComparison::greater: return value > target;
    case SloComparison::greater_equal: return value >= target;
  }
  return false;
}

std::size_t min_samples_for_quantile(double q) {
  // 20 / (1 - 0.95) is 400.00000000000006 in binary floating point: round
  // away that error before taking the ceiling, so p95 needs 400, not 401.
  const double exact = 20.0 / (1.0 - q);
  return static_cast<std::size_t>(std::ceil(exact - 1e-9 * exact));
}

double slo_margin(SloComparison c, double value, double target) {
  return (c == SloComparison::less || c == SloComparison::less_equal) ? target - value : value - target;
}

SloCatalog parse_slo_catalog(std::string_view text, const std::string& path) {
  // As for the configuration: a catalog is three levels deep, and no tree
  // is built for a file nested deeper than any catalog needs.
  if (const auto deep = find_excess_nesting(text, kMaxConfigDepth))
    throw InputError(path, fmt::format("line {}, column {} (byte {})", deep->line, deep->column, deep->byte),
                     fmt::format("nested deeper than {} levels; an SLO catalog is a few levels deep", kMaxConfigDepth));
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    throw InputError(path, fmt::format("byte {}", e.byte), "not valid JSON");
  } catch (const json::out_of_range&) {  // 1e999: see parse_config
    throw InputError(path, "", "a number is out of range (beyond a double, such as 1e999)");
  }
  return slo_catalog_from_json(doc, path);
}

SloCatalog slo_catalog_from_json(const nlohmann::json& doc, const std::string& path) {
  ProblemList problems(path);
  if (!doc.is_object() || !doc.contains("slos") || !doc.at("slos").is_array()) {
    problems.add("slos", "expected an object with an array \"slos\"");
    problems.throw_if_any();
  }
  SloCatalog cat;
  const json& slos = doc.at("slos");
  for (std::size_t i = 0; i < slos.size(); ++i) {
    const json& e = slos[i];
    const std::string where = fmt::format("slos[{}]", i);
    if (!e.is_object()) {
      problems.add(where, "expected an object");
      continue;
    }
    auto str = [&](const char* key, bool required) -> std::string {
      if (!e.contains(key)) {
        if (required) problems.add(where + "." + key, "missing required field");
        return "";
      }
      if (!e.at(key).is_string()) {
        problems.add(where + "." + key, "expected a string");
        return "";
      }
      return e.at(key).get<std::string>();
    };
    SloEntry s;
    s.id = str("id", true);
    s.description = str("description", false);
    s.counter = str("counter", true);
    s.unit = str("unit", false);
    s.source = str("source", false);
    const std::string cmp = str("comparison", true);
    if (cmp == "<") s.comparison = SloComparison::less;
    else if (cmp == "<=") s.comparison = SloComparison::less_equal;
    else if (cmp == ">") s.comparison = SloComparison::greater;
    else if (cmp == ">=") s.comparison = SloComparison::greater_equal;
    else if (!cmp.empty()) problems.add(where + ".comparison", fmt::format("expected <, <=, > or >=, got \"{}\"", cmp));
    if (!e.contains("target") || !e.at("target").is_number()) problems.add(where + ".target", "expected a number");
    else s.target = e.at("target").get<double>();
    if (!e.contains("measured_in_process") || !e.at("measured_in_process").is_boolean())
      problems.add(where + ".measured_in_process", "expected true or false");
    else s.measured_in_process = e.at("measured_in_process").get<bool>();
    if (s.measured_in_process) {
      s.benchmark = str("benchmark", true);
      s.samples_counter = str("samples_counter", true);
      const bool has_q = e.contains("quantile"), has_min = e.contains("min_samples");
      if (has_q && (!e.at("quantile").is_number() || !(e.at("quantile").get<double>() > 0) ||
                    !(e.at("quantile").get<double>() < 1)))
        problems.add(where + ".quantile", "expected a number between 0 and 1 (0.95 for a p95)");
      else if (has_q) s.quantile = e.at("quantile").get<double>();
      if (has_min && !e.at("min_samples").is_number_unsigned())
        problems.add(where + ".min_samples", "expected a whole number of calls or operations");
      else if (has_min) s.min_samples = e.at("min_samples").get<std::size_t>();
      if (!has_q && !has_min)
        problems.add(where, "a measured SLO needs \"quantile\" (a percentile) or \"min_samples\": how many calls "
                            "its value must rest on");
      if (s.quantile && !has_min) s.min_samples = min_samples_for_quantile(*s.quantile);
    } else {
      s.why_not_measured = str("why_not_measured", true);
    }
    cat.slos.push_back(std::move(s));
  }
  problems.throw_if_any();
  return cat;
}

SloCatalog read_slo_catalog(const std::string& path) { return parse_slo_catalog(read_text_file(path), path); }

void from_json(const nlohmann::json& j, SloCatalog& c) { c = slo_catalog_from_json(j, "<catalog>"); }

}  // namespace lukhas::compare
