#pragma once
// Context handoff (docs/context-handoff.md): contexts keyed by id, each
// with its own mutex, so producers and consumers of different contexts never
// contend; the map itself is behind a shared mutex taken only to find or
// create a context.
#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/clock.hpp"
#include "core/handoff/entry.hpp"
#include "core/handoff/policy.hpp"

namespace lukhas::handoff {

struct ContextStats {
  std::size_t entries = 0;
  std::size_t summaries = 0;
  std::size_t compressions = 0;
};

class ContextManager {
 public:
  // `clock` must outlive the manager.
  explicit ContextManager(const Clock& clock, Policy policy = {});

  // Appends; above policy.max_entries compresses the entries older than one
  // hour into a summary when there are at least 10 of them. Returns the id.
  std::string update(std::string_view context_id, Entry entry);

  // Drops expired entries (> 24 h) and summaries (>= 48 h) from storage, then
  // returns the most relevant entries and the newest summaries. Relevance is
  // decayed on the returned copies only.
  ContextView get(std::string_view context_id);

  // Does not modify the context; expired entries and summaries are skipped.
  std::string enhance_prompt(std::string_view context_id, std::string_view prompt) const;

  // Producer appends `produced`; the consumer reads the context and its
  // enhanced prompt for `next_prompt`.
  HandoffResult handoff(std::string_view context_id, Entry produced, std::string_view next_prompt);

  // Replaces a context's stored state (restore from elsewhere; benchmark
  // set-up). Entries keep their ids, timestamps and relevance as given.
  void load(std::string_view context_id, std::vector<Entry> entries, std::vector<Summary> summaries = {});

  // Stored state, for inspection: stored relevance as it is, nothing decayed.
  std::vector<Entry> stored_entries(std::string_view context_id) const;
  std::vector<Summary> stored_summaries(std::string_view context_id) const;
  ContextStats stats(std::string_view context_id) const;

  const Policy& policy() const noexcept { return policy_; }

 private:
  struct Context;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::shared_ptr<Context> find(std::string_view id) const;
  std::shared_ptr<Context> find_or_create(std::string_view id);
  void compress_locked(Context& c, TimePoint now);

  const Clock& clock_;
  Policy policy_;
  mutable std::shared_mutex map_mutex_;
  std::unordered_map<std::string, std::shared_ptr<Context>, Hash, std::equal_to<>> contexts_;
  std::atomic<std::uint64_t> next_id_{1};
};

}  // namespace lukhas::handoff
