#include "core/identity/registry.hpp"

#include "core/common/inject.hpp"

#include <bit>
#include <cstring>
#include <functional>
#include <stdexcept>

namespace lukhas::identity {

std::string_view to_string(Tier t) noexcept {
  switch (t) {
    case Tier::T1: return "T1";
    case Tier::T2: return "T2";
    case Tier::T3: return "T3";
    case Tier::T4: return "T4";
    case Tier::T5: return "T5";
  }
  return "T?";
}

std::uint64_t Registry::hash_key(std::optional<std::string_view> ns, std::string_view username) noexcept {
  // libstdc++'s string_view hash is Murmur-based and reads 8 bytes a step.
  // The "absent" marker and the namespace hash are mixed in differently so
  // that (absent, u) and ("", u) land on different hashes.
  const std::hash<std::string_view> h;
  std::uint64_t x = h(username);
  x ^= ns ? (h(*ns) * 0x9E3779B97F4A7C15ull) ^ 0x5851F42D4C957F2Dull : 0x2545F4914F6CDD1Dull;
  // splitmix64 finaliser: spreads the bits the slot mask keeps.
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

bool Registry::PackedKey::equals(std::optional<std::string_view> ns, std::string_view username) const noexcept {
  // memcmp of zero bytes still requires non-null pointers, and an empty
  // string_view may hold nullptr: compare through a helper that skips them.
  auto same = [](const char* a, std::string_view b) { return b.empty() || std::memcmp(a, b.data(), b.size()) == 0; };
  if (username.size() != username_length) return false;
  if (!ns) return ns_length == kAbsent && same(bytes, username);
  if (ns_length == kAbsent || ns->size() != ns_length) return false;
  return same(bytes, *ns) && same(bytes + ns_length, username);
}

void Registry::reserve(std::size_t users) {
  records_.reserve(users);
  keys_.reserve(users);
  hashes_.reserve(users);
  const std::size_t want = std::bit_ceil(std::max<std::size_t>(16, users * 2));
  if (want > slots_.size()) rehash(want);
}

void Registry::place(std::uint64_t hash, std::uint32_t index) noexcept {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  while (slots_[i].index != Slot::kEmpty) i = (i + 1) & mask;
  slots_[i] = Slot{static_cast<std::uint32_t>(hash >> 32), index};
}

void Registry::rehash(std::size_t slot_count) {
  slots_.assign(slot_count, Slot{});
  for (std::size_t i = 0; i < hashes_.size(); ++i) place(hashes_[i], static_cast<std::uint32_t>(i));
}

Registry::InsertResult Registry::insert(UserRecord record) {
  const std::optional<std::string_view> ns =
      record.ns ? std::optional<std::string_view>(*record.ns) : std::nullopt;
  if ((ns && ns->size() > kNamespaceMax) || record.username.size() > kUsernameMax) return InsertResult::key_too_long;
  if (resolve(ns, record.username) != nullptr) return InsertResult::duplicate;
  if (records_.size() >= Slot::kEmpty - 1) throw std::length_error("registry full (2^32 - 2 records)");
  if ((records_.size() + 1) * 2 > slots_.size()) rehash(std::max<std::size_t>(16, slots_.size() * 2));

  PackedKey key;
  key.ns_length = ns ? static_cast<std::uint8_t>(ns->size()) : PackedKey::kAbsent;
  key.username_length = static_cast<std::uint8_t>(record.username.size());
  const std::size_t ns_size = ns ? ns->size() : 0;
  if (ns_size != 0) std::memcpy(key.bytes, ns->data(), ns_size);
  if (!record.username.empty()) std::memcpy(key.bytes + ns_size, record.username.data(), record.username.size());

  const std::uint64_t h = hash_key(ns, record.username);
  records_.push_back(std::move(record));
  keys_.push_back(key);
  hashes_.push_back(h);
  place(h, static_cast<std::uint32_t>(records_.size() - 1));
  return InsertResult::inserted;
}

const UserRecord* Registry::resolve(std::optional<std::string_view> ns,
                                    std::string_view username) const noexcept {
  LUKHAS_INJECT_POINT("identity.resolve");
  if (slots_.empty()) return nullptr;
  const std::uint64_t h = hash_key(ns, username);
  const auto tag = static_cast<std::uint32_t>(h >> 32);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.index == Slot::kEmpty) return nullptr;
    if (s.tag == tag && keys_[s.index].equals(ns, username)) return &records_[s.index];
  }
}

}  // namespace lukhas::identity
