#pragma once
// Benchmark inputs for the identity suite, built from the run's seed
// (--lukhas_seed). The registries are built once per process and shared by
// every benchmark that uses the same size.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/identity/registry.hpp"

namespace lukhas::bench::identity {

struct Key {
  std::optional<std::string> ns;
  std::string username;
};

struct RegistryFixture {
  lukhas::identity::Registry registry;
  std::vector<Key> hits;    // 2^16 existing users in random order, copied out of the registry
  std::vector<Key> misses;  // absent users: unknown usernames, and known usernames under the wrong namespace
  std::size_t users = 0;
  std::uint64_t seed = 0;
};

// Users actually generated for a requested size: the size itself, except
// that LUKHAS_IDENTITY_MAX_USERS=N caps it (a smoke run on a slow debug or
// sanitizer build can set it; the row's label shows the size used).
std::size_t effective_users(std::size_t requested);

// Lazily built, one per size, thread safe; the seed is options().seed.
const RegistryFixture& registry_fixture(std::size_t requested_users);

enum class ParseKind { canonical = 0, decorated = 1, invalid = 2 };
const char* kind_name(ParseKind k);

// 1024 inputs of one kind, cycled by the benchmarks.
const std::vector<std::string>& parse_inputs(ParseKind kind);

}  // namespace lukhas::bench::identity
