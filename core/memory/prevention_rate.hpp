#pragma once
// The two figures the memory suite reports for "cascade prevention", kept
// apart because they measure different things (docs/memory-store.md).
#include <cstdint>

namespace lukhas::memory {

inline constexpr double kWilsonZ95 = 1.96;

// Wilson score interval lower bound for successes out of trials at normal
// quantile z. Zero trials give 0: no evidence yet. Pure.
double wilson_lower_bound(std::uint64_t successes, std::uint64_t trials, double z = kWilsonZ95);

struct PreventionRate {
  double rate = 1.0;     // 1 - cascades / operations (1 with no operations)
  double lower95 = 0.0;  // its Wilson lower bound, z = 1.96
};

PreventionRate prevention_rate(std::uint64_t cascades, std::uint64_t operations);

// 1 - prune_events / creates: the original get_status() formula, reproduced
// for comparison. It measures how often the store prunes, not whether
// anything went wrong (under steady creates it falls below 0.997 at create
// 1301). 1 with no creates.
double lukhas_status_rate(std::uint64_t prune_events, std::uint64_t creates);

}  // namespace lukhas::memory
