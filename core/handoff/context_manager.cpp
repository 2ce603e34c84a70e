#include "core/handoff/context_manager.hpp"

#include "core/common/inject.hpp"

#include <algorithm>
#include <deque>

#include "core/handoff/prompt.hpp"
#include "core/handoff/relevance.hpp"
#include "core/handoff/summary.hpp"

namespace lukhas::handoff {

struct ContextManager::Context {
  mutable std::mutex mutex;
  std::deque<Entry> entries;      // insertion order; expiry pops mostly from the front
  std::vector<Summary> summaries;  // creation order, newest last
  std::size_t compressions = 0;
};

ContextManager::ContextManager(const Clock& clock, Policy policy) : clock_(clock), policy_(policy) {}

std::shared_ptr<ContextManager::Context> ContextManager::find(std::string_view id) const {
  std::shared_lock lock(map_mutex_);
  const auto it = contexts_.find(id);
  return it == contexts_.end() ? nullptr : it->second;
}

std::shared_ptr<ContextManager::Context> ContextManager::find_or_create(std::string_view id) {
  if (auto c = find(id)) return c;
  std::unique_lock lock(map_mutex_);
  auto [it, inserted] = contexts_.try_emplace(std::string(id), nullptr);
  if (inserted) it->second = std::make_shared<Context>();
  return it->second;
}

void ContextManager::compress_locked(Context& c, TimePoint now) {
  const TimePoint cutoff = now - policy_.compress_older_than;
  const auto old_count = static_cast<std::size_t>(
      std::count_if(c.entries.begin(), c.entries.end(), [&](const Entry& e) { return e.timestamp < cutoff; }));
  if (old_count < policy_.min_entries_to_compress) return;
  std::vector<Entry> old;
  old.reserve(old_count);
  std::deque<Entry> kept;
  for (Entry& e : c.entries) {
    if (e.timestamp < cutoff) old.push_back(std::move(e));
    else kept.push_back(std::move(e));
  }
  c.entries = std::move(kept);
  c.summaries.push_back(summarize(old, "summary-" + std::to_string(next_id_++), now, policy_));
  ++c.compressions;
}

std::string ContextManager::update(std::string_view context_id, Entry entry) {
  LUKHAS_INJECT_POINT("handoff.update");
  const auto ctx = find_or_create(context_id);
  const TimePoint now = clock_.now();
  if (entry.id.empty()) entry.id = "entry-" + std::to_string(next_id_++);
  if (entry.timestamp == TimePoint{}) entry.timestamp = now;
  std::string id = entry.id;
  std::lock_guard lock(ctx->mutex);
  ctx->entries.push_back(std::move(entry));
  if (ctx->entries.size() > policy_.max_entries) compress_locked(*ctx, now);
  return id;
}

ContextView ContextManager::get(std::string_view context_id) {
  LUKHAS_INJECT_POINT("handoff.get");
  ContextView view;
  const auto ctx = find(context_id);
  if (!ctx) return view;
  const TimePoint now = clock_.now();
  std::lock_guard lock(ctx->mutex);

  const TimePoint entry_cutoff = now - policy_.entry_ttl;
  auto& entries = ctx->entries;
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [&](const Entry& e) { return e.timestamp < entry_cutoff; }),
                entries.end());
  const TimePoint summary_cutoff = now - policy_.summary_ttl;
  auto& summaries = ctx->summaries;
  summaries.erase(std::remove_if(summaries.begin(), summaries.end(),
                                 [&](const Summary& s) { return s.created_at <= summary_cutoff; }),
                  summaries.end());
  view.live_entries = entries.size();

  // Rank indices, not entries: only the winners are copied out.
  thread_local std::vector<Candidate> candidates;
  candidates.clear();
  candidates.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const double r = decayed_relevance(entries[i].relevance, now - entries[i].timestamp, policy_);
    if (r > policy_.relevance_floor) candidates.push_back(Candidate{r, entries[i].timestamp, i});
  }
  const std::size_t k = rank_top(candidates, policy_.top_entries);
  view.entries.reserve(k);
  for (std::size_t i = 0; i < k; ++i)
    view.entries.push_back(RankedEntry{entries[candidates[i].index], candidates[i].relevance});

  // Newest first by creation time; the vector is in creation order already
  // unless a load() brought them in another order, so sort a few indices.
  std::vector<std::size_t> order(summaries.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const std::size_t ks = std::min(policy_.top_summaries, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(ks), order.end(),
                    [&](std::size_t a, std::size_t b) {
                      if (summaries[a].created_at != summaries[b].created_at)
                        return summaries[a].created_at > summaries[b].created_at;
                      return a > b;
                    });
  view.summaries.reserve(ks);
  for (std::size_t i = 0; i < ks; ++i) view.summaries.push_back(summaries[order[i]]);
  return view;
}

std::string ContextManager::enhance_prompt(std::string_view context_id, std::string_view prompt) const {
  const auto ctx = find(context_id);
  if (!ctx) return std::string(prompt);
  const TimePoint now = clock_.now();
  std::lock_guard lock(ctx->mutex);

  const Summary* newest = nullptr;
  const TimePoint summary_cutoff = now - policy_.summary_ttl;
  for (const Summary& s : ctx->summaries)
    if (s.created_at > summary_cutoff && (newest == nullptr || s.created_at >= newest->created_at)) newest = &s;

  std::vector<const Entry*> recent;
  recent.reserve(policy_.recent_exchanges);
  const TimePoint entry_cutoff = now - policy_.entry_ttl;
  for (auto it = ctx->entries.rbegin(); it != ctx->entries.rend() && recent.size() < policy_.recent_exchanges; ++it)
    if (it->timestamp >= entry_cutoff) recent.push_back(&*it);
  std::reverse(recent.begin(), recent.end());
  return build_enhanced_prompt(newest, recent, prompt, policy_);
}

HandoffResult ContextManager::handoff(std::string_view context_id, Entry produced, std::string_view next_prompt) {
  update(context_id, std::move(produced));
  HandoffResult r;
  r.context = get(context_id);
  r.enhanced_prompt = enhance_prompt(context_id, next_prompt);
  return r;
}

void ContextManager::load(std::string_view context_id, std::vector<Entry> entries, std::vector<Summary> summaries) {
  const auto ctx = find_or_create(context_id);
  std::lock_guard lock(ctx->mutex);
  ctx->entries.assign(std::make_move_iterator(entries.begin()), std::make_move_iterator(entries.end()));
  ctx->summaries = std::move(summaries);
  ctx->compressions = 0;
}

std::vector<Entry> ContextManager::stored_entries(std::string_view context_id) const {
  const auto ctx = find(context_id);
  if (!ctx) return {};
  std::lock_guard lock(ctx->mutex);
  return {ctx->entries.begin(), ctx->entries.end()};
}

std::vector<Summary> ContextManager::stored_summaries(std::string_view context_id) const {
  const auto ctx = find(context_id);
  if (!ctx) return {};
  std::lock_guard lock(ctx->mutex);
  return ctx->summaries;
}

ContextStats ContextManager::stats(std::string_view context_id) const {
  const auto ctx = find(context_id);
  if (!ctx) return {};
  std::lock_guard lock(ctx->mutex);
  return ContextStats{ctx->entries.size(), ctx->summaries.size(), ctx->compressions};
}

}  // namespace lukhas::handoff
