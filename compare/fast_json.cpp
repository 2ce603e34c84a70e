#include "compare/fast_json.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

namespace lukhas::compare {

namespace {

// RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
bool valid_utf8(const char* p, const char* end) {
  while (p < end) {
    const auto c = static_cast<unsigned char>(*p);
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c == 0xE0) n = 2, lo = 0xA0;
    else if (c == 0xED) n = 2, hi = 0x9F;
    else if (c >= 0xE1 && c <= 0xEF) n = 2;
    else if (c == 0xF0) n = 3, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 3;
    else if (c == 0xF4) n = 3, hi = 0x8F;
    else return false;
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      const auto b = static_cast<unsigned char>(p[i]);
      if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF)) return false;
    }
    p += n + 1;
  }
  return true;
}

class Scanner {
 public:
  Scanner(std::string_view text, nlohmann::json_sax<nlohmann::json>& sax)
      : p_(text.data()), end_(text.data() + text.size()), sax_(sax) {}

  FastOutcome run() {
    skip_ws();
    const FastOutcome r = value(0);
    if (r != FastOutcome::ok) return r;
    skip_ws();
    return p_ == end_ ? FastOutcome::ok : FastOutcome::bail;
  }

 private:
  static constexpr int kMaxDepth = 64;

  void skip_ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  static FastOutcome emit(bool accepted) { return accepted ? FastOutcome::ok : FastOutcome::stopped_by_handler; }

  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  // A string without escapes or control characters, as a view; false to bail.
  bool raw_string(std::string_view& out) {
    ++p_;  // opening quote
    const char* start = p_;
    const void* q = std::memchr(p_, '"', static_cast<std::size_t>(end_ - p_));
    if (!q) return false;
    const char* close = static_cast<const char*>(q);
    bool ascii = true;
    for (const char* c = start; c < close; ++c) {
      const auto u = static_cast<unsigned char>(*c);
      if (*c == '\\' || u < 0x20) return false;
      if (u >= 0x80) ascii = false;
    }
    // nlohmann validates UTF-8 when reading and throws on invalid UTF-8 when
    // writing: check here too, so a report can always be written.
    if (!ascii && !valid_utf8(start, close)) return false;
    out = std::string_view(start, static_cast<std::size_t>(close - start));
    p_ = close + 1;
    return true;
  }

  FastOutcome number() {
    const char* start = p_;
    const char* q = p_;
    if (q < end_ && *q == '-') ++q;
    if (q < end_ && *q == 'N') {  // -NaN
      p_ = q;
      if (!literal("NaN")) return FastOutcome::bail;
      return emit(sax_.number_float(std::numeric_limits<double>::quiet_NaN(), empty_));
    }
    if (q < end_ && *q == 'I') {  // -Infinity
      p_ = q;
      if (!literal("Infinity")) return FastOutcome::bail;
      return emit(sax_.number_float(-std::numeric_limits<double>::infinity(), empty_));
    }
    // JSON grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    if (q >= end_) return FastOutcome::bail;
    if (*q == '0') ++q;
    else if (*q >= '1' && *q <= '9') while (q < end_ && *q >= '0' && *q <= '9') ++q;
    else return FastOutcome::bail;
    bool is_float = false;
    if (q < end_ && *q == '.') {
      is_float = true;
      ++q;
      if (q >= end_ || *q < '0' || *q > '9') return FastOutcome::bail;
      while (q < end_ && *q >= '0' && *q <= '9') ++q;
    }
    if (q < end_ && (*q == 'e' || *q == 'E')) {
      is_float = true;
      ++q;
      if (q < end_ && (*q == '+' || *q == '-')) ++q;
      if (q >= end_ || *q < '0' || *q > '9') return FastOutcome::bail;
      while (q < end_ && *q >= '0' && *q <= '9') ++q;
    }
    p_ = q;
    if (!is_float) {
      if (*start == '-') {
        std::int64_t v = 0;
        auto [ptr, ec] = std::from_chars(start, q, v);
        if (ec != std::errc() || ptr != q) return FastOutcome::bail;
        return emit(sax_.number_integer(v));
      }
      std::uint64_t v = 0;
      auto [ptr, ec] = std::from_chars(start, q, v);
      if (ec != std::errc() || ptr != q) return FastOutcome::bail;
      return emit(sax_.number_unsigned(v));
    }
    double v = 0;
    auto [ptr, ec] = std::from_chars(start, q, v);
    if (ec != std::errc() || ptr != q || !std::isfinite(v)) return FastOutcome::bail;
    raw_.assign(start, q);
    return emit(sax_.number_float(v, raw_));
  }

