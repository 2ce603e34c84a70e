#include "runner/second_look.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace lukhas::runner {

namespace {

using json = nlohmann::json;

double q_of(const json& paired, const char* key) {
  const auto it = paired.find(key);
  return it != paired.end() && it->is_number() ? it->get<double>() : std::numeric_limits<double>::infinity();
}

}  // namespace

SecondLookPick pick_second_look(std::string_view report_json, std::size_t cap) {
  json report;
  try {
    report = json::parse(report_json);
  } catch (const json::parse_error& e) {
    throw std::runtime_error(fmt::format("the first look's report is not JSON: {}", e.what()));
  }
  const auto comparisons = report.find("comparisons");
  if (!report.is_object() || comparisons == report.end() || !comparisons->is_array())
    throw std::runtime_error("the first look's report has no \"comparisons\" array");
  std::vector<std::pair<double, std::string>> chance;
  SecondLookPick pick;
  for (const auto& c : *comparisons) {
    const auto paired = c.find("paired");
    if (paired == c.end() || !paired->is_object()) continue;
    ++pick.judged;
    const auto flag = paired->find("chance_interval");
    if (flag == paired->end() || !flag->is_boolean())
      throw std::runtime_error(fmt::format("the first look's row {} has no paired.chance_interval",
                                           c.value("name", std::string("(unnamed)"))));
    if (!flag->get<bool>() || c.value("verdict", std::string()) != "unchanged") continue;
    const auto name = c.find("name");
    if (name == c.end() || !name->is_string()) throw std::runtime_error("the first look has a row without a name");
    chance.emplace_back(std::min(q_of(*paired, "above_threshold_q"), q_of(*paired, "below_threshold_q")),
                        name->get<std::string>());
  }
  std::sort(chance.begin(), chance.end());
  for (auto& [q, name] : chance) {
    if (pick.names.size() < cap) {
      pick.names.push_back(std::move(name));
    } else {
      ++pick.left_out;
    }
  }
  return pick;
}

std::string reported_name(std::string_view listed) {
  constexpr std::string_view tag = "/iterations:";
  for (std::size_t at = listed.find(tag); at != std::string_view::npos; at = listed.find(tag, at + 1)) {
    std::size_t end = at + tag.size();
    while (end < listed.size() && listed[end] >= '0' && listed[end] <= '9') ++end;
    if (end > at + tag.size() && (end == listed.size() || listed[end] == '/'))
      return std::string(listed.substr(0, at)) + std::string(listed.substr(end));
  }
  return std::string(listed);
}

std::uint64_t second_look_seed(std::uint64_t first_look_seed) {
  // Any fixed odd offset: SplitMix64 (compare/splitmix.hpp) makes unrelated
  // streams of neighbouring seeds.
  return first_look_seed + 0x9E3779B97F4A7C15ULL;
}

}  // namespace lukhas::runner
