// The identity queries against the real server and the generated data set.
#include <gtest/gtest.h>

#include "core/db/error.hpp"
#include "core/identity/lid.hpp"
#include "core/db/identity_store.hpp"
#include "db_env.hpp"
#include "fixtures/datagen/dataset.hpp"

namespace lukhas::db {
namespace {

using testdb::conn;
using testdb::count;
using testdb::dataset;

// First generated user index with (or without) a namespace.
std::int64_t find_user(bool with_namespace) {
  for (std::int64_t i = 0;; ++i) {
    if (datagen::user_row(dataset().seed, i).ns.has_value() == with_namespace) return i;
  }
}

TEST(IdentityStore, UserByLidFindsGeneratedUserWithNamespace) {
  IdentityStore store(conn());
  const auto expected = datagen::user_row(dataset().seed, find_user(true));
  const auto got = store.user_by_lid(expected.ns, expected.username);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->user_id, expected.user_id);
  EXPECT_EQ(got->ns, expected.ns);
  EXPECT_EQ(got->tier, expected.tier);
}

TEST(IdentityStore, UserByLidFindsUserWithoutNamespaceAndTreatsEmptyAsAbsent) {
  IdentityStore store(conn());
  const auto expected = datagen::user_row(dataset().seed, find_user(false));
  const auto absent = store.user_by_lid(std::nullopt, expected.username);
  ASSERT_TRUE(absent.has_value());
  EXPECT_EQ(absent->user_id, expected.user_id);
  EXPECT_FALSE(absent->ns.has_value());
  const auto empty = store.user_by_lid(std::string(), expected.username);
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->user_id, expected.user_id);
}

TEST(IdentityStore, UserByLidWithWrongNamespaceFindsNothing) {
  IdentityStore store(conn());
  const auto u = datagen::user_row(dataset().seed, find_user(false));
  EXPECT_FALSE(store.user_by_lid(std::string("nowhere"), u.username).has_value());
  EXPECT_FALSE(store.user_by_lid(std::nullopt, "no_such_user_anywhere").has_value());
}

TEST(IdentityStore, DuplicateUsernameWithoutNamespaceIsRefused) {
  IdentityStore store(conn());
  const auto name = testdb::unique("dup_");
  store.create_user({std::nullopt, name, "T2", false, std::nullopt});
  try {
    store.create_user({std::nullopt, name, "T2", false, std::nullopt});
    FAIL() << "a second '" << name << "' without a namespace was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict) << e.what();
  }
  EXPECT_EQ(count("SELECT count(*) FROM identity.users WHERE username = $1", name), 1);
  // The same username in a namespace is a different ΛID.
  EXPECT_NO_THROW(store.create_user({std::string("stanford"), name, "T2", false, std::nullopt}));
  EXPECT_EQ(count("SELECT count(*) FROM identity.users WHERE username = $1", name), 2);
}

TEST(IdentityStore, CreateUserRefusesInvalidUsername) {
  IdentityStore store(conn());
  try {
    store.create_user({std::nullopt, "Bad Name!", "T2", false, std::nullopt});
    FAIL() << "an invalid username was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid_argument) << e.what();
  }
}

TEST(IdentityStore, UserByAliasFindsTheOwner) {
  IdentityStore store(conn());
  std::int64_t i = 0;
  while (!datagen::alias_row(dataset().seed, i)) ++i;
  const auto alias = *datagen::alias_row(dataset().seed, i);
  const auto got = store.user_by_alias(alias.provider, alias.provider_user_id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->user_id, datagen::user_row(dataset().seed, i).user_id);
  EXPECT_FALSE(store.user_by_alias(alias.provider, "no-such-account").has_value());
  EXPECT_FALSE(store.user_by_alias("google", alias.provider_user_id + "x").has_value());
}

