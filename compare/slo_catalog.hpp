#pragma once
// The SLO catalog (fixtures/slo/catalog.json; format in
// docs/benchmark-conventions.md) and the check of one value against it.
#include <nlohmann/json_fwd.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lukhas::compare {

enum class SloComparison { less, less_equal, greater, greater_equal };

struct SloEntry {
  std::string id;
  std::string description;
  std::string benchmark;  // glob; empty when not measured in process
  std::string counter;
  SloComparison comparison = SloComparison::less;
  double target = 0;
  std::string unit;
  std::string source;
  bool measured_in_process = false;
  std::string why_not_measured;
  // What the value rests on (measured entries only): the counter holding
  // the number of timed calls (or operations) behind `counter` in each
  // repetition, and how many it needs. A percentile q needs 20 / (1 - q)
  // calls (400 for p95): with fewer, the value is one of the few slowest
  // calls, not a percentile. The catalog gives either `quantile` (then
  // min_samples is derived) or `min_samples` (rates).
  std::string samples_counter;
  std::optional<double> quantile;
  std::size_t min_samples = 0;
};

struct SloCatalog {
  std::vector<SloEntry> slos;
};

SloCatalog parse_slo_catalog(std::string_view text, const std::string& path);
SloCatalog slo_catalog_from_json(const nlohmann::json& doc, const std::string& path);
// ADL form (j.get<SloCatalog>()); problems are reported as from "<catalog>".
void from_json(const nlohmann::json& j, SloCatalog& c);
SloCatalog read_slo_catalog(const std::string& path);

std::string to_string(SloComparison c);  // "<", "<=", ">", ">="
bool slo_holds(SloComparison c, double value, double target);
// The fewest calls a q-percentile may be judged from: ceil(20 / (1 - q)),
// e.g. 40 for p50, 400 for p95, 2000 for p99.
std::size_t min_samples_for_quantile(double q);
// Headroom in the counter's unit: positive when the target holds, negative by
// how much it is missed.
double slo_margin(SloComparison c, double value, double target);

}  // namespace lukhas::compare
