#include "core/memory/store_config.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/memory/errors.hpp"

namespace lukhas::memory {

void validate(const StoreConfig& config) {
  if (config.max_folds == 0) {
    throw InvalidStoreConfig("store config max_folds is 0; it must be at least 1");
  }
  if (config.max_folds > kMaxFoldsLimit) {
    throw InvalidStoreConfig(fmt::format("store config max_folds is {}; it must be at most {}",
                                         config.max_folds, kMaxFoldsLimit));
  }
  if (!(config.keep_ratio >= 0.0 && config.keep_ratio <= 1.0)) {
    throw InvalidStoreConfig(
        fmt::format("store config keep_ratio is {}; it must be in [0, 1]", config.keep_ratio));
  }
  if (config.retention.count() < 0) {
    throw InvalidStoreConfig(fmt::format("store config retention is {} s; it must not be negative",
                                         config.retention.count()));
  }
}

std::size_t keep_count(const StoreConfig& config) {
  // The relative nudge absorbs representation error (0.9 is not exact in
  // binary) without moving any genuinely fractional product across an integer.
  const double product = static_cast<double>(config.max_folds) * config.keep_ratio;
  const auto keep = static_cast<std::size_t>(std::floor(product * (1.0 + 1e-12)));
  return keep > config.max_folds ? config.max_folds : keep;
}

}  // namespace lukhas::memory
