#include "compare/rounds.hpp"

#include <fmt/format.h>

#include <map>

#include "compare/errors.hpp"

namespace lukhas::compare {

GbenchFile merge_rounds(std::vector<GbenchFile> rounds) {
  if (rounds.empty()) throw InputError("", "", "no rounds to merge");
  const std::string suite = context_string(rounds.front().context, "lukhas_suite");
  std::vector<Problem> problems;
  for (const auto& r : rounds) {
    const std::string s = context_string(r.context, "lukhas_suite");
    if (s != suite)
      problems.push_back(Problem{r.path, "context.lukhas_suite",
                                 fmt::format("suite '{}' differs from '{}' in {}", s, suite, rounds.front().path)});
  }
  if (!problems.empty()) throw InputError(std::move(problems));

  GbenchFile out;
  out.path = rounds.front().path;
  out.context = std::move(rounds.front().context);
  std::map<std::string, std::int64_t> count;  // run name -> repetitions so far
  std::size_t dropped = 0;
  for (auto& r : rounds) {
    for (auto& row : r.rows) {
      if (row.run_type == RunType::aggregate) {
        ++dropped;
        continue;
      }
      row.repetition_index = count[row.group_key()]++;
      out.rows.push_back(std::move(row));
    }
  }
  for (auto& row : out.rows) row.repetitions = count[row.group_key()];
  out.context["lukhas_rounds"] = std::to_string(rounds.size());
  if (dropped > 0) out.context["lukhas_round_aggregates_dropped"] = std::to_string(dropped);
  return out;
}

}  // namespace lukhas::compare
