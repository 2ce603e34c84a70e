#include "core/identity/lid.hpp"

#include <array>
#include <cstdio>

#include "core/identity/utf8.hpp"

namespace lukhas::identity {

std::string_view to_string(LidError e) noexcept {
  switch (e) {
    case LidError::none: return "none";
    case LidError::empty: return "empty";
    case LidError::input_too_long: return "input_too_long";
    case LidError::embedded_nul: return "embedded_nul";
    case LidError::invalid_utf8: return "invalid_utf8";
    case LidError::namespace_empty: return "namespace_empty";
    case LidError::namespace_too_long: return "namespace_too_long";
    case LidError::namespace_invalid_char: return "namespace_invalid_char";
    case LidError::username_too_short: return "username_too_short";
    case LidError::username_too_long: return "username_too_long";
    case LidError::username_invalid_char: return "username_invalid_char";
  }
  return "unknown";
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_lid_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_locale_char(char c) { return is_letter(c) || (c >= '0' && c <= '9') || c == '-'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Step 2, case-insensitively because step 1 lowercases first: "#λid " or
// "#lid ", where λ may arrive as Λ (CE 9B) or λ (CE BB).
std::size_t prefix_length(std::string_view s) {
  if (s.size() < 5 || s[0] != '#') return 0;
  std::size_t i = 1;
  if (lower_ascii(s[i]) == 'l') {
    i += 1;
  } else if (s.size() >= 6 && s[i] == '\xCE' && (s[i + 1] == '\x9B' || s[i + 1] == '\xBB')) {
    i += 2;
  } else {
    return 0;
  }
  if (i + 3 > s.size()) return 0;
  if (lower_ascii(s[i]) != 'i' || lower_ascii(s[i + 1]) != 'd' || s[i + 2] != ' ') return 0;
  return i + 3;
}

std::string describe_char(std::string_view buf, std::size_t i) {
  char32_t cp = 0;
  decode_valid(buf, i, cp);
  char out[48];
  if (cp >= 0x21 && cp < 0x7F) {
    std::snprintf(out, sizeof out, "'%c' (U+%04X)", static_cast<char>(cp), static_cast<unsigned>(cp));
  } else {
    // Non-printable and non-ASCII characters by code point only, so a
    // message never carries control or bidi characters from the input.
    std::snprintf(out, sizeof out, "U+%04X", static_cast<unsigned>(cp));
  }
  return out;
}

// Where buf[k] came from in the raw input: re-walks the segment, skipping the
// emoji step 4 removed. Only used to word error messages.
std::size_t origin_of(std::string_view segment, std::size_t segment_offset, std::size_t k) {
  std::size_t i = 0;
  std::size_t produced = 0;
  while (i < segment.size()) {
    char32_t cp = 0;
    const std::size_t len = decode_valid(segment, i, cp);
    if (!is_lid_emoji(cp)) {
      if (produced + len > k) return segment_offset + i + (k - produced);
      produced += len;
    }
    i += len;
  }
  return segment_offset + segment.size();
}

struct Outcome {
  LidError error = LidError::none;
  std::string message;
};

Outcome fail(LidError e, std::string msg) { return Outcome{e, std::move(msg)}; }

Outcome check_input(std::string_view input) {
  if (input.size() > kMaxLidInputBytes) {
    return fail(LidError::input_too_long, "input is " + std::to_string(input.size()) +
                                              " bytes; a ΛID input may have at most " +
                                              std::to_string(kMaxLidInputBytes));
  }
  const ByteCheck bc = check_bytes(input);
  if (bc.problem == ByteProblem::embedded_nul)
    return fail(LidError::embedded_nul, "embedded NUL byte at byte " + std::to_string(bc.offset));
  if (bc.problem == ByteProblem::invalid_utf8)
    return fail(LidError::invalid_utf8,
                "invalid UTF-8 at byte " + std::to_string(bc.offset) + ": " + bc.reason);
  return {};
}

// Steps 1-5 on input that passed check_input.
Outcome parse_checked(std::string_view input, Lid& lid) {
  // Steps 1-3 do not depend on case (whitespace, '#', '@', '~' have none), so
  // lowercasing happens while copying in step 4.
  std::string_view s = trim(input);
  s.remove_prefix(prefix_length(s));
  s = s.substr(0, s.find('@'));
  s = s.substr(0, s.find('~'));
  const std::size_t segment_offset = static_cast<std::size_t>(s.data() - input.data());

  // Step 4 (and the lowercasing of step 1) into a stack buffer: the input is
  // bounded by kMaxLidInputBytes, so no heap allocation happens here.
  std::array<char, kMaxLidInputBytes> buf;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      buf[n++] = lower_ascii(s[i]);
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = decode_valid(s, i, cp);
    if (!is_lid_emoji(cp)) {
      if (cp == 0x039B) {  // Greek capital Λ -> small λ: same length, second byte differs
        buf[n++] = '\xCE';
        buf[n++] = '\xBB';
      } else {
        for (std::size_t k = 0; k < len; ++k) buf[n++] = s[i + k];
      }
    }
    i += len;
  }
  std::size_t begin = 0;
  while (begin < n && is_space(buf[begin])) ++begin;
  while (n > begin && is_space(buf[n - 1])) --n;
  const std::string_view text(buf.data() + begin, n - begin);
  if (text.empty()) return fail(LidError::empty, "no ΛID left after trimming and removing decorations");

  auto bad_char = [&](LidError e, const char* part, std::size_t k) {
    const std::size_t at = origin_of(s, segment_offset, begin + k);
    return fail(e, "invalid character " + describe_char(text, k) + " at byte " + std::to_string(at) +
                       " in the " + part + "; allowed: a-z 0-9 _ -");
  };

  const std::size_t colon = text.find(':');
  std::size_t user_begin = 0;
  if (colon != std::string_view::npos) {
    if (colon == 0) return fail(LidError::namespace_empty, "empty namespace before ':'");
    for (std::size_t k = 0; k < colon; ++k)
      if (!is_lid_char(text[k])) return bad_char(LidError::namespace_invalid_char, "namespace", k);
    if (colon > kNamespaceMax)
      return fail(LidError::namespace_too_long, "namespace has " + std::to_string(colon) +
                                                    " characters; at most " + std::to_string(kNamespaceMax));
    user_begin = colon + 1;
  }
  for (std::size_t k = user_begin; k < text.size(); ++k)
    if (!is_lid_char(text[k])) return bad_char(LidError::username_invalid_char, "username", k);
  const std::size_t user_len = text.size() - user_begin;
  if (user_len < kUsernameMin)
    return fail(LidError::username_too_short, "username has " + std::to_string(user_len) +
                                                  " characters; at least " + std::to_string(kUsernameMin));
  if (user_len > kUsernameMax)
    return fail(LidError::username_too_long, "username has " + std::to_string(user_len) +
                                                 " characters; at most " + std::to_string(kUsernameMax));
  lid.canonical.assign(text.data(), text.size());
  lid.has_namespace = colon != std::string_view::npos;
  lid.namespace_length = lid.has_namespace ? colon : 0;
  return {};
}

}  // namespace

LidResult parse(std::string_view input) {
  LidResult r;
  Outcome c = check_input(input);
  if (c.error == LidError::none) c = parse_checked(input, r.lid);
  r.error = c.error;
  r.message = std::move(c.message);
  if (!r.ok()) r.lid = Lid{};
  return r;
}

LidDetails parse_full(std::string_view input) {
  LidDetails d;
  Outcome c = check_input(input);
  if (c.error != LidError::none) {
    d.error = c.error;
    d.message = std::move(c.message);
    return d;
  }
  c = parse_checked(input, d.lid);
  d.error = c.error;
  d.message = std::move(c.message);
  if (!d.ok()) d.lid = Lid{};

  // Decorations: first match of each pattern anywhere in the input, as a
  // regex search would find it (an '@' not followed by a letter is skipped).
  for (std::size_t i = 0; i < input.size();) {
    const char c0 = input[i];
    if (!d.provider && c0 == '@') {
      std::size_t j = i + 1;
      while (j < input.size() && is_letter(input[j])) ++j;
      if (j > i + 1) {
        std::string p(input.substr(i + 1, j - i - 1));
        for (char& ch : p) ch = lower_ascii(ch);
        d.provider = std::move(p);
      }
    } else if (!d.locale && c0 == '~') {
      std::size_t j = i + 1;
      while (j < input.size() && is_locale_char(input[j])) ++j;
      if (j > i + 1) {
        std::string l(input.substr(i + 1, j - i - 1));
        for (char& ch : l) ch = lower_ascii(ch);
        d.locale = std::move(l);
      }
    }
    char32_t cp = 0;
    const std::size_t len = decode_valid(input, i, cp);
    if (!d.emoji && is_lid_emoji(cp)) d.emoji = std::string(input.substr(i, len));
    i += len;
  }
  return d;
}

}  // namespace lukhas::identity
