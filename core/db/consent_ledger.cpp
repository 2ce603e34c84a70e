#include "core/db/consent_ledger.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "core/db/error.hpp"
#include "core/db/sql_error.hpp"
#include "core/db/token.hpp"

namespace lukhas::db {

namespace {

// libpqxx 6.4 sends PREPARE lazily, on first use; preparing here makes a
// broken statement fail at construction and keeps the PREPARE round trip out
// of the first timed call.
void prepare_now(pqxx::connection& conn, const std::string& name, const std::string& sql) {
  conn.prepare(name, sql);
  conn.prepare_now(name);
}

using Clock = std::chrono::steady_clock;

double elapsed_ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

std::vector<std::string> json_strings(const pqxx::field& f) {
  if (f.is_null()) return {};
  return nlohmann::json::parse(f.c_str()).get<std::vector<std::string>>();
}

std::optional<std::string> array_or_null(const std::vector<std::string>& items) {
  if (items.empty()) return std::nullopt;
  return pg_array_literal(items);
}

}  // namespace

ConsentLedger::ConsentLedger(pqxx::connection& conn) : conn_(conn) {
  // One round trip resolves service, purpose and the requested scopes; a
  // missing service gives no row, a missing purpose a NULL, a missing scope
  // fewer scope rows than requested.
  prepare_now(conn_, "consent_grant_lookup",
                "SELECT s.service_id::text, p.purpose_id::text, sc.name, sc.scope_id::text, sc.level"
                " FROM consent.services s"
                " LEFT JOIN consent.purposes p ON p.name = $3::text"
                " LEFT JOIN consent.scopes sc ON sc.service_id = s.service_id AND sc.name = ANY($2::text[])"
                " WHERE s.name = $1::text");
  prepare_now(conn_, "consent_grant_insert",
                "INSERT INTO consent.consent_grants (user_lid, service_id, scope_ids, purpose_id,"
                " resource_pattern, expires_at)"
                " VALUES ($1::text, $2::uuid, $3::uuid[], $4::uuid, $5::text,"
                " now() + make_interval(mins => $6::int))"
                " RETURNING grant_id::text, expires_at::text");
  // Token and audit row in one statement: one round trip fewer per grant
  // (each costs a scheduler wake-up of client and server). Still after the
  // grant insert, so a refused token (max_uses <= 0) rolls the grant back.
  prepare_now(conn_, "consent_token_insert",
                "WITH t AS (INSERT INTO consent.capability_tokens"
                "   (grant_id, token_hash, scopes, max_uses, expires_at)"
                "   SELECT grant_id, $2::text, $3::text[], $4::int, expires_at"
                "   FROM consent.consent_grants WHERE grant_id = $1::uuid"
                "   RETURNING token_id, grant_id),"
                " a AS (INSERT INTO consent.audit_log (event_type, user_lid, service_id, grant_id,"
                "   token_id, scopes, processing_time_ms, success)"
                "   SELECT 'grant', $5::text, $6::uuid, t.grant_id, t.token_id, $3::text[], $7::float8, true"
                "   FROM t)"
                " SELECT token_id::text FROM t");
  prepare_now(conn_, "consent_audit_insert",
                "INSERT INTO consent.audit_log (event_type, user_lid, service_id, grant_id, token_id,"
                " scopes, processing_time_ms, success, error_message)"
                " VALUES ($1::text, $2::text, $3::uuid, $4::uuid, $5::uuid, $6::text[], $7::float8,"
                " $8::boolean, $9::text)");
  prepare_now(conn_, "consent_verify_lookup",
                "SELECT t.token_id::text, t.grant_id::text, t.status, g.status,"
                " (t.expires_at <= now() OR g.expires_at <= now()), t.max_uses, t.use_count,"
                " to_json(t.scopes)::text, g.user_lid, g.service_id::text"
                " FROM consent.capability_tokens t"
                " JOIN consent.consent_grants g ON g.grant_id = t.grant_id"
                " WHERE t.token_hash = $1::text FOR UPDATE OF t");
  // The token becomes 'exhausted' on its last allowed use, so the next
  // verify is refused by status alone.
  prepare_now(conn_, "consent_verify_use",
                "WITH t AS (UPDATE consent.capability_tokens"
                "   SET use_count = use_count + 1,"
                "       status = CASE WHEN max_uses IS NOT NULL AND use_count + 1 >= max_uses"
                "                THEN 'exhausted' ELSE status END"
                "   WHERE token_id = $1::uuid RETURNING use_count),"
                " g AS (UPDATE consent.consent_grants SET use_count = use_count + 1"
                "   WHERE grant_id = $2::uuid RETURNING grant_id),"
                " a AS (INSERT INTO consent.audit_log (event_type, user_lid, service_id, grant_id,"
                "   token_id, scopes, processing_time_ms, success)"
                "   VALUES ('verify', $3::text, $4::uuid, $2::uuid, $1::uuid, $5::text[], $6::float8, true))"
                " SELECT t.use_count FROM t, g");
  // Scope filter: a grant matches when it holds at least one of the named
  // scopes of its own service (the original ignored the filter). One audit
  // row per revoked grant (the original wrote two).
  prepare_now(conn_, "consent_revoke",
                "WITH target AS ("
                "   SELECT g.grant_id FROM consent.consent_grants g"
                "   JOIN consent.services s ON s.service_id = g.service_id"
                "   WHERE g.user_lid = $1::text AND g.status = 'active'"
                "     AND ($2::uuid IS NULL OR g.grant_id = $2::uuid)"
                "     AND ($3::text IS NULL OR s.name = $3::text)"
                "     AND ($4::text[] IS NULL OR g.scope_ids && ARRAY("
                "           SELECT sc.scope_id FROM consent.scopes sc"
                "           WHERE sc.service_id = g.service_id AND sc.name = ANY($4::text[])))"
                "   FOR UPDATE OF g),"
                " revoked AS (UPDATE consent.consent_grants g"
                "   SET status = 'revoked', revoked_at = now(), revoked_by = $5::text,"
                "       revoke_reason = $6::text"
                "   FROM target WHERE g.grant_id = target.grant_id"
                "   RETURNING g.grant_id, g.user_lid, g.service_id),"
                " tokens AS (UPDATE consent.capability_tokens t SET status = 'revoked'"
                "   FROM revoked WHERE t.grant_id = revoked.grant_id AND t.status = 'active'"
                "   RETURNING t.token_id),"
                " audit AS (INSERT INTO consent.audit_log (event_type, user_lid, service_id, grant_id,"
                "   processing_time_ms, success, error_message)"
                "   SELECT 'revoke', user_lid, service_id, grant_id, $7::float8, true, NULL FROM revoked"
                "   RETURNING 1)"
                " SELECT (SELECT count(*) FROM revoked), (SELECT count(*) FROM tokens),"
                "        (SELECT count(*) FROM audit)");
  prepare_now(conn_, "consent_ledger",
                "SELECT g.grant_id::text, s.name, p.name,"
                " (SELECT to_json(array_agg(sc.name ORDER BY sc.name))::text FROM consent.scopes sc"
                "   WHERE sc.scope_id = ANY(g.scope_ids)),"
                " g.status, g.granted_at::text, g.expires_at::text, g.use_count,"
                " (SELECT count(*) FROM consent.capability_tokens t WHERE t.grant_id = g.grant_id"
                "   AND t.status = 'active' AND t.expires_at > now())"
                " FROM consent.consent_grants g"
                " JOIN consent.services s ON s.service_id = g.service_id"
                " JOIN consent.purposes p ON p.purpose_id = g.purpose_id"
                " WHERE g.user_lid = $1::text ORDER BY g.granted_at DESC, g.grant_id");
  prepare_now(conn_, "consent_cleanup",
                "WITH g AS (UPDATE consent.consent_grants SET status = 'expired'"
                "   WHERE status = 'active' AND expires_at <= now() RETURNING 1),"
                " t AS (UPDATE consent.capability_tokens SET status = 'expired'"
                "   WHERE status = 'active' AND expires_at <= now() RETURNING 1)"
                " SELECT (SELECT count(*) FROM g), (SELECT count(*) FROM t)");
}

GrantResult ConsentLedger::grant(const GrantRequest& req) {
  const auto started = Clock::now();
  if (req.user_lid.empty()) throw Error(ErrorKind::invalid_argument, "grant: user_lid is empty");
  if (req.scopes.empty()) throw Error(ErrorKind::invalid_argument, "grant: no scopes requested");
  if (req.ttl_minutes < kMinTtlMinutes || req.ttl_minutes > kMaxTtlMinutes) {
    throw Error(ErrorKind::invalid_argument,
                fmt::format("grant: ttl_minutes {} outside {}..{}", req.ttl_minutes, kMinTtlMinutes,
                            kMaxTtlMinutes));
  }
  std::vector<std::string> scopes = req.scopes;
  std::sort(scopes.begin(), scopes.end());
  scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
  return with_sql_errors("grant", [&] {
    pqxx::work tx(conn_);
    const auto rows =
        tx.exec_prepared("consent_grant_lookup", req.service, pg_array_literal(scopes), req.purpose);
    if (rows.empty()) {
      throw Error(ErrorKind::unknown_service, fmt::format("grant: unknown service '{}'", req.service));
    }
    const auto service_id = rows[0][0].as<std::string>();
    if (rows[0][1].is_null()) {
      throw Error(ErrorKind::unknown_purpose, fmt::format("grant: unknown purpose '{}'", req.purpose));
    }
    const auto purpose_id = rows[0][1].as<std::string>();
    std::vector<std::string> found;
    std::vector<std::string> scope_ids;
    std::vector<ScopeLevel> levels;
    for (const auto& r : rows) {
      if (r[2].is_null()) continue;
      found.push_back(r[2].as<std::string>());
      scope_ids.push_back(r[3].as<std::string>());
      levels.push_back(parse_scope_level(r[4].c_str()).value_or(ScopeLevel::admin));
    }
    if (found.size() != scopes.size()) {
      std::vector<std::string> missing;
      for (const auto& s : scopes) {
        if (std::find(found.begin(), found.end(), s) == found.end()) missing.push_back(s);
      }
      throw Error(ErrorKind::unknown_scope, fmt::format("grant: unknown scope(s) {} for service '{}'",
                                                        fmt::join(missing, ", "), req.service));
    }
    const int ttl = capped_ttl_minutes(req.ttl_minutes, levels);
    const auto g = tx.exec_prepared1("consent_grant_insert", req.user_lid, service_id,
                                     pg_array_literal(scope_ids), purpose_id, req.resource_pattern,
                                     ttl);
    GrantResult result;
    result.grant_id = g[0].as<std::string>();
    result.expires_at = g[1].as<std::string>();
    result.ttl_minutes = ttl;
    const auto token = new_token();
    tx.exec_prepared1("consent_token_insert", result.grant_id, token.sha256_hex, pg_array_literal(scopes),
                      req.max_uses, req.user_lid, service_id, elapsed_ms(started));
    tx.commit();
    result.token = token.plaintext;
    return result;
  });
}

VerifyResult ConsentLedger::verify(const std::string& token,
                                   const std::vector<std::string>& required_scopes) {
  const auto started = Clock::now();
  const auto hash = sha256_hex(token);
  const auto required = array_or_null(required_scopes);
  return with_sql_errors("verify", [&] {
    pqxx::work tx(conn_);
    const auto rows = tx.exec_prepared("consent_verify_lookup", hash);
    VerifyResult result;
    if (rows.empty()) {
      result.outcome = VerifyOutcome::unknown_token;
      tx.exec_prepared0("consent_audit_insert", "verify", nullptr, nullptr, nullptr, nullptr, required,
                        elapsed_ms(started), false, std::string(to_string(result.outcome)));
      tx.commit();
      return result;
    }
    const auto& r = rows[0];
    const auto token_id = r[0].as<std::string>();
    result.grant_id = r[1].as<std::string>();
    TokenState state;
    state.token_status = r[2].as<std::string>();
    state.grant_status = r[3].as<std::string>();
    state.past_expiry = r[4].as<bool>();
    if (!r[5].is_null()) state.max_uses = r[5].as<int>();
    state.use_count = r[6].as<int>();
    state.scopes = json_strings(r[7]);
    const auto user_lid = r[8].as<std::string>();
    const auto service_id = r[9].as<std::string>();
    result.outcome = decide_verify(state, required_scopes);
    result.use_count = state.use_count;
    if (result.allowed()) {
      // Counts the use and writes the audit row in one statement.
      const auto u = tx.exec_prepared1("consent_verify_use", token_id, *result.grant_id, user_lid,
                                       service_id, required, elapsed_ms(started));
      result.use_count = u[0].as<int>();
    } else {
      tx.exec_prepared0("consent_audit_insert", "verify", user_lid, service_id, *result.grant_id,
                        token_id, required, elapsed_ms(started), false,
                        std::string(to_string(result.outcome)));
    }
    tx.commit();
    return result;
  });
}

RevokeResult ConsentLedger::revoke(const RevokeRequest& req) {
  const auto started = Clock::now();
  if (req.user_lid.empty()) throw Error(ErrorKind::invalid_argument, "revoke: user_lid is empty");
  return with_sql_errors("revoke", [&] {
    pqxx::work tx(conn_);
    const auto r = tx.exec_prepared1("consent_revoke", req.user_lid, req.grant_id, req.service,
                                     array_or_null(req.scopes), req.revoked_by, req.reason,
                                     elapsed_ms(started));
    RevokeResult result{r[0].as<std::int64_t>(), r[1].as<std::int64_t>()};
    tx.commit();
    return result;
  });
}

std::vector<LedgerEntry> ConsentLedger::ledger(const std::string& user_lid) {
  return with_sql_errors("ledger", [&] {
    pqxx::nontransaction tx(conn_);
    const auto rows = tx.exec_prepared("consent_ledger", user_lid);
    std::vector<LedgerEntry> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
      LedgerEntry e;
      e.grant_id = r[0].as<std::string>();
      e.service = r[1].as<std::string>();
      e.purpose = r[2].as<std::string>();
      e.scopes = json_strings(r[3]);
      e.status = r[4].as<std::string>();
      e.granted_at = r[5].as<std::string>();
      e.expires_at = r[6].as<std::string>();
      e.use_count = r[7].as<int>();
      e.active_tokens = r[8].as<std::int64_t>();
      out.push_back(std::move(e));
    }
    return out;
  });
}

CleanupResult ConsentLedger::cleanup() {
  const auto started = Clock::now();
  return with_sql_errors("cleanup", [&] {
    pqxx::work tx(conn_);
    const auto r = tx.exec_prepared1("consent_cleanup");
    CleanupResult result{r[0].as<std::int64_t>(), r[1].as<std::int64_t>()};
    tx.exec_prepared0("consent_audit_insert", "cleanup", nullptr, nullptr, nullptr, nullptr, nullptr,
                      elapsed_ms(started), true, nullptr);
    tx.commit();
    return result;
  });
}

}  // namespace lukhas::db
