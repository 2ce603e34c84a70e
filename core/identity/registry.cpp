#include "core/identity/registry.hpp"

#include <bit>
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

void Registry::reserve(std::size_t users) {
  records_.reserve(users);
  const std::size_t want = std::bit_ceil(std::max<std::size_t>(16, users * 2));
  if (want > slots_.size()) rehash(want);
}

void Registry::place(std::uint64_t hash, std::uint32_t index) noexcept {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  while (slots_[i].index != Slot::kEmpty) i = (i + 1) & mask;
  slots_[i] = Slot{hash, index};
}

void Registry::rehash(std::size_t slot_count) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slot_count, Slot{});
  for (const Slot& s : old)
    if (s.index != Slot::kEmpty) place(s.hash, s.index);
}

bool Registry::insert(UserRecord record) {
  const std::optional<std::string_view> ns =
      record.ns ? std::optional<std::string_view>(*record.ns) : std::nullopt;
  if (resolve(ns, record.username) != nullptr) return false;
  if (records_.size() >= Slot::kEmpty - 1) throw std::length_error("registry full (2^32 - 2 records)");
  if ((records_.size() + 1) * 2 > slots_.size()) rehash(std::max<std::size_t>(16, slots_.size() * 2));
  const std::uint64_t h = hash_key(ns, record.username);
  records_.push_back(std::move(record));
  place(h, static_cast<std::uint32_t>(records_.size() - 1));
  return true;
}

const UserRecord* Registry::resolve(std::optional<std::string_view> ns,
                                    std::string_view username) const noexcept {
  if (slots_.empty()) return nullptr;
  const std::uint64_t h = hash_key(ns, username);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.index == Slot::kEmpty) return nullptr;
    if (s.hash != h) continue;
    const UserRecord& r = records_[s.index];
    if (r.username != username || r.ns.has_value() != ns.has_value()) continue;
    if (ns && *r.ns != *ns) continue;
    return &r;
  }
}

}  // namespace lukhas::identity
