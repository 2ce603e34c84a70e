#pragma once
// The numbers of docs/context-handoff.md in one place, so tests and
// benchmarks can name them.
#include <chrono>
#include <cstddef>

namespace lukhas::handoff {

struct Policy {
  std::size_t max_entries = 1000;                      // compress above this
  std::chrono::seconds compress_older_than{std::chrono::hours(1)};
  std::size_t min_entries_to_compress = 10;
  std::size_t summary_key_points = 10;
  std::chrono::seconds entry_ttl{std::chrono::hours(24)};
  std::chrono::seconds summary_ttl{std::chrono::hours(48)};
  double decay_per_day = 0.1;                          // 1 - age_hours * 0.1 / 24
  double relevance_floor = 0.1;                        // max(0.1, ...) and "keep above 0.1"
  std::size_t top_entries = 10;
  std::size_t top_summaries = 5;
  std::size_t recent_exchanges = 3;
  std::size_t prompt_chars = 200;
  std::size_t response_chars = 300;
};

}  // namespace lukhas::handoff
