#include "core/memory/prevention_rate.hpp"

#include <cmath>

namespace lukhas::memory {

double wilson_lower_bound(std::uint64_t successes, std::uint64_t trials, double z) {
  if (trials == 0) return 0.0;
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double centre = p + z2 / (2.0 * n);
  const double spread = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  return (centre - spread) / (1.0 + z2 / n);
}

PreventionRate prevention_rate(std::uint64_t cascades, std::uint64_t operations) {
  if (operations == 0) return PreventionRate{1.0, 0.0};
  const std::uint64_t ok = cascades >= operations ? 0 : operations - cascades;
  return PreventionRate{static_cast<double>(ok) / static_cast<double>(operations),
                        wilson_lower_bound(ok, operations)};
}

double lukhas_status_rate(std::uint64_t prune_events, std::uint64_t creates) {
  if (creates == 0) return 1.0;
  return 1.0 - static_cast<double>(prune_events) / static_cast<double>(creates);
}

}  // namespace lukhas::memory
