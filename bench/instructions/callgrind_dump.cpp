#include "bench/instructions/callgrind_dump.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <sstream>
#include <unordered_map>

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

// "(id) name" defines a compressed name, "(id)" refers to one, anything else
// is the name itself. Returns false for a reference this file never defined.
bool resolve_name(std::string_view field, std::unordered_map<std::string, std::string>& names,
                  std::string& out) {
  if (!field.starts_with('(')) {
    out.assign(field);
    return true;
  }
  // Compressed ids are numbers; "(below main)" is a real name.
  const auto close = field.find(')');
  if (close == std::string_view::npos || close == 1 ||
      field.substr(1, close - 1).find_first_not_of("0123456789") != std::string_view::npos) {
    out.assign(field);
    return true;
  }
  std::string id(field.substr(1, close - 1));
  auto rest = field.substr(close + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (!rest.empty()) {
    names[id] = std::string(rest);
    out.assign(rest);
    return true;
  }
  const auto it = names.find(id);
  if (it == names.end()) return false;
  out = it->second;
  return true;
}

}  // namespace

AllocatorEntry allocator_entry(std::string_view name) {
  // Callgrind marks recursion levels with "'N" and keeps symbol versions.
  if (const auto q = name.find('\''); q != std::string_view::npos) name = name.substr(0, q);
  if (const auto at = name.find('@'); at != std::string_view::npos) name = name.substr(0, at);
  if (name.starts_with("operator new")) return AllocatorEntry::allocation;
  if (name.starts_with("operator delete")) return AllocatorEntry::deallocation;
  static constexpr std::array<std::string_view, 13> allocations{
      "malloc",         "calloc",         "realloc",         "reallocarray", "aligned_alloc",
      "posix_memalign", "memalign",       "valloc",          "pvalloc",      "__libc_malloc",
      "__libc_calloc",  "__libc_realloc", "__libc_memalign"};
  static constexpr std::array<std::string_view, 3> frees{"free", "cfree", "__libc_free"};
  for (auto a : allocations)
    if (name == a) return AllocatorEntry::allocation;
  for (auto f : frees)
    if (name == f) return AllocatorEntry::deallocation;
  return AllocatorEntry::none;
}

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

  // Call records: "cfn=" names the callee, "calls=<count> <target>" opens
  // the call, and the next cost line is the call's inclusive cost. Only
  // calls made from outside the allocator into it are summed, so nested
  // calls (operator new -> malloc -> _int_malloc) count once.
  std::unordered_map<std::string, std::string> names;
  std::string function, callee;
  AllocatorEntry function_entry = AllocatorEntry::none;
  bool call_pending = false;
  std::size_t position_fields = 1;
  std::size_t call_ir_index = 0;  // where Ir stands among a cost line's events
  std::vector<std::string> unresolved;
  auto name_of = [&](std::string_view field, std::string& out) {
    if (resolve_name(field, names, out)) return;
    out.clear();
    if (unresolved.size() < 3) unresolved.emplace_back(field);
  };

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
      call_ir_index = 0;
      for (std::size_t i = 0; i < events.size(); ++i)
        if (events[i] == "Ir") call_ir_index = i;
    } else if (line.starts_with("positions:")) {
      position_fields = std::max<std::size_t>(1, split_ws(line.substr(10)).size());
    } else if (line.starts_with("fn=")) {
      name_of(line.substr(3), function);
      function_entry = allocator_entry(function);
      call_pending = false;
    } else if (line.starts_with("cfn=") || line.starts_with("cfun=")) {
      name_of(line.substr(line.find('=') + 1), callee);
    } else if (line.starts_with("calls=")) {
      const auto fields = split_ws(line.substr(6));
      call_pending = !fields.empty();
    } else if (call_pending && !line.empty() &&
               (std::isdigit(static_cast<unsigned char>(line[0])) || line[0] == '+' ||
                line[0] == '-' || line[0] == '*')) {
      call_pending = false;
      const auto target = allocator_entry(callee);
      if (function_entry == AllocatorEntry::none && target != AllocatorEntry::none) {
        const auto fields = split_ws(line);
        std::uint64_t ir = 0;
        const std::size_t at = position_fields + call_ir_index;
        if (at < fields.size() && parse_number(fields[at], ir)) d.allocator_instructions += ir;
      }
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
  if (!unresolved.empty()) {
    r.problems.push_back(fmt::format(
        "{}: compressed function name {} is not defined in this file, so the allocator "
        "cannot be told apart (run callgrind with --compress-strings=no)",
        file, unresolved.front()));
  }
  if (d.allocator_instructions > d.instructions) {
    r.problems.push_back(fmt::format("{}: allocator calls cost {} Ir, more than the total {}",
                                     file, d.allocator_instructions, d.instructions));
  }
  if (r.problems.empty()) r.dump = d;
  return r;
}

}  // namespace lukhas::instructions
