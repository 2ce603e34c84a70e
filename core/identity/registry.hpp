#pragma once
// In-memory ΛID registry: (namespace, username) -> user record. An absent
// namespace and an empty one are different keys (the original schema's
// UNIQUE(namespace, username) bug came from treating them loosely).
//
// Open addressing with linear probing over 64-bit hashes, records in one
// vector: a lookup hashes the two string_views (no temporary key string) and
// touches about three cache lines even at 1,000,000 users.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

  // False (and no change) when a record with the same key exists.
  bool insert(UserRecord record);

  // The record, or nullptr for "not found". Pointers stay valid until the
  // next insert. Concurrent resolves are safe; resolve and insert are not.
  const UserRecord* resolve(std::optional<std::string_view> ns, std::string_view username) const noexcept;
  const UserRecord* resolve(const Lid& lid) const noexcept { return resolve(lid.ns(), lid.username()); }

  std::size_t size() const noexcept { return records_.size(); }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t index = kEmpty;  // into records_
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  };
  static std::uint64_t hash_key(std::optional<std::string_view> ns, std::string_view username) noexcept;
  void rehash(std::size_t slot_count);
  void place(std::uint64_t hash, std::uint32_t index) noexcept;

  std::vector<UserRecord> records_;
  std::vector<Slot> slots_;  // size is 0 or a power of two, load <= 1/2
};

}  // namespace lukhas::identity
