// gate-report-check: asserts what a bench-compare JSON report says, for the
// doubled-work proof: the exit code, and that the failing comparisons are
// exactly benchmarks of the injected operation (at least one on
// instructions, none elsewhere).
//
//   gate-report-check REPORT.json --exit-code 1 --failing "BM_Memory_Retrieve.*"
// Exit: 0 as expected, 1 not as expected (says why), 2 unreadable report.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

int main(int argc, char** argv) {
  CLI::App app{"gate-report-check: check a bench-compare JSON report"};
  std::string report_path;
  int expected_exit = 1;
  std::string failing_pattern;
  app.add_option("REPORT", report_path)->required();
  app.add_option("--exit-code", expected_exit);
  app.add_option("--failing", failing_pattern, "regex every failing benchmark must match");
  CLI11_PARSE(app, argc, argv);

  nlohmann::json report;
  try {
    std::ifstream in(report_path);
    if (!in) throw std::runtime_error("cannot open");
    report = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gate-report-check: %s: %s\n", report_path.c_str(), e.what());
    return 2;
  }
  bool ok = true;
  const int exit_code = report.at("summary").at("exit_code").get<int>();
  if (exit_code != expected_exit) {
    std::printf("FAIL: report exit code %d, expected %d\n", exit_code, expected_exit);
    ok = false;
  }
  if (!failing_pattern.empty()) {
    const std::regex pattern(failing_pattern);
    int matching_instructions = 0;
    for (const auto& c : report.at("comparisons")) {
      if (!c.value("failing", false)) continue;
      const auto name = c.at("name").get<std::string>();
      const auto metric = c.at("metric").get<std::string>();
      const bool matches = std::regex_match(name, pattern);
      std::printf("%s failing: %s [%s] %s\n", matches ? "expected" : "UNEXPECTED", name.c_str(),
                  metric.c_str(), c.at("verdict").get<std::string>().c_str());
      if (!matches) ok = false;
      if (matches && metric == "instructions") ++matching_instructions;
    }
    if (matching_instructions == 0) {
      std::printf("FAIL: no failing instructions comparison matches %s\n", failing_pattern.c_str());
      ok = false;
    }
  }
  std::printf("%s\n", ok ? "report as expected" : "report NOT as expected");
  return ok ? 0 : 1;
}
