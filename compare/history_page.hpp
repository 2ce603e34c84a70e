#pragma once
// The history page: one self-contained HTML file (inline <style> and SVG,
// nothing fetched from the network), one chart per series: the runs' commits
// on the x axis, the median with the band from the smallest to the largest
// repetition, change points as vertical lines (class "changepoint"), an SLO
// target as a horizontal line (class "slo-target"). Every text from an input
// passes through html_text (compare/escape.hpp).
#include <string>

#include "compare/history.hpp"
#include "compare/history_changes.hpp"

namespace lukhas::compare {

// `changes` must come from find_history_changes over the same history.
std::string render_history_page(const History& h, const HistoryChanges& changes);

}  // namespace lukhas::compare
