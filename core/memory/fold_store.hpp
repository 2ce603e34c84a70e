#pragma once
// The fold store under test: at most max_folds live folds, soft deletion with
// a retention window, pruning by importance, and the counters behind the
// cascade-prevention figures. Semantics: docs/memory-store.md.
//
// Dry run (StoreMode::dry_run, switchable with set_mode) changes nothing and
// counts nothing in status(); a dry-run create still draws its id from the
// seeded generator, so it shifts the ids of later live creates.
//
// Thread safety: every member function may be called from several threads.
// Writers (create, restore, soft_delete) take an exclusive lock; retrieve,
// causal_chain and status take a shared lock and never wait for each other
// (accessed_count and the read counters are atomics).
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/common/clock.hpp"
#include "core/memory/fold.hpp"
#include "core/memory/fold_index.hpp"
#include "core/memory/ids.hpp"
#include "core/memory/prune_select.hpp"
#include "core/memory/record_pool.hpp"
#include "core/memory/store_config.hpp"
#include "core/memory/uuid.hpp"

namespace lukhas::memory {

enum class RestoreOutcome {
  restored,     // live again
  not_found,    // never existed, or dropped after retention
  not_deleted,  // already live
  expired,      // soft-deleted longer ago than the retention window
};

struct StoreStatus {
  std::size_t live = 0;
  std::size_t deleted = 0;  // soft-deleted, still restorable or awaiting drop
  std::uint64_t creates = 0;
  std::uint64_t retrieves = 0;  // hits + misses
  std::uint64_t retrieve_hits = 0;
  std::uint64_t retrieve_misses = 0;
  std::uint64_t restores = 0;          // successful
  std::uint64_t restore_failures = 0;  // not_found, not_deleted or expired
  std::uint64_t soft_deletes = 0;      // explicit soft_delete() calls that deleted
  std::uint64_t prune_events = 0;
  std::uint64_t folds_pruned = 0;
  std::uint64_t expired_dropped = 0;  // soft-deleted folds dropped after retention
  std::uint64_t cascade_events = 0;
  // creates + retrieves + restores + restore_failures: the denominator of
  // prevention_rate.
  std::uint64_t operations = 0;
  double lukhas_status_rate = 1.0;  // 1 - prune_events / creates (the original's formula)
  double prevention_rate = 1.0;     // 1 - cascade_events / operations
  double prevention_rate_lower95 = 0.0;  // Wilson lower bound, z = 1.96
};

class FoldStore {
 public:
  // Throws InvalidStoreConfig. The clock defaults to the system clock.
  explicit FoldStore(StoreConfig config = {}, std::shared_ptr<const Clock> clock = nullptr);
  FoldStore(const FoldStore&) = delete;
  FoldStore& operator=(const FoldStore&) = delete;

  // Drops soft-deleted folds past retention, prunes if at the limit (with
  // prevention on), then inserts. In dry run builds and returns the fold
  // only. Throws InvalidFold for refused input (nothing changes).
  Fold create(NewFold input);

  // A live hit, with its accessed_count incremented (not in dry run);
  // nullopt for an unknown or soft-deleted id.
  std::optional<Fold> retrieve(const Uuid& id);

  // Brings a soft-deleted fold within retention back, through the same limit
  // check as create (with prevention on). In dry run reports the outcome
  // without changing anything.
  RestoreOutcome restore(const Uuid& id);

  // Soft-deletes a live fold; false when it is not live. Not counted as an
  // operation of the prevention rate (it can only lower the live count).
  bool soft_delete(const Uuid& id);

  // The live folds named in id's causal chain, in chain order, one level
  // deep; unknown or soft-deleted ids are skipped, and an id that is not
  // live itself gives an empty list. Counts no access.
  std::vector<Fold> causal_chain(const Uuid& id) const;

  StoreStatus status() const;
  std::size_t live_count() const;

  // For tests and debugging: walks every structure and returns the first
  // disagreement between them (a live fold missing from the ranking list, an
  // index entry pointing at the wrong slot, ...), or nullopt. O(folds).
  std::optional<std::string> check_consistency() const;

  const StoreConfig& config() const { return config_; }
  StoreMode mode() const { return mode_.load(std::memory_order_relaxed); }
  void set_mode(StoreMode mode) { mode_.store(mode, std::memory_order_relaxed); }

