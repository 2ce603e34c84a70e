#include "bench/power/generated_section.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <vector>

namespace lukhas::power {

namespace {

struct Line {
  std::size_t begin;  // offset of its first byte
  std::size_t end;    // offset just past its newline (or the end of the text)
  std::size_t number;  // 1-based, for messages
};

// Where `marker` stands alone on a line (trailing white space and a CR
// allowed), in document order.
std::vector<Line> marker_lines(std::string_view text, std::string_view marker) {
  std::vector<Line> found;
  std::size_t begin = 0;
  for (std::size_t number = 1; begin < text.size(); ++number) {
    const std::size_t nl = text.find('\n', begin);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(begin, (nl == std::string_view::npos ? text.size() : nl) - begin);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (line == marker) found.push_back({begin, end, number});
    begin = end;
  }
  return found;
}

std::string with_final_newline(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

}  // namespace

std::string marked_section(std::string_view generated) {
  return fmt::format("{}\n{}{}\n", kBeginMarker, with_final_newline(generated), kEndMarker);
}

SpliceResult splice_generated(std::string_view document, std::string_view generated) {
  const auto begins = marker_lines(document, kBeginMarker);
  const auto ends = marker_lines(document, kEndMarker);
  SpliceResult r;
  if (begins.empty() && ends.empty()) {
    r.error = fmt::format("has no generated section (no line '{}'); refusing to overwrite hand-written text",
                          kBeginMarker);
  } else if (begins.size() != 1) {
    r.error = begins.empty() ? fmt::format("has the end marker (line {}) but no begin marker", ends[0].number)
                             : fmt::format("has {} begin markers (lines {} and {}); expected one",
                                           begins.size(), begins[0].number, begins[1].number);
  } else if (ends.size() != 1) {
    r.error = ends.empty() ? fmt::format("has the begin marker (line {}) but no end marker", begins[0].number)
                           : fmt::format("has {} end markers (lines {} and {}); expected one", ends.size(),
                                         ends[0].number, ends[1].number);
  } else if (ends[0].begin < begins[0].begin) {
    r.error = fmt::format("has the end marker (line {}) before the begin marker (line {})", ends[0].number,
                          begins[0].number);
  }
  if (!r.ok()) return r;
  r.text.reserve(document.size() + generated.size());
  r.text.append(document.substr(0, begins[0].end));  // ends in '\n': END follows on a later line
  r.text += with_final_newline(generated);
  r.text.append(document.substr(ends[0].begin));
  return r;
}

}  // namespace lukhas::power
