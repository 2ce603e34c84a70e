#include "compare/cli_checks.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <system_error>

namespace lukhas::compare {

std::string check_whole_number(const std::string& text, long long lo, long long hi) {
  const auto wanted = [&] { return fmt::format("a whole number from {} to {}", lo, hi); };
  const bool digits_only =
      !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits_only) return fmt::format("'{}' is not {}", text, wanted());
  long long v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc::result_out_of_range || v < lo || v > hi)
    return fmt::format("{} is out of range: expected {}", text, wanted());
  if (ec != std::errc{} || end != text.data() + text.size()) return fmt::format("'{}' is not {}", text, wanted());
  return {};
}

std::string check_finite_number(const std::string& text, double lo, double hi, bool lo_open) {
  const auto wanted = [&] {
    return lo_open ? fmt::format("a finite number above {} and at most {}", lo, hi)
                   : fmt::format("a finite number from {} to {}", lo, hi);
  };
  // from_chars takes no leading '+' or space and no hexadecimal here; "nan"
  // and "inf" it parses, and the finiteness test refuses them.
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v, std::chars_format::general);
  if (text.empty() || ec == std::errc::invalid_argument || end != text.data() + text.size())
    return fmt::format("'{}' is not {}", text, wanted());
  if (ec == std::errc::result_out_of_range || !std::isfinite(v) || v < lo || v > hi || (lo_open && v == lo))
    return fmt::format("{} is out of range: expected {}", text, wanted());
  return {};
}

CLI::Validator whole_number(long long lo, long long hi) {
  return CLI::Validator([lo, hi](std::string& s) { return check_whole_number(s, lo, hi); },
                        fmt::format("{}..{}", lo, hi));
}

CLI::Validator finite_number(double lo, double hi, bool lo_open) {
  return CLI::Validator([lo, hi, lo_open](std::string& s) { return check_finite_number(s, lo, hi, lo_open); },
                        fmt::format("{}{}..{}]", lo_open ? "(" : "[", lo, hi));
}

}  // namespace lukhas::compare
