#pragma once
// Formatting shared by the renderers: numbers for people, and the order in
// which comparisons are shown (what fails first).
#include <optional>
#include <string>
#include <vector>

#include "compare/report.hpp"

namespace lukhas::compare {

// "123.4 ns", "1.235 ms" for times (given in ns); "0.9971" for counters.
std::string format_value(const std::optional<double>& v, const std::string& unit);
// "+10.2%" / "-3.0%" / "-" when absent.
std::string format_change(const std::optional<double>& change);
// "0.0012" / "-" when absent.
std::string format_p(const std::optional<double>& p);
std::string format_slo_value(const std::optional<double>& v, const std::string& unit);
// "pass", "breach", "missing", "insufficient data": the SLO verdict for a reader.
std::string slo_verdict_label(SloVerdict v);
// What an SLO verdict rests on, for every renderer: "10000 samples x 3 reps
// (needs 400)", "no samples counter (needs 400)", "-" when no value was read.
std::string format_slo_basis(const SloResult& r);

// 0 for failing results (regressed, failed, removed), then improved, new,
// removed-but-allowed, unchanged.
int display_rank(const Comparison& c);
// Indices of report.comparisons in display order (stable within a rank).
std::vector<std::size_t> display_order(const Report& report);

// The one-line verdict: "fails: 2 regressed, 1 SLO breach" or "no regression".
std::string headline(const Report& report);

// Plain-words note shown beside a comparison (joined notes and message).
std::string joined_notes(const Comparison& c);

}  // namespace lukhas::compare
