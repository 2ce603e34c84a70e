// The ΛID parser against a table of inputs, then the full parse fields.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/identity/lid.hpp"

namespace lukhas::identity {
namespace {

struct Case {
  std::string name;
  std::string input;
  std::string canonical;  // expected canonical form when error == none
  LidError error = LidError::none;
};

Case ok(std::string name, std::string input, std::string canonical) {
  return {std::move(name), std::move(input), std::move(canonical), LidError::none};
}
Case bad(std::string name, std::string input, LidError e) { return {std::move(name), std::move(input), "", e}; }

std::vector<Case> cases() {
  const std::string ns48(48, 'n');
  const std::string user32(32, 'u');
  return {
      ok("plain username", "alice", "alice"),
      ok("surrounding white space", " \t alice \r\n", "alice"),
      ok("uppercase is lowered", "ALICE_Smith-99", "alice_smith-99"),
      ok("namespace and username", "stanford:alice_smith", "stanford:alice_smith"),
      ok("fully decorated", "#ΛID stanford:alice_smith @google ~en-gb 🌍", "stanford:alice_smith"),
      ok("#λid prefix", "#λid alice", "alice"),
      ok("#ΛID prefix mixed case", "#ΛiD Bob-1", "bob-1"),
      ok("#LID prefix", "#LID alice", "alice"),
      ok("#lid prefix", "#lid alice", "alice"),
      ok("prefix then extra spaces", "  #ΛID    alice  ", "alice"),
      ok("provider cut", "alice@google", "alice"),
      ok("locale cut", "alice~en-gb", "alice"),
      ok("locale before provider", "alice~en @github", "alice"),
      ok("bare @", "alice@", "alice"),
      ok("emoji after", "alice 🌍", "alice"),
      ok("emoji before", "🌍 alice", "alice"),
      ok("emoji inside is deleted", "al🌍ice", "alice"),
      ok("emoji range start U+1F300", "alice \xF0\x9F\x8C\x80", "alice"),
      ok("emoji range end U+1FAD6", "alice \xF0\x9F\xAB\x96", "alice"),
      ok("misc symbols start U+2600", "alice \xE2\x98\x80", "alice"),
      ok("misc symbols end U+26FF", "alice \xE2\x9B\xBF", "alice"),
      ok("namespace 1 character", "a:alice", "a:alice"),
      ok("namespace 48 characters", ns48 + ":alice", ns48 + ":alice"),
      ok("username 3 characters", "abc", "abc"),
      ok("username 32 characters", user32, user32),
      ok("digits and dashes", "0-9:___", "0-9:___"),
      bad("emoji past range end U+1FAD7", "alice \xF0\x9F\xAB\x97", LidError::username_invalid_char),
      bad("emoji before range U+1F2FF", "alice \xF0\x9F\x8B\xBF", LidError::username_invalid_char),
      bad("dingbat U+2705 is not stripped", "alice \xE2\x9C\x85", LidError::username_invalid_char),
      // docs/identity.md: U+2600 is stripped, the U+FE0F variation selector after it is not.
      bad("variation selector stays", "alice \xE2\x98\x80\xEF\xB8\x8F", LidError::username_invalid_char),
      bad("empty", "", LidError::empty),
      bad("only white space", " \t\n ", LidError::empty),
      bad("only emoji", "🌍🌍", LidError::empty),
      bad("only provider", "@google", LidError::empty),
      bad("only locale", "~en alice", LidError::empty),
      bad("prefix alone is not a prefix", "#lid ", LidError::username_invalid_char),
      bad("prefix without space", "#lidalice", LidError::username_invalid_char),
      bad("username 2 characters", "ab", LidError::username_too_short),
      bad("username 33 characters", user32 + "u", LidError::username_too_long),
      bad("namespace 49 characters", ns48 + "n:alice", LidError::namespace_too_long),
      bad("namespace empty", ":alice", LidError::namespace_empty),
      bad("username missing after namespace", "stanford:", LidError::username_too_short),
      bad("short username with namespace", "ns:al", LidError::username_too_short),
      bad("two colons", "a:b:cde", LidError::username_invalid_char),
      bad("space inside", "ali ce", LidError::username_invalid_char),
      bad("dot", "ali.ce", LidError::username_invalid_char),
      bad("invalid namespace character", "st.anford:alice", LidError::namespace_invalid_char),
      bad("Λ inside is lowered but not allowed", "ΛLICE", LidError::username_invalid_char),
      bad("SQL drop table", "x'; drop table identity.users; --", LidError::username_invalid_char),
      bad("SQL tautology", "alice' OR '1'='1", LidError::username_invalid_char),
      bad("SQL comment in namespace", "a--;:alice", LidError::namespace_invalid_char),
      bad("stray continuation byte", "ali\x80" "ce", LidError::invalid_utf8),
      bad("byte 0xFF", "\xFF" "alice", LidError::invalid_utf8),
      bad("overlong slash C0 AF", "alice\xC0\xAF", LidError::invalid_utf8),
      bad("overlong 3-byte E0 80 80", "alice\xE0\x80\x80", LidError::invalid_utf8),
      bad("overlong 4-byte F0 80 80 80", "alice\xF0\x80\x80\x80", LidError::invalid_utf8),
      bad("UTF-16 surrogate ED A0 80", "alice\xED\xA0\x80", LidError::invalid_utf8),
      bad("above U+10FFFF", "alice\xF4\x90\x80\x80", LidError::invalid_utf8),
      bad("truncated at end", "alice\xE2\x82", LidError::invalid_utf8),
      bad("invalid UTF-8 after @ still refused", "alice@go\xFFogle", LidError::invalid_utf8),
      bad("embedded NUL", std::string("ali\0ce", 6), LidError::embedded_nul),
      bad("4096 bytes is parsed", std::string(4096, 'a'), LidError::username_too_long),
      bad("4097 bytes is refused", std::string(4097, 'a'), LidError::input_too_long),
      bad("1 MB", std::string(1 << 20, 'a'), LidError::input_too_long),
  };
}

class LidTable : public ::testing::TestWithParam<Case> {};

TEST_P(LidTable, ParsesToTheExpectedCanonicalFormOrError) {
  const Case& c = GetParam();
  const LidResult r = parse(c.input);
  EXPECT_EQ(to_string(r.error), to_string(c.error)) << r.message;
  if (c.error == LidError::none) {
    EXPECT_EQ(r.lid.canonical, c.canonical);
    EXPECT_TRUE(r.message.empty());
  } else {
    EXPECT_FALSE(r.message.empty());
    EXPECT_TRUE(r.lid.canonical.empty());
  }
  // parse_full must agree with parse on the ΛID itself.
  const LidDetails d = parse_full(c.input);
  EXPECT_EQ(d.error, r.error);
  EXPECT_EQ(d.lid.canonical, r.lid.canonical);
}

INSTANTIATE_TEST_SUITE_P(Inputs, LidTable, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           std::string n;
                           for (char ch : param_info.param.name) n += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                           return std::to_string(param_info.index) + "_" + n;
                         });

TEST(LidParse, TableHasAtLeastFortyCases) { EXPECT_GE(cases().size(), 40u); }

TEST(LidParse, SplitsNamespaceAndUsername) {
  const LidResult r = parse("Stanford:Alice");
  ASSERT_TRUE(r.ok()) << r.message;
  ASSERT_TRUE(r.lid.ns().has_value());
  EXPECT_EQ(*r.lid.ns(), "stanford");
  EXPECT_EQ(r.lid.username(), "alice");
}

TEST(LidParse, NoNamespaceIsAbsentNotEmpty) {
  const LidResult r = parse("alice");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.lid.ns().has_value());
  EXPECT_EQ(r.lid.username(), "alice");
}

