#pragma once
// A 128-bit fold id. Stored as two 64-bit halves so that hashing and
// comparison are two word operations; printed in the usual 8-4-4-4-12 form.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace lukhas::memory {

struct Uuid {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;

  friend bool operator==(const Uuid&, const Uuid&) = default;
  friend auto operator<=>(const Uuid&, const Uuid&) = default;
};

// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", lower-case hex.
std::string to_string(const Uuid& id);

// Parses the canonical form (either case); nullopt for anything else.
std::optional<Uuid> parse_uuid(std::string_view text);

// True when the version nibble is 4 and the variant bits are 10 (RFC 4122).
bool is_v4(const Uuid& id);

struct UuidHash {
  std::size_t operator()(const Uuid& id) const noexcept {
    // The bits are already uniformly random (v4), so mixing the halves is
    // enough; a multiply spreads the few fixed version/variant bits.
    return static_cast<std::size_t>((id.hi ^ (id.lo * 0x9E3779B97F4A7C15ULL)));
  }
};

}  // namespace lukhas::memory
