#include "core/memory/ids.hpp"

namespace lukhas::memory {

Uuid IdGenerator::next() {
  Uuid id{rng_(), rng_()};
  // RFC 4122 section 4.4: version 4 in the high nibble of octet 6, variant 10
  // in the two high bits of octet 8.
  id.hi = (id.hi & ~0xF000ULL) | 0x4000ULL;
  id.lo = (id.lo & ~(0x3ULL << 62)) | (0x2ULL << 62);
  return id;
}

}  // namespace lukhas::memory
