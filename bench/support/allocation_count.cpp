// Replacement global operator new/delete ([replacement.functions]) that count
// this thread's allocations and forward to malloc/free, as libstdc++'s own
// do. A replacement only takes effect when it is linked into the executable:
// every suite's measured loop calls allocations_so_far(), defined here, so
// the linker always takes this member of the support library, replacements
// included. Thread-local counters: a shared atomic would bounce a cache line
// between the threads of multi-threaded benchmarks.
#include "bench/support/allocation_count.hpp"

#include <cstdlib>
#include <new>

namespace {

thread_local std::uint64_t t_allocations = 0;
thread_local std::uint64_t t_bytes = 0;

// Counts a successful allocation; on failure runs the new-handler and tries
// again, or throws, as [new.delete.single] asks of operator new.
template <class Malloc>
void* allocate_counted(std::size_t size, Malloc&& malloc_fn) {
  if (size == 0) size = 1;
  for (;;) {
    if (void* p = malloc_fn(size)) {
      ++t_allocations;
      t_bytes += size;
      return p;
    }
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

void* allocate(std::size_t size) {
  return allocate_counted(size, [](std::size_t n) { return std::malloc(n); });
}

void* allocate_aligned(std::size_t size, std::align_val_t alignment) {
  const auto align = static_cast<std::size_t>(alignment);
  // aligned_alloc wants a size that is a multiple of the alignment.
  return allocate_counted(size, [align](std::size_t n) {
    return std::aligned_alloc(align, (n + align - 1) / align * align);
  });
}

}  // namespace

namespace lukhas::bench {
AllocationCount allocations_so_far() noexcept { return {t_allocations, t_bytes}; }
}  // namespace lukhas::bench

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new(std::size_t size, std::align_val_t a) { return allocate_aligned(size, a); }
void* operator new[](std::size_t size, std::align_val_t a) { return allocate_aligned(size, a); }
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  try {
    return allocate_aligned(size, a);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  try {
    return allocate_aligned(size, a);
  } catch (...) {
    return nullptr;
  }
}

void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
