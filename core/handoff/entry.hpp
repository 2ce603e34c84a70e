#pragma once
// The values the context manager stores and returns (docs/context-handoff.md,
// "A context").
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/common/clock.hpp"

namespace lukhas::handoff {

struct Entry {
  std::string id;           // assigned by update() when empty
  TimePoint timestamp{};    // set to the clock's now() by update() when left at the epoch
  std::string prompt;
  std::string response;
  std::map<std::string, std::string> metadata;
  double relevance = 1.0;   // stored relevance; reads never change it
  std::string session_id;
  std::string task_context;
};

// What compression leaves in place of the entries it removed.
struct Summary {
  std::string id;
  std::string text;
  std::vector<std::string> key_points;  // at most 10
  TimePoint from{};                     // oldest entry summarised
  TimePoint to{};                       // newest entry summarised
  std::size_t original_count = 0;       // how many entries it replaced
  TimePoint created_at{};               // its age decides the 48 h window
};

struct RankedEntry {
  Entry entry;
  double relevance = 0;  // decayed relevance at the time of the read
};

struct ContextView {
  std::vector<RankedEntry> entries;  // at most 10, most relevant first, ties newest first
  std::vector<Summary> summaries;    // at most 5, newest first, each younger than 48 h
  std::size_t live_entries = 0;      // entries stored after expiry
};

struct HandoffResult {
  ContextView context;
  std::string enhanced_prompt;
};

}  // namespace lukhas::handoff
