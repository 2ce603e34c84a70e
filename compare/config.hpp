#pragma once
// The comparator's settings: defaults, the committed configuration file
// (JSON) and the command-line overrides, in that order of precedence.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lukhas::compare {

enum class Direction { lower_is_better, higher_is_better };

// Defaults, with the reasoning in docs/comparator.md ("Defaults").
inline constexpr double kDefaultTimeThresholdPct = 3.0;  // docs/detection-power.md
inline constexpr double kDefaultInstructionsThresholdPct = 0.5;
inline constexpr double kDefaultAlpha = 0.05;
inline constexpr double kDefaultNoiseFactor = 2.0;
inline constexpr double kDefaultStaleFactor = 5.0;

struct ThresholdRule {
  std::string benchmark;  // glob
  std::string metric;     // empty = every metric of the matching benchmarks
  double threshold_pct = 0;
};

struct CounterRule {
  std::string name;                // counter key in the JSON rows
  Direction direction = Direction::lower_is_better;
  std::string benchmark = "*";     // glob: which benchmarks compare it
  std::optional<double> threshold_pct;  // default: the time threshold
};

struct Config {
  double threshold_pct = kDefaultTimeThresholdPct;  // time metrics and counters
  double instructions_threshold_pct = kDefaultInstructionsThresholdPct;
  double alpha = kDefaultAlpha;
  double noise_factor = kDefaultNoiseFactor;
  double stale_factor = kDefaultStaleFactor;
  std::vector<ThresholdRule> rules;  // later rules win over earlier ones
  std::vector<CounterRule> counters;
  std::vector<std::string> allow_removed;  // globs

  // The threshold (as a fraction) for one benchmark and metric.
  double threshold_for(std::string_view benchmark, std::string_view metric) const;
  bool removal_allowed(std::string_view benchmark) const;
};

// Parses the configuration file's text; unknown keys are errors (a typo must
// not silently fall back to a default). Throws InputError naming `path`.
Config parse_config(std::string_view text, const std::string& path);
Config config_from_json(const nlohmann::json& doc, const std::string& path);
// ADL form (j.get<Config>()); problems are reported as from "<config>".
void from_json(const nlohmann::json& j, Config& c);
Config read_config(const std::string& path);

std::string to_string(Direction d);

}  // namespace lukhas::compare
