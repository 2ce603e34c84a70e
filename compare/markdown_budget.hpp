#pragma once
// Fitting Markdown into a byte budget (GitHub refuses comments over 65,536
// characters) without breaking it: the text is cut between lines, so never
// inside a table row or a UTF-8 character; every element open at the cut
// (a fenced code block, a table, <details>) is closed; and a last line says
// how many bytes and lines were left out.
#include <cstddef>
#include <string>
#include <string_view>

namespace lukhas::compare {

struct FittedMarkdown {
  std::string text;  // at most the budget, unless even the closing note does not fit
  std::size_t bytes_cut = 0;
  std::size_t lines_cut = 0;
};

// Room the closers and the note need at most, for a budget to be useful.
inline constexpr std::size_t kMarkdownCutReserve = 400;

// `where_full` names where the reader finds everything ("the perf-report
// artifact"). Text within the budget comes back unchanged.
FittedMarkdown fit_markdown(std::string_view text, std::size_t budget, std::string_view where_full);

}  // namespace lukhas::compare
