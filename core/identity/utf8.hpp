#pragma once
// UTF-8 checks for untrusted input. The ΛID parser validates the whole input
// once, up front, so every later step may decode without re-checking.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lukhas::identity {

enum class ByteProblem { none, embedded_nul, invalid_utf8 };

struct ByteCheck {
  ByteProblem problem = ByteProblem::none;
  std::size_t offset = 0;    // byte offset of the offending sequence
  const char* reason = "";   // e.g. "overlong encoding", "UTF-16 surrogate"
  bool ok() const noexcept { return problem == ByteProblem::none; }
};

// Rejects NUL bytes and every ill-formed sequence of RFC 3629 / Unicode 15
// Table 3-7: stray continuation bytes, truncated sequences, overlongs
// (C0, C1, E0 80..9F, F0 80..8F), surrogates (ED A0..BF), code points above
// U+10FFFF (F4 90.., F5..FF).
ByteCheck check_bytes(std::string_view s) noexcept;

// Decodes one code point at s[i]; s must already have passed check_bytes.
// Returns the sequence length (1..4).
inline std::size_t decode_valid(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  auto cont = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3Fu); };
  if (b0 < 0xE0) {
    cp = (static_cast<char32_t>(b0 & 0x1Fu) << 6) | cont(1);
    return 2;
  }
  if (b0 < 0xF0) {
    cp = (static_cast<char32_t>(b0 & 0x0Fu) << 12) | (cont(1) << 6) | cont(2);
    return 3;
  }
  cp = (static_cast<char32_t>(b0 & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
  return 4;
}

// The two emoji blocks the ΛID parser strips (docs/identity.md, "Parsing":
// U+1F300–U+1FAD6 and U+2600–U+26FF; nothing else, not even the U+FE0F
// variation selector).
constexpr bool is_lid_emoji(char32_t cp) noexcept {
  return (cp >= 0x1F300 && cp <= 0x1FAD6) || (cp >= 0x2600 && cp <= 0x26FF);
}

}  // namespace lukhas::identity
