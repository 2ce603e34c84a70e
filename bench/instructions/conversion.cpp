#include "bench/instructions/conversion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

namespace lukhas::instructions {

namespace {

using nlohmann::json;

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool time_derived_counter(const std::string& key) {
  return ends_with(key, "_per_second") || ends_with(key, "_us") || ends_with(key, "_ns") ||
         ends_with(key, "_ms");
}

std::string context_string(const json& raw, const char* key) {
  if (!raw.contains("context") || !raw["context"].is_object()) return {};
  const auto& c = raw["context"];
  if (!c.contains(key) || !c[key].is_string()) return {};
  return c[key].get<std::string>();
}

}  // namespace

std::string nonstrict_to_null(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size();) {
    const char ch = text[i];
    if (in_string) {
      out += ch;
      if (ch == '\\' && i + 1 < text.size()) {
        out += text[i + 1];
        i += 2;
        continue;
      }
      if (ch == '"') in_string = false;
      ++i;
      continue;
    }
    bool replaced = false;
    for (std::string_view token : {"-Infinity", "Infinity", "NaN"}) {
      if (text.substr(i, token.size()) == token) {
        out += "null";
        i += token.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    if (ch == '"') in_string = true;
    out += ch;
    ++i;
  }
  return out;
}

std::string normalise_name(const std::string& name) {
  static const std::regex fixed("/(iterations|repeats):[0-9]+");
  return std::regex_replace(name, fixed, "");
}

Conversion convert(const json& raw, const std::string& raw_file, std::vector<Dump> dumps,
                   const std::map<std::string, std::string>& extra_context) {
  Conversion c;
  auto problem = [&](std::string p) { c.problems.push_back(std::move(p)); };

  if (!raw.is_object() || !raw.contains("benchmarks") || !raw["benchmarks"].is_array()) {
    problem(fmt::format("{}: not Google Benchmark JSON (no 'benchmarks' array)", raw_file));
    return c;
  }
  if (context_string(raw, "lukhas_suite") == "schema") {
    problem(fmt::format("{}: suite 'schema' refused: {}", raw_file, kSchemaRefusal));
    return c;
  }
  if (const auto mode = context_string(raw, "lukhas_mode"); mode != "instructions") {
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

  std::vector<const json*> rows;
  std::size_t aggregates = 0;
  for (const auto& row : raw["benchmarks"]) {
    if (row.value("run_type", std::string("iteration")) == "aggregate") {
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

  c.output = json::object();
  c.output["context"] = raw.contains("context") ? raw["context"] : json::object();
  c.output["benchmarks"] = json::array();
  std::vector<std::string> dropped_counters;

  for (std::size_t i = 0; i < rows.size(); ++i) {
    const json& row = *rows[i];
    const Dump& d = dumps[i];
    const auto name = row.value("name", std::string());
    const auto threads = row.value("threads", std::int64_t{1});
    const auto iterations = row.value("iterations", std::int64_t{0});
    const bool errored = row.value("error_occurred", false);

    if (!errored && d.iterations * std::max<std::int64_t>(threads, 1) != iterations) {
      problem(fmt::format("{}: row {} '{}' ran {} iterations but dump {} ({}) says {} per "
                          "thread: rows and dumps are out of step",
                          raw_file, i, name, iterations, d.sequence, d.file, d.iterations));
      continue;
    }
    if (threads > 1) {
      c.excluded.push_back({normalise_name(name),
                            "multi-threaded: callgrind counts all threads together"});
      continue;
    }

    json out = json::object();
    for (const auto& [key, value] : row.items()) {
      if (time_derived_counter(key)) {
        if (std::find(dropped_counters.begin(), dropped_counters.end(), key) ==
            dropped_counters.end()) {
          dropped_counters.push_back(key);
        }
        continue;
      }
      out[key] = value;
    }
    out["name"] = normalise_name(name);
    if (row.contains("run_name") && row["run_name"].is_string()) {
      out["run_name"] = normalise_name(row["run_name"].get<std::string>());
    }
    if (!errored && iterations > 0) {
      const auto per = [&](std::uint64_t n) {
        return static_cast<double>(n) / static_cast<double>(iterations);
      };
      const double per_iteration = per(d.instructions - d.allocator_instructions);
      out["instructions"] = per_iteration;
      out["cpu_time"] = per_iteration;
      out["real_time"] = per_iteration;
      out["allocator_instructions"] = per(d.allocator_instructions);
    }
    c.output["benchmarks"].push_back(std::move(out));
  }
  if (!c.problems.empty()) {
    c.output = json();
    return c;
  }

  auto& ctx = c.output["context"];
  ctx["lukhas_mode"] = "instructions";
  ctx["lukhas_time_fields"] =
      "cpu_time and real_time hold instructions per iteration (callgrind Ir), not time";
  ctx["lukhas_instructions_counted"] =
      "instructions: every instruction of the measured loop except those inside calls to the "
      "allocator (allocator_instructions, not gated); allocations and allocated_bytes: "
      "counted by the suite itself";
  std::string excluded;
  for (const auto& e : c.excluded) {
    excluded += fmt::format("{}{} ({})", excluded.empty() ? "" : "; ", e.name, e.reason);
  }
  ctx["lukhas_instructions_excluded"] = excluded.empty() ? "none" : excluded;
  std::string dropped;
  for (const auto& k : dropped_counters) dropped += (dropped.empty() ? "" : ",") + k;
  ctx["lukhas_instructions_dropped_counters"] = dropped.empty() ? "none" : dropped;
  if (aggregates > 0) {
    ctx["lukhas_instructions_dropped_aggregates"] = std::to_string(aggregates);
  }
  for (const auto& [k, v] : extra_context) ctx[k] = v;
  return c;
}

}  // namespace lukhas::instructions