  FastOutcome value(int depth) {
    if (p_ >= end_) return FastOutcome::bail;
    switch (*p_) {
      case '{': return object(depth + 1);
      case '[': return array(depth + 1);
      case '"': {
        std::string_view s;
        if (!raw_string(s)) return FastOutcome::bail;
        str_.assign(s);
        return emit(sax_.string(str_));
      }
      case 't': return literal("true") ? emit(sax_.boolean(true)) : FastOutcome::bail;
      case 'f': return literal("false") ? emit(sax_.boolean(false)) : FastOutcome::bail;
      case 'n': return literal("null") ? emit(sax_.null()) : FastOutcome::bail;
      case 'N':
        return literal("NaN") ? emit(sax_.number_float(std::numeric_limits<double>::quiet_NaN(), empty_))
                              : FastOutcome::bail;
      case 'I':
        return literal("Infinity") ? emit(sax_.number_float(std::numeric_limits<double>::infinity(), empty_))
                                   : FastOutcome::bail;
      default: return number();
    }
  }

  FastOutcome object(int depth) {
    if (depth > kMaxDepth) return FastOutcome::bail;
    ++p_;
    if (!sax_.start_object(static_cast<std::size_t>(-1))) return FastOutcome::stopped_by_handler;
    skip_ws();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      return emit(sax_.end_object());
    }
    while (true) {
      if (p_ >= end_ || *p_ != '"') return FastOutcome::bail;
      std::string_view k;
      if (!raw_string(k)) return FastOutcome::bail;
      key_.assign(k);
      if (!sax_.key(key_)) return FastOutcome::stopped_by_handler;
      skip_ws();
      if (p_ >= end_ || *p_ != ':') return FastOutcome::bail;
      ++p_;
      skip_ws();
      if (auto r = value(depth); r != FastOutcome::ok) return r;
      skip_ws();
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        skip_ws();
        continue;
      }
      if (p_ < end_ && *p_ == '}') {
        ++p_;
        return emit(sax_.end_object());
      }
      return FastOutcome::bail;
    }
  }

  FastOutcome array(int depth) {
    if (depth > kMaxDepth) return FastOutcome::bail;
    ++p_;
    if (!sax_.start_array(static_cast<std::size_t>(-1))) return FastOutcome::stopped_by_handler;
    skip_ws();
    if (p_ < end_ && *p_ == ']') {
      ++p_;
      return emit(sax_.end_array());
    }
    while (true) {
      if (auto r = value(depth); r != FastOutcome::ok) return r;
      skip_ws();
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        skip_ws();
        continue;
      }
      if (p_ < end_ && *p_ == ']') {
        ++p_;
        return emit(sax_.end_array());
      }
      return FastOutcome::bail;
    }
  }

  const char* p_;
  const char* end_;
  nlohmann::json_sax<nlohmann::json>& sax_;
  std::string key_, str_, raw_;
  const std::string empty_;
};

}  // namespace

FastOutcome fast_sax_parse(std::string_view text, nlohmann::json_sax<nlohmann::json>& sax) {
  return Scanner(text, sax).run();
}

}  // namespace lukhas::compare
