#include "bench/instructions/conversion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>
#include <string_view>

namespace lukhas::instructions {

namespace {

using compare::GbenchFile;
using compare::Row;
using compare::RunType;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool time_derived_counter(std::string_view key) {
  return ends_with(key, "_per_second") || ends_with(key, "_us") || ends_with(key, "_ns") ||
         ends_with(key, "_ms");
}

}  // namespace

std::string normalise_name(const std::string& name) {
  static const std::regex fixed("/(iterations|repeats):[0-9]+");
  return std::regex_replace(name, fixed, "");
}

Conversion convert(const GbenchFile& raw, const std::string& raw_file, std::vector<Dump> dumps,
                   const std::map<std::string, std::string>& extra_context) {
  Conversion c;
  auto problem = [&](std::string p) { c.problems.push_back(std::move(p)); };

  if (compare::context_string(raw.context, "lukhas_suite") == "schema") {
    problem(fmt::format("{}: suite 'schema' refused: {}", raw_file, kSchemaRefusal));
    c.refused = true;
    return c;
  }
  if (const auto mode = compare::context_string(raw.context, "lukhas_mode"); mode != "instructions") {
    problem(fmt::format("{}: context lukhas_mode is '{}', expected 'instructions' "
                        "(run the suite with --lukhas_mode=instructions)",
                        raw_file, mode));
    return c;
  }

  std::sort(dumps.begin(), dumps.end(),
            [](const Dump& a, const Dump& b) { return a.sequence < b.sequence; });
  for (std::size_t i = 0; i < dumps.size(); ++i) {
    if (dumps[i].sequence != static_cast<std::int64_t>(i)) {
      problem(fmt::format("{}: dump sequence {} where {} was expected (a dump is missing or "
                          "repeated; were several runs' dumps mixed in one folder?)",
                          dumps[i].file, dumps[i].sequence, i));
      return c;
    }
  }

  std::vector<const Row*> rows;
  std::size_t aggregates = 0;
  for (const auto& row : raw.rows) {
    if (row.run_type == RunType::aggregate) {
      ++aggregates;
      continue;
    }
    rows.push_back(&row);
  }
  if (rows.size() != dumps.size()) {
    problem(fmt::format(
        "{}: {} benchmark rows but {} measured-region dumps: every benchmark must loop with "
        "`for (auto _ : lukhas::bench::measured(state))` (docs/benchmark-conventions.md)",
        raw_file, rows.size(), dumps.size()));
    return c;
  }

  c.output.path = raw.path;
  c.output.context = raw.context;
  std::vector<std::string> dropped_counters;

  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& row = *rows[i];
    const Dump& d = dumps[i];
    const std::int64_t threads = row.threads;
    const std::int64_t iterations = row.iterations;
    const bool errored = row.error_occurred;

    if (!errored && d.iterations * std::max<std::int64_t>(threads, 1) != iterations) {
      problem(fmt::format("{}: row {} '{}' ran {} iterations but dump {} ({}) says {} per "
                          "thread: rows and dumps are out of step",
                          raw_file, i, row.name, iterations, d.sequence, d.file, d.iterations));
      continue;
    }
    if (threads > 1) {
      c.excluded.push_back({normalise_name(row.name),
                            "multi-threaded: callgrind counts all threads together"});
      continue;
    }

    Row out = row;
    out.counters.clear();
    for (const auto& counter : row.counters) {
      if (time_derived_counter(counter.name)) {
        const std::string key(counter.name);
        if (std::find(dropped_counters.begin(), dropped_counters.end(), key) == dropped_counters.end())
          dropped_counters.push_back(key);
        continue;
      }
      out.counters.push_back(counter);
    }
    out.name = normalise_name(row.name);
    if (!row.run_name.empty()) out.run_name = normalise_name(row.run_name);
    if (!errored && iterations > 0) {
      const auto per = [&](std::uint64_t n) {
        return static_cast<double>(n) / static_cast<double>(iterations);
      };
      const double per_iteration = per(d.instructions - d.allocator_instructions);
      auto set = [&](std::string_view key, double v) {
        for (auto& counter : out.counters)
          if (counter.name == key) {
            counter.value = v;
            return;
          }
        out.counters.push_back({key, v});
      };
      set("instructions", per_iteration);
      set("allocator_instructions", per(d.allocator_instructions));
      out.cpu_time = per_iteration;
      out.real_time = per_iteration;
    }
    c.output.rows.push_back(std::move(out));
  }
  if (!c.problems.empty()) {
    c.output = GbenchFile{};
    return c;
  }

  auto& ctx = c.output.context;
  ctx["lukhas_mode"] = std::string("instructions");
  ctx["lukhas_time_fields"] =
      std::string("cpu_time and real_time hold instructions per iteration (callgrind Ir), not time");
  ctx["lukhas_instructions_counted"] = std::string(
      "instructions: every instruction of the measured loop except those inside calls to the "
      "allocator (allocator_instructions, not gated); allocations and allocated_bytes: "
      "counted by the suite itself");
  std::string excluded;
  for (const auto& e : c.excluded) {
    excluded += fmt::format("{}{} ({})", excluded.empty() ? "" : "; ", e.name, e.reason);
  }
  ctx["lukhas_instructions_excluded"] = excluded.empty() ? std::string("none") : excluded;
  std::string dropped;
  for (const auto& k : dropped_counters) dropped += (dropped.empty() ? "" : ",") + k;
  ctx["lukhas_instructions_dropped_counters"] = dropped.empty() ? std::string("none") : dropped;
  if (aggregates > 0) {
    ctx["lukhas_instructions_dropped_aggregates"] = std::to_string(aggregates);
  }
  for (const auto& [k, v] : extra_context) ctx[k] = v;
  return c;
}

}  // namespace lukhas::instructions
