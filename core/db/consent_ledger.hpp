#pragma once
// The consent ledger's operations (docs/consent-ledger.md) on the
// consent schema: prepared statements, bound parameters, every write one
// transaction that commits or leaves nothing.
#include <pqxx/connection>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/consent_rules.hpp"

namespace lukhas::db {

struct GrantRequest {
  std::string user_lid;
  std::string service;
  std::vector<std::string> scopes;
  std::string purpose;
  int ttl_minutes = kDefaultTtlMinutes;
  std::optional<int> max_uses;  // null: unlimited; the schema refuses 0 and below
  std::optional<std::string> resource_pattern;
};

struct GrantResult {
  std::string grant_id;
  std::string token;  // plaintext, returned once; only its SHA-256 is stored
  int ttl_minutes = 0;  // after capping
  std::string expires_at;
};

struct VerifyResult {
  VerifyOutcome outcome = VerifyOutcome::unknown_token;
  bool allowed() const { return outcome == VerifyOutcome::ok; }
  std::optional<std::string> grant_id;
  int use_count = 0;  // after this verification
};

struct RevokeRequest {
  std::string user_lid;
  std::optional<std::string> grant_id;
  std::optional<std::string> service;
  std::vector<std::string> scopes;  // empty: any; else grants holding at least one of them
  std::string revoked_by = "user";
  std::optional<std::string> reason;
};

struct RevokeResult {
  std::int64_t grants = 0;
  std::int64_t tokens = 0;
};

struct LedgerEntry {
  std::string grant_id;
  std::string service;
  std::string purpose;
  std::vector<std::string> scopes;
  std::string status;
  std::string granted_at;
  std::string expires_at;
  int use_count = 0;
  std::int64_t active_tokens = 0;
};

struct CleanupResult {
  std::int64_t grants = 0;
  std::int64_t tokens = 0;
};

class ConsentLedger {
 public:
  explicit ConsentLedger(pqxx::connection& conn);

  // Throws Error(invalid_argument) for an empty lid or scope list or a TTL
  // outside 1..1440, Error(unknown_service / unknown_scope / unknown_purpose),
  // Error(invalid_argument) for a value the schema refuses (max_uses <= 0).
  GrantResult grant(const GrantRequest& request);
  // Counts a use when allowed; writes one audit row either way.
  VerifyResult verify(const std::string& token, const std::vector<std::string>& required_scopes);
  RevokeResult revoke(const RevokeRequest& request);
  std::vector<LedgerEntry> ledger(const std::string& user_lid);
  CleanupResult cleanup();

 private:
  pqxx::connection& conn_;
};

}  // namespace lukhas::db
