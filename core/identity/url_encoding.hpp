#pragma once
// Percent-encoding of query values (RFC 3986: only the unreserved set
// A-Z a-z 0-9 - . _ ~ stays literal) and unpadded base64url (RFC 4648 §5).
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lukhas::identity {

std::string percent_encode(std::string_view value);
// Strict inverse: nullopt for a '%' not followed by two hex digits. '+' stays
// '+' (it is not a space outside HTML forms).
std::optional<std::string> percent_decode(std::string_view encoded);

std::string base64url_encode(std::span<const unsigned char> bytes);
// nullopt for characters outside the base64url alphabet, padding, or an
// impossible length (4k + 1).
std::optional<std::vector<unsigned char>> base64url_decode(std::string_view text);

}  // namespace lukhas::identity