TEST(LidParse, MessagesNameThePositionInTheRawInput) {
  // "  al🌍i ce": the space is at byte 9 of the raw input (2 spaces, "al", 4 emoji bytes, "i").
  const LidResult r = parse("  al🌍i ce");
  ASSERT_EQ(r.error, LidError::username_invalid_char);
  EXPECT_NE(r.message.find("at byte 9"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("U+0020"), std::string::npos) << r.message;

  const LidResult u = parse("alice\xED\xA0\x80");
  EXPECT_NE(u.message.find("byte 5"), std::string::npos) << u.message;
  EXPECT_NE(u.message.find("surrogate"), std::string::npos) << u.message;

  const LidResult n = parse(std::string("ab\0c", 4));
  EXPECT_NE(n.message.find("byte 2"), std::string::npos) << n.message;
}

TEST(LidParse, MessagesNeverEchoNonAsciiCharacters) {
  // A right-to-left override must not reach logs verbatim.
  const LidResult r = parse("ali\xE2\x80\xAE" "ce");
  ASSERT_EQ(r.error, LidError::username_invalid_char);
  EXPECT_NE(r.message.find("U+202E"), std::string::npos) << r.message;
  EXPECT_EQ(r.message.find("\xE2\x80\xAE"), std::string::npos);
}

TEST(LidParse, TooLongInputMessageGivesSizeAndLimit) {
  const LidResult r = parse(std::string(5000, ' '));
  ASSERT_EQ(r.error, LidError::input_too_long);
  EXPECT_NE(r.message.find("5000"), std::string::npos);
  EXPECT_NE(r.message.find("4096"), std::string::npos);
}

TEST(LidParse, CanonicalFormParsesToItself) {
  for (const Case& c : cases()) {
    if (c.error != LidError::none) continue;
    const LidResult again = parse(c.canonical);
    ASSERT_TRUE(again.ok()) << c.name;
    EXPECT_EQ(again.lid.canonical, c.canonical) << c.name;
  }
}

TEST(LidParseFull, ReturnsProviderLocaleAndEmoji) {
  const LidDetails d = parse_full("#ΛID stanford:alice_smith @google ~en-gb 🌍");
  ASSERT_TRUE(d.ok()) << d.message;
  EXPECT_EQ(d.lid.canonical, "stanford:alice_smith");
  EXPECT_EQ(d.provider, "google");
  EXPECT_EQ(d.locale, "en-gb");
  EXPECT_EQ(d.emoji, "🌍");
}

TEST(LidParseFull, UndecoratedInputHasNoDecorations) {
  const LidDetails d = parse_full("alice");
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d.provider.has_value());
  EXPECT_FALSE(d.locale.has_value());
  EXPECT_FALSE(d.emoji.has_value());
}

