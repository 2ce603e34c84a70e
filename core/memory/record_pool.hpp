#pragma once
// Records of dropped folds, kept for reuse by the next creates.
//
// At 100,000 folds every create drops (on average) one expired fold and makes
// one new one. Freeing the old record and allocating the new one cost two
// allocator round trips on memory that has gone cold since the fold was made,
// and the allocator's free path walks neighbouring chunks to coalesce them:
// that, more than the store's own work, made a create at 100,000 folds cost
// three times one at 1,000. Reusing the dropped record's block instead needs
// no allocator at all, and because the order of reuse is known in advance the
// next blocks can be fetched from memory a few creates early.
//
// A record is reused only when the pool holds its sole reference: a Fold a
// caller still holds keeps its record untouched, and that record is simply
// released. Not thread safe: the store calls it under its exclusive lock.
#include <cstddef>
#include <memory>
#include <vector>

#include "core/memory/fold.hpp"

namespace lukhas::memory {

class RecordPool {
 public:
  // Holds at most `capacity` spare records; more are released at once.
  explicit RecordPool(std::size_t capacity) : capacity_(capacity) {}

  // A record to fill: a spare one (its fields still hold the old fold's
  // values, to be overwritten) or, when none is free to reuse, a new one.
  std::shared_ptr<FoldRecord> take();

  // Hands over the store's reference to a dropped fold's record.
  void give(std::shared_ptr<const FoldRecord> record);

  // Starts loading the records the next few take() calls will hand out.
  // Changes nothing.
  void prefetch_next() const;

  std::size_t size() const { return spare_.size(); }
  std::size_t capacity() const { return capacity_; }

 private:
  std::size_t capacity_;
  std::vector<std::shared_ptr<const FoldRecord>> spare_;  // taken from the back
};

// Moves `content` into a reused record's content. Small content goes into
// the kept buffer when it has room and is not far larger than needed (no
// allocation); otherwise the new buffer is taken over and the old one freed.
void refill_content(std::string& kept, std::string&& content);

}  // namespace lukhas::memory
