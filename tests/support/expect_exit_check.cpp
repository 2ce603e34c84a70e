#include "expect_exit_check.hpp"

#include <charconv>

namespace lukhas::testsupport {

ParsedArgs parse_expect_exit_args(const std::vector<std::string>& argv) {
  ParsedArgs out;
  if (argv.size() < 3) {
    out.error = "usage: expect-exit CODE PATTERN -- COMMAND...";
    return out;
  }
  ExpectExitArgs a;
  const std::string& code = argv[0];
  const auto [end, ec] = std::from_chars(code.data(), code.data() + code.size(), a.code);
  if (ec != std::errc{} || end != code.data() + code.size() || a.code < 0 || a.code > 255) {
    out.error = "CODE: expected an exit code from 0 to 255, got '" + code + "'";
    return out;
  }
  a.pattern = argv[1];
  try {
    a.regex = std::regex(a.pattern, std::regex::extended | std::regex::nosubs);
  } catch (const std::regex_error& e) {
    out.error = "PATTERN: not an extended regex: /" + a.pattern + "/: " + e.what();
    return out;
  }
  std::size_t first = 2;
  if (argv[first] == "--") ++first;
  if (first >= argv.size()) {
    out.error = "COMMAND missing after '--'";
    return out;
  }
  a.command.assign(argv.begin() + static_cast<std::ptrdiff_t>(first), argv.end());
  out.args = std::move(a);
  return out;
}

bool stderr_matches(std::string_view err, const std::regex& regex) {
  while (!err.empty()) {
    const std::size_t nl = err.find('\n');
    const std::string line(err.substr(0, nl));
    if (std::regex_search(line, regex)) return true;
    if (nl == std::string_view::npos) break;
    err.remove_prefix(nl + 1);
  }
  return false;
}

std::string join_command(const std::vector<std::string>& command) {
  std::string out;
  for (const auto& word : command) {
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

ExpectExitVerdict judge_exit(const ExpectExitArgs& args, int got, std::string_view err) {
  const std::string cmd = "'" + join_command(args.command) + "'";
  const std::string got_s = std::to_string(got);
  if (got != args.code) {
    return {false, "expect-exit: " + cmd + " exited " + got_s + ", expected " +
                       std::to_string(args.code) + "; its stderr:"};
  }
  if (!stderr_matches(err, args.regex)) {
    return {false, "expect-exit: " + cmd + " exited " + got_s +
                       " as expected, but stderr does not match /" + args.pattern + "/:"};
  }
  return {true, "expect-exit: exit " + got_s + " and stderr matching /" + args.pattern +
                    "/, as expected"};
}

}  // namespace lukhas::testsupport
