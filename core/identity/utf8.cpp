#include "core/identity/utf8.hpp"

namespace lukhas::identity {

namespace {
bool is_cont(unsigned char b) { return (b & 0xC0u) == 0x80u; }
}  // namespace

ByteCheck check_bytes(std::string_view s) noexcept {
  const std::size_t n = s.size();
  std::size_t i = 0;
  auto fail = [&](ByteProblem p, const char* why) { return ByteCheck{p, i, why}; };
  while (i < n) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      if (b0 == 0) return fail(ByteProblem::embedded_nul, "embedded NUL byte");
      ++i;
      continue;
    }
    auto at = [&](std::size_t k) -> unsigned char {
      return i + k < n ? static_cast<unsigned char>(s[i + k]) : 0;  // 0 is never a continuation
    };
    if (is_cont(b0)) return fail(ByteProblem::invalid_utf8, "unexpected continuation byte");
    if (b0 == 0xC0 || b0 == 0xC1) return fail(ByteProblem::invalid_utf8, "overlong encoding");
    if (b0 < 0xE0) {
      if (!is_cont(at(1))) return fail(ByteProblem::invalid_utf8, "truncated 2-byte sequence");
      i += 2;
      continue;
    }
    if (b0 < 0xF0) {
      const unsigned char b1 = at(1);
      if (!is_cont(b1) || !is_cont(at(2))) return fail(ByteProblem::invalid_utf8, "truncated 3-byte sequence");
      if (b0 == 0xE0 && b1 < 0xA0) return fail(ByteProblem::invalid_utf8, "overlong encoding");
      if (b0 == 0xED && b1 >= 0xA0) return fail(ByteProblem::invalid_utf8, "UTF-16 surrogate code point");
      i += 3;
      continue;
    }
    if (b0 > 0xF4) return fail(ByteProblem::invalid_utf8, "byte never valid in UTF-8");
    const unsigned char b1 = at(1);
    if (!is_cont(b1) || !is_cont(at(2)) || !is_cont(at(3)))
      return fail(ByteProblem::invalid_utf8, "truncated 4-byte sequence");
    if (b0 == 0xF0 && b1 < 0x90) return fail(ByteProblem::invalid_utf8, "overlong encoding");
    if (b0 == 0xF4 && b1 >= 0x90) return fail(ByteProblem::invalid_utf8, "code point above U+10FFFF");
    i += 4;
  }
  return {};
}

}  // namespace lukhas::identity