TEST(LidParseFull, DecorationsAreLowercased) {
  const LidDetails d = parse_full("Alice @GitHub ~EN-US");
  EXPECT_EQ(d.provider, "github");
  EXPECT_EQ(d.locale, "en-us");
}

TEST(LidParseFull, MarkersWithoutContentAreSkipped) {
  const LidDetails d = parse_full("alice@123 ~_ @apple ~de");
  EXPECT_EQ(d.provider, "apple");  // the first '@' followed by letters
  EXPECT_EQ(d.locale, "de");
}

TEST(LidParseFull, FirstEmojiInRangeWins) {
  const LidDetails d = parse_full("alice \xE2\x9C\x85 \xE2\x98\x80 🌍");  // ✅ is out of range
  EXPECT_EQ(d.emoji, "\xE2\x98\x80");
}

TEST(LidParseFull, DecorationsSurviveAnInvalidLid) {
  const LidDetails d = parse_full("bad id @google ~fr");
  EXPECT_EQ(d.error, LidError::username_invalid_char);
  EXPECT_EQ(d.provider, "google");
  EXPECT_EQ(d.locale, "fr");
}

TEST(LidParseFull, InvalidBytesGiveNoDecorations) {
  const LidDetails d = parse_full("alice @google \xFF");
  EXPECT_EQ(d.error, LidError::invalid_utf8);
  EXPECT_FALSE(d.provider.has_value());
}

}  // namespace
}  // namespace lukhas::identity
