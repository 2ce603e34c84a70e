#include "bench/support/flags.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace lukhas::bench {

namespace {

constexpr std::array<std::string_view, 3> kFormats{"console", "json", "csv"};

// Google Benchmark's own spelling of true and false (IsTruthyFlagValue and
// its negation), so a typo such as "ture" is an error, not "true".
constexpr std::array<std::string_view, 12> kBools{"true", "false", "yes", "no", "on", "off",
                                                  "1",    "0",     "t",   "f",  "y",  "n"};

bool is_format(std::string_view v) { return std::find(kFormats.begin(), kFormats.end(), v) != kFormats.end(); }

bool is_bool(std::string v) {
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return v.empty() || std::find(kBools.begin(), kBools.end(), v) != kBools.end();
}

bool is_true(std::string v) {
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return v.empty() || v == "true" || v == "yes" || v == "on" || v == "1" || v == "t" || v == "y";
}

std::optional<long long> whole(std::string_view v) {
  long long n = 0;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || p != v.data() + v.size() || v.empty()) return std::nullopt;
  return n;
}

std::optional<double> seconds(const std::string& v) {
  if (v.empty()) return std::nullopt;
  char* end = nullptr;
  const double d = std::strtod(v.c_str(), &end);
  if (end != v.c_str() + v.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

}  // namespace

FlagCheck check_benchmark_flags(const std::vector<std::string>& args) {
  FlagCheck out;
  auto fail = [&](const std::string& flag, const std::string& expected, const std::string& got) {
    if (!out.error) out.error = fmt::format("{}: expected {}, got '{}'", flag, expected, got);
  };
  for (const auto& a : args) {
    const auto eq = a.find('=');
    const std::string flag = a.substr(0, eq);
    const bool has_value = eq != std::string::npos;
    const std::string value = has_value ? a.substr(eq + 1) : "";
    if (flag == "--benchmark_format" || flag == "--benchmark_out_format") {
      if (!is_format(value)) fail(flag, "console, json or csv", value);
      (flag == "--benchmark_format" ? out.output.display_format : out.output.out_format) = value;
      continue;  // handled by run.cpp, not by the library
    }
    if (flag == "--benchmark_out") {
      if (value.empty()) fail(flag, "a file name (--benchmark_out=FILE)", value);
      out.output.out_path = value;
      continue;
    }
    if (flag == "--benchmark_display_aggregates_only") {
      if (!is_bool(value)) fail(flag, "true or false", value);
      out.output.display_aggregates_only = is_true(value);
      continue;  // the file keeps every row, as with the library's own file reporter
    }
    if (flag == "--benchmark_repetitions") {
      const auto n = whole(value);
      if (!n || *n < 1 || *n > 1'000'000) fail(flag, "a whole number from 1 to 1000000", value);
    } else if (flag == "--benchmark_min_time" || flag == "--benchmark_min_warmup_time") {
      const auto s = seconds(value);
      if (!s || *s < 0) fail(flag, "a number of seconds >= 0", value);
    } else if (flag == "--benchmark_list_tests" || flag == "--benchmark_report_aggregates_only" ||
               flag == "--benchmark_enable_random_interleaving" || flag == "--benchmark_counters_tabular") {
      if (!is_bool(value)) fail(flag, "true or false", value);
    } else if (flag == "--benchmark_color") {
      if (value != "auto" && !is_bool(value)) fail(flag, "auto, true or false", value);
      if (value != "auto") out.output.color = is_true(value);
      continue;  // the console reporter is made by run.cpp
    }
    out.rest.push_back(a);
  }
  return out;
}

std::optional<std::uint64_t> parse_seed(std::string_view text) {
  std::uint64_t n = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc{} || p != text.data() + text.size()) return std::nullopt;
  return n;
}

}  // namespace lukhas::bench
