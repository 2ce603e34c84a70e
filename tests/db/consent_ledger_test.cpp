// The consent ledger's operations against the real server: happy paths, the
// failure paths, and the fixes to the original's bugs.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "core/db/consent_ledger.hpp"
#include "core/db/error.hpp"
#include "core/db/token.hpp"
#include "db_env.hpp"

namespace lukhas::db {
namespace {

using testdb::conn;
using testdb::count;

struct Counts {
  std::int64_t grants, tokens, audit;
  bool operator==(const Counts&) const = default;
};

Counts counts() {
  return {count("SELECT count(*) FROM consent.consent_grants"),
          count("SELECT count(*) FROM consent.capability_tokens"),
          count("SELECT count(*) FROM consent.audit_log")};
}

GrantRequest request(const std::string& lid, const std::string& service,
                     std::vector<std::string> scopes, int ttl = 60) {
  GrantRequest r;
  r.user_lid = lid;
  r.service = service;
  r.scopes = std::move(scopes);
  r.purpose = "assistant_context";
  r.ttl_minutes = ttl;
  return r;
}

ErrorKind kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  ADD_FAILURE() << "no Error thrown";
  return ErrorKind::database;
}

double grant_minutes(const std::string& grant_id) {
  pqxx::nontransaction tx(conn());
  return tx
      .exec_params1("SELECT extract(epoch FROM expires_at - granted_at) / 60"
                    " FROM consent.consent_grants WHERE grant_id = $1::uuid",
                    grant_id)[0]
      .as<double>();
}

std::string grant_status(const std::string& grant_id) {
  pqxx::nontransaction tx(conn());
  return tx.exec_params1("SELECT status FROM consent.consent_grants WHERE grant_id = $1::uuid", grant_id)[0]
      .as<std::string>();
}

TEST(ConsentLedger, GrantReturnsATokenAndStoresOnlyItsHash) {
  ConsentLedger ledger(conn());
  const auto before = counts();
  const auto g = ledger.grant(request(testdb::unique("lid_"), "gmail", {"email.headers.read"}));
  ASSERT_EQ(g.token.size(), 64u);
  EXPECT_EQ(count("SELECT count(*) FROM consent.capability_tokens WHERE token_hash = $1", sha256_hex(g.token)), 1);
  EXPECT_EQ(count("SELECT count(*) FROM consent.capability_tokens WHERE token_hash = $1", g.token), 0);
  const auto after = counts();
  // One grant, one token, one audit row: one transaction.
  EXPECT_EQ(after.grants, before.grants + 1);
  EXPECT_EQ(after.tokens, before.tokens + 1);
  EXPECT_EQ(after.audit, before.audit + 1);
  EXPECT_EQ(count("SELECT count(*) FROM consent.audit_log WHERE grant_id = $1::uuid AND event_type = 'grant'",
                  g.grant_id),
            1);
}

TEST(ConsentLedger, TwoGrantsGetDifferentTokens) {
  ConsentLedger ledger(conn());
  const auto lid = testdb::unique("lid_");
  const auto a = ledger.grant(request(lid, "drive", {"files.list"}));
  const auto b = ledger.grant(request(lid, "drive", {"files.list"}));
  EXPECT_NE(a.token, b.token);
}

TEST(ConsentLedger, GrantToUnknownServiceFailsAndLeavesNothing) {
  ConsentLedger ledger(conn());
  const auto before = counts();
  EXPECT_EQ(kind_of([&] { ledger.grant(request("alice", "myspace", {"files.list"})); }),
            ErrorKind::unknown_service);
  EXPECT_EQ(counts(), before);
}

TEST(ConsentLedger, GrantWithOneUnknownScopeAmongValidOnesLeavesNothing) {
  ConsentLedger ledger(conn());
  const auto before = counts();
  try {
    ledger.grant(request("alice", "gmail", {"email.headers.read", "email.delete_everything"}));
    FAIL() << "unknown scope accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unknown_scope);
    EXPECT_NE(std::string(e.what()).find("email.delete_everything"), std::string::npos) << e.what();
  }
  // A scope of another service is unknown for this one.
  EXPECT_EQ(kind_of([&] { ledger.grant(request("alice", "gmail", {"repo.read"})); }), ErrorKind::unknown_scope);
  EXPECT_EQ(counts(), before);
}

TEST(ConsentLedger, GrantWithUnknownPurposeLeavesNothing) {
  ConsentLedger ledger(conn());
  const auto before = counts();
  auto r = request("alice", "gmail", {"email.headers.read"});
  r.purpose = "resale";
  EXPECT_EQ(kind_of([&] { ledger.grant(r); }), ErrorKind::unknown_purpose);
  EXPECT_EQ(counts(), before);
}

TEST(ConsentLedger, GrantFailingAfterTheGrantInsertLeavesNothing) {
  // max_uses 0 is refused by the token table's CHECK, i.e. after the grant
  // row was written in the same transaction.
  ConsentLedger ledger(conn());
  const auto lid = testdb::unique("half_");
  const auto before = counts();
  auto r = request(lid, "gmail", {"email.headers.read"});
  r.max_uses = 0;
  EXPECT_EQ(kind_of([&] { ledger.grant(r); }), ErrorKind::invalid_argument);
  EXPECT_EQ(counts(), before);
  EXPECT_EQ(count("SELECT count(*) FROM consent.consent_grants WHERE user_lid = $1", lid), 0);
}

TEST(ConsentLedger, GrantRefusesTtlOutsideOneToFourteenForty) {
  ConsentLedger ledger(conn());
  const auto before = counts();
  EXPECT_EQ(kind_of([&] { ledger.grant(request("alice", "gmail", {"email.headers.read"}, 0)); }),
            ErrorKind::invalid_argument);
  EXPECT_EQ(kind_of([&] { ledger.grant(request("alice", "gmail", {"email.headers.read"}, 1441)); }),
            ErrorKind::invalid_argument);
  EXPECT_EQ(kind_of([&] { ledger.grant(request("alice", "gmail", {})); }), ErrorKind::invalid_argument);
  EXPECT_EQ(counts(), before);
}

TEST(ConsentLedger, TtlIsCappedByTheHighestLevelAmongRequestedScopesOnly) {
  ConsentLedger ledger(conn());
  const auto lid = testdb::unique("ttl_");
  // github also has an admin scope; the original capped this metadata grant at 5 min.
  const auto meta = ledger.grant(request(lid, "github", {"repo.list"}, 1440));
  EXPECT_EQ(meta.ttl_minutes, 240);
  EXPECT_NEAR(grant_minutes(meta.grant_id), 240, 1e-6);
  const auto content = ledger.grant(request(lid, "github", {"repo.list", "repo.read"}, 1440));
  EXPECT_EQ(content.ttl_minutes, 30);
  EXPECT_NEAR(grant_minutes(content.grant_id), 30, 1e-6);
  const auto admin = ledger.grant(request(lid, "github", {"repo.admin"}, 60));
  EXPECT_EQ(admin.ttl_minutes, 5);
  const auto shorter = ledger.grant(request(lid, "github", {"repo.admin"}, 3));
  EXPECT_EQ(shorter.ttl_minutes, 3);
  EXPECT_NEAR(grant_minutes(shorter.grant_id), 3, 1e-6);
}

TEST(ConsentLedger, VerifyAllowsGrantedScopesAndCountsAUse) {
  ConsentLedger ledger(conn());
  const auto g = ledger.grant(request(testdb::unique("v_"), "drive", {"files.list", "files.read"}));
  const auto audit_before = count("SELECT count(*) FROM consent.audit_log WHERE grant_id = $1::uuid", g.grant_id);
  const auto v = ledger.verify(g.token, {"files.read"});
  EXPECT_TRUE(v.allowed());
  EXPECT_EQ(v.use_count, 1);
  EXPECT_EQ(v.grant_id, g.grant_id);
  EXPECT_TRUE(ledger.verify(g.token, {}).allowed());
  EXPECT_EQ(count("SELECT use_count FROM consent.capability_tokens WHERE grant_id = $1::uuid", g.grant_id), 2);
  EXPECT_EQ(count("SELECT use_count FROM consent.consent_grants WHERE grant_id = $1::uuid", g.grant_id), 2);
  EXPECT_EQ(count("SELECT count(*) FROM consent.audit_log WHERE grant_id = $1::uuid", g.grant_id),
            audit_before + 2);
}

TEST(ConsentLedger, VerifyRefusesAScopeNotGranted) {
  ConsentLedger ledger(conn());
  const auto g = ledger.grant(request(testdb::unique("v_"), "drive", {"files.list"}));
  const auto v = ledger.verify(g.token, {"files.list", "files.write"});
  EXPECT_EQ(v.outcome, VerifyOutcome::scope_not_granted);
  EXPECT_EQ(count("SELECT use_count FROM consent.capability_tokens WHERE grant_id = $1::uuid", g.grant_id), 0);
}

TEST(ConsentLedger, VerifyRefusesAnUnknownTokenAndAuditsIt) {
  ConsentLedger ledger(conn());
  const auto before = count("SELECT count(*) FROM consent.audit_log WHERE event_type = 'verify' AND NOT success");
  EXPECT_EQ(ledger.verify(std::string(64, 'a'), {"files.list"}).outcome, VerifyOutcome::unknown_token);
  EXPECT_EQ(ledger.verify("x'; drop table consent.capability_tokens; --", {}).outcome,
            VerifyOutcome::unknown_token);
  EXPECT_EQ(count("SELECT count(*) FROM consent.audit_log WHERE event_type = 'verify' AND NOT success"),
            before + 2);
  EXPECT_EQ(count("SELECT count(*) FROM pg_class WHERE oid = to_regclass('consent.capability_tokens')"), 1);
}

TEST(ConsentLedger, VerifyRefusesAnExpiredToken) {
  ConsentLedger ledger(conn());
  const auto g = ledger.grant(request(testdb::unique("exp_"), "gmail", {"email.headers.read"}));
  {
    pqxx::work tx(conn());
    tx.exec_params0("UPDATE consent.capability_tokens SET expires_at = now() - interval '1 minute'"
                    " WHERE grant_id = $1::uuid",
                    g.grant_id);
    tx.commit();
  }
  EXPECT_EQ(ledger.verify(g.token, {"email.headers.read"}).outcome, VerifyOutcome::expired);
}

TEST(ConsentLedger, VerifyRefusesARevokedGrantsToken) {
  ConsentLedger ledger(conn());
  const auto lid = testdb::unique("rev_");
  const auto g = ledger.grant(request(lid, "gmail", {"email.headers.read"}));
  ASSERT_TRUE(ledger.verify(g.token, {"email.headers.read"}).allowed());
  RevokeRequest r;
  r.user_lid = lid;
  EXPECT_EQ(ledger.revoke(r).grants, 1);
  EXPECT_EQ(ledger.verify(g.token, {"email.headers.read"}).outcome, VerifyOutcome::revoked);
}

TEST(ConsentLedger, VerifyRefusesOnceMaxUsesAreExhausted) {
  ConsentLedger ledger(conn());
  auto req = request(testdb::unique("max_"), "dropbox", {"files.list"});
  req.max_uses = 2;
  const auto g = ledger.grant(req);
  EXPECT_TRUE(ledger.verify(g.token, {"files.list"}).allowed());
  EXPECT_TRUE(ledger.verify(g.token, {"files.list"}).allowed());
  EXPECT_EQ(ledger.verify(g.token, {"files.list"}).outcome, VerifyOutcome::exhausted);
  EXPECT_EQ(count("SELECT use_count FROM consent.capability_tokens WHERE grant_id = $1::uuid", g.grant_id), 2);
}

TEST(ConsentLedger, RevokeWithAScopeFilterOnlyRevokesMatchingGrants) {
  ConsentLedger ledger(conn());
  const auto lid = testdb::unique("filt_");
  const auto headers = ledger.grant(request(lid, "gmail", {"email.headers.read"}));
  const auto body = ledger.grant(request(lid, "gmail", {"email.body.read", "email.labels.read"}));
  const auto drive = ledger.grant(request(lid, "drive", {"files.list"}));
  const auto audit_before = count("SELECT count(*) FROM consent.audit_log WHERE user_lid = $1 AND event_type = 'revoke'", lid);
  RevokeRequest r;
  r.user_lid = lid;
  r.scopes = {"email.body.read"};
  r.reason = "user request";
  const auto res = ledger.revoke(r);
  EXPECT_EQ(res.grants, 1);
  EXPECT_EQ(res.tokens, 1);
  EXPECT_EQ(grant_status(headers.grant_id), "active");
  EXPECT_EQ(grant_status(body.grant_id), "revoked");
  EXPECT_EQ(grant_status(drive.grant_id), "active");
  // One audit row per revoked grant (the original wrote two).
  EXPECT_EQ(count("SELECT count(*) FROM consent.audit_log WHERE user_lid = $1 AND event_type = 'revoke'", lid),
            audit_before + 1);
  EXPECT_TRUE(ledger.verify(headers.token, {}).allowed());
}

TEST(ConsentLedger, RevokeByServiceAndByGrantId) {
  ConsentLedger ledger(conn());
  const auto lid = testdb::unique("svc_");
  const auto a = ledger.grant(request(lid, "gmail", {"email.headers.read"}));
  const auto b = ledger.grant(request(lid, "drive", {"files.list"}));
  const auto c = ledger.grant(request(lid, "drive", {"files.read"}));
  RevokeRequest by_grant;
  by_grant.user_lid = lid;
  by_grant.grant_id = c.grant_id;
  EXPECT_EQ(ledger.revoke(by_grant).grants, 1);
  RevokeRequest by_service;
  by_service.user_lid = lid;
  by_service.service = "drive";
  EXPECT_EQ(ledger.revoke(by_service).grants, 1);  // c is already revoked
  EXPECT_EQ(grant_status(a.grant_id), "active");
  EXPECT_EQ(grant_status(b.grant_id), "revoked");
  // Another user's lid revokes nothing of this one.
  RevokeRequest other;
  other.user_lid = lid + "x";
  EXPECT_EQ(ledger.revoke(other).grants, 0);
  EXPECT_EQ(grant_status(a.grant_id), "active");
}

TEST(ConsentLedger, LedgerListsGrantsNewestFirstWithNamesAndActiveTokens) {
  ConsentLedger ledger(conn());
  const auto lid = testdb::unique("led_");
  const auto first = ledger.grant(request(lid, "icloud", {"photos.list"}));
  const auto second = ledger.grant(request(lid, "studio", {"projects.read", "projects.list"}));
  RevokeRequest r;
  r.user_lid = lid;
  r.grant_id = first.grant_id;
  ledger.revoke(r);
  const auto entries = ledger.ledger(lid);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].grant_id, second.grant_id);
  EXPECT_EQ(entries[0].service, "studio");
  EXPECT_EQ(entries[0].purpose, "assistant_context");
  EXPECT_EQ(entries[0].scopes, (std::vector<std::string>{"projects.list", "projects.read"}));
  EXPECT_EQ(entries[0].active_tokens, 1);
  EXPECT_EQ(entries[1].status, "revoked");
  EXPECT_EQ(entries[1].active_tokens, 0);
  EXPECT_TRUE(ledger.ledger(testdb::unique("nobody_")).empty());
}

