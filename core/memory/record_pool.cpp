#include "core/memory/record_pool.hpp"

#include <atomic>
#include <utility>

namespace lukhas::memory {

std::shared_ptr<FoldRecord> RecordPool::take() {
  while (!spare_.empty()) {
    std::shared_ptr<const FoldRecord> record = std::move(spare_.back());
    spare_.pop_back();
    if (record.use_count() == 1) {
      // The last other owner released its copy with a release decrement;
      // this acquire pairs with it, so its reads of the record happen before
      // the writes the caller is about to make.
#if defined(__SANITIZE_THREAD__)
      // ThreadSanitizer does not model fences. Locking a weak_ptr is an
      // acquire read-modify-write on the same count, which it does model.
      { (void)std::weak_ptr<const FoldRecord>(record).lock(); }
#else
      std::atomic_thread_fence(std::memory_order_acquire);
#endif
      // The record was built non-const (make_shared<FoldRecord> below); the
      // pool hands it back to the store that built it.
      return std::const_pointer_cast<FoldRecord>(std::move(record));
    }
    // Somebody still holds a Fold of it: leave it to them.
  }
  return std::make_shared<FoldRecord>();
}

void RecordPool::give(std::shared_ptr<const FoldRecord> record) {
  if (spare_.size() < capacity_) spare_.push_back(std::move(record));
}

void RecordPool::prefetch_next() const {
  // Two stages, because the content buffer's address is read from the
  // record: the record (and the shared_ptr control block just before it)
  // several takes ahead, its content buffer a few takes ahead, when the
  // record has had time to arrive.
  constexpr std::size_t kRecordLead = 6;
  constexpr std::size_t kContentLead = 3;
  const std::size_t n = spare_.size();
  if (n > kRecordLead) {
    const char* r = reinterpret_cast<const char*>(spare_[n - 1 - kRecordLead].get());
    __builtin_prefetch(r - 16, 1);
    __builtin_prefetch(r + 48, 1);
    __builtin_prefetch(r + 112, 1);
  }
  if (n > kContentLead) {
    const std::string& content = spare_[n - 1 - kContentLead]->content;
    const char* c = content.data();
    for (std::size_t at = 0; at < content.size() && at < 512; at += 64) __builtin_prefetch(c + at, 1);
  }
}

void refill_content(std::string& kept, std::string&& content) {
  // Writing over the old buffer touches only as many lines as the new
  // content needs; taking over the caller's buffer frees the old one, a trip
  // through the allocator on cold memory. A buffer more than twice the need
  // (a 64 KiB fold's, reused for a small one) is not kept alive, and large
  // content is taken over rather than copied: the store holds its lock here,
  // and against a copy of kilobytes the allocator's trip is cheap.
  constexpr std::size_t kCopyAtMost = 4096;
  const std::size_t need = content.size();
  if (need <= kCopyAtMost && kept.capacity() >= need && kept.capacity() <= 2 * need + 64) {
    kept.assign(content);
  } else {
    kept = std::move(content);
  }
}

}  // namespace lukhas::memory
