#pragma once
// The enhanced prompt: newest summary, last exchanges (cut), then the prompt.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/handoff/entry.hpp"
#include "core/handoff/policy.hpp"

namespace lukhas::handoff {

// The first `max_chars` characters of `text`, cut on a UTF-8 character
// boundary (a character = a lead byte and its continuation bytes), so a cut
// never splits a multi-byte character. Invalid UTF-8 is cut safely too: every
// non-continuation byte counts as a character start.
std::string_view truncate_chars(std::string_view text, std::size_t max_chars) noexcept;

// Layout (sections left out when empty; the prompt alone when both are):
//
//   [Context summary]
//   <summary text>
//
//   [Recent exchanges]
//   User: <prompt, at most 200 characters>
//   Assistant: <response, at most 300 characters>
//   ...oldest of the recent first...
//
//   [Current prompt]
//   <prompt>
std::string build_enhanced_prompt(const Summary* newest_summary,
                                  const std::vector<const Entry*>& recent_oldest_first,
                                  std::string_view prompt, const Policy& policy);

}  // namespace lukhas::handoff
