#pragma once
// Tallies experiment runs into false-alarm and detection rates, then renders
// the Markdown table. Pure: the CLI reads the files, this takes values.
#include <map>
#include <string>
#include <vector>

#include "bench/power/rules.hpp"

namespace lukhas::power {

// One comparator report: one A/A or A/B run of one mode.
struct RunReport {
  std::string mode;   // "time" or "instructions"
  std::string level;  // "aa" for A/A, else the injected percentage ("2", "5", ...)
  std::string file;
  std::vector<Observation> observations;
};

struct Rate {
  std::size_t hits = 0;
  std::size_t runs = 0;
};

struct Table {
  // [rule][mode] -> false alarms over A/A runs
  std::map<Rule, std::map<std::string, Rate>> false_alarms;
  // [rule][mode][level] -> detections over A/B runs of that level
  std::map<Rule, std::map<std::string, std::map<std::string, Rate>>> detections;
  std::vector<std::string> modes;
  std::vector<std::string> levels;  // injected levels, numerically sorted
};

// A run is a false alarm when any benchmark is flagged; an A/B run is a
// detection when any benchmark matching `injected_glob` is flagged. Only the
// primary metrics (cpu_time, real_time, instructions) are judged.
Table tally(const std::vector<RunReport>& runs, const std::string& injected_glob);

struct TableMeta {
  std::string machine;
  std::string date;
  std::string build;
  std::string injected;  // operation and benchmark glob
  std::string command;  // reproduces the table
  std::string took;     // how long that command ran, e.g. "13 min"
};

// Extra rows for our rule judged with other settings (threshold, noise
// factor) on the very same runs: how the defaults were chosen.
struct Variant {
  std::string label;  // e.g. "threshold 3%, noise factor 2"
  Table table;
};

// The generated part of docs/detection-power.md: the run's facts and one
// table per mode, no title (the document around it has one).
std::string render_markdown(const Table& t, const TableMeta& meta,
                            const std::vector<Variant>& variants = {});

}  // namespace lukhas::power
