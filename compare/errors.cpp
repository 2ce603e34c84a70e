#include "compare/errors.hpp"

#include <fmt/format.h>

#include "compare/escape.hpp"

namespace lukhas::compare {

// One line per problem, whatever the file name, field or benchmark name in it
// holds: these lines go to a terminal or a CI log (escape.hpp).
std::string format_problem(const Problem& p) {
  std::string out = p.file;
  if (!p.where.empty()) out += (out.empty() ? "" : ": ") + p.where;
  out += (out.empty() ? "" : ": ") + p.reason;
  return escape_visible(out);
}

namespace {
std::string join(const std::vector<Problem>& problems) {
  std::string out;
  for (const auto& p : problems) {
    if (!out.empty()) out += '\n';
    out += format_problem(p);
  }
  return out;
}
}  // namespace

InputError::InputError(std::vector<Problem> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems)) {}

InputError::InputError(std::string file, std::string where, std::string reason)
    : InputError(std::vector<Problem>{Problem{std::move(file), std::move(where), std::move(reason)}}) {}

void ProblemList::add(std::string where, std::string reason) {
  if (problems_.size() >= limit_) {
    ++dropped_;
    return;
  }
  problems_.push_back(Problem{file_, std::move(where), std::move(reason)});
}

void ProblemList::throw_if_any() const {
  if (problems_.empty()) return;
  auto all = problems_;
  if (dropped_ > 0) all.push_back(Problem{file_, "", fmt::format("... and {} more problems", dropped_)});
  throw InputError(std::move(all));
}

}  // namespace lukhas::compare
