#include "bench/instructions/callgrind_dump.hpp"

#include <fmt/format.h>

#include <charconv>
#include <sstream>

namespace lukhas::instructions {

namespace {

constexpr std::string_view kTrigger = "desc: Trigger: Client Request: ";
constexpr std::string_view kLabelPrefix = "lukhas:";

template <class T>
bool parse_number(std::string_view s, T& out) {
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc{} && p == end;
}

std::vector<std::string_view> split_ws(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

DumpParse parse_dump(std::string_view text, const std::string& file) {
  DumpParse r;
  Dump d;
  d.file = file;
  std::vector<std::string_view> events;
  std::optional<std::string_view> totals_line;
  std::size_t totals_lineno = 0;
  std::size_t lineno = 0;
  std::size_t label_lineno = 0;
  std::string_view label;

  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++lineno;
    if (line.starts_with(kTrigger)) {
      label = line.substr(kTrigger.size());
      label_lineno = lineno;
    } else if (line.starts_with("events:")) {
      events = split_ws(line.substr(7));
    } else if (line.starts_with("totals:")) {
      totals_line = line.substr(7);
      totals_lineno = lineno;
    } else if (line.starts_with("summary:") && !totals_line) {
      // Older callgrind writes only "summary:"; "totals:" wins when both exist.
      totals_line = line.substr(8);
      totals_lineno = lineno;
    }
    if (nl == text.size()) break;
  }

  if (!label.starts_with(kLabelPrefix)) return r;  // not a measured region
  r.ours = true;

  // "lukhas:<sequence>:<iterations>"
  const auto rest = label.substr(kLabelPrefix.size());
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos || !parse_number(rest.substr(0, colon), d.sequence) ||
      !parse_number(rest.substr(colon + 1), d.iterations) || d.sequence < 0 ||
      d.iterations < 0) {
    r.problems.push_back(fmt::format(
        "{}:{}: label '{}' is not 'lukhas:<sequence>:<iterations>'", file, label_lineno, label));
  }

  std::size_t ir_index = 0;
  if (!events.empty()) {
    bool found = false;
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (events[i] == "Ir") {
        ir_index = i;
        found = true;
      }
    }
    if (!found) {
      r.problems.push_back(fmt::format("{}: the 'events:' line has no Ir event", file));
    }
  }
  if (!totals_line) {
    r.problems.push_back(fmt::format("{}: no 'totals:' or 'summary:' line (truncated dump?)", file));
  } else {
    const auto figures = split_ws(*totals_line);
    if (ir_index >= figures.size() || !parse_number(figures[ir_index], d.instructions)) {
      r.problems.push_back(fmt::format("{}:{}: cannot read the Ir total from '{}'", file,
                                       totals_lineno, *totals_line));
    }
  }
  if (r.problems.empty()) r.dump = d;
  return r;
}

}  // namespace lukhas::instructions
