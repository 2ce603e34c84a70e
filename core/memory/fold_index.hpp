#pragma once
// Fold id -> slot number, open addressing with linear probing and
// backward-shift deletion (no tombstones, so lookups stay short however many
// folds come and go). A node-based std::unordered_map costs an allocation per
// fold and a pointer chase per lookup; at 100,000 folds those misses were
// most of the difference between a create at 1,000 and at 100,000 folds.
//
// Not thread safe: the store guards it with its lock (find under a shared
// lock, insert/erase under the exclusive one).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/memory/uuid.hpp"

namespace lukhas::memory {

class FoldIndex {
 public:
  static constexpr std::uint32_t kAbsent = std::numeric_limits<std::uint32_t>::max();

  explicit FoldIndex(std::size_t expected = 16);

  // The slot of id, or kAbsent.
  std::uint32_t find(const Uuid& id) const;
  // False (and no change) when id is already present.
  bool insert(const Uuid& id, std::uint32_t slot);
  // False when id was not present.
  bool erase(const Uuid& id);

  // A hint that id is about to be looked up or inserted: starts loading its
  // home bucket. Changes nothing.
  void prefetch(const Uuid& id) const { __builtin_prefetch(&buckets_[home(id)]); }

  std::size_t size() const { return size_; }
  std::size_t capacity() const { return buckets_.size(); }

 private:
  struct Bucket {
    Uuid id;
    std::uint32_t slot = kAbsent;  // kAbsent marks an empty bucket
  };

  std::size_t home(const Uuid& id) const {
    // Fibonacci hashing on the top bits: the ids are random already, the
    // multiply only has to spread the fixed version and variant bits.
    return static_cast<std::size_t>(((id.hi ^ id.lo) * 0x9E3779B97F4A7C15ULL) >> shift_);
  }
  void rehash(std::size_t buckets);

  std::vector<Bucket> buckets_;
  std::size_t mask_ = 0;
  unsigned shift_ = 64;
  std::size_t size_ = 0;
};

}  // namespace lukhas::memory
