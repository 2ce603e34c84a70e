#pragma once
// Capability tokens: 32 bytes from OpenSSL's CSPRNG, shown to the caller once
// as hex; the database keeps only the SHA-256 of that text.
#include <string>
#include <string_view>

namespace lukhas::db {

struct Token {
  std::string plaintext;  // 64 hex characters; never stored
  std::string sha256_hex;
};

Token new_token();  // throws Error(database) if the CSPRNG fails
std::string sha256_hex(std::string_view data);
std::string to_hex(const unsigned char* data, std::size_t size);

}  // namespace lukhas::db
