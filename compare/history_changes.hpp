#pragma once
// Change points over a whole history (compare/history.hpp): detection on
// every series (compare/changepoint.hpp), then the console, JSON and
// Markdown views of what was found. Compute first, render after.
#include <cstddef>
#include <string>
#include <vector>

#include "compare/changepoint.hpp"
#include "compare/history.hpp"

namespace lukhas::compare {

struct HistoryChangeSettings {
  ChangePointSettings detect;
  // Change points whose step is smaller than this (relative, 0.01 = 1%) are
  // left out: a significant 0.05% step in a near-noiseless instruction count
  // is real but not worth anyone's time.
  double min_step = 0.01;
};

struct SeriesChange {
  std::size_t series = 0;      // index into History::series
  ChangePoint cp;              // cp.index: the series' point index
  std::size_t run_before = 0;  // History::runs index of the last run before
  std::size_t run_after = 0;   // ... and of the first run after
  bool regression() const { return cp.step > 0; }  // every series metric: higher is worse
};

struct HistoryChanges {
  std::vector<SeriesChange> changes;  // worst first: regressions by size, then improvements by size
  std::size_t series_checked = 0;
  std::size_t runs = 0;
  HistoryChangeSettings settings;
  std::size_t regressions() const;
  // 1 when a regression is among the changes (each is at least min_step), else 0.
  int exit_code() const;
};

HistoryChanges find_history_changes(const History& h, const HistoryChangeSettings& settings);

std::string render_changes_console(const History& h, const HistoryChanges& c);
std::string render_changes_json(const History& h, const HistoryChanges& c);
std::string render_changes_markdown(const History& h, const HistoryChanges& c);

}  // namespace lukhas::compare
