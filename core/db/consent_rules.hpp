#pragma once
// The consent ledger's rules as pure functions: TTL capping, the verify
// decision, and the PostgreSQL array literal used to bind lists. The ledger
// (consent_ledger.hpp) applies them to rows it reads.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lukhas::db {

enum class ScopeLevel { metadata, content, admin };

std::optional<ScopeLevel> parse_scope_level(std::string_view text);
std::string_view to_string(ScopeLevel level);

// admin 5 min, content 30, metadata 240 (docs/consent-ledger.md, "grant").
int level_cap_minutes(ScopeLevel level);

inline constexpr int kMinTtlMinutes = 1;
inline constexpr int kMaxTtlMinutes = 1440;
inline constexpr int kDefaultTtlMinutes = 60;

// The requested TTL capped by the highest level among the requested scopes
// only (the original capped by every scope the service has). The caller has
// validated requested_minutes and that levels is non-empty.
int capped_ttl_minutes(int requested_minutes, const std::vector<ScopeLevel>& levels);

enum class VerifyOutcome { ok, unknown_token, revoked, suspended, expired, exhausted, scope_not_granted };
std::string_view to_string(VerifyOutcome outcome);

struct TokenState {
  std::string token_status;  // active, revoked, expired, exhausted
  std::string grant_status;  // active, revoked, expired, suspended
  bool past_expiry = false;  // token or grant expires_at <= now
  std::optional<int> max_uses;
  int use_count = 0;
  std::vector<std::string> scopes;  // granted to the token
};

// Revocation first (the original ignored it), then expiry, exhaustion and
// finally the required scopes.
VerifyOutcome decide_verify(const TokenState& state, const std::vector<std::string>& required);

// {"a","b"} with every element quoted and escaped, for binding as one text
// parameter cast to ::text[] or ::uuid[] (never spliced into SQL).
std::string pg_array_literal(const std::vector<std::string>& items);

}  // namespace lukhas::db
