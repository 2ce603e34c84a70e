#pragma once
// What the schema benchmarks share: one connection with the prepared
// statements, the loaded data set's scale and seed, and keys picked from a
// seeded generator over that data (rebuilt from the generator, not read back).
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/db/consent_ledger.hpp"
#include "core/db/identity_store.hpp"

namespace lukhas::bench::schema {

struct LidKey {
  std::optional<std::string> ns;
  std::string username;
};
struct AliasKey {
  std::string provider, provider_user_id;
};

struct Env {
  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<db::IdentityStore> identity;
  std::unique_ptr<db::ConsentLedger> consent;
  int scale = 0;
  std::uint64_t seed = 0;
  std::int64_t users = 0;
};

// Set once by main before the benchmarks run.
Env& env();

// Keys for one benchmark run: a fixed-size pool drawn with the run's seed,
// cycled inside the timed loop so drawing costs nothing there.
inline constexpr std::size_t kKeyPool = 4096;
std::vector<LidKey> lid_keys(std::uint64_t salt);
std::vector<AliasKey> alias_keys(std::uint64_t salt);
std::vector<std::string> user_ids(std::uint64_t salt);
std::vector<std::string> lids_with_grants(std::uint64_t salt);
std::vector<std::string> lids(std::uint64_t salt);

}  // namespace lukhas::bench::schema
