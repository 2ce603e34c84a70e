// Where the suite connects, and the one-line message when it cannot: pure
// functions fed with a fake environment and state file.
#include <gtest/gtest.h>

#include "core/db/connection.hpp"
#include "core/db/error.hpp"

namespace lukhas::db {
namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& k) -> std::optional<std::string> {
    auto it = vars.find(k);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

StateReader state_of(std::optional<std::string> text) {
  return [text](const std::string&) -> std::optional<StateMap> {
    if (!text) return std::nullopt;
    return parse_state(*text);
  };
}

std::string unavailable_message(const EnvLookup& env, const StateReader& st) {
  try {
    resolve_target(env, st);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unavailable);
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return {};
}

TEST(Connection, DsnVariableWinsOverEverythingElse) {
  const auto t = resolve_target(env_of({{"LUKHAS_PG_DSN", "host=/x dbname=y"}, {"PGHOST", "/z"}}),
                                state_of("status=running\ndsn=host=/s\n"));
  EXPECT_EQ(t.dsn, "host=/x dbname=y");
  EXPECT_EQ(t.source, "LUKHAS_PG_DSN");
}

TEST(Connection, LibpqVariablesAreLeftToLibpq) {
  const auto t = resolve_target(env_of({{"PGDATABASE", "mine"}}), state_of(std::nullopt));
  EXPECT_EQ(t.dsn, "");
}

TEST(Connection, RunningStateFileGivesItsDsnAndSettings) {
  const auto t = resolve_target(env_of({{"LUKHAS_PG_STATE", "/b/pg/state"}}),
                                state_of("status=running\ndsn=host=/tmp/p port=5432\nsetting.port=5432\n"));
  EXPECT_EQ(t.dsn, "host=/tmp/p port=5432");
  EXPECT_EQ(t.state.at("setting.port"), "5432");
}

TEST(Connection, UnavailableStateFileGivesItsReason) {
  const auto msg = unavailable_message(env_of({{"LUKHAS_PG_STATE", "/b/pg/state"}}),
                                       state_of("status=unavailable\nreason=binaries missing: install x\n"));
  EXPECT_NE(msg.find("binaries missing: install x"), std::string::npos) << msg;
}

TEST(Connection, NothingConfiguredNamesTheFix) {
  const auto msg = unavailable_message(env_of({}), state_of(std::nullopt));
  EXPECT_NE(msg.find("LUKHAS_PG_DSN"), std::string::npos) << msg;
  EXPECT_NE(msg.find("throwaway-pg"), std::string::npos) << msg;
  const auto missing = unavailable_message(env_of({{"LUKHAS_PG_STATE", "/nope/state"}}), state_of(std::nullopt));
  EXPECT_NE(missing.find("/nope/state"), std::string::npos) << missing;
}

TEST(Connection, SocketFailureBecomesOneLineNamingTheSocket) {
  const auto line = describe_connect_failure(
      "connection to server on socket \"/nonexistent/.s.PGSQL.5432\" failed: No such file or directory\n"
      "\tIs the server running locally and accepting connections on that socket?\n");
  EXPECT_EQ(line, "cannot connect to PostgreSQL at socket /nonexistent/.s.PGSQL.5432: No such file or directory");
}

TEST(Connection, TcpFailureNamesHostAndPort) {
  const auto line = describe_connect_failure(
      "connection to server at \"localhost\" (127.0.0.1), port 5433 failed: Connection refused\n"
      "\tIs the server running on that host and accepting TCP/IP connections?\n");
  EXPECT_EQ(line, "cannot connect to PostgreSQL at host localhost (127.0.0.1) port 5433: Connection refused");
  const auto fatal = describe_connect_failure(
      "connection to server on socket \"/tmp/p/.s.PGSQL.5432\" failed: FATAL:  database \"x\" does not exist\n");
  EXPECT_EQ(fatal, "cannot connect to PostgreSQL at socket /tmp/p/.s.PGSQL.5432: database \"x\" does not exist");
}

TEST(Connection, UnrecognisedMessageKeepsItsFirstLine) {
  EXPECT_EQ(describe_connect_failure("invalid connection option \"foo\"\n"),
            "cannot connect to PostgreSQL: invalid connection option \"foo\"");
  EXPECT_EQ(describe_connect_failure(""), "cannot connect to PostgreSQL: no message from libpq");
}

}  // namespace
}  // namespace lukhas::db

namespace lukhas::db {
namespace {

TEST(Connection, AMalformedDsnIsAnInvalidArgumentNotAnAbsentServer) {
  for (const char* bad : {"host=/tmp port", "host='/tmp", "nosuchoption=1", "postgresql://[::1"}) {
    EXPECT_TRUE(dsn_syntax_error(bad).has_value()) << bad;
    try {
      (void)connect(Target{bad, "LUKHAS_PG_DSN", {}});
      ADD_FAILURE() << "connected with " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::invalid_argument) << bad << ": " << e.what();
      EXPECT_NE(std::string(e.what()).find("malformed PostgreSQL connection string (from LUKHAS_PG_DSN)"),
                std::string::npos)
          << e.what();
    }
  }
  for (const char* good : {"", "host=/tmp port=5432 dbname=lukhas", "postgresql://localhost:5432/lukhas"})
    EXPECT_FALSE(dsn_syntax_error(good).has_value()) << good;
  // Well formed but nobody listens: absent, i.e. a skip.
  try {
    (void)connect(Target{"host=/nonexistent-lukhas-socket dbname=x", "LUKHAS_PG_DSN", {}});
    ADD_FAILURE() << "connected";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unavailable) << e.what();
  }
}

}  // namespace
}  // namespace lukhas::db
