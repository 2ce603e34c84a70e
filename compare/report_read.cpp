#include "compare/report_read.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "compare/errors.hpp"
#include "compare/io.hpp"

namespace lukhas::compare {

std::vector<ReportedComparison> read_report_comparisons(const std::string& path) {
  using nlohmann::json;
  json j;
  try {
    j = json::parse(read_text_file(path));
  } catch (const json::parse_error& e) {
    throw InputError(path, fmt::format("byte {}", e.byte), "not JSON");
  }
  if (!j.is_object() || !j.contains("comparisons") || !j["comparisons"].is_array())
    throw InputError(path, "comparisons", "not a bench-compare JSON report (no 'comparisons' array)");
  std::vector<ReportedComparison> out;
  ProblemList problems(path);
  std::size_t i = 0;
  for (const auto& c : j["comparisons"]) {
    const std::string where = fmt::format("comparisons[{}]", i++);
    auto text = [&](const char* key) -> std::string {
      if (!c.is_object() || !c.contains(key) || !c[key].is_string()) {
        problems.add(where + "." + key, "expected a string");
        return {};
      }
      return c[key].get<std::string>();
    };
    auto number = [&](const char* key) -> std::optional<double> {
      if (!c.is_object() || !c.contains(key) || c[key].is_null()) return std::nullopt;
      if (!c[key].is_number()) {
        problems.add(where + "." + key, "expected a number or null");
        return std::nullopt;
      }
      return c[key].get<double>();
    };
    out.push_back({text("name"), text("metric"), text("verdict"), number("change"), number("ratio"), number("p_value")});
  }
  problems.throw_if_any();
  return out;
}

}  // namespace lukhas::compare
