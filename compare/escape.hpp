#pragma once
// Text from an input (benchmark names, error messages, context values,
// catalog ids) is data in every output: one escaping function per output
// format, all here so that one table of hostile strings tests them together
// (tests/compare/test_escape.cpp). A renderer never writes input text
// without passing it through the function for its format.
#include <cstddef>
#include <string>
#include <string_view>

namespace lukhas::compare {

// Console, `summary`, warnings and exit-2 error messages: control characters
// (0x00-0x1f, 0x7f, and the C1 range U+0080-U+009F, which terminals also
// obey), invalid UTF-8 bytes, the noncharacters U+FFFE / U+FFFF and the
// bidirectional controls (U+202E and kin, which make a viewer show text in
// another order) become visible escapes (\n, \r, \t, \x1b, \uFFFE, \u202E). A leading "::" becomes
// "\x3a:": GitHub Actions reads a log line starting with "::" as a workflow
// command (::stop-commands:: switches off our own annotations), and the
// result can no longer hold a newline, so the start is the only place.
// `keep_newlines` leaves '\n' alone for text the tool itself split into lines.
std::string escape_visible(std::string_view s, bool keep_newlines = false);

// GitHub workflow commands (actions/toolkit command.ts), after escape_visible:
// the message of ::error::MESSAGE escapes %, CR and LF; a property such as
// title= additionally ':' and ','.
std::string github_message(std::string_view s);
std::string github_property(std::string_view s);

// Markdown table cell text (notes, warnings, ids): escape_visible, then
// '\' doubled, '|' as "\|" so the row never splits, and '<', '>', '&' as
// entities so no raw HTML (not even a comment opener) reaches the page.
std::string markdown_text(std::string_view s);
// A name in a Markdown table: a code span whose fence is longer than any
// backtick run in the name, so the name cannot close it; '|' escaped for the
// table; shortened with shorten() first.
std::string markdown_code(std::string_view s, std::size_t max_chars = 120);

// JUnit XML text and attribute values: escape_visible (so every character
// left is one XML 1.0 allows), then &, <, >, " and ' as entities. "]]>"
// becomes "]]&gt;". Text keeps the tool's own newlines; an attribute does not.
std::string xml_text(std::string_view s);
std::string xml_attribute(std::string_view s);

// HTML text and attribute values (the history page, compare/history_page.hpp):
// escape_visible (no raw control character, newline or bidirectional
// control survives), then &, <, >, " and ' as entities, so the result is safe
// both between tags and inside a quoted attribute.
std::string html_text(std::string_view s);

// At most max_chars characters (UTF-8 code points): longer text keeps its
// first max_chars characters, then "…" and 8 hex digits of a hash of the whole
// text, so two long names that differ only at the end stay distinct and the
// marker is the same in every report.
std::string shorten(std::string_view s, std::size_t max_chars);

}  // namespace lukhas::compare
