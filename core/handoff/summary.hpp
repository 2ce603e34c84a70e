#pragma once
// Compression: many old entries become one Summary.
#include <string>
#include <vector>

#include "core/handoff/entry.hpp"
#include "core/handoff/policy.hpp"

namespace lukhas::handoff {

// Summarises `entries` (non-empty, any order). Key points are the prompts of
// the most relevant entries by stored relevance (ties newest), each cut to 80
// characters, at most policy.summary_key_points of them.
Summary summarize(const std::vector<Entry>& entries, std::string id, TimePoint now, const Policy& policy);

}  // namespace lukhas::handoff
