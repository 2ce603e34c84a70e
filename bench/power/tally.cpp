#include "bench/power/tally.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "compare/glob.hpp"

namespace lukhas::power {

namespace {
bool primary_metric(const std::string& m) {
  return m == "cpu_time" || m == "real_time" || m == "instructions";
}

std::string cell(const Rate& r) {
  if (r.runs == 0) return "–";
  return fmt::format("{}/{} ({:.0f}%)", r.hits, r.runs,
                     100.0 * static_cast<double>(r.hits) / static_cast<double>(r.runs));
}
}  // namespace

Table tally(const std::vector<RunReport>& runs, const std::string& injected_glob) {
  Table t;
  std::set<std::string> modes;
  std::set<double> levels;
  for (const auto& run : runs) {
    modes.insert(run.mode);
    if (run.level != "aa") levels.insert(std::stod(run.level));
    for (const Rule rule : all_rules()) {
      bool any = false;
      bool injected = false;
      for (const auto& o : run.observations) {
        if (!primary_metric(o.metric) || !flags(rule, o)) continue;
        any = true;
        if (compare::glob_match(injected_glob, o.name)) injected = true;
      }
      if (run.level == "aa") {
        auto& r = t.false_alarms[rule][run.mode];
        ++r.runs;
        r.hits += any ? 1 : 0;
      } else {
        auto& r = t.detections[rule][run.mode][run.level];
        ++r.runs;
        r.hits += injected ? 1 : 0;
      }
    }
  }
  t.modes.assign(modes.begin(), modes.end());
  for (double l : levels) t.levels.push_back(fmt::format("{:g}", l));
  return t;
}

namespace {
Rate false_alarms_of(const Table& t, Rule rule, const std::string& mode) {
  if (auto it = t.false_alarms.find(rule); it != t.false_alarms.end()) {
    if (auto m = it->second.find(mode); m != it->second.end()) return m->second;
  }
  return {};
}

Rate detections_of(const Table& t, Rule rule, const std::string& mode, const std::string& level) {
  if (auto it = t.detections.find(rule); it != t.detections.end()) {
    if (auto m = it->second.find(mode); m != it->second.end()) {
      if (auto lv = m->second.find(level); lv != m->second.end()) return lv->second;
    }
  }
  return {};
}

std::string row(const std::string& label, const Table& t, Rule rule, const std::string& mode,
                const std::vector<std::string>& levels) {
  std::string out = fmt::format("| {} | {} |", label, cell(false_alarms_of(t, rule, mode)));
  for (const auto& l : levels) out += fmt::format(" {} |", cell(detections_of(t, rule, mode, l)));
  return out + "\n";
}
}  // namespace

std::string render_markdown(const Table& t, const TableMeta& meta, const std::vector<Variant>& variants) {
  std::string out;
  out += fmt::format("- machine: {}\n- date: {}\n- build: {}\n- injected: {}\n- reproduce: `{}` (took {})\n\n",
                     meta.machine, meta.date, meta.build, meta.injected, meta.command, meta.took);
  out += "False alarms: share of A/A runs (same build against itself) in which the rule flagged any "
         "benchmark as a regression. Detection: share of A/B runs in which it flagged a benchmark of "
         "the injected operation. Cells are hits/runs.\n\n";
  for (const auto& mode : t.modes) {
    out += fmt::format("## {} mode\n\n| rule | false alarms (A/A) |", mode);
    for (const auto& l : t.levels) out += fmt::format(" detected at +{}% |", l);
    out += "\n|---|---|";
    for (std::size_t i = 0; i < t.levels.size(); ++i) out += "---|";
    out += "\n";
    for (const Rule rule : all_rules()) out += row(to_string(rule), t, rule, mode, t.levels);
    for (const auto& v : variants) {
      out += row("bench-compare, " + v.label, v.table, Rule::ours, mode, t.levels);
    }
    out += "\n";
  }
  return out;
}

}  // namespace lukhas::power
