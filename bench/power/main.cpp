// power-table: reads the comparator reports of a detection-power experiment
// (REPORTS/<mode>/<level>/<run>.json, level "aa" or the injected percentage)
// and writes the Markdown table of false-alarm and detection rates per rule:
// into the marked section of --out (generated_section.hpp), leaving the
// prose around it as it is, or to standard output.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <string>

#include "bench/power/generated_section.hpp"
#include "bench/power/tally.hpp"
#include "compare/errors.hpp"
#include "compare/exit_codes.hpp"
#include "compare/io.hpp"
#include "compare/report_read.hpp"

namespace fs = std::filesystem;
namespace {

// Through the comparator's own reader of its reports (compare/report_read.hpp).
lukhas::power::RunReport read_report(const fs::path& file, std::string mode, std::string level) {
  lukhas::power::RunReport r{std::move(mode), std::move(level), file.string(), {}};
  for (auto& c : lukhas::compare::read_report_comparisons(file.string()))
    r.observations.push_back({std::move(c.name), std::move(c.metric), c.change, c.ratio, c.p_value,
                              std::move(c.verdict)});
  return r;
}

std::vector<lukhas::power::RunReport> read_all(const std::string& reports) {
  std::vector<lukhas::power::RunReport> runs;
  for (const auto& mode_dir : fs::directory_iterator(reports)) {
    if (!mode_dir.is_directory()) continue;
    for (const auto& level_dir : fs::directory_iterator(mode_dir.path())) {
      if (!level_dir.is_directory()) continue;
      for (const auto& f : fs::directory_iterator(level_dir.path())) {
        if (f.path().extension() != ".json") continue;
        runs.push_back(read_report(f.path(), mode_dir.path().filename().string(),
                                   level_dir.path().filename().string()));
      }
    }
  }
  if (runs.empty()) {
    throw std::runtime_error(
        fmt::format("{}: no reports found (expected <mode>/<level>/<run>.json)", reports));
  }
  return runs;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Tallies a detection-power experiment into a Markdown table (see docs/detection-power.md)"};
  std::string reports, injected, out;
  lukhas::power::TableMeta meta;
  app.add_option("--reports", reports, "folder REPORTS/<mode>/<level>/<run>.json")->required()->check(CLI::ExistingDirectory);
  app.add_option("--injected", injected, "glob of the benchmarks of the injected operation")->required();
  app.add_option("--out", out,
                 "Markdown file whose generated section (between its marker lines) is replaced; a new file "
                 "gets the section alone (default: standard output)");
  app.add_option("--machine", meta.machine, "machine description for the table")->required();
  app.add_option("--date", meta.date, "date of the runs")->required();
  app.add_option("--build", meta.build, "build description")->required();
  app.add_option("--operation", meta.injected, "injected operation, as written in the table")->required();
  app.add_option("--command", meta.command, "command that reproduces the table")->required();
  app.add_option("--took", meta.took, "how long that command ran, e.g. '13 min'")->required();
  std::vector<std::string> variant_args;
  app.add_option("--variant", variant_args,
                 "LABEL=DIR: our rule judged with other settings on the same runs (repeatable)");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto runs = read_all(reports);
    std::vector<lukhas::power::Variant> variants;
    for (const auto& v : variant_args) {
      const auto eq = v.find('=');
      if (eq == std::string::npos || eq == 0) {
        throw std::runtime_error(fmt::format("--variant '{}': expected LABEL=DIR", v));
      }
      variants.push_back({v.substr(0, eq), lukhas::power::tally(read_all(v.substr(eq + 1)), injected)});
    }
    meta.injected = fmt::format("{} (benchmarks {})", meta.injected, injected);
    const auto md = lukhas::power::render_markdown(lukhas::power::tally(runs, injected), meta, variants);
    if (out.empty()) {
      std::cout << md;
    } else {
      // Only the marked section is rewritten; the prose around it stays.
      std::string text = lukhas::power::marked_section(md);
      if (fs::exists(out)) {
        auto spliced = lukhas::power::splice_generated(lukhas::compare::read_text_file(out), md);
        if (!spliced.ok()) throw std::runtime_error(fmt::format("{}: {}", out, spliced.error));
        text = std::move(spliced.text);
      }
      lukhas::compare::write_file_atomic(out, text);  // a failed run never leaves half a document
    }
  } catch (const std::exception& e) {
    std::cerr << "power-table: " << e.what() << "\n";
    return lukhas::to_int(lukhas::ExitCode::undecided);
  }
  return lukhas::to_int(lukhas::ExitCode::ok);
}
