#pragma once
// Shared state of the integration tests: one connection to the server named
// by LUKHAS_PG_STATE / LUKHAS_PG_DSN / PG*, and the data set loaded at
// benchmark scale (main.cpp skips the whole binary with 77 when there is no
// server).
#include <cstdint>
#include <pqxx/pqxx>
#include <string>

#include "fixtures/datagen/loader.hpp"

namespace lukhas::testdb {

// Plans are checked at benchmark scale: 10 x 10,000 = 100,000 users.
inline constexpr int kPlanScale = 10;

pqxx::connection& conn();
const datagen::DatasetMeta& dataset();

// Distinct per call and per run, so tests also work on a reused database.
std::string unique(const std::string& prefix);

// A single count(*) from fixed test SQL with bound parameters.
template <class... Args>
std::int64_t count(const std::string& sql, Args&&... args) {
  pqxx::nontransaction tx(conn());
  return tx.exec_params1(sql, std::forward<Args>(args)...)[0].template as<std::int64_t>();
}

}  // namespace lukhas::testdb
