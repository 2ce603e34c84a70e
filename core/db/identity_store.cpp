#include "core/db/identity_store.hpp"

#include <pqxx/pqxx>

#include "core/db/sql_error.hpp"

namespace lukhas::db {

namespace {

// libpqxx 6.4 sends PREPARE lazily, on first use; preparing here makes a
// broken statement fail at construction and keeps the PREPARE round trip out
// of the first timed call.
void prepare_now(pqxx::connection& conn, const std::string& name, const std::string& sql) {
  conn.prepare(name, sql);
  conn.prepare_now(name);
}

constexpr const char* kUserColumns =
    "user_id::text, namespace, username, tier, verified, preferred_locale";

std::optional<std::string> opt(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

User user_from(const pqxx::row& r) {
  User u;
  u.user_id = r[0].as<std::string>();
  u.ns = opt(r[1]);
  u.username = r[2].as<std::string>();
  u.tier = r[3].as<std::string>();
  u.verified = r[4].as<bool>();
  u.preferred_locale = opt(r[5]);
  return u;
}

}  // namespace

IdentityStore::IdentityStore(pqxx::connection& conn) : conn_(conn) {
  // The WHERE repeats the unique index expression (coalesce(namespace, ''),
  // username) exactly, so the lookup is an index scan on users_lid_key.
  prepare_now(conn_, "identity_user_by_lid",
                std::string("SELECT ") + kUserColumns +
                    " FROM identity.users"
                    " WHERE coalesce(namespace, '') = coalesce($1::text, '') AND username = $2::text");
  prepare_now(conn_, "identity_user_by_alias",
                "SELECT u.user_id::text, u.namespace, u.username, u.tier, u.verified, u.preferred_locale"
                " FROM identity.aliases a JOIN identity.users u ON u.user_id = a.user_id"
                " WHERE a.provider = $1::text AND a.provider_user_id = $2::text");
  prepare_now(conn_, "identity_create_user",
                "INSERT INTO identity.users (namespace, username, tier, verified, preferred_locale)"
                " VALUES ($1::text, $2::text, $3::text, $4::boolean, $5::text) RETURNING user_id::text");
  prepare_now(conn_, "identity_log_event",
                "INSERT INTO identity.audit_log (event_type, user_id, canonical_lid, provider, client_ip,"
                " user_agent, session_id, processing_time_ms, metadata, success, error_message)"
                " VALUES ($1::text, $2::uuid, $3::text, $4::text, $5::inet, $6::text, $7::text,"
                " $8::float8, $9::jsonb, $10::boolean, $11::text) RETURNING audit_id::text");
  prepare_now(conn_, "identity_recent_audit",
                "SELECT audit_id::text, event_type, canonical_lid, event_at::text,"
                " coalesce(processing_time_ms, 0), success"
                " FROM identity.audit_log WHERE user_id = $1::uuid"
                " ORDER BY event_at DESC LIMIT $2::int");
  prepare_now(conn_, "identity_performance_stats",
                "SELECT event_type, event_count, coalesce(mean_ms, 0), coalesce(p95_ms, 0),"
                " coalesce(p99_ms, 0) FROM identity.performance_stats ORDER BY event_type");
}

std::optional<User> IdentityStore::user_by_lid(const std::optional<std::string>& ns,
                                               const std::string& username) {
  return with_sql_errors("user_by_lid", [&]() -> std::optional<User> {
    pqxx::nontransaction tx(conn_);
    const auto r = tx.exec_prepared("identity_user_by_lid", ns, username);
    if (r.empty()) return std::nullopt;
    return user_from(r[0]);
  });
}

std::optional<User> IdentityStore::user_by_alias(const std::string& provider,
                                                 const std::string& provider_user_id) {
  return with_sql_errors("user_by_alias", [&]() -> std::optional<User> {
    pqxx::nontransaction tx(conn_);
    const auto r = tx.exec_prepared("identity_user_by_alias", provider, provider_user_id);
    if (r.empty()) return std::nullopt;
    return user_from(r[0]);
  });
}

std::string IdentityStore::create_user(const NewUser& user) {
  return with_sql_errors("create_user", [&] {
    pqxx::work tx(conn_);
    const auto r = tx.exec_prepared1("identity_create_user", user.ns, user.username, user.tier,
                                     user.verified, user.preferred_locale);
    auto id = r[0].as<std::string>();
    tx.commit();
    return id;
  });
}

std::string IdentityStore::log_event(const AuditEvent& ev) {
  return with_sql_errors("log_event", [&] {
    pqxx::work tx(conn_);
    const auto r = tx.exec_prepared1("identity_log_event", ev.event_type, ev.user_id,
                                     ev.canonical_lid, ev.provider, ev.client_ip, ev.user_agent,
                                     ev.session_id, ev.processing_time_ms, ev.metadata_json,
                                     ev.success, ev.error_message);
    auto id = r[0].as<std::string>();
    tx.commit();
    return id;
  });
}

std::vector<AuditRow> IdentityStore::recent_audit(const std::string& user_id, int limit) {
  return with_sql_errors("recent_audit", [&] {
    pqxx::nontransaction tx(conn_);
    const auto r = tx.exec_prepared("identity_recent_audit", user_id, limit);
    std::vector<AuditRow> out;
    out.reserve(r.size());
    for (const auto& row : r) {
      out.push_back(AuditRow{row[0].as<std::string>(), row[1].as<std::string>(), opt(row[2]),
                             row[3].as<std::string>(), row[4].as<double>(), row[5].as<bool>()});
    }
    return out;
  });
}

std::vector<EventStats> IdentityStore::performance_stats() {
  return with_sql_errors("performance_stats", [&] {
    pqxx::nontransaction tx(conn_);
    const auto r = tx.exec_prepared("identity_performance_stats");
    std::vector<EventStats> out;
    out.reserve(r.size());
    for (const auto& row : r) {
      out.push_back(EventStats{row[0].as<std::string>(), row[1].as<std::int64_t>(),
                               row[2].as<double>(), row[3].as<double>(), row[4].as<double>()});
    }
    return out;
  });
}

}  // namespace lukhas::db
