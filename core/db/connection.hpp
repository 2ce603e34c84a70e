#pragma once
// Where the suite's PostgreSQL is, in this order: LUKHAS_PG_DSN; the standard
// libpq variables (PGHOST, PGPORT, PGDATABASE, PGUSER, ...; libpq reads them
// itself); the state file of fixtures/pg/throwaway-pg named by
// LUKHAS_PG_STATE. The decision is pure (environment and state file are
// passed in) so it is unit-testable; connect() is the thin shell.
#include <pqxx/connection>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace lukhas::db {

using StateMap = std::map<std::string, std::string>;
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
using StateReader = std::function<std::optional<StateMap>(const std::string& path)>;

struct Target {
  std::string dsn;     // empty: libpq reads the PG* variables
  std::string source;  // for messages: "LUKHAS_PG_DSN", "PG* environment", "state file <path>"
  StateMap state;      // the throwaway server's state file, when that was the source
};

// The fix printed with every "unavailable" message.
inline constexpr std::string_view kConnectFix =
    "fix: run under fixtures/pg/throwaway-pg run -- ..., or set LUKHAS_PG_DSN (or PGHOST, "
    "PGDATABASE, ...) to a running PostgreSQL";

// key=value lines; blank lines and '#' comments ignored.
StateMap parse_state(std::string_view text);
std::optional<StateMap> read_state_file(const std::string& path);

// Throws Error(unavailable) with the reason and the fix when nothing usable
// is configured or the state file records "unavailable".
Target resolve_target(const EnvLookup& env, const StateReader& read_state);
Target resolve_target_from_environment();

// One line from libpq's multi-line message, naming the socket or host and the
// reason, e.g. "cannot connect to PostgreSQL at socket /tmp/x/.s.PGSQL.5432:
// No such file or directory".
std::string describe_connect_failure(std::string_view libpq_message);

// nullopt when libpq can parse `dsn` (key=value pairs or a postgresql://
// URI; empty means "the PG* variables"), else libpq's reason. A malformed
// DSN is a configuration error to fix, not a server that is absent: it must
// fail a run, never skip it.
std::optional<std::string> dsn_syntax_error(const std::string& dsn);

// Throws Error(invalid_argument) naming the source when the DSN is
// malformed, Error(unavailable) with describe_connect_failure() and the fix
// when the server cannot be reached.
std::unique_ptr<pqxx::connection> connect(const Target& target);
std::unique_ptr<pqxx::connection> connect_from_environment();

}  // namespace lukhas::db
