#include "bench/schema/schema_env.hpp"

#include <type_traits>

#include "bench/support/run.hpp"
#include "fixtures/datagen/dataset.hpp"

namespace lukhas::bench::schema {

namespace {

// One generator per benchmark, from the run's seed and a per-benchmark salt.
std::mt19937_64 generator(std::uint64_t salt) {
  return std::mt19937_64(options().seed ^ (salt * 0x9e3779b97f4a7c15ULL));
}

std::int64_t pick_user(std::mt19937_64& g) {
  return static_cast<std::int64_t>(g() % static_cast<std::uint64_t>(env().users));
}

template <class F>
auto draw_pool(std::uint64_t salt, F&& make) {
  auto g = generator(salt);
  std::vector<typename std::invoke_result_t<F, std::int64_t>::value_type> out;
  out.reserve(kKeyPool);
  // Bounded: the generator's shares (60% aliases, 20% grants) make a miss
  // streak of this length impossible in practice.
  for (std::size_t tries = 0; out.size() < kKeyPool && tries < kKeyPool * 100; ++tries) {
    if (auto k = make(pick_user(g))) out.push_back(std::move(*k));
  }
  return out;
}

}  // namespace

Env& env() {
  static Env e;
  return e;
}

std::vector<LidKey> lid_keys(std::uint64_t salt) {
  return draw_pool(salt, [](std::int64_t i) -> std::optional<LidKey> {
    auto u = datagen::user_row(env().seed, i);
    return LidKey{u.ns, u.username};
  });
}

std::vector<AliasKey> alias_keys(std::uint64_t salt) {
  return draw_pool(salt, [](std::int64_t i) -> std::optional<AliasKey> {
    auto a = datagen::alias_row(env().seed, i);
    if (!a) return std::nullopt;
    return AliasKey{a->provider, a->provider_user_id};
  });
}

std::vector<std::string> user_ids(std::uint64_t salt) {
  return draw_pool(salt, [](std::int64_t i) -> std::optional<std::string> {
    return datagen::user_row(env().seed, i).user_id;
  });
}

std::vector<std::string> lids_with_grants(std::uint64_t salt) {
  return draw_pool(salt, [](std::int64_t i) -> std::optional<std::string> {
    if (datagen::grant_rows(env().seed, i).empty()) return std::nullopt;
    return datagen::user_row(env().seed, i).canonical_lid;
  });
}

std::vector<std::string> lids(std::uint64_t salt) {
  return draw_pool(salt, [](std::int64_t i) -> std::optional<std::string> {
    return datagen::user_row(env().seed, i).canonical_lid;
  });
}

}  // namespace lukhas::bench::schema
