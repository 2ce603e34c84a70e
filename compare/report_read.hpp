#pragma once
// Reading back the comparisons of a JSON report (render_json.hpp writes it),
// for tools that tally many reports (bench/power). Non-finite values and
// absent ones are both null in the report: they come back as nullopt.
#include <optional>
#include <string>
#include <vector>

namespace lukhas::compare {

struct ReportedComparison {
  std::string name;
  std::string metric;
  std::string verdict;
  std::optional<double> change;
  std::optional<double> ratio;
  std::optional<double> p_value;
};

// Throws InputError naming the file and the field when the file is not a
// bench-compare JSON report.
std::vector<ReportedComparison> read_report_comparisons(const std::string& path);

}  // namespace lukhas::compare
