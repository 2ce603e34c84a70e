#include "core/identity/random_source.hpp"

#include <openssl/rand.h>

#include <climits>

namespace lukhas::identity {

bool OpenSslRandom::fill(std::span<unsigned char> out) {
  if (out.size() > static_cast<std::size_t>(INT_MAX)) return false;
  return RAND_bytes(out.data(), static_cast<int>(out.size())) == 1;
}

}  // namespace lukhas::identity
