// The consent rules as pure functions: no server needed.
#include <gtest/gtest.h>

#include "core/db/consent_rules.hpp"
#include "core/db/token.hpp"

namespace lukhas::db {
namespace {

TEST(ConsentRules, TtlIsCappedByTheHighestRequestedLevel) {
  using L = ScopeLevel;
  EXPECT_EQ(capped_ttl_minutes(1440, {L::metadata}), 240);
  EXPECT_EQ(capped_ttl_minutes(1440, {L::metadata, L::content}), 30);
  EXPECT_EQ(capped_ttl_minutes(60, {L::content, L::admin, L::metadata}), 5);
  EXPECT_EQ(capped_ttl_minutes(3, {L::admin}), 3);
  EXPECT_EQ(capped_ttl_minutes(60, {L::metadata}), 60);
}

TokenState active(std::vector<std::string> scopes) {
  TokenState s;
  s.token_status = "active";
  s.grant_status = "active";
  s.scopes = std::move(scopes);
  return s;
}

TEST(ConsentRules, VerifyChecksRevocationExpiryUsesAndScopesInThatOrder) {
  auto s = active({"a", "b"});
  EXPECT_EQ(decide_verify(s, {"a"}), VerifyOutcome::ok);
  EXPECT_EQ(decide_verify(s, {}), VerifyOutcome::ok);
  EXPECT_EQ(decide_verify(s, {"a", "c"}), VerifyOutcome::scope_not_granted);
  s.max_uses = 3;
  s.use_count = 3;
  EXPECT_EQ(decide_verify(s, {"a"}), VerifyOutcome::exhausted);
  s.past_expiry = true;
  EXPECT_EQ(decide_verify(s, {"a"}), VerifyOutcome::expired);
  s.grant_status = "revoked";  // the original ignored the grant's revocation
  EXPECT_EQ(decide_verify(s, {"a"}), VerifyOutcome::revoked);
  auto t = active({"a"});
  t.token_status = "revoked";
  EXPECT_EQ(decide_verify(t, {"a"}), VerifyOutcome::revoked);
  auto u = active({"a"});
  u.grant_status = "suspended";
  EXPECT_EQ(decide_verify(u, {"a"}), VerifyOutcome::suspended);
  auto e = active({"a"});
  e.token_status = "exhausted";
  EXPECT_EQ(decide_verify(e, {"a"}), VerifyOutcome::exhausted);
}

TEST(ConsentRules, ArrayLiteralQuotesAndEscapesEveryElement) {
  EXPECT_EQ(pg_array_literal({}), "{}");
  EXPECT_EQ(pg_array_literal({"a", "b c"}), R"({"a","b c"})");
  EXPECT_EQ(pg_array_literal({R"(x"}, {y\)"}), R"({"x\"}, {y\\"})");
  EXPECT_EQ(pg_array_literal({"NULL"}), R"({"NULL"})");  // quoted: the string, not a null
}

TEST(ConsentRules, ScopeLevelsRoundTrip) {
  for (auto l : {ScopeLevel::metadata, ScopeLevel::content, ScopeLevel::admin}) {
    EXPECT_EQ(parse_scope_level(to_string(l)), l);
  }
  EXPECT_FALSE(parse_scope_level("root").has_value());
}

TEST(Token, Sha256HexMatchesTheKnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Token, NewTokensAreDistinctHexWithMatchingHash) {
  const auto a = new_token();
  const auto b = new_token();
  EXPECT_EQ(a.plaintext.size(), 64u);
  EXPECT_EQ(a.plaintext.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a.plaintext, b.plaintext);
  EXPECT_EQ(a.sha256_hex, sha256_hex(a.plaintext));
}

}  // namespace
}  // namespace lukhas::db
