#include "core/memory/fold_index.hpp"

#include <algorithm>
#include <bit>
#include <utility>

namespace lukhas::memory {

namespace {
// At most half full: linear probing stays at one or two probes on average.
constexpr std::size_t kMinBuckets = 16;
std::size_t buckets_for(std::size_t folds) {
  return std::bit_ceil(std::max(kMinBuckets, folds * 2));
}
}  // namespace

FoldIndex::FoldIndex(std::size_t expected) { rehash(buckets_for(expected)); }

void FoldIndex::rehash(std::size_t buckets) {
  std::vector<Bucket> old = std::exchange(buckets_, std::vector<Bucket>(buckets));
  mask_ = buckets - 1;
  shift_ = 64u - static_cast<unsigned>(std::countr_zero(buckets));
  size_ = 0;
  for (const Bucket& b : old) {
    if (b.slot != kAbsent) insert(b.id, b.slot);
  }
}

std::uint32_t FoldIndex::find(const Uuid& id) const {
  for (std::size_t i = home(id);; i = (i + 1) & mask_) {
    const Bucket& b = buckets_[i];
    if (b.slot == kAbsent) return kAbsent;
    if (b.id == id) return b.slot;
  }
}

bool FoldIndex::insert(const Uuid& id, std::uint32_t slot) {
  if ((size_ + 1) * 2 > buckets_.size()) rehash(buckets_.size() * 2);
  for (std::size_t i = home(id);; i = (i + 1) & mask_) {
    Bucket& b = buckets_[i];
    if (b.slot == kAbsent) {
      b = Bucket{id, slot};
      ++size_;
      return true;
    }
    if (b.id == id) return false;
  }
}

bool FoldIndex::erase(const Uuid& id) {
  std::size_t hole = home(id);
  for (;; hole = (hole + 1) & mask_) {
    const Bucket& b = buckets_[hole];
    if (b.slot == kAbsent) return false;
    if (b.id == id) break;
  }
  // Backward shift: pull later members of the probe run into the hole when
  // their home position does not lie cyclically in (hole, j].
  for (std::size_t j = (hole + 1) & mask_;; j = (j + 1) & mask_) {
    Bucket& b = buckets_[j];
    if (b.slot == kAbsent) break;
    const std::size_t k = home(b.id);
    const bool stays = hole <= j ? (hole < k && k <= j) : (hole < k || k <= j);
    if (stays) continue;
    buckets_[hole] = b;
    hole = j;
  }
  buckets_[hole].slot = kAbsent;
  --size_;
  return true;
}

}  // namespace lukhas::memory
