#include "runner/manifest.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <type_traits>

namespace lukhas::runner {

namespace fs = std::filesystem;
using nlohmann::json;

const Suite* Manifest::find(const std::string& name) const {
  for (const auto& s : suites) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::vector<Suite> Manifest::select(const std::string& list) const {
  if (list.empty()) return suites;
  std::vector<Suite> out;
  std::set<std::string> seen;
  std::string known;
  for (const auto& s : suites) known += (known.empty() ? "" : ", ") + s.name;
  std::stringstream in(list);
  std::string name;
  while (std::getline(in, name, ',')) {
    const Suite* s = find(name);
    if (s == nullptr) {
      throw ManifestError{fmt::format("unknown suite '{}' (this build has: {})", name, known)};
    }
    if (!seen.insert(name).second) throw ManifestError{fmt::format("suite '{}' listed twice", name)};
    out.push_back(*s);
  }
  if (out.empty()) throw ManifestError{"the suite list is empty"};
  return out;
}

fs::path Manifest::binary_in(const fs::path& build_dir, const std::string& suite) {
  return build_dir / "bench" / suite / ("bench_" + suite);
}

namespace {

template <typename T>
T field(const json& j, const char* key, const std::string& where) {
  const auto it = j.find(key);
  if (it == j.end()) throw ManifestError{fmt::format("{}: missing \"{}\"", where, key)};
  // get<T>() converts between numbers (and from booleans): 9.5 repetitions
  // would silently run as 9. Each field has exactly one JSON type.
  bool typed = it->is_string();
  if constexpr (std::is_same_v<T, bool>) {
    typed = it->is_boolean();
  } else if constexpr (std::is_integral_v<T>) {
    typed = it->is_number_integer();
  } else if constexpr (std::is_floating_point_v<T>) {
    typed = it->is_number();
  }
  if (!typed) throw ManifestError{fmt::format("{}: \"{}\" has the wrong type", where, key)};
  try {
    return it->get<T>();
  } catch (const json::exception&) {
    throw ManifestError{fmt::format("{}: \"{}\" has the wrong type", where, key)};
  }
}

}  // namespace

Manifest parse_manifest(const std::string& text, const std::string& file, const fs::path& build_dir) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw ManifestError{fmt::format("{}: not JSON ({}); reconfigure the build tree", file, e.what())};
  }
  if (!j.is_object()) throw ManifestError{fmt::format("{}: expected an object", file)};
  if (field<int>(j, "manifest_version", file) != 1) {
    throw ManifestError{fmt::format("{}: manifest_version is not 1; reconfigure the build tree", file)};
  }
  Manifest m;
  m.build_dir = build_dir;
  m.source_dir = field<std::string>(j, "source_dir", file);
  m.instruction_iterations = field<long>(j, "instruction_iterations", file);
  m.time_repetitions = field<long>(j, "time_repetitions", file);
  m.time_min_time = field<double>(j, "time_min_time", file);
  m.latency_calls = field<long>(j, "latency_calls", file);
  const auto suites = j.find("suites");
  if (suites == j.end() || !suites->is_array()) {
    throw ManifestError{fmt::format("{}: \"suites\" must be an array", file)};
  }
  for (std::size_t i = 0; i < suites->size(); ++i) {
    const json& e = (*suites)[i];
    const std::string where = fmt::format("{}: suites[{}]", file, i);
    if (!e.is_object()) throw ManifestError{where + ": expected an object"};
    Suite s;
    s.name = field<std::string>(e, "name", where);
    s.binary = build_dir / field<std::string>(e, "binary", where);
    s.instructions = field<bool>(e, "instructions", where);
    s.postgres = field<bool>(e, "postgres", where);
    if (e.contains("slo_calls")) s.slo_calls = field<long>(e, "slo_calls", where);
    m.suites.push_back(std::move(s));
  }
  return m;
}

Manifest load_manifest(const fs::path& build_dir) {
  const fs::path file = build_dir / "suites.json";
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw ManifestError{fmt::format(
        "{}: no suite manifest; is {} a configured build tree with benchmarks on "
        "(cmake --preset perf, or any preset with benchmarks on)?",
        file.string(), build_dir.string())};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_manifest(text.str(), file.string(), fs::absolute(build_dir).lexically_normal());
}

}  // namespace lukhas::runner