 private:
  // Where a fold lives, live or soft-deleted: a slot in slab_, found through
  // index_. Slots of dropped folds are reused, so the slab stays as large as
  // the most folds ever held at once.
  // One cache line each: a retrieve, a soft delete and a drop touch one line
  // of the slab, not two.
  struct alignas(64) Entry {
    Uuid id;
    std::shared_ptr<const FoldRecord> record;  // null while the slot is free
    std::optional<TimePoint> deleted_at;
    std::uint32_t live_index = 0;         // into live_, while live
    // Bumped by every soft delete of whatever fold holds the slot and never
    // reset, so an expiry entry from an earlier deletion (or an earlier
    // tenant of the slot) cannot match. Wrapping would take 2^32 deletions
    // of one slot within one retention window.
    std::uint32_t generation = 0;
    std::uint64_t parked_accessed = 0;    // accessed_count while soft-deleted
  };
  // Live folds are kept contiguous with their ranking keys so that a prune
  // streams through one array instead of chasing a pointer per fold (at
  // 100,000 folds that is the difference between cache hits and misses).
  struct LiveSlot {
    double importance;
    TimePoint created_at;
    std::uint64_t sequence;
    std::uint64_t accessed;  // touched through std::atomic_ref under the shared lock
    std::uint32_t entry;     // slot in slab_
  };
  struct Expiry {
    TimePoint deleted_at;
    std::uint32_t entry;
    std::uint32_t generation;
  };

  void drop_expired_locked(TimePoint now);
  // Returns false when the prune could not bring the store below the limit.
  bool make_room_locked(TimePoint now);
  void prune_locked(TimePoint now);
  // Fills loser_scratch_ with the live_ indices of the live_.size() - keep_
  // lowest-ranked folds.
  void select_losers_locked();
  // Soft-deletes the folds at the live_ indices in loser_scratch_.
  void remove_losers_locked(TimePoint now);
  // Marks the fold at live_[index] soft-deleted; does not remove it from live_.
  void park_locked(std::size_t index, TimePoint now);
  void soft_delete_slot_locked(std::size_t index, TimePoint now);
  void make_live_locked(std::uint32_t slot, std::uint64_t accessed);
  std::uint32_t take_slot_locked();
  Uuid take_id_locked();
  bool expired(TimePoint deleted_at, TimePoint now) const;
  void note_cascade_if_over_limit_locked(bool prune_failed);
  Fold snapshot_locked(const Entry& entry) const;
  const Entry* find_locked(const Uuid& id) const;

  const StoreConfig config_;
  const std::size_t keep_;
  const std::shared_ptr<const Clock> clock_;
  std::atomic<StoreMode> mode_;

  mutable std::shared_mutex mutex_;
  IdGenerator ids_;
  // The generator runs kIdLead ids ahead so that the index bucket of a
  // create is fetched from memory while the creates before it run (the order
  // of ids for a seed is unchanged: upcoming_ids_ is a FIFO ring).
  static constexpr std::size_t kIdLead = 4;
  std::array<Uuid, kIdLead> upcoming_ids_{};
  std::size_t upcoming_at_ = 0;
  FoldIndex index_;                        // id -> slot in slab_, live and soft-deleted
  std::vector<Entry> slab_;
  std::vector<std::uint32_t> free_slots_;  // slab_ slots of dropped folds
  std::vector<LiveSlot> live_;
  // Soft deletions in deletion order: expiry pops from the front instead of
  // scanning every deleted fold (the original's create was O(deleted)).
  std::deque<Expiry> expiry_queue_;
  // Records of dropped folds, reused by the next creates.
  RecordPool records_;
  std::uint64_t next_sequence_ = 0;

  // Scratch space reused by every prune (no allocation in steady state).
  PruneSelector selector_;
  std::vector<std::uint32_t> coarse_scratch_;  // coarse_importance by live_ index
  std::vector<std::uint32_t> loser_scratch_;
  std::vector<unsigned char> is_loser_;  // by live_ index; all zero between prunes

  // Written under the exclusive lock, read by status() under the shared one.
  std::atomic<std::uint64_t> creates_{0};
  std::atomic<std::uint64_t> restores_{0};
  std::atomic<std::uint64_t> restore_failures_{0};
  std::atomic<std::uint64_t> soft_deletes_{0};
  std::atomic<std::uint64_t> prune_events_{0};
  std::atomic<std::uint64_t> folds_pruned_{0};
  std::atomic<std::uint64_t> expired_dropped_{0};
  // Written concurrently by retrieves under the shared lock.
  std::atomic<std::uint64_t> retrieve_hits_{0};
  std::atomic<std::uint64_t> retrieve_misses_{0};
  std::atomic<std::uint64_t> cascade_events_{0};
};

const char* to_string(RestoreOutcome outcome);

}  // namespace lukhas::memory