TEST(IdentityStore, RecentAuditReturnsNewestFiftyNewestFirst) {
  IdentityStore store(conn());
  const auto name = testdb::unique("audit_");
  const auto user_id = store.create_user({std::nullopt, name, "T2", false, std::nullopt});
  std::string last;
  for (int k = 0; k < 60; ++k) {
    AuditEvent ev;
    ev.event_type = "login";
    ev.user_id = user_id;
    ev.canonical_lid = name;
    ev.client_ip = "203.0.113.7";
    ev.processing_time_ms = k;
    last = store.log_event(ev);
  }
  const auto rows = store.recent_audit(user_id);
  ASSERT_EQ(rows.size(), 50u);
  EXPECT_EQ(rows.front().audit_id, last);
  EXPECT_DOUBLE_EQ(rows.front().processing_time_ms, 59);
  for (std::size_t k = 1; k < rows.size(); ++k) EXPECT_GE(rows[k - 1].event_at, rows[k].event_at);
}

TEST(IdentityStore, LogEventWritesExactlyOneRow) {
  IdentityStore store(conn());
  const auto lid = testdb::unique("one_");
  AuditEvent ev;
  ev.event_type = "resolution";
  ev.canonical_lid = lid;
  ev.metadata_json = R"({"source": "test"})";
  store.log_event(ev);
  EXPECT_EQ(count("SELECT count(*) FROM identity.audit_log WHERE canonical_lid = $1", lid), 1);
}

TEST(IdentityStore, LogEventRefusesUnknownEventTypeAndWritesNothing) {
  IdentityStore store(conn());
  const auto lid = testdb::unique("bad_");
  AuditEvent ev;
  ev.event_type = "teleport";
  ev.canonical_lid = lid;
  EXPECT_THROW(store.log_event(ev), Error);
  ev.event_type = "login";
  ev.client_ip = "not an address";
  EXPECT_THROW(store.log_event(ev), Error);
  EXPECT_EQ(count("SELECT count(*) FROM identity.audit_log WHERE canonical_lid = $1", lid), 0);
}

TEST(IdentityStore, PerformanceStatsCoverTheLastDayPerEventType) {
  IdentityStore store(conn());
  AuditEvent ev;
  ev.event_type = "mfa_use";
  ev.processing_time_ms = 3.5;
  store.log_event(ev);
  const auto stats = store.performance_stats();
  ASSERT_FALSE(stats.empty());
  bool saw = false;
  for (const auto& s : stats) {
    EXPECT_GT(s.count, 0);
    EXPECT_LE(s.p95_ms, s.p99_ms + 1e-9);
    if (s.event_type == "mfa_use") saw = true;
  }
  EXPECT_TRUE(saw);
  // The view only looks back 24 hours: fewer rows than the month loaded.
  std::int64_t in_view = 0;
  for (const auto& s : stats) in_view += s.count;
  EXPECT_LT(in_view, count("SELECT count(*) FROM identity.audit_log"));
}

TEST(IdentityStore, SqlInLidFindsNothingAndDropsNothing) {
  IdentityStore store(conn());
  const std::string evil = "x'; drop table identity.users; --";
  const auto before = count("SELECT count(*) FROM identity.users");
  EXPECT_FALSE(store.user_by_lid(std::nullopt, evil).has_value());
  EXPECT_FALSE(store.user_by_lid(evil, "alice_1").has_value());
  EXPECT_FALSE(store.user_by_alias("google", evil).has_value());
  EXPECT_EQ(count("SELECT count(*) FROM pg_class WHERE oid = to_regclass('identity.users')"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM identity.users"), before);
}

TEST(IdentityStore, SqlInLidIsAlsoRefusedByTheParserBeforeReachingTheDatabase) {
  // Defence in depth: the query layer binds values (above), and the ΛID
  // parser (core/identity) refuses the same text as an invalid ΛID.
  const auto r = identity::parse("x'; drop table identity.users; --");
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.message.empty());
}

}  // namespace
}  // namespace lukhas::db
