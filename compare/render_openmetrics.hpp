#pragma once
// --openmetrics FILE: a run's results in the OpenMetrics text format, named by
// the Prometheus conventions (docs/comparator.md, "OpenMetrics"), for a job
// that pushes them to a Pushgateway. Every value is one run's snapshot, so
// every family is a gauge, or a summary for the latency percentiles; none is
// a counter (see the section of the doc for why no name ends in _total).
// Times are in seconds. Text from an input appears only in label values,
// escaped (escape.hpp: openmetrics_label_value).
#include <string>
#include <vector>

#include "compare/gate.hpp"
#include "compare/report.hpp"

namespace lukhas::compare {

std::string render_openmetrics(const Report& report);
// `bench-compare gate`: every section's families under one set of names, each
// sample labelled with its section; the run's exit code last.
std::string render_gate_openmetrics(const std::vector<SectionResult>& sections, int code);

}  // namespace lukhas::compare
