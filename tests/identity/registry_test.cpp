#include <gtest/gtest.h>

#include <set>

#include "core/identity/registry.hpp"
#include "core/identity/user_generator.hpp"

namespace lukhas::identity {
namespace {

UserRecord user(std::string uuid, std::optional<std::string> ns, std::string name) {
  UserRecord r;
  r.uuid = std::move(uuid);
  r.ns = std::move(ns);
  r.username = std::move(name);
  return r;
}

constexpr auto kInserted = Registry::InsertResult::inserted;

TEST(Registry, AbsentAndEmptyNamespaceAreDistinctKeys) {
  Registry reg;
  ASSERT_EQ(reg.insert(user("u-absent", std::nullopt, "alice")), kInserted);
  ASSERT_EQ(reg.insert(user("u-empty", std::string(), "alice")), kInserted);
  ASSERT_EQ(reg.insert(user("u-ns", std::string("stanford"), "alice")), kInserted);
  EXPECT_EQ(reg.size(), 3u);

  const UserRecord* absent = reg.resolve(std::nullopt, "alice");
  const UserRecord* empty = reg.resolve(std::string_view(), "alice");
  const UserRecord* named = reg.resolve(std::string_view("stanford"), "alice");
  ASSERT_NE(absent, nullptr);
  ASSERT_NE(empty, nullptr);
  ASSERT_NE(named, nullptr);
  EXPECT_EQ(absent->uuid, "u-absent");
  EXPECT_FALSE(absent->ns.has_value());
  EXPECT_EQ(empty->uuid, "u-empty");
  EXPECT_EQ(empty->ns, std::string());
  EXPECT_EQ(named->uuid, "u-ns");
}

TEST(Registry, EmptyNamespaceDoesNotResolveAnAbsentOne) {
  Registry reg;
  ASSERT_EQ(reg.insert(user("u1", std::nullopt, "bob")), kInserted);
  EXPECT_EQ(reg.resolve(std::string_view(""), "bob"), nullptr);
  Registry reg2;
  ASSERT_EQ(reg2.insert(user("u2", std::string(), "bob")), kInserted);
  EXPECT_EQ(reg2.resolve(std::nullopt, "bob"), nullptr);
}

TEST(Registry, DuplicateKeyIsRefusedAndKeepsTheFirst) {
  Registry reg;
  ASSERT_EQ(reg.insert(user("first", std::string("x"), "carol")), kInserted);
  EXPECT_EQ(reg.insert(user("second", std::string("x"), "carol")), Registry::InsertResult::duplicate);
  EXPECT_EQ(reg.size(), 1u);
  EXPECT_EQ(reg.resolve(std::string_view("x"), "carol")->uuid, "first");
}

TEST(Registry, KeysLongerThanALidAllowsAreRefused) {
  Registry reg;
  EXPECT_EQ(reg.insert(user("a", std::string(49, 'n'), "alice")), Registry::InsertResult::key_too_long);
  EXPECT_EQ(reg.insert(user("b", std::nullopt, std::string(33, 'u'))), Registry::InsertResult::key_too_long);
  EXPECT_EQ(reg.size(), 0u);
  EXPECT_EQ(reg.insert(user("c", std::string(48, 'n'), std::string(32, 'u'))), kInserted);
  EXPECT_NE(reg.resolve(std::string_view(std::string(48, 'n')), std::string(32, 'u')), nullptr);
}

TEST(Registry, UnknownUserIsNotFound) {
  Registry reg;
  EXPECT_EQ(reg.resolve(std::nullopt, "nobody"), nullptr);  // empty registry
  ASSERT_EQ(reg.insert(user("u", std::string("ns"), "dave")), kInserted);
  EXPECT_EQ(reg.resolve(std::string_view("ns"), "dave2"), nullptr);
  EXPECT_EQ(reg.resolve(std::string_view("other"), "dave"), nullptr);
  EXPECT_EQ(reg.resolve(std::nullopt, "dave"), nullptr);
}

TEST(Registry, ResolvesAParsedLid) {
  Registry reg;
  ASSERT_EQ(reg.insert(user("u", std::string("stanford"), "alice_smith")), kInserted);
  const LidResult r = parse("#ΛID Stanford:Alice_Smith @google");
  ASSERT_TRUE(r.ok());
  const UserRecord* rec = reg.resolve(r.lid);
  ASSERT_NE(rec, nullptr);
  EXPECT_EQ(rec->uuid, "u");
}

TEST(Registry, EveryGeneratedUserResolvesToItselfAcrossGrowth) {
  // No reserve(): inserts go through several rehashes.
  Registry reg;
  const auto users = generate_users(20000, 7);
  for (const auto& u : users) ASSERT_EQ(reg.insert(u), kInserted) << u.username;
  ASSERT_EQ(reg.size(), users.size());
  for (const auto& u : users) {
    const auto ns = u.ns ? std::optional<std::string_view>(*u.ns) : std::nullopt;
    const UserRecord* r = reg.resolve(ns, u.username);
    ASSERT_NE(r, nullptr) << u.username;
    EXPECT_EQ(r->uuid, u.uuid);
  }
  for (std::size_t i = 0; i < 1000; ++i) EXPECT_EQ(reg.resolve(std::nullopt, missing_username(i)), nullptr);
}

TEST(UserGenerator, SameSeedSameUsersOtherSeedOtherUsers) {
  const auto a = generate_users(500, 42);
  const auto b = generate_users(500, 42);
  const auto c = generate_users(500, 43);
  ASSERT_EQ(a.size(), 500u);
  std::size_t same_as_c = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].uuid, b[i].uuid);
    EXPECT_EQ(a[i].username, b[i].username);
    EXPECT_EQ(a[i].ns, b[i].ns);
    same_as_c += a[i].uuid == c[i].uuid;
  }
  EXPECT_EQ(same_as_c, 0u);
}

TEST(UserGenerator, UsersAreValidUniqueLidsWithAMixOfNamespaces) {
  const auto users = generate_users(5000, 1);
  std::set<std::string> canon;
  std::size_t without_ns = 0;
  for (const auto& u : users) {
    const std::string text = u.ns ? *u.ns + ":" + u.username : u.username;
    const LidResult r = parse(text);
    ASSERT_TRUE(r.ok()) << text << ": " << r.message;
    EXPECT_EQ(r.lid.canonical, text);
    canon.insert(text);
    without_ns += !u.ns.has_value();
    EXPECT_EQ(u.uuid.size(), 36u);
    EXPECT_EQ(u.uuid[14], '4');  // version 4
    EXPECT_GE(static_cast<int>(u.tier), 1);
    EXPECT_LE(static_cast<int>(u.tier), 5);
  }
  EXPECT_EQ(canon.size(), users.size());
  EXPECT_GT(without_ns, 1000u);
  EXPECT_LT(without_ns, 2500u);
}

}  // namespace
}  // namespace lukhas::identity
