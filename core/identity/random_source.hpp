#pragma once
// Where login `state` bytes come from. OpenSSL's CSPRNG by default; tests
// inject a fixed source so URLs are reproducible.
#include <cstddef>
#include <span>

namespace lukhas::identity {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // Fills `out` completely, or returns false (nothing usable was written).
  virtual bool fill(std::span<unsigned char> out) = 0;
};

class OpenSslRandom final : public RandomSource {
 public:
  bool fill(std::span<unsigned char> out) override;  // RAND_bytes
};

}  // namespace lukhas::identity
