// Preflight for the integration tests: without a reachable server the binary
// prints one line with the reason and the fix and exits 77, which CTest
// reports as Skipped (never Passed).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <unistd.h>

#include "core/db/connection.hpp"
#include "core/db/error.hpp"
#include "db_env.hpp"

namespace lukhas::testdb {

namespace {
std::unique_ptr<pqxx::connection> g_conn;
datagen::DatasetMeta g_meta;
constexpr int kExitSkipped = 77;
constexpr std::uint64_t kSeed = 20261127;  // the benchmarks' default: one load serves both
}  // namespace

pqxx::connection& conn() { return *g_conn; }
const datagen::DatasetMeta& dataset() { return g_meta; }

std::string unique(const std::string& prefix) {
  static std::atomic<unsigned> counter{0};
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  return prefix + std::to_string(static_cast<unsigned long long>(us) % 10000000000ULL) + "_" +
         std::to_string(getpid() % 100000) + "_" + std::to_string(counter++);
}

}  // namespace lukhas::testdb

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  using namespace lukhas;
  if (GTEST_FLAG_GET(list_tests)) return RUN_ALL_TESTS();  // listing needs no server
  try {
    testdb::g_conn = db::connect_from_environment();
  } catch (const db::Error& e) {
    // Only an absent server is a skip; a malformed DSN fails the run.
    if (e.kind() != db::ErrorKind::unavailable) {
      std::fprintf(stderr, "test_db: %s\n", e.what());
      return 2;
    }
    std::fprintf(stderr, "test_db: skipped: %s\n", e.what());
    return testdb::kExitSkipped;
  }
  try {
    const auto r = datagen::ensure_dataset(*testdb::g_conn, LUKHAS_SQL_DIR, testdb::kPlanScale,
                                           testdb::kSeed, datagen::Reuse::at_least_scale, &std::cerr);
    testdb::g_meta = r.meta;
    std::fprintf(stderr, "test_db: data set scale %d seed %llu (%s)\n", r.meta.scale,
                 static_cast<unsigned long long>(r.meta.seed), r.reused ? "reused" : "loaded");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "test_db: loading the schema and data failed: %s\n", e.what());
    return 1;
  }
  return RUN_ALL_TESTS();
}
