#pragma once
// Deterministic registry users for benchmarks and tests: the same (n, seed)
// always gives the same users, and every user is a valid, unique ΛID.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/identity/registry.hpp"

namespace lukhas::identity {

// About a third of the users have no namespace; the rest share a small pool
// of namespaces, as organisations would.
std::vector<UserRecord> generate_users(std::size_t n, std::uint64_t seed);

// Builds a registry of generate_users(n, seed).
Registry generate_registry(std::size_t n, std::uint64_t seed);

// A username that generate_users never produces (they start with 'u'), for
// resolve misses.
std::string missing_username(std::size_t i);

}  // namespace lukhas::identity
