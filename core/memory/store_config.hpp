#pragma once
// How a FoldStore is set up. Defaults are the LUKHAS fold manager's.
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace lukhas::memory {

enum class StoreMode {
  live,     // operations change the store
  dry_run,  // create builds and returns a fold without storing it; retrieve counts no access
};

struct StoreConfig {
  std::size_t max_folds = 1000;  // hard limit on live folds
  double keep_ratio = 0.9;       // a prune keeps floor(max_folds * keep_ratio)
  std::chrono::seconds retention = std::chrono::days{7};  // restore window of a soft-deleted fold
  StoreMode mode = StoreMode::live;
  // On: create prunes at the limit and restore goes through the same check.
  // Off: neither does (the original's restore), so cascades become visible.
  bool prevention = true;
  std::size_t content_cap_bytes = 64 * 1024;
  std::uint64_t id_seed = 20261127;  // fold ids repeat for a seed
};

// The largest max_folds: the store numbers folds (live and soft-deleted)
// with 32-bit slots, and leaves room for the deleted ones.
inline constexpr std::size_t kMaxFoldsLimit = std::size_t{1} << 31;

// Throws InvalidStoreConfig naming the field, its value and the rule.
void validate(const StoreConfig& config);

// floor(max_folds * keep_ratio), computed so that 1000 * 0.9 is exactly 900
// (the product in binary floating point can land a hair below an integer).
std::size_t keep_count(const StoreConfig& config);

}  // namespace lukhas::memory
