#include "core/identity/user_generator.hpp"

#include <array>
#include <random>
#include <string_view>

namespace lukhas::identity {

namespace {

constexpr std::array<std::string_view, 8> kNamespaces = {
    "stanford", "lukhas", "acme-corp", "mit", "openlab", "research_ai", "eu-west", "x"};
constexpr std::array<std::string_view, 6> kLocales = {"en-gb", "en-us", "de-de", "fr-fr", "es", "ja-jp"};
constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789_-";

std::string uuid_v4(std::mt19937_64& rng) {
  const std::uint64_t hi = (rng() & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;
  const std::uint64_t lo = (rng() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
  static constexpr char hex[] = "0123456789abcdef";
  std::string s(36, '-');
  int bit = 124;
  for (std::size_t i = 0; i < 36; ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) continue;
    const std::uint64_t word = bit >= 64 ? hi : lo;
    const int shift = bit >= 64 ? bit - 64 : bit;
    s[i] = hex[(word >> shift) & 0xF];
    bit -= 4;
  }
  return s;
}

// Base-36 of the index makes usernames unique; the random tail gives them
// realistic, varied lengths (3..32).
std::string username_for(std::size_t index, std::mt19937_64& rng) {
  std::string u = "u";
  std::size_t v = index;
  do {
    u.push_back(kAlphabet[v % 36]);
    v /= 36;
  } while (v != 0);
  u.push_back('_');
  const std::size_t target = 8 + rng() % 17;  // 8..24 characters
  while (u.size() < target) u.push_back(kAlphabet[rng() % (sizeof kAlphabet - 1)]);
  return u;
}

}  // namespace

std::vector<UserRecord> generate_users(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<UserRecord> users;
  users.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    UserRecord r;
    r.uuid = uuid_v4(rng);
    if (rng() % 3 != 0) r.ns = std::string(kNamespaces[rng() % kNamespaces.size()]);
    r.username = username_for(i, rng);
    r.tier = static_cast<Tier>(1 + rng() % 5);
    r.verified = rng() % 2 == 0;
    r.locale = std::string(kLocales[rng() % kLocales.size()]);
    users.push_back(std::move(r));
  }
  return users;
}

Registry generate_registry(std::size_t n, std::uint64_t seed) {
  Registry reg;
  reg.reserve(n);
  for (auto& u : generate_users(n, seed)) reg.insert(std::move(u));
  return reg;
}

std::string missing_username(std::size_t i) { return "zz_missing_" + std::to_string(i); }

}  // namespace lukhas::identity
