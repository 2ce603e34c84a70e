#pragma once
// Allocations made by the calling thread, counted by the suite's own global
// operator new (allocation_count.cpp, compiled into every suite executable).
// The measured loop reads the count at its start and end and reports
// "allocations" and "allocated_bytes" per iteration (bench/support/loop.hpp).
//
// Why the suite counts them itself: in instruction mode the allocator's own
// instructions are left out of the gated count (glibc malloc's paths depend on
// the heap's whole history, so its count moves with unrelated changes), and
// what stands in for them must be deterministic. callgrind's call counts are
// not: they keep running while collection is off, so set-up leaks into them.
#include <cstdint>

namespace lukhas::bench {

struct AllocationCount {
  std::uint64_t allocations = 0;  // successful operator new calls (any form)
  std::uint64_t bytes = 0;        // bytes requested by them
};

// This thread's totals since it started. Cheap: two thread-local loads.
AllocationCount allocations_so_far() noexcept;

}  // namespace lukhas::bench
