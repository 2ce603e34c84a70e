#pragma once
// A memory fold: what create() takes (NewFold), what the store keeps
// (FoldRecord, immutable once built) and what retrieve() hands out (Fold, a
// snapshot that shares the record instead of copying up to 64 KiB of content).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/clock.hpp"
#include "core/memory/uuid.hpp"

namespace lukhas::memory {

inline constexpr double kDefaultImportance = 0.5;

struct NewFold {
  std::string content{};            // opaque, usually JSON
  std::vector<Uuid> causal_chain{};  // earlier folds this one follows from, in order
  double emotional_valence = 0.0;   // clamped to [-1, 1]; NaN refused
  double importance = kDefaultImportance;  // clamped to [0, 1]; NaN refused
};

struct FoldRecord {
  Uuid id;
  std::string content;
  TimePoint created_at;
  std::vector<Uuid> causal_chain;
  double emotional_valence = 0.0;
  double importance = kDefaultImportance;
  // Insertion order, the last tie-breaker of a prune (later ranks higher).
  std::uint64_t sequence = 0;
};

struct Fold {
  std::shared_ptr<const FoldRecord> record;
  std::uint64_t accessed_count = 0;       // as of this snapshot
  std::optional<TimePoint> deleted_at;    // set while soft-deleted
};

// The validated, clamped values of a NewFold. Throws InvalidFold when the
// content is over content_cap_bytes or valence/importance is NaN. Pure.
struct CheckedFold {
  double emotional_valence;
  double importance;
};
CheckedFold check_new_fold(const NewFold& input, std::size_t content_cap_bytes);

}  // namespace lukhas::memory
