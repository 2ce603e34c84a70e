#include "core/db/token.hpp"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>

#include "core/db/error.hpp"

namespace lukhas::db {

std::string to_hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(size * 2, '\0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 0x0f];
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  return to_hex(digest.data(), digest.size());
}

Token new_token() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw Error(ErrorKind::database, "OpenSSL RAND_bytes failed to produce a token");
  }
  Token t;
  t.plaintext = to_hex(bytes.data(), bytes.size());
  t.sha256_hex = sha256_hex(t.plaintext);
  return t;
}

}  // namespace lukhas::db