TEST(ConsentLedger, CleanupExpiresPastGrantsAndTokensOnly) {
  ConsentLedger ledger(conn());
  const auto lid = testdb::unique("clean_");
  const auto old = ledger.grant(request(lid, "gmail", {"email.headers.read"}));
  const auto fresh = ledger.grant(request(lid, "gmail", {"email.headers.read"}));
  {
    pqxx::work tx(conn());
    tx.exec_params0("UPDATE consent.consent_grants SET granted_at = now() - interval '2 hours',"
                    " expires_at = now() - interval '1 hour' WHERE grant_id = $1::uuid",
                    old.grant_id);
    tx.exec_params0("UPDATE consent.capability_tokens SET expires_at = now() - interval '1 hour'"
                    " WHERE grant_id = $1::uuid",
                    old.grant_id);
    tx.commit();
  }
  const auto res = ledger.cleanup();
  EXPECT_GE(res.grants, 1);
  EXPECT_GE(res.tokens, 1);
  EXPECT_EQ(grant_status(old.grant_id), "expired");
  EXPECT_EQ(grant_status(fresh.grant_id), "active");
  EXPECT_EQ(count("SELECT count(*) FROM consent.capability_tokens WHERE grant_id = $1::uuid AND status = 'expired'",
                  old.grant_id),
            1);
}

}  // namespace
}  // namespace lukhas::db
