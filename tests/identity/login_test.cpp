#include <gtest/gtest.h>

#include <map>
#include <numeric>

#include "core/identity/login.hpp"
#include "core/identity/url_encoding.hpp"

namespace lukhas::identity {
namespace {

// Bytes 0, 1, 2, ... so the state is known: base64url of 00..1F.
class CountingRandom final : public RandomSource {
 public:
  bool fill(std::span<unsigned char> out) override {
    std::iota(out.begin(), out.end(), static_cast<unsigned char>(0));
    ++calls;
    return true;
  }
  int calls = 0;
};

class FailingRandom final : public RandomSource {
 public:
  bool fill(std::span<unsigned char>) override { return false; }
};

constexpr const char* kCountingState = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

struct Url {
  std::string path;
  std::vector<std::pair<std::string, std::string>> raw;  // as encoded in the URL
  std::map<std::string, std::string> decoded;
};

Url split(const std::string& url) {
  Url u;
  const auto q = url.find('?');
  u.path = url.substr(0, q);
  if (q == std::string::npos) return u;
  std::string_view rest(url);
  rest.remove_prefix(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    std::string key(pair.substr(0, eq));
    std::string value(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    const auto dec = percent_decode(value);
    EXPECT_TRUE(dec.has_value()) << value;
    u.decoded[key] = dec.value_or("");
    u.raw.emplace_back(std::move(key), std::move(value));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return u;
}

bool only_unreserved_or_escapes(const std::string& v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~') continue;
    if (c == '%' && i + 2 < v.size() && std::isxdigit(static_cast<unsigned char>(v[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(v[i + 2]))) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

LoginPlan login(std::string_view input, std::optional<std::string_view> provider = std::nullopt,
                const LoginConfig& cfg = LoginConfig{}) {
  CountingRandom rnd;
  return resolve_login(input, provider, cfg, rnd);
}

TEST(ResolveLogin, LukhasUrlEncodesTheLidAndState) {
  const LoginPlan p = login("Stanford:Alice");
  ASSERT_TRUE(p.ok()) << p.message;
  EXPECT_EQ(p.provider, Provider::lukhas);
  EXPECT_EQ(p.state, kCountingState);
  // ':' is reserved, so the canonical ΛID is encoded (the original forgot).
  EXPECT_EQ(p.auth_url, std::string("/identity/webauthn/challenge?lid=stanford%3Aalice&state=") + kCountingState);
}

TEST(ResolveLogin, GoogleUrlIsExactlyAsSpecified) {
  const LoginPlan p = login("alice@google");
  ASSERT_TRUE(p.ok()) << p.message;
  EXPECT_EQ(p.auth_url,
            std::string("https://accounts.google.com/o/oauth2/v2/auth?client_id=lukhas-google-client-id"
                        "&response_type=code&scope=openid%20email%20profile&state=") +
                kCountingState + "&redirect_uri=https%3A%2F%2Fidentity.lukhas.com%2Foauth%2Fcallback%2Fgoogle");
}

struct ProviderCase {
  const char* name;
  const char* endpoint;
  const char* scope;
  std::map<std::string, std::string> extra;
};

TEST(ResolveLogin, EveryProviderQueryRoundTripsWithTheSpecifiedValues) {
  const std::vector<ProviderCase> providers = {
      {"google", "https://accounts.google.com/o/oauth2/v2/auth", "openid email profile", {}},
      {"apple", "https://appleid.apple.com/auth/authorize", "name email", {{"response_mode", "form_post"}}},
      {"github", "https://github.com/login/oauth/authorize", "user:email", {}},
      {"microsoft", "https://login.microsoftonline.com/common/oauth2/v2.0/authorize", "openid profile email",
       {{"prompt", "select_account"}}},
  };
  const LoginConfig cfg;
  for (const auto& pc : providers) {
    SCOPED_TRACE(pc.name);
    const LoginPlan p = login("alice", pc.name, cfg);
    ASSERT_TRUE(p.ok()) << p.message;
    EXPECT_EQ(to_string(p.provider), pc.name);
    const Url u = split(p.auth_url);
    EXPECT_EQ(u.path, pc.endpoint);
    std::map<std::string, std::string> expected = {
        {"response_type", "code"},
        {"scope", pc.scope},
        {"state", kCountingState},
        {"redirect_uri", std::string("https://identity.lukhas.com/oauth/callback/") + pc.name},
    };
    expected["client_id"] = std::string(pc.name) == "google"   ? cfg.google.client_id
                            : std::string(pc.name) == "apple"  ? cfg.apple.client_id
                            : std::string(pc.name) == "github" ? cfg.github.client_id
                                                               : cfg.microsoft.client_id;
    for (const auto& [k, v] : pc.extra) expected[k] = v;
    EXPECT_EQ(u.decoded, expected);
    for (const auto& [k, v] : u.raw) {
      EXPECT_TRUE(only_unreserved_or_escapes(v)) << k << "=" << v;
      EXPECT_EQ(percent_encode(u.decoded.at(k)), v) << k;
    }
  }
}

TEST(ResolveLogin, ConfiguredValuesWithReservedAndNonAsciiCharactersAreEncoded) {
  LoginConfig cfg;
  cfg.github.client_id = "id&x=1 +é";
  const LoginPlan p = login("alice", "github", cfg);
  ASSERT_TRUE(p.ok()) << p.message;
  EXPECT_NE(p.auth_url.find("client_id=id%26x%3D1%20%2B%C3%A9&"), std::string::npos) << p.auth_url;
  const Url u = split(p.auth_url);
  EXPECT_EQ(u.decoded.at("client_id"), "id&x=1 +é");
  EXPECT_EQ(u.decoded.size(), 5u);  // the '&' and '=' did not create parameters
}

TEST(ResolveLogin, ExplicitProviderBeatsTheParsedOne) {
  const LoginPlan p = login("alice@github", "apple");
  ASSERT_TRUE(p.ok()) << p.message;
  EXPECT_EQ(p.provider, Provider::apple);
}

TEST(ResolveLogin, ParsedProviderBeatsTheDefault) {
  const LoginPlan p = login("#ΛID alice @GitHub ~en");
  ASSERT_TRUE(p.ok()) << p.message;
  EXPECT_EQ(p.provider, Provider::github);
}

TEST(ResolveLogin, DefaultProviderIsLukhas) {
  const LoginPlan p = login("alice");
  ASSERT_TRUE(p.ok()) << p.message;
  EXPECT_EQ(p.provider, Provider::lukhas);
}

TEST(ResolveLogin, UnknownParsedProviderIsRefused) {
  const LoginPlan p = login("alice@okta");
  EXPECT_EQ(p.error, LoginError::unknown_provider);
  EXPECT_NE(p.message.find("'okta'"), std::string::npos) << p.message;
  EXPECT_NE(p.message.find("'@' in the ΛID"), std::string::npos) << p.message;
  EXPECT_TRUE(p.auth_url.empty());
  EXPECT_TRUE(p.state.empty());
}

TEST(ResolveLogin, UnknownExplicitProviderIsRefusedEvenWithAValidParsedOne) {
  EXPECT_EQ(login("alice@google", "facebook").error, LoginError::unknown_provider);
  EXPECT_EQ(login("alice", "").error, LoginError::unknown_provider);
  EXPECT_EQ(login("alice", "Google").error, LoginError::unknown_provider);  // names are exact
  const LoginPlan p = login("alice", "evil\nname");
  EXPECT_NE(p.message.find("(unprintable)"), std::string::npos) << p.message;
}

TEST(ResolveLogin, InvalidLidIsRefusedWithTheParserReason) {
  const LoginPlan p = login("x'; drop table identity.users; --");
  EXPECT_EQ(p.error, LoginError::invalid_lid);
  EXPECT_EQ(p.lid_error, LidError::username_invalid_char);
  EXPECT_NE(p.message.find("invalid character"), std::string::npos);
}

TEST(ResolveLogin, RandomFailureIsReportedNotIgnored) {
  FailingRandom rnd;
  const LoginPlan p = resolve_login("alice", std::nullopt, LoginConfig{}, rnd);
  EXPECT_EQ(p.error, LoginError::random_failed);
  EXPECT_TRUE(p.auth_url.empty());
}

TEST(ResolveLogin, OpenSslStatesDifferAndEachDecodesTo32Bytes) {
  const LoginPlan a = resolve_login("alice");
  const LoginPlan b = resolve_login("alice");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a.state, b.state);
  for (const auto* p : {&a, &b}) {
    EXPECT_EQ(p->state.size(), 43u);
    EXPECT_EQ(p->state.find('='), std::string::npos);
    const auto bytes = base64url_decode(p->state);
    ASSERT_TRUE(bytes.has_value()) << p->state;
    EXPECT_EQ(bytes->size(), 32u);
  }
}

TEST(UrlEncoding, KeepsUnreservedAndEscapesEverythingElse) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percent_encode("a b&c=d+e/f:g?h#é"), "a%20b%26c%3Dd%2Be%2Ff%3Ag%3Fh%23%C3%A9");
  EXPECT_EQ(percent_encode(std::string("\0\xFF", 2)), "%00%FF");
}

TEST(UrlEncoding, DecodeIsTheStrictInverse) {
  const std::string all = [] {
    std::string s;
    for (int c = 0; c < 256; ++c) s.push_back(static_cast<char>(c));
    return s;
  }();
  EXPECT_EQ(percent_decode(percent_encode(all)), all);
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_FALSE(percent_decode("%").has_value());
  EXPECT_FALSE(percent_decode("%4").has_value());
  EXPECT_FALSE(percent_decode("%G1").has_value());
  EXPECT_EQ(percent_decode("%c3%A9"), "é");
}

TEST(UrlEncoding, Base64UrlRoundTripsAndRejectsForeignAlphabets) {
  for (std::size_t n = 0; n < 40; ++n) {
    std::vector<unsigned char> bytes(n);
    for (std::size_t i = 0; i < n; ++i) bytes[i] = static_cast<unsigned char>(251 - 7 * i);
    const std::string text = base64url_encode(bytes);
    EXPECT_EQ(text.find_first_of("+/="), std::string::npos) << text;
    EXPECT_EQ(base64url_decode(text), bytes) << text;
  }
  EXPECT_EQ(base64url_encode(std::vector<unsigned char>{0xFB, 0xFF}), "-_8");
  EXPECT_FALSE(base64url_decode("ab+c").has_value());
  EXPECT_FALSE(base64url_decode("abc=").has_value());
  EXPECT_FALSE(base64url_decode("abcde").has_value());
  EXPECT_FALSE(base64url_decode("ab*c").has_value());
}

}  // namespace
}  // namespace lukhas::identity
