// Identity schema queries (docs/database.md, docs/identity.md) against the
// loaded data set.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <pqxx/pqxx>
#include <stdexcept>

#include "bench/schema/drive.hpp"
#include "bench/schema/schema_env.hpp"
#include "bench/support/registry.hpp"

namespace lukhas::bench::schema {
namespace {

constexpr const char* kLogEventMarker = "bench_schema:log_event";

void user_by_lid(benchmark::State& state, bool latency) {
  const auto keys = lid_keys(1);
  std::size_t i = 0;
  drive(state, latency, [&] {
    const auto& k = keys[i++ % keys.size()];
    auto u = env().identity->user_by_lid(k.ns, k.username);
    if (!u) throw std::runtime_error(fmt::format("generated user {} not found", k.username));
    benchmark::DoNotOptimize(u);
  });
}

void user_by_alias(benchmark::State& state, bool latency) {
  const auto keys = alias_keys(2);
  std::size_t i = 0;
  drive(state, latency, [&] {
    const auto& k = keys[i++ % keys.size()];
    auto u = env().identity->user_by_alias(k.provider, k.provider_user_id);
    if (!u) throw std::runtime_error(fmt::format("generated alias {} not found", k.provider_user_id));
    benchmark::DoNotOptimize(u);
  });
}

void log_event(benchmark::State& state, bool latency) {
  const auto ids = user_ids(3);
  std::size_t i = 0;
  db::AuditEvent ev;
  ev.event_type = "resolution";
  ev.provider = "lukhas";
  ev.client_ip = "203.0.113.10";
  ev.user_agent = "bench_schema";
  ev.processing_time_ms = 0.4;
  ev.canonical_lid = kLogEventMarker;
  drive(state, latency, [&] {
    ev.user_id = ids[i++ % ids.size()];
    benchmark::DoNotOptimize(env().identity->log_event(ev));
  });
  // Untimed: remove this run's rows so the 24-hour view (PerformanceStats)
  // reads the same data whatever ran before it; at 6,000 inserts/s the view
  // otherwise doubled its input within one run of this benchmark.
  try {
    pqxx::work tx(*env().conn);
    tx.exec_params0("DELETE FROM identity.audit_log WHERE canonical_lid = $1", std::string(kLogEventMarker));
    tx.commit();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

void recent_audit(benchmark::State& state, bool latency) {
  const auto ids = user_ids(4);
  std::size_t i = 0;
  drive(state, latency, [&] {
    auto rows = env().identity->recent_audit(ids[i++ % ids.size()]);
    benchmark::DoNotOptimize(rows);
  });
}

void performance_stats(benchmark::State& state, bool latency) {
  drive(state, latency, [&] {
    auto rows = env().identity->performance_stats();
    if (rows.empty()) throw std::runtime_error("performance_stats returned no rows");
    benchmark::DoNotOptimize(rows);
  });
}

void BM_Schema_UserByLid(benchmark::State& s) { user_by_lid(s, false); }
void BM_Schema_UserByLid_Latency(benchmark::State& s) { user_by_lid(s, true); }
void BM_Schema_UserByAlias(benchmark::State& s) { user_by_alias(s, false); }
void BM_Schema_UserByAlias_Latency(benchmark::State& s) { user_by_alias(s, true); }
void BM_Schema_LogEvent(benchmark::State& s) { log_event(s, false); }
void BM_Schema_LogEvent_Latency(benchmark::State& s) { log_event(s, true); }
void BM_Schema_RecentAudit(benchmark::State& s) { recent_audit(s, false); }
void BM_Schema_RecentAudit_Latency(benchmark::State& s) { recent_audit(s, true); }
void BM_Schema_PerformanceStats(benchmark::State& s) { performance_stats(s, false); }
void BM_Schema_PerformanceStats_Latency(benchmark::State& s) { performance_stats(s, true); }

// Wall time decides: the client mostly waits on the server, so CPU time
// would understate every call and inflate the iteration count.
LUKHAS_BENCHMARK_PAIR(BM_Schema_UserByLid, wall_time_us);
LUKHAS_BENCHMARK_PAIR(BM_Schema_UserByAlias, wall_time_us);
LUKHAS_BENCHMARK_PAIR(BM_Schema_LogEvent, wall_time_us);
LUKHAS_BENCHMARK_PAIR(BM_Schema_RecentAudit, wall_time_us);
LUKHAS_BENCHMARK_PAIR(BM_Schema_PerformanceStats, wall_time_us);

}  // namespace
}  // namespace lukhas::bench::schema
