// The identity suite: ΛID parse (canonical, decorated, invalid), full parse,
// registry resolve (1,000 and 1,000,000 users, hit and miss), resolve_login
// per provider. Each operation has a throughput benchmark and a per-call
// latency benchmark (p50/p95/p99/max in µs).
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <span>
#include <cstring>
#include <string>

#include "bench/identity/identity_data.hpp"
#include "bench/support/latency.hpp"
#include "bench/support/loop.hpp"
#include "bench/support/registry.hpp"
#include "bench/support/run.hpp"
#include "core/identity/lid.hpp"
#include "core/identity/login.hpp"

namespace lukhas::bench::identity {
namespace {

namespace id = lukhas::identity;

// ---- parse --------------------------------------------------------------

void BM_Identity_Parse(benchmark::State& state) {
  const auto kind = static_cast<ParseKind>(state.range(0));
  const auto& inputs = parse_inputs(kind);
  std::size_t i = 0;
  for (auto _ : measured(state)) {
    auto r = id::parse(inputs[i++ & 1023]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(kind_name(kind));
}

void BM_Identity_Parse_Latency(benchmark::State& state) {
  const auto kind = static_cast<ParseKind>(state.range(0));
  const auto& inputs = parse_inputs(kind);
  std::size_t i = 0;
  LatencyRecorder rec(state);
  for (auto _ : measured(state)) {
    rec.time([&] {
      auto r = id::parse(inputs[i++ & 1023]);
      benchmark::DoNotOptimize(r);
    });
  }
  state.SetLabel(kind_name(kind));
}

void BM_Identity_ParseFull(benchmark::State& state) {
  const auto& inputs = parse_inputs(ParseKind::decorated);
  std::size_t i = 0;
  for (auto _ : measured(state)) {
    auto r = id::parse_full(inputs[i++ & 1023]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("decorated");
}

void BM_Identity_ParseFull_Latency(benchmark::State& state) {
  const auto& inputs = parse_inputs(ParseKind::decorated);
  std::size_t i = 0;
  LatencyRecorder rec(state);
  for (auto _ : measured(state)) {
    rec.time([&] {
      auto r = id::parse_full(inputs[i++ & 1023]);
      benchmark::DoNotOptimize(r);
    });
  }
  state.SetLabel("decorated");
}

// ---- resolve ------------------------------------------------------------

void describe(benchmark::State& state, const RegistryFixture& f) {
  state.counters["registry_users"] = static_cast<double>(f.users);
  state.SetLabel("users=" + std::to_string(f.users) + " seed=" + std::to_string(f.seed));
}

// A request's key has just been parsed when a server resolves it, so it is in
// cache. Copying it into a local buffer outside the timed call keeps the
// benchmark's own 64 Ki key array (cold by design) out of the latency.
struct HotKey {
  std::array<char, 96> bytes{};
  std::optional<std::string_view> ns;
  std::string_view username;
  explicit HotKey(const Key& k) {
    std::size_t at = 0;
    if (k.ns) {
      std::memcpy(bytes.data(), k.ns->data(), k.ns->size());
      ns = std::string_view(bytes.data(), k.ns->size());
      at = k.ns->size();
    }
    std::memcpy(bytes.data() + at, k.username.data(), k.username.size());
    username = std::string_view(bytes.data() + at, k.username.size());
  }
};

void BM_Identity_Resolve(benchmark::State& state) {
  const RegistryFixture& f = registry_fixture(static_cast<std::size_t>(state.range(0)));
  const auto& keys = state.range(1) != 0 ? f.hits : f.misses;
  std::size_t i = 0;
  std::size_t found = 0;
  for (auto _ : measured(state)) {
    const HotKey k(keys[i++ & (keys.size() - 1)]);
    const auto* r = f.registry.resolve(k.ns, k.username);
    found += r != nullptr;
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["hit_ratio"] = state.iterations() ? static_cast<double>(found) / static_cast<double>(state.iterations()) : 0;
  describe(state, f);
}

void BM_Identity_Resolve_Latency(benchmark::State& state) {
  const RegistryFixture& f = registry_fixture(static_cast<std::size_t>(state.range(0)));
  const auto& keys = state.range(1) != 0 ? f.hits : f.misses;
  std::size_t i = 0;
  std::size_t found = 0;
  {
    LatencyRecorder rec(state);
    for (auto _ : measured(state)) {
      const HotKey k(keys[i++ & (keys.size() - 1)]);
      rec.time([&] {
        const auto* r = f.registry.resolve(k.ns, k.username);
        found += r != nullptr;
        benchmark::DoNotOptimize(r);
      });
    }
  }
  state.counters["hit_ratio"] = state.iterations() ? static_cast<double>(found) / static_cast<double>(state.iterations()) : 0;
  describe(state, f);
}

// ---- resolve_login ------------------------------------------------------

// The login `state` comes from OpenSSL, and resolve_login's cost depends a
// little on those bytes (some characters take longer paths): a few
// instructions in 15,000, different on every run. In instruction mode the
// bytes OpenSSL wrote are replaced by a seeded sequence after the call, so
// OpenSSL's work is still counted and the count repeats exactly.
class StateBytes final : public id::RandomSource {
 public:
  bool fill(std::span<unsigned char> out) override {
    if (!openssl_.fill(out)) return false;
    if (options().mode == Mode::instructions) {
      for (auto& b : out) {
        next_ = next_ * 6364136223846793005ULL + 1442695040888963407ULL;  // LCG (Knuth's MMIX)
        b = static_cast<unsigned char>(next_ >> 56);
      }
    }
    return true;
  }

 private:
  id::OpenSslRandom openssl_;
  std::uint64_t next_ = options().seed;
};

constexpr id::Provider kProviders[] = {id::Provider::lukhas, id::Provider::google, id::Provider::apple,
                                       id::Provider::github, id::Provider::microsoft};

void BM_Identity_ResolveLogin(benchmark::State& state) {
  const id::Provider p = kProviders[state.range(0)];
  const std::string_view name = id::to_string(p);
  const id::LoginConfig config;
  StateBytes random;
  for (auto _ : measured(state)) {
    auto plan = id::resolve_login("#ΛID stanford:alice_smith ~en-gb", name, config, random);
    benchmark::DoNotOptimize(plan);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string(name));
}

void BM_Identity_ResolveLogin_Latency(benchmark::State& state) {
  const id::Provider p = kProviders[state.range(0)];
  const std::string_view name = id::to_string(p);
  const id::LoginConfig config;
  StateBytes random;
  LatencyRecorder rec(state);
  for (auto _ : measured(state)) {
    rec.time([&] {
      auto plan = id::resolve_login("#ΛID stanford:alice_smith ~en-gb", name, config, random);
      benchmark::DoNotOptimize(plan);
    });
  }
  state.SetLabel(std::string(name));
}

void parse_kinds(benchmark::internal::Benchmark* b) { b->ArgName("kind")->DenseRange(0, 2); }

void providers(benchmark::internal::Benchmark* b) { b->ArgName("provider")->DenseRange(0, 4); }

void resolve_args(benchmark::internal::Benchmark* b) {
  b->ArgNames({"registry", "hit"});
  for (const std::int64_t users : {1000, 1000000})
    for (const std::int64_t hit : {1, 0}) b->Args({users, hit});
}

}  // namespace

LUKHAS_BENCHMARK_PAIR(BM_Identity_Parse, parse_kinds);
LUKHAS_BENCHMARK_PAIR(BM_Identity_ParseFull);
LUKHAS_BENCHMARK_PAIR(BM_Identity_Resolve, resolve_args);
LUKHAS_BENCHMARK_PAIR(BM_Identity_ResolveLogin, providers);

}  // namespace lukhas::bench::identity
