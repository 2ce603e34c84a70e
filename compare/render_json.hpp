#pragma once
// The JSON report. Field names are an interface: CI scripts read them
// (docs/comparator.md, "JSON report").
#include <nlohmann/json.hpp>
#include <string>

#include "compare/report.hpp"

namespace lukhas::compare {

void to_json(nlohmann::json& j, const Comparison& c);
void to_json(nlohmann::json& j, const SloResult& r);
void to_json(nlohmann::json& j, const SloNotMeasured& n);
void to_json(nlohmann::json& j, const Summary& s);
void to_json(nlohmann::json& j, const Report& r);

// Pretty-printed (2 spaces), keys sorted, newline-terminated.
std::string render_json(const Report& report);

}  // namespace lukhas::compare
