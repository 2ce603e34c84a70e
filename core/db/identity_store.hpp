#pragma once
// The identity schema's queries (docs/database.md, docs/identity.md), each a
// prepared statement with bound parameters. Reads run as single autocommit statements
// (one round trip); writes in a transaction that commits or leaves nothing.
#include <pqxx/connection>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lukhas::db {

struct User {
  std::string user_id;
  std::optional<std::string> ns;
  std::string username;
  std::string tier;
  bool verified = false;
  std::optional<std::string> preferred_locale;
};

struct NewUser {
  std::optional<std::string> ns;
  std::string username;
  std::string tier = "T2";
  bool verified = false;
  std::optional<std::string> preferred_locale;
};

struct AuditEvent {
  std::string event_type;  // login, resolution, grant, revoke, mfa_use
  std::optional<std::string> user_id;
  std::optional<std::string> canonical_lid;
  std::optional<std::string> provider;
  std::optional<std::string> client_ip;
  std::optional<std::string> user_agent;
  std::optional<std::string> session_id;
  double processing_time_ms = 0;
  std::string metadata_json = "{}";
  bool success = true;
  std::optional<std::string> error_message;
};

struct AuditRow {
  std::string audit_id;
  std::string event_type;
  std::optional<std::string> canonical_lid;
  std::string event_at;  // as PostgreSQL prints timestamptz
  double processing_time_ms = 0;
  bool success = true;
};

struct EventStats {
  std::string event_type;
  std::int64_t count = 0;
  double mean_ms = 0;
  double p95_ms = 0;
  double p99_ms = 0;
};

inline constexpr int kRecentAuditLimit = 50;

class IdentityStore {
 public:
  explicit IdentityStore(pqxx::connection& conn);

  // Namespace absent and namespace "" are the same key, as in the unique index.
  std::optional<User> user_by_lid(const std::optional<std::string>& ns, const std::string& username);
  std::optional<User> user_by_alias(const std::string& provider, const std::string& provider_user_id);
  // Throws Error(conflict) when the ΛID is taken (also without a namespace),
  // Error(invalid_argument) when a CHECK refuses a value.
  std::string create_user(const NewUser& user);
  std::string log_event(const AuditEvent& event);  // returns the audit id
  std::vector<AuditRow> recent_audit(const std::string& user_id, int limit = kRecentAuditLimit);
  std::vector<EventStats> performance_stats();

 private:
  pqxx::connection& conn_;
};

}  // namespace lukhas::db
