#include "bench/identity/identity_data.hpp"

#include <array>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <random>

#include "bench/support/run.hpp"
#include "core/identity/user_generator.hpp"

namespace lukhas::bench::identity {

using lukhas::identity::generate_users;
using lukhas::identity::missing_username;

namespace {
constexpr std::size_t kInputCount = 1024;
constexpr std::size_t kKeyCount = 1 << 16;  // 64 Ki random users: too many to stay in L2, as real traffic
}  // namespace

std::size_t effective_users(std::size_t requested) {
  if (const char* cap = std::getenv("LUKHAS_IDENTITY_MAX_USERS")) {
    const auto n = static_cast<std::size_t>(std::strtoull(cap, nullptr, 10));
    if (n > 0 && n < requested) return n;
  }
  return requested;
}

const RegistryFixture& registry_fixture(std::size_t requested_users) {
  static std::mutex mutex;
  static std::map<std::size_t, std::unique_ptr<RegistryFixture>> built;
  std::lock_guard lock(mutex);
  auto& slot = built[requested_users];
  if (slot) return *slot;

  auto f = std::make_unique<RegistryFixture>();
  f->users = effective_users(requested_users);
  f->seed = options().seed;
  auto users = generate_users(f->users, f->seed);
  std::mt19937_64 rng(f->seed ^ 0x6b6579736b657973ull);  // key order: independent of the data stream
  for (std::size_t i = 0; i < kKeyCount; ++i) {
    const auto& u = users[rng() % users.size()];
    f->hits.push_back(Key{u.ns, u.username});
    // Half the misses are unknown names, half known names in a namespace they are not in.
    if (i % 2 == 0) {
      f->misses.push_back(Key{u.ns, missing_username(i)});
    } else {
      f->misses.push_back(Key{u.ns ? std::nullopt : std::optional<std::string>("nowhere"), u.username});
    }
  }
  f->registry.reserve(users.size());
  for (auto& u : users) (void)f->registry.insert(std::move(u));  // generated keys are unique and valid
  slot = std::move(f);
  return *slot;
}

const char* kind_name(ParseKind k) {
  switch (k) {
    case ParseKind::canonical: return "canonical";
    case ParseKind::decorated: return "decorated";
    case ParseKind::invalid: return "invalid";
  }
  return "?";
}

const std::vector<std::string>& parse_inputs(ParseKind kind) {
  static std::mutex mutex;
  static std::array<std::vector<std::string>, 3> inputs;
  std::lock_guard lock(mutex);
  auto& v = inputs[static_cast<std::size_t>(kind)];
  if (!v.empty()) return v;
  const auto users = generate_users(kInputCount, options().seed);
  static constexpr std::array<const char*, 5> kDecor = {" @google ~en-gb 🌍", " @apple", " ~de-de ☀",
                                                        "@github", " 🦄 @microsoft ~fr"};
  static constexpr std::array<const char*, 8> kInvalid = {
      "x'; drop table identity.users; --", "ab", ":alice", "ali ce", "alice\xFF", "alice\xED\xA0\x80",
      "a.b.c:alice", "0123456789012345678901234567890123456789"};
  std::mt19937_64 rng(options().seed ^ 0x7061727365ull);
  for (std::size_t i = 0; i < kInputCount; ++i) {
    const auto& u = users[i];
    const std::string canonical = u.ns ? *u.ns + ":" + u.username : u.username;
    switch (kind) {
      case ParseKind::canonical: v.push_back(canonical); break;
      case ParseKind::decorated: v.push_back("#ΛID " + canonical + kDecor[rng() % kDecor.size()]); break;
      case ParseKind::invalid: v.push_back(kInvalid[rng() % kInvalid.size()]); break;
    }
  }
  return v;
}

}  // namespace lukhas::bench::identity
