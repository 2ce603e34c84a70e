#pragma once
// The ΛID parser (docs/identity.md, "Parsing"). Pure: takes untrusted bytes,
// returns a plain result; never throws for bad input and never reads out of
// bounds.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lukhas::identity {

// Inputs above this are refused before any work proportional to their size.
// A decorated ΛID is under 200 bytes; 4 KiB leaves room for odd clients.
inline constexpr std::size_t kMaxLidInputBytes = 4096;
inline constexpr std::size_t kNamespaceMin = 1;
inline constexpr std::size_t kNamespaceMax = 48;
inline constexpr std::size_t kUsernameMin = 3;
inline constexpr std::size_t kUsernameMax = 32;

enum class LidError {
  none,
  empty,                   // nothing left after trimming and stripping decorations
  input_too_long,          // more than kMaxLidInputBytes
  embedded_nul,
  invalid_utf8,
  namespace_empty,         // ":alice"
  namespace_too_long,
  namespace_invalid_char,
  username_too_short,
  username_too_long,
  username_invalid_char,   // includes a second ':'
};

std::string_view to_string(LidError e) noexcept;

// A valid ΛID. `canonical` is "namespace:username" or "username"; the
// namespace is absent (not empty) when there is none.
struct Lid {
  std::string canonical;
  bool has_namespace = false;
  std::size_t namespace_length = 0;

  std::optional<std::string_view> ns() const noexcept {
    if (!has_namespace) return std::nullopt;
    return std::string_view(canonical).substr(0, namespace_length);
  }
  std::string_view username() const noexcept {
    return std::string_view(canonical).substr(has_namespace ? namespace_length + 1 : 0);
  }
};

struct LidResult {
  Lid lid;                          // meaningful only when ok()
  LidError error = LidError::none;
  std::string message;              // empty when ok(); names the position and the reason
  bool ok() const noexcept { return error == LidError::none; }
};

// Full parse: the canonical ΛID plus the decorations, each taken from the
// (lowercased) raw input. The decorations are reported even when the ΛID
// itself is invalid, but not when the input bytes are (too long, NUL,
// invalid UTF-8).
struct LidDetails {
  Lid lid;
  LidError error = LidError::none;
  std::string message;
  std::optional<std::string> provider;  // "@" followed by letters, lowercased
  std::optional<std::string> locale;    // "~" followed by a-z 0-9 -, lowercased
  std::optional<std::string> emoji;     // first emoji in U+1F300–U+1FAD6 or U+2600–U+26FF (UTF-8)
  bool ok() const noexcept { return error == LidError::none; }
};

LidResult parse(std::string_view input);
LidDetails parse_full(std::string_view input);

}  // namespace lukhas::identity
