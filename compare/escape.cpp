#include "compare/escape.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace lukhas::compare {

namespace {

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), 0 when it is not one.
std::size_t utf8_length(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  const auto cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF && cont(1)) {
    cp = (char32_t(c & 0x1F) << 6) | (b(1) & 0x3F);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
    cp = (char32_t(c & 0x0F) << 12) | (char32_t(b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    cp = (char32_t(c & 0x07) << 18) | (char32_t(b(1) & 0x3F) << 12) | (char32_t(b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    if (cp < 0x10000 || cp > 0x10FFFF) return 0;
    return 4;
  }
  return 0;
}

bool is_noncharacter(char32_t cp) { return (cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF); }

// Bidirectional controls (marks, embeddings, overrides, isolates): a viewer
// reorders the text around them, so a name could display as another name.
bool is_bidi_control(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

std::uint32_t fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

}  // namespace

std::string escape_visible(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t n = utf8_length(s, i, cp);
    if (n == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i]));
      ++i;
      continue;
    }
    if (cp == '\n' && keep_newlines) out += '\n';
    else if (cp == '\n') out += "\\n";
    else if (cp == '\r') out += "\\r";
    else if (cp == '\t') out += "\\t";
    else if (cp < 0x20 || cp == 0x7f) out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
    else if ((cp >= 0x80 && cp <= 0x9f) || is_noncharacter(cp) || is_bidi_control(cp))
      out += fmt::format("\\u{:04X}", static_cast<unsigned>(cp));
    else out.append(s.substr(i, n));
    i += n;
  }
  if (out.rfind("::", 0) == 0) out.replace(0, 1, "\\x3a");
  if (keep_newlines)  // no line the tool prints may start a workflow command either
    for (std::size_t p = out.find("\n::"); p != std::string::npos; p = out.find("\n::", p + 1))
      out.replace(p + 1, 1, "\\x3a");
  return out;
}

std::string github_message(std::string_view s) {
  // CR and LF keep their meaning in the annotation (%0D, %0A: the runner
  // decodes them inside the message); every other control is made visible.
  std::string out;
  std::size_t start = 0;
  auto segment = [&](std::size_t end) {
    for (char c : escape_visible(s.substr(start, end - start))) {
      if (c == '%') out += "%25";
      else out += c;
    }
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\r' && s[i] != '\n') continue;
    segment(i);
    out += s[i] == '\r' ? "%0D" : "%0A";
    start = i + 1;
  }
  segment(s.size());
  return out;
}

std::string github_property(std::string_view s) {
  std::string out;
  for (char c : github_message(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string markdown_text(std::string_view s) {
  std::string out;
  for (char c : escape_visible(s)) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '|': out += "\\|"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string markdown_code(std::string_view s, std::size_t max_chars) {
  const std::string text = shorten(escape_visible(s), max_chars);
  // Inside a code span nothing is markup, but the table is split on '|'
  // before inline parsing: "\|" keeps the pipe in the cell, and a pipe
  // after an odd run of backslashes gets one more, or the run would escape
  // our backslash instead of the pipe.
  std::string body;
  std::size_t run = 0, longest = 0, backslashes = 0;
  for (char c : text) {
    if (c == '|') {
      if (backslashes % 2 == 1) body += '\\';
      body += "\\|";
    } else {
      body += c;
    }
    backslashes = c == '\\' ? backslashes + 1 : 0;
    run = c == '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const std::string fence(longest + 1, '`');
  // CommonMark strips one space from each end of a span that starts or ends
  // with a backtick: pad so a backtick at the edge stays in the name.
  const bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string xml_text(std::string_view s) {
  std::string out;
  for (char c : escape_visible(s, true)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string xml_attribute(std::string_view s) {
  std::string out = xml_text(s);
  // A newline in an attribute is normalised to a space by every parser.
  for (std::size_t p = out.find('\n'); p != std::string::npos; p = out.find('\n', p)) out.replace(p, 1, "&#10;");
  return out;
}

std::string html_text(std::string_view s) {
  const std::string visible = escape_visible(s);
  std::string out;
  out.reserve(visible.size());
  for (char c : visible) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string shorten(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0, i = 0;
  while (i < s.size() && chars < max_chars) {
    char32_t cp = 0;
    const std::size_t n = utf8_length(s, i, cp);
    i += n == 0 ? 1 : n;
    ++chars;
  }
  if (i >= s.size()) return std::string(s);
  return fmt::format("{}…{:08x}", s.substr(0, i), fnv1a(s));
}

}  // namespace lukhas::compare
