#include "compare/markdown_budget.hpp"

#include <fmt/format.h>

#include <vector>

namespace lukhas::compare {

namespace {

// What is open after a prefix of whole lines.
struct Open {
  bool fence = false;
  bool table = false;
  std::size_t details = 0;
};

std::size_t count(std::string_view line, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t p = line.find(what); p != std::string_view::npos; p = line.find(what, p + what.size())) ++n;
  return n;
}

Open after(Open o, std::string_view line) {
  std::size_t start = line.find_first_not_of(' ');
  const std::string_view trimmed = start == std::string_view::npos ? std::string_view() : line.substr(start);
  if (trimmed.rfind("```", 0) == 0) {
    o.fence = !o.fence;
    return o;
  }
  if (o.fence) return o;  // a table or tag inside a code block is text
  o.table = trimmed.rfind("|", 0) == 0;
  const std::size_t opened = count(line, "<details"), closed = count(line, "</details>");
  o.details = opened + o.details >= closed ? o.details + opened - closed : 0;
  return o;
}

std::string closers(const Open& o) {
  std::string out;
  if (o.fence) out += "```\n";
  if (o.table) out += "\n";  // a blank line ends a table
  for (std::size_t i = 0; i < o.details; ++i) out += "\n</details>\n";
  return out;
}

}  // namespace

FittedMarkdown fit_markdown(std::string_view text, std::size_t budget, std::string_view where_full) {
  FittedMarkdown f;
  if (text.size() <= budget) {
    f.text = std::string(text);
    return f;
  }
  std::vector<std::string_view> lines;
  for (std::size_t p = 0; p < text.size();) {
    const std::size_t nl = text.find('\n', p);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(p, end - p));
    p = end;
  }
  // State and size after each prefix of k lines.
  std::vector<Open> state{Open{}};
  std::vector<std::size_t> size{0};
  for (const auto& l : lines) {
    state.push_back(after(state.back(), l));
    size.push_back(size.back() + l.size());
  }
  auto note = [&](std::size_t k) {
    return fmt::format("\n_({} bytes in {} lines not shown: the size limit of {} bytes was reached; {} has the "
                       "full report.)_\n",
                       text.size() - size[k], lines.size() - k, budget, where_full);
  };
  // The longest prefix whose closers and note still fit.
  std::size_t k = lines.size();
  auto ends_open = [&](std::size_t n) { return size[n] > 0 && text[size[n] - 1] != '\n'; };
  auto whole = [&](std::size_t n) {
    std::string t(text.substr(0, size[n]));
    if (ends_open(n)) t += '\n';
    return t + closers(state[n]) + note(n);
  };
  auto whole_size = [&](std::size_t n) {
    return size[n] + (ends_open(n) ? 1 : 0) + closers(state[n]).size() + note(n).size();
  };
  while (k > 0 && whole_size(k) > budget) --k;
  f.text = whole(k);
  f.bytes_cut = text.size() - size[k];
  f.lines_cut = lines.size() - k;
  return f;
}

}  // namespace lukhas::compare
