#pragma once
// Fold ids: random UUID v4 from a seeded generator, so that a run with the
// same seed produces the same ids (benchmarks and failing tests replay).
// Not for security: the ids only need to be distinct, not unguessable.
#include <cstdint>
#include <random>

#include "core/memory/uuid.hpp"

namespace lukhas::memory {

class IdGenerator {
 public:
  explicit IdGenerator(std::uint64_t seed) : rng_(seed) {}

  // Not thread safe; the store calls it under its exclusive lock.
  Uuid next();

 private:
  std::mt19937_64 rng_;
};

}  // namespace lukhas::memory
