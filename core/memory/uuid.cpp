#include "core/memory/uuid.hpp"

#include <array>

namespace lukhas::memory {

namespace {

constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                       '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

// Positions of the dashes in the canonical 36-character form.
constexpr bool is_dash_position(std::size_t i) { return i == 8 || i == 13 || i == 18 || i == 23; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string to_string(const Uuid& id) {
  std::string out;
  out.reserve(36);
  int nibble = 0;
  for (std::size_t i = 0; i < 36; ++i) {
    if (is_dash_position(i)) {
      out.push_back('-');
      continue;
    }
    const std::uint64_t word = nibble < 16 ? id.hi : id.lo;
    const int shift = 60 - 4 * (nibble % 16);
    out.push_back(kHex[(word >> shift) & 0xF]);
    ++nibble;
  }
  return out;
}

std::optional<Uuid> parse_uuid(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  Uuid id;
  int nibble = 0;
  for (std::size_t i = 0; i < 36; ++i) {
    if (is_dash_position(i)) {
      if (text[i] != '-') return std::nullopt;
      continue;
    }
    const int v = hex_value(text[i]);
    if (v < 0) return std::nullopt;
    std::uint64_t& word = nibble < 16 ? id.hi : id.lo;
    word = (word << 4) | static_cast<std::uint64_t>(v);
    ++nibble;
  }
  return id;
}

bool is_v4(const Uuid& id) {
  const bool version4 = ((id.hi >> 12) & 0xF) == 4;
  const bool variant10 = (id.lo >> 62) == 0b10;
  return version4 && variant10;
}

}  // namespace lukhas::memory
