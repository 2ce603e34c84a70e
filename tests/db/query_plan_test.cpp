// At benchmark scale (>= 100,000 users, after ANALYZE) every point query is
// served by its intended index, not a sequential scan. The statements are the
// layer's own prepared statements, explained with EXPLAIN EXECUTE.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/db/consent_ledger.hpp"
#include "core/db/identity_store.hpp"
#include "db_env.hpp"
#include "fixtures/datagen/dataset.hpp"

namespace lukhas::db {
namespace {

using testdb::conn;
using testdb::dataset;

struct PlanFacts {
  std::set<std::string> index_names;
  std::vector<std::string> seq_scanned;  // relations read by Seq Scan
};

void walk(const nlohmann::json& node, PlanFacts& out) {
  const auto type = node.at("Node Type").get<std::string>();
  if (node.contains("Index Name")) out.index_names.insert(node.at("Index Name").get<std::string>());
  if (type == "Seq Scan") out.seq_scanned.push_back(node.value("Relation Name", "?"));
  if (node.contains("Plans")) {
    for (const auto& child : node.at("Plans")) walk(child, out);
  }
}

// EXPLAIN cannot take bind parameters for EXECUTE's arguments; the values are
// quoted by libpq here (test-only SQL, fixed statement names).
PlanFacts explain(const std::string& statement, const std::vector<std::optional<std::string>>& args) {
  conn().prepare_now(statement);  // a no-op once prepared; EXECUTE needs it on the server
  pqxx::nontransaction tx(conn());
  std::string sql = "EXPLAIN (FORMAT JSON) EXECUTE " + statement + "(";
  for (std::size_t i = 0; i < args.size(); ++i) {
    sql += (i ? ", " : "") + (args[i] ? tx.quote(*args[i]) : std::string("NULL"));
  }
  sql += ")";
  const auto r = tx.exec1(sql);
  const auto plan = nlohmann::json::parse(r[0].c_str());
  PlanFacts facts;
  walk(plan.at(0).at("Plan"), facts);
  return facts;
}

class QueryPlan : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(dataset().users, 100000) << "plan tests need the benchmark scale";
    // Preparing registers the statements on this connection.
    identity_ = std::make_unique<IdentityStore>(conn());
    consent_ = std::make_unique<ConsentLedger>(conn());
  }
  std::unique_ptr<IdentityStore> identity_;
  std::unique_ptr<ConsentLedger> consent_;
};

TEST_F(QueryPlan, UserByLidUsesTheLidIndex) {
  const auto u = datagen::user_row(dataset().seed, 4242);
  const auto f = explain("identity_user_by_lid", {u.ns.value_or(""), u.username});
  EXPECT_TRUE(f.index_names.count("users_lid_key")) << "indexes used: " << f.index_names.size();
  EXPECT_TRUE(f.seq_scanned.empty()) << "seq scan on " << f.seq_scanned.front();
}

TEST_F(QueryPlan, UserByAliasUsesTheProviderIndex) {
  std::int64_t i = 0;
  while (!datagen::alias_row(dataset().seed, i)) ++i;
  const auto a = *datagen::alias_row(dataset().seed, i);
  const auto f = explain("identity_user_by_alias", {a.provider, a.provider_user_id});
  EXPECT_TRUE(f.index_names.count("aliases_provider_key"));
  EXPECT_TRUE(f.seq_scanned.empty()) << "seq scan on " << f.seq_scanned.front();
}

TEST_F(QueryPlan, RecentAuditUsesTheUserEventTimeIndex) {
  const auto u = datagen::user_row(dataset().seed, 777);
  const auto f = explain("identity_recent_audit", {u.user_id, "50"});
  EXPECT_TRUE(f.index_names.count("audit_log_user_event_at_idx"));
  EXPECT_TRUE(f.seq_scanned.empty()) << "seq scan on " << f.seq_scanned.front();
}

TEST_F(QueryPlan, TokenVerifyLookupUsesTheTokenHashIndex) {
  const auto f = explain("consent_verify_lookup", {std::string(64, 'a')});
  EXPECT_TRUE(f.index_names.count("capability_tokens_token_hash_key"));
  EXPECT_TRUE(f.seq_scanned.empty()) << "seq scan on " << f.seq_scanned.front();
}

TEST_F(QueryPlan, RevokeFindsTheUsersActiveGrantsThroughTheUserIndex) {
  // Not executed: EXPLAIN without ANALYZE runs no data-modifying CTE.
  const auto u = datagen::user_row(dataset().seed, 31);
  const auto f = explain("consent_revoke", {u.canonical_lid, std::nullopt, std::string("drive"),
                                            std::string("{files.list}"), std::string("user"),
                                            std::nullopt, std::string("0")});
  EXPECT_TRUE(f.index_names.count("consent_grants_user_lid_status_idx") ||
              f.index_names.count("consent_grants_user_lid_idx"));
  EXPECT_FALSE(f.index_names.count("consent_grants_status_idx")) << "revoke scans all active grants";
  EXPECT_TRUE(f.seq_scanned.empty() || f.seq_scanned == std::vector<std::string>{"services"})
      << "seq scan on " << f.seq_scanned.front();
}

}  // namespace
}  // namespace lukhas::db
