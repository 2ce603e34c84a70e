#include "compare/limits.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>

namespace lukhas::compare {

std::optional<std::size_t> parse_byte_size(std::string_view text) {
  std::uint64_t n = 0;
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc{} || p == text.data() || n == 0) return std::nullopt;
  std::string_view unit(p, static_cast<std::size_t>(end - p));
  unsigned shift = 0;
  if (!unit.empty()) {
    switch (unit.front()) {
      case 'K': case 'k': shift = 10; break;
      case 'M': case 'm': shift = 20; break;
      case 'G': case 'g': shift = 30; break;
      default: return std::nullopt;
    }
    unit.remove_prefix(1);
    if (!(unit.empty() || unit == "B" || unit == "iB")) return std::nullopt;
  }
  if (n > (std::numeric_limits<std::uint64_t>::max() >> 1) >> shift) return std::nullopt;
  const std::uint64_t bytes = n << shift;
  if (bytes > std::numeric_limits<std::size_t>::max()) return std::nullopt;
  return static_cast<std::size_t>(bytes);
}

std::string format_bytes(std::size_t bytes) {
  constexpr std::size_t kMiB = std::size_t{1} << 20, kKiB = std::size_t{1} << 10;
  if (bytes >= kMiB && bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
  if (bytes >= kKiB && bytes % kKiB == 0) return fmt::format("{} KiB", bytes / kKiB);
  return fmt::format("{} bytes", bytes);
}

std::optional<TooDeep> find_excess_nesting(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0, line = 1, column = 1;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return TooDeep{i, line, column};
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::nullopt;
}

std::string describe_json_value(const nlohmann::json& value) {
  constexpr std::size_t kMaxString = 40;
  switch (value.type()) {
    case nlohmann::json::value_t::array:
      return fmt::format("an array of {} element{}", value.size(), value.size() == 1 ? "" : "s");
    case nlohmann::json::value_t::object:
      return fmt::format("an object with {} key{}", value.size(), value.size() == 1 ? "" : "s");
    case nlohmann::json::value_t::string: {
      // Invalid UTF-8 is shown as U+FFFD instead of throwing from dump().
      constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
      const auto& s = value.get_ref<const std::string&>();
      if (s.size() <= kMaxString) return value.dump(-1, ' ', false, kReplace);
      // Cut on a UTF-8 character boundary so the message stays valid text.
      std::size_t cut = kMaxString;
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
      std::string shown = nlohmann::json(s.substr(0, cut)).dump(-1, ' ', false, kReplace);
      shown.pop_back();  // the closing quote
      return fmt::format("{}...\" ({} bytes)", shown, s.size());
    }
    default:
      return value.dump();  // a scalar: short by construction
  }
}

}  // namespace lukhas::compare
