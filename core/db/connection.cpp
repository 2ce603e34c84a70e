#include "core/db/connection.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/db/error.hpp"

namespace lukhas::db {

namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

StateMap parse_state(std::string_view text) {
  StateMap out;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    out.emplace(line.substr(0, eq), line.substr(eq + 1));
  }
  return out;
}

std::optional<StateMap> read_state_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_state(ss.str());
}

Target resolve_target(const EnvLookup& env, const StateReader& read_state) {
  if (auto dsn = env("LUKHAS_PG_DSN"); dsn && !dsn->empty()) return {*dsn, "LUKHAS_PG_DSN", {}};
  for (const char* v : {"PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"}) {
    if (auto x = env(v); x && !x->empty()) return {"", "PG* environment", {}};
  }
  const auto path = env("LUKHAS_PG_STATE");
  if (!path || path->empty()) {
    throw Error(ErrorKind::unavailable,
                fmt::format("PostgreSQL unavailable: no server configured (LUKHAS_PG_DSN, PGHOST "
                            "and LUKHAS_PG_STATE are unset); {}",
                            kConnectFix));
  }
  auto state = read_state(*path);
  if (!state) {
    throw Error(ErrorKind::unavailable,
                fmt::format("PostgreSQL unavailable: state file {} not found (did the db_server_start "
                            "fixture run?); {}",
                            *path, kConnectFix));
  }
  const auto status = state->count("status") ? state->at("status") : std::string("none");
  if (status == "running") {
    if (!state->count("dsn")) {
      throw Error(ErrorKind::unavailable,
                  fmt::format("PostgreSQL unavailable: state file {} has no dsn line; {}", *path,
                              kConnectFix));
    }
    return {state->at("dsn"), "state file " + *path, *state};
  }
  if (status == "unavailable") {
    const auto reason = state->count("reason") ? state->at("reason") : std::string("no reason recorded");
    throw Error(ErrorKind::unavailable, "PostgreSQL unavailable: " + reason);
  }
  if (status == "external") {
    // The fixture saw LUKHAS_PG_DSN / PG* but this process does not: the
    // variables were not passed through.
    throw Error(ErrorKind::unavailable,
                fmt::format("PostgreSQL unavailable: state file {} says an external server is used "
                            "but LUKHAS_PG_DSN / PG* are not set in this process; {}",
                            *path, kConnectFix));
  }
  throw Error(ErrorKind::unavailable,
              fmt::format("PostgreSQL unavailable: state file {} says status '{}' (server stopped); {}",
                          *path, status, kConnectFix));
}

Target resolve_target_from_environment() {
  const EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
  return resolve_target(env, read_state_file);
}

std::string describe_connect_failure(std::string_view libpq_message) {
  std::string msg(libpq_message);
  // libpq 15: 'connection to server on socket "/x/.s.PGSQL.5432" failed: REASON\n\tIs the server...'
  const auto nl = msg.find('\n');
  std::string first = trim(nl == std::string::npos ? msg : msg.substr(0, nl));
  static const std::regex socket_re(R"re(^connection to server on socket "([^"]+)" failed: (.*)$)re");
  static const std::regex tcp_re(
      R"re(^connection to server at "([^"]+)" \(([^)]*)\), port ([0-9]+) failed: (.*)$)re");
  static const std::regex severity_re(R"re(^(FATAL|ERROR):\s+)re");
  std::smatch m;
  if (std::regex_match(first, m, socket_re)) {
    return fmt::format("cannot connect to PostgreSQL at socket {}: {}", m[1].str(),
                       std::regex_replace(m[2].str(), severity_re, ""));
  }
  if (std::regex_match(first, m, tcp_re)) {
    return fmt::format("cannot connect to PostgreSQL at host {} ({}) port {}: {}", m[1].str(),
                       m[2].str(), m[3].str(), std::regex_replace(m[4].str(), severity_re, ""));
  }
  if (first.empty()) first = "no message from libpq";
  return fmt::format("cannot connect to PostgreSQL: {}", first);
}

std::optional<std::string> dsn_syntax_error(const std::string& dsn) {
  char* err = nullptr;
  PQconninfoOption* options = PQconninfoParse(dsn.c_str(), &err);
  if (options) {
    PQconninfoFree(options);
    return std::nullopt;
  }
  std::string reason = err ? trim(err) : std::string("cannot parse the connection string (out of memory?)");
  if (err) PQfreemem(err);
  return reason;
}

std::unique_ptr<pqxx::connection> connect(const Target& target) {
  if (const auto why = dsn_syntax_error(target.dsn))
    throw Error(ErrorKind::invalid_argument,
                fmt::format("malformed PostgreSQL connection string (from {}): {}; fix the value (libpq "
                            "key=value pairs such as 'host=/tmp port=5432 dbname=lukhas', or a postgresql:// URI)",
                            target.source, *why));
  try {
    return std::make_unique<pqxx::connection>(target.dsn);
  } catch (const std::exception& e) {
    throw Error(ErrorKind::unavailable,
                fmt::format("{} (from {}); {}", describe_connect_failure(e.what()), target.source,
                            kConnectFix));
  }
}

std::unique_ptr<pqxx::connection> connect_from_environment() {
  return connect(resolve_target_from_environment());
}

}  // namespace lukhas::db
