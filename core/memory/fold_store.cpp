#include "core/memory/fold_store.hpp"

#include <algorithm>
#include <cassert>
#include <mutex>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "core/common/inject.hpp"
#include "core/memory/prevention_rate.hpp"

namespace lukhas::memory {

namespace {

// Space reserved up front covers stores up to this size (the 100,000-fold
// benchmark then never rehashes in its timed region); a larger limit grows
// as folds arrive instead of allocating for its maximum at construction.
constexpr std::size_t kMaxReservedFolds = std::size_t{1} << 17;

std::uint64_t load(const std::atomic<std::uint64_t>& a) {
  return a.load(std::memory_order_relaxed);
}
void bump(std::atomic<std::uint64_t>& a, std::uint64_t by = 1) {
  a.fetch_add(by, std::memory_order_relaxed);
}

}  // namespace

const char* to_string(RestoreOutcome outcome) {
  switch (outcome) {
    case RestoreOutcome::restored: return "restored";
    case RestoreOutcome::not_found: return "not_found";
    case RestoreOutcome::not_deleted: return "not_deleted";
    case RestoreOutcome::expired: return "expired";
  }
  return "unknown";
}

FoldStore::FoldStore(StoreConfig config, std::shared_ptr<const Clock> clock)
    : config_((validate(config), config)),
      keep_(keep_count(config_)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      mode_(config_.mode),
      ids_(config_.id_seed),
      index_(std::min(config_.max_folds + 1, kMaxReservedFolds)),
      // One prune's worth: the folds a prune soft-deletes share a deletion
      // time, so they expire, and come back for reuse, together.
      records_(config_.max_folds - keep_ + 64) {
  for (Uuid& id : upcoming_ids_) id = ids_.next();
  const std::size_t reserve = std::min(config_.max_folds + 1, kMaxReservedFolds);
  slab_.reserve(reserve);
  live_.reserve(reserve);
  coarse_scratch_.reserve(reserve);
}

Fold FoldStore::create(NewFold input) {
  const CheckedFold checked = check_new_fold(input, config_.content_cap_bytes);
  LUKHAS_INJECT_POINT("memory.create");

  std::unique_lock lock(mutex_);
  const TimePoint now = clock_->now();

  if (mode() == StoreMode::dry_run) {
    // Takes an id (so the returned fold is complete) but stores nothing.
    auto record = std::make_shared<FoldRecord>();
    record->id = take_id_locked();
    record->content = std::move(input.content);
    record->causal_chain = std::move(input.causal_chain);
    record->emotional_valence = checked.emotional_valence;
    record->importance = checked.importance;
    record->created_at = now;
    return Fold{std::move(record), 0, std::nullopt};
  }

  records_.prefetch_next();
  drop_expired_locked(now);
  const bool prune_failed = !make_room_locked(now);

  const std::uint32_t slot = take_slot_locked();
  // A v4 collision is astronomically unlikely, but a duplicate would make
  // one fold unreachable, so draw again rather than assume.
  Uuid id = take_id_locked();
  while (!index_.insert(id, slot)) id = take_id_locked();

  std::shared_ptr<FoldRecord> record = records_.take();
  record->id = id;
  refill_content(record->content, std::move(input.content));
  record->causal_chain = std::move(input.causal_chain);
  record->emotional_valence = checked.emotional_valence;
  record->importance = checked.importance;
  record->created_at = now;
  record->sequence = next_sequence_++;
  Entry& entry = slab_[slot];
  entry.id = id;
  entry.record = std::move(record);
  entry.deleted_at.reset();
  make_live_locked(slot, 0);

  bump(creates_);
  note_cascade_if_over_limit_locked(prune_failed);
  return Fold{entry.record, 0, std::nullopt};
}

std::optional<Fold> FoldStore::retrieve(const Uuid& id) {
  LUKHAS_INJECT_POINT("memory.retrieve");
  std::shared_lock lock(mutex_);
  const bool dry_run = mode() == StoreMode::dry_run;
  const Entry* entry = find_locked(id);
  if (entry == nullptr || entry->deleted_at) {
    if (!dry_run) {
      bump(retrieve_misses_);
      note_cascade_if_over_limit_locked(false);
    }
    return std::nullopt;
  }
  // Shared lock: live_ is not restructured, only counters move, atomically.
  std::atomic_ref<std::uint64_t> accessed(live_[entry->live_index].accessed);
  std::uint64_t count = 0;
  if (dry_run) {
    count = accessed.load(std::memory_order_relaxed);
  } else {
    count = accessed.fetch_add(1, std::memory_order_relaxed) + 1;
    bump(retrieve_hits_);
    note_cascade_if_over_limit_locked(false);
  }
  return Fold{entry->record, count, std::nullopt};
}

RestoreOutcome FoldStore::restore(const Uuid& id) {
  LUKHAS_INJECT_POINT("memory.restore");
  if (mode() == StoreMode::dry_run) {
    std::shared_lock lock(mutex_);
    const Entry* entry = find_locked(id);
    if (entry == nullptr) return RestoreOutcome::not_found;
    if (!entry->deleted_at) return RestoreOutcome::not_deleted;
    if (expired(*entry->deleted_at, clock_->now())) return RestoreOutcome::expired;
    return RestoreOutcome::restored;
  }

  std::unique_lock lock(mutex_);
  const TimePoint now = clock_->now();
  const std::uint32_t slot = index_.find(id);
  RestoreOutcome outcome = RestoreOutcome::restored;
  if (slot == FoldIndex::kAbsent) {
    outcome = RestoreOutcome::not_found;
  } else if (!slab_[slot].deleted_at) {
    outcome = RestoreOutcome::not_deleted;
  } else if (expired(*slab_[slot].deleted_at, now)) {
    // Left in place: the expiry queue drops it on the next create.
    outcome = RestoreOutcome::expired;
  }
  if (outcome != RestoreOutcome::restored) {
    bump(restore_failures_);
    note_cascade_if_over_limit_locked(false);
    return outcome;
  }

  // The original skipped this check, so restores could push the store past
  // the limit; with prevention on a restore is held to the same rule as create.
  const bool prune_failed = !make_room_locked(now);
  Entry& entry = slab_[slot];
  entry.deleted_at.reset();
  make_live_locked(slot, entry.parked_accessed);
  bump(restores_);
  note_cascade_if_over_limit_locked(prune_failed);
  return RestoreOutcome::restored;
}

bool FoldStore::soft_delete(const Uuid& id) {
  if (mode() == StoreMode::dry_run) return false;
  std::unique_lock lock(mutex_);
  const Entry* entry = find_locked(id);
  if (entry == nullptr || entry->deleted_at) return false;
  soft_delete_slot_locked(entry->live_index, clock_->now());
  bump(soft_deletes_);
  return true;
}

std::vector<Fold> FoldStore::causal_chain(const Uuid& id) const {
  std::shared_lock lock(mutex_);
  std::vector<Fold> chain;
  const Entry* origin = find_locked(id);
  if (origin == nullptr || origin->deleted_at) return chain;
  const auto& ids = origin->record->causal_chain;
  chain.reserve(ids.size());
  for (const Uuid& link : ids) {
    const Entry* entry = find_locked(link);
    if (entry == nullptr || entry->deleted_at) continue;
    chain.push_back(snapshot_locked(*entry));
  }
  return chain;
}

StoreStatus FoldStore::status() const {
  std::shared_lock lock(mutex_);
  StoreStatus s;
  s.live = live_.size();
  s.deleted = index_.size() - live_.size();
  s.creates = load(creates_);
  s.retrieve_hits = load(retrieve_hits_);
  s.retrieve_misses = load(retrieve_misses_);
  s.retrieves = s.retrieve_hits + s.retrieve_misses;
  s.restores = load(restores_);
  s.restore_failures = load(restore_failures_);
  s.soft_deletes = load(soft_deletes_);
  s.prune_events = load(prune_events_);
  s.folds_pruned = load(folds_pruned_);
  s.expired_dropped = load(expired_dropped_);
  s.cascade_events = load(cascade_events_);
  s.operations = s.creates + s.retrieves + s.restores + s.restore_failures;
  s.lukhas_status_rate = lukhas_status_rate(s.prune_events, s.creates);
  const PreventionRate rate = prevention_rate(s.cascade_events, s.operations);
  s.prevention_rate = rate.rate;
  s.prevention_rate_lower95 = rate.lower95;
  return s;
}

std::size_t FoldStore::live_count() const {
  std::shared_lock lock(mutex_);
  return live_.size();
}

std::optional<std::string> FoldStore::check_consistency() const {
  std::shared_lock lock(mutex_);
  for (std::size_t i = 0; i < live_.size(); ++i) {
    const LiveSlot& l = live_[i];
    if (l.entry >= slab_.size()) return fmt::format("live_[{}] names slot {} of {}", i, l.entry, slab_.size());
    const Entry& e = slab_[l.entry];
    if (!e.record) return fmt::format("live_[{}] names free slot {}", i, l.entry);
    if (e.deleted_at) return fmt::format("live_[{}] names deleted slot {}", i, l.entry);
    if (e.live_index != i) {
      return fmt::format("live_[{}] names slot {}, whose live_index is {}", i, l.entry, e.live_index);
    }
    if (index_.find(e.id) != l.entry) return fmt::format("slot {} (live) is not found through the index", l.entry);
    if (l.importance != e.record->importance || l.created_at != e.record->created_at ||
        l.sequence != e.record->sequence) {
      return fmt::format("live_[{}] keys differ from its record's", i);
    }
  }
  std::size_t live = 0;
  std::size_t held = 0;
  for (std::size_t slot = 0; slot < slab_.size(); ++slot) {
    const Entry& e = slab_[slot];
    if (!e.record) continue;
    ++held;
    if (!e.deleted_at) ++live;
    if (index_.find(e.id) != slot) return fmt::format("slot {} is not found through the index", slot);
  }
  if (live != live_.size()) return fmt::format("{} live slots but {} in live_", live, live_.size());
  if (held != index_.size()) return fmt::format("{} held slots but {} in the index", held, index_.size());
  if (held + free_slots_.size() != slab_.size()) {
    return fmt::format("{} held + {} free slots, slab of {}", held, free_slots_.size(), slab_.size());
  }
  return std::nullopt;
}

const FoldStore::Entry* FoldStore::find_locked(const Uuid& id) const {
  const std::uint32_t slot = index_.find(id);
  return slot == FoldIndex::kAbsent ? nullptr : &slab_[slot];
}

bool FoldStore::expired(TimePoint deleted_at, TimePoint now) const {
  return now - deleted_at > config_.retention;
}

std::uint32_t FoldStore::take_slot_locked() {
  if (!free_slots_.empty()) {
    const std::uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    // Slots come back in the order their folds were dropped, long after
    // their entries were last touched: start loading a later one now.
    constexpr std::size_t kLead = 4;
    if (free_slots_.size() > kLead) __builtin_prefetch(&slab_[free_slots_[free_slots_.size() - 1 - kLead]], 1);
    return slot;
  }
  slab_.emplace_back();
  return static_cast<std::uint32_t>(slab_.size() - 1);
}

Uuid FoldStore::take_id_locked() {
  Uuid& next = upcoming_ids_[upcoming_at_];
  const Uuid id = next;
  next = ids_.next();
  index_.prefetch(next);
  upcoming_at_ = (upcoming_at_ + 1) % kIdLead;
  return id;
}

void FoldStore::drop_expired_locked(TimePoint now) {
  // Deletion times enter the queue in clock order, so the first unexpired
  // entry ends the walk. Entries for folds restored (or deleted again) since
  // are stale and skipped by their generation.
  while (!expiry_queue_.empty() && expired(expiry_queue_.front().deleted_at, now)) {
    // A prune's worth of folds expires at once (10,000 at 100,000 folds), all
    // cold by now: fetch the slab entries, then their index buckets, a few
    // drops ahead so the misses overlap instead of queueing.
    constexpr std::size_t kEntryLead = 16;
    constexpr std::size_t kBucketLead = 8;
    if (expiry_queue_.size() > kEntryLead) __builtin_prefetch(&slab_[expiry_queue_[kEntryLead].entry]);
    if (expiry_queue_.size() > kBucketLead) index_.prefetch(slab_[expiry_queue_[kBucketLead].entry].id);
    const Expiry e = expiry_queue_.front();
    expiry_queue_.pop_front();
    Entry& entry = slab_[e.entry];
    if (!entry.record || !entry.deleted_at || entry.generation != e.generation) continue;
    index_.erase(entry.id);
    records_.give(std::move(entry.record));
    entry.record = nullptr;
    entry.deleted_at.reset();
    free_slots_.push_back(e.entry);
    bump(expired_dropped_);
  }
}

bool FoldStore::make_room_locked(TimePoint now) {
  if (!config_.prevention || live_.size() < config_.max_folds) return true;
  prune_locked(now);
  return live_.size() < config_.max_folds;
}

void FoldStore::prune_locked(TimePoint now) {
  bump(prune_events_);
  if (live_.size() <= keep_) return;
  select_losers_locked();
  remove_losers_locked(now);
  bump(folds_pruned_, loser_scratch_.size());
}

void FoldStore::select_losers_locked() {
  const std::size_t n = live_.size();
  coarse_scratch_.resize(n);
  for (std::size_t i = 0; i < n; ++i) coarse_scratch_[i] = coarse_importance(live_[i].importance);
  selector_.select(
      coarse_scratch_, keep_,
      [this](std::uint32_t index) {
        const LiveSlot& s = live_[index];
        return RankKey{s.importance, s.accessed, s.created_at, s.sequence, index};
      },
      loser_scratch_);
}

void FoldStore::remove_losers_locked(TimePoint now) {
  const std::size_t n = live_.size();
  const std::size_t losers = loser_scratch_.size();
  const std::size_t kept = n - losers;
  if (is_loser_.size() < n) is_loser_.resize(n, 0);

  // The losers sit at random places in live_ and their slab entries at
  // random places in slab_: fetch both a few losers ahead (at 100,000 folds
  // neither is in cache, and waiting for each in turn dominated the prune).
  constexpr std::size_t kLiveLead = 16;
  constexpr std::size_t kEntryLead = 8;
  for (std::size_t k = 0; k < losers; ++k) {
    if (k + kLiveLead < losers) __builtin_prefetch(&live_[loser_scratch_[k + kLiveLead]]);
    if (k + kEntryLead < losers) __builtin_prefetch(&slab_[live_[loser_scratch_[k + kEntryLead]].entry], 1);
    const std::uint32_t index = loser_scratch_[k];
    is_loser_[index] = 1;
    park_locked(index, now);
  }

  // Survivors from the last `losers` places of live_ fill the holes the
  // losers leave before them; then live_ is cut to the survivors. One pass,
  // no sort, and only moved survivors have their slab entries touched.
  std::size_t from = kept;
  for (std::size_t k = 0; k < losers; ++k) {
    const std::uint32_t hole = loser_scratch_[k];
    if (hole >= kept) continue;
    while (is_loser_[from]) ++from;
    // As many survivors sit in the tail as losers sit before it.
    assert(from < n);
    if (from + kEntryLead < n) __builtin_prefetch(&slab_[live_[from + kEntryLead].entry], 1);
    live_[hole] = live_[from];
    slab_[live_[hole].entry].live_index = hole;
    ++from;
  }
  for (const std::uint32_t index : loser_scratch_) is_loser_[index] = 0;
  live_.resize(kept);
}

void FoldStore::park_locked(std::size_t index, TimePoint now) {
  const std::uint32_t slot = live_[index].entry;
  Entry& entry = slab_[slot];
  entry.parked_accessed = live_[index].accessed;
  entry.deleted_at = now;
  ++entry.generation;
  expiry_queue_.push_back(Expiry{now, slot, entry.generation});
}

void FoldStore::soft_delete_slot_locked(std::size_t index, TimePoint now) {
  park_locked(index, now);
  if (index + 1 != live_.size()) {
    live_[index] = live_.back();
    slab_[live_[index].entry].live_index = static_cast<std::uint32_t>(index);
  }
  live_.pop_back();
}

void FoldStore::make_live_locked(std::uint32_t slot, std::uint64_t accessed) {
  Entry& entry = slab_[slot];
  const FoldRecord& r = *entry.record;
  entry.live_index = static_cast<std::uint32_t>(live_.size());
  live_.push_back(LiveSlot{r.importance, r.created_at, r.sequence, accessed, slot});
}

void FoldStore::note_cascade_if_over_limit_locked(bool prune_failed) {
  if (prune_failed || live_.size() > config_.max_folds) bump(cascade_events_);
}

Fold FoldStore::snapshot_locked(const Entry& entry) const {
  if (entry.deleted_at) return Fold{entry.record, entry.parked_accessed, entry.deleted_at};
  // const_cast only to form the atomic_ref; the load does not modify.
  auto& slot = const_cast<LiveSlot&>(live_[entry.live_index]);
  const std::uint64_t accessed =
      std::atomic_ref<std::uint64_t>(slot.accessed).load(std::memory_order_relaxed);
  return Fold{entry.record, accessed, std::nullopt};
}

}  // namespace lukhas::memory
