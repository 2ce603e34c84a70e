#pragma once
// --html FILE: one self-contained page for a reviewer (docs/comparator.md,
// "HTML report"). Nothing is fetched: the style is inline, the charts are
// inline SVG, there is no script. Per compared metric a strip chart of both
// sides' repetitions with their medians and the threshold band; per SLO the
// value against its target on a log scale. Every text from an input passes
// through html_text (escape.hpp). The same report renders the same bytes.
#include <string>
#include <vector>

#include "compare/gate.hpp"
#include "compare/report.hpp"

namespace lukhas::compare {

std::string render_html(const Report& report);
// `bench-compare gate`: one page, a part per section (heading, verdict,
// charts), the run's verdict at the top.
std::string render_gate_html(const std::vector<SectionResult>& sections, int code);

}  // namespace lukhas::compare
