// Consent ledger operations (docs/consent-ledger.md) against the loaded
// data set. Writes accumulate (grants, audit rows) like a live ledger's.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <stdexcept>

#include "bench/schema/drive.hpp"
#include "bench/schema/schema_env.hpp"
#include "bench/support/registry.hpp"

namespace lukhas::bench::schema {
namespace {

db::GrantRequest grant_request(const std::string& lid, const std::string& service,
                               std::vector<std::string> scopes) {
  db::GrantRequest r;
  r.user_lid = lid;
  r.service = service;
  r.scopes = std::move(scopes);
  r.purpose = "assistant_context";
  r.ttl_minutes = 60;
  return r;
}

void consent_grant(benchmark::State& state, bool latency) {
  const auto lid_pool = lids(5);
  std::size_t i = 0;
  drive(state, latency, [&] {
    auto g = env().consent->grant(
        grant_request(lid_pool[i++ % lid_pool.size()], "gmail", {"email.headers.read", "email.labels.read"}));
    benchmark::DoNotOptimize(g);
  });
}

void consent_verify(benchmark::State& state, bool latency) {
  // Tokens are minted before the timed loop; a verify counts a use and
  // writes its audit row, as in production.
  const auto lid_pool = lids(6);
  std::vector<std::string> tokens;
  for (std::size_t k = 0; k < 256; ++k) {
    tokens.push_back(env().consent->grant(grant_request(lid_pool[k % lid_pool.size()], "drive",
                                                        {"files.list", "files.read"}))
                         .token);
  }
  const std::vector<std::string> required = {"files.list"};
  std::size_t i = 0;
  drive(state, latency, [&] {
    const auto v = env().consent->verify(tokens[i++ % tokens.size()], required);
    if (!v.allowed()) throw std::runtime_error(fmt::format("verify refused: {}", db::to_string(v.outcome)));
  });
}

void consent_revoke(benchmark::State& state, bool latency) {
  // Each call revokes one live grant through the service and scope filters;
  // the pool is refilled with the timer paused.
  struct Live {
    std::string lid, grant_id;
  };
  const auto lid_pool = lids(7);
  std::vector<Live> pool;
  std::size_t next_lid = 0;
  auto refill = [&] {
    for (std::size_t k = 0; k < 128; ++k) {
      const auto& lid = lid_pool[next_lid++ % lid_pool.size()];
      pool.push_back({lid, env().consent->grant(grant_request(lid, "dropbox", {"files.list"})).grant_id});
    }
  };
  refill();
  db::RevokeRequest r;
  r.service = "dropbox";
  r.scopes = {"files.list"};
  r.reason = "benchmark";
  drive(
      state, latency,
      [&] {
        r.user_lid = pool.back().lid;
        r.grant_id = pool.back().grant_id;
        pool.pop_back();
        const auto res = env().consent->revoke(r);
        if (res.grants != 1) throw std::runtime_error(fmt::format("revoked {} grants, expected 1", res.grants));
      },
      [&] {
        if (!pool.empty()) return;
        pause(state);
        refill();
        resume(state);
      });
}

void consent_ledger(benchmark::State& state, bool latency) {
  const auto lid_pool = lids_with_grants(8);
  std::size_t i = 0;
  drive(state, latency, [&] {
    auto entries = env().consent->ledger(lid_pool[i++ % lid_pool.size()]);
    if (entries.empty()) throw std::runtime_error("ledger of a user with generated grants is empty");
    benchmark::DoNotOptimize(entries);
  });
}

void consent_cleanup(benchmark::State& state, bool latency) {
  drive(state, latency, [&] { benchmark::DoNotOptimize(env().consent->cleanup()); });
}

void BM_Schema_ConsentGrant(benchmark::State& s) { consent_grant(s, false); }
void BM_Schema_ConsentGrant_Latency(benchmark::State& s) { consent_grant(s, true); }
void BM_Schema_ConsentVerify(benchmark::State& s) { consent_verify(s, false); }
void BM_Schema_ConsentVerify_Latency(benchmark::State& s) { consent_verify(s, true); }
void BM_Schema_ConsentRevoke(benchmark::State& s) { consent_revoke(s, false); }
void BM_Schema_ConsentRevoke_Latency(benchmark::State& s) { consent_revoke(s, true); }
void BM_Schema_ConsentLedger(benchmark::State& s) { consent_ledger(s, false); }
void BM_Schema_ConsentLedger_Latency(benchmark::State& s) { consent_ledger(s, true); }
void BM_Schema_ConsentCleanup(benchmark::State& s) { consent_cleanup(s, false); }
void BM_Schema_ConsentCleanup_Latency(benchmark::State& s) { consent_cleanup(s, true); }

LUKHAS_BENCHMARK_PAIR(BM_Schema_ConsentGrant, wall_time_us);
LUKHAS_BENCHMARK_PAIR(BM_Schema_ConsentVerify, wall_time_us);
LUKHAS_BENCHMARK_PAIR(BM_Schema_ConsentRevoke, wall_time_us);
LUKHAS_BENCHMARK_PAIR(BM_Schema_ConsentLedger, wall_time_us);
LUKHAS_BENCHMARK_PAIR(BM_Schema_ConsentCleanup, wall_time_us);

}  // namespace
}  // namespace lukhas::bench::schema
