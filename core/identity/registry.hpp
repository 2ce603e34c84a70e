#pragma once
// In-memory ΛID registry (docs/identity.md, "Resolving"): (namespace,
// username) -> user record. An absent
// namespace and an empty one are different keys (the original schema's
// UNIQUE(namespace, username) bug came from treating them loosely).
//
// Open addressing with linear probing. A lookup hashes the two string_views
// (no temporary key string), reads one 8-byte slot and one packed key, and
// returns the record without touching it: two cache misses at 1,000,000
// users, on huge pages so there is no page walk on top.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/identity/huge_page_allocator.hpp"
#include "core/identity/lid.hpp"

namespace lukhas::identity {

enum class Tier : std::uint8_t { T1 = 1, T2, T3, T4, T5 };
std::string_view to_string(Tier t) noexcept;

struct UserRecord {
  std::string uuid;
  std::optional<std::string> ns;  // absent: no namespace; "" is a distinct, explicit key
  std::string username;
  Tier tier = Tier::T2;
  bool verified = false;
  std::string locale;
};

class Registry {
 public:
  Registry() = default;
  void reserve(std::size_t users);

  enum class InsertResult { inserted, duplicate, key_too_long };
  // Nothing changes unless `inserted`. Keys longer than a ΛID allows
  // (namespace > 48, username > 32 bytes) are refused, not truncated.
  InsertResult insert(UserRecord record);

  // The record, or nullptr for "not found". Pointers stay valid until the
  // next insert. Concurrent resolves are safe; resolve and insert are not.
  const UserRecord* resolve(std::optional<std::string_view> ns, std::string_view username) const noexcept;
  const UserRecord* resolve(const Lid& lid) const noexcept { return resolve(lid.ns(), lid.username()); }

  std::size_t size() const noexcept { return records_.size(); }

 private:
  struct Slot {
    std::uint32_t tag = 0;         // high 32 bits of the hash: filters most probes without a key read
    std::uint32_t index = kEmpty;  // into records_ and keys_
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  };
  // The key packed into 96 bytes: a compare reads one or two cache lines
  // and no heap string.
  struct alignas(32) PackedKey {
    std::uint8_t ns_length = kAbsent;  // kAbsent: no namespace (distinct from 0, the empty one)
    std::uint8_t username_length = 0;
    char bytes[kNamespaceMax + kUsernameMax] = {};  // namespace then username
    static constexpr std::uint8_t kAbsent = 0xFF;
    bool equals(std::optional<std::string_view> ns, std::string_view username) const noexcept;
  };
  static std::uint64_t hash_key(std::optional<std::string_view> ns, std::string_view username) noexcept;
  void rehash(std::size_t slot_count);
  void place(std::uint64_t hash, std::uint32_t index) noexcept;

  std::vector<UserRecord> records_;
  std::vector<PackedKey, HugePageAllocator<PackedKey>> keys_;  // parallel to records_
  std::vector<Slot, HugePageAllocator<Slot>> slots_;           // 0 or a power of two, load <= 1/2
  std::vector<std::uint64_t> hashes_;                          // full hashes, only for rehashing
};

}  // namespace lukhas::identity
