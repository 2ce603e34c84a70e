#pragma once
// Seeded contexts for the handoff suite. A context of n entries spans the
// last 50 minutes (one exchange every 50 min / n), so nothing is old enough
// to be compressed or expired: the benchmarks measure the steady path at
// that size. Relevance is stored between 0.5 and 1.0 so the ranking works.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/common/clock.hpp"
#include "core/handoff/entry.hpp"

namespace lukhas::bench::handoff {

std::vector<lukhas::handoff::Entry> make_context(std::size_t n, lukhas::TimePoint now, std::uint64_t seed);

// The entry a producer appends: prompt ~120 characters, response ~400.
lukhas::handoff::Entry make_produced_entry(std::uint64_t seed);

}  // namespace lukhas::bench::handoff
