#pragma once
// Allocator for the registry's big index arrays. A 1,000,000-user registry
// has ~16 MB of slots and ~96 MB of keys; with 4 KiB pages nearly every
// random lookup also misses the TLB (a page walk per array), which doubled
// resolve latency in the benchmark. Allocations of 2 MiB or more are 2 MiB
// aligned and advised as transparent huge pages (Debian's default THP mode
// is "madvise"); smaller ones use operator new. The advice is a hint: where
// THP is off the memory is still ordinary and correct.
#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace lukhas::identity {

template <class T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t kHugePage = std::size_t{2} << 20;

  HugePageAllocator() noexcept = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes, std::align_val_t{alignof(T)}));
    const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
    ::madvise(p, rounded, MADV_HUGEPAGE);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) < kHugePage) {
      ::operator delete(p, std::align_val_t{alignof(T)});
    } else {
      std::free(p);
    }
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept { return true; }
};

}  // namespace lukhas::identity
