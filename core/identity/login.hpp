#pragma once
// resolve_login (docs/identity.md, "Preparing a login"): parse the ΛID, pick
// the provider, draw a CSRF `state`, build the provider's authorisation URL.
#include <optional>
#include <string>
#include <string_view>

#include "core/identity/lid.hpp"
#include "core/identity/random_source.hpp"

namespace lukhas::identity {

enum class Provider { lukhas, google, apple, github, microsoft };
std::string_view to_string(Provider p) noexcept;
// Exact lowercase names only ("google", ...); nullopt otherwise.
std::optional<Provider> provider_from_name(std::string_view name) noexcept;

struct OAuthClient {
  std::string client_id;
  std::string authorize_endpoint;
};

// Client ids and endpoints come from configuration, never from code paths.
struct LoginConfig {
  OAuthClient google{"lukhas-google-client-id", "https://accounts.google.com/o/oauth2/v2/auth"};
  OAuthClient apple{"com.lukhas.identity", "https://appleid.apple.com/auth/authorize"};
  OAuthClient github{"lukhas-github-client-id", "https://github.com/login/oauth/authorize"};
  OAuthClient microsoft{"lukhas-microsoft-client-id",
                        "https://login.microsoftonline.com/common/oauth2/v2.0/authorize"};
  std::string redirect_base = "https://identity.lukhas.com/oauth/callback/";  // + provider name
  std::string webauthn_challenge = "/identity/webauthn/challenge";
};

enum class LoginError { none, invalid_lid, unknown_provider, random_failed };
std::string_view to_string(LoginError e) noexcept;

inline constexpr std::size_t kStateBytes = 32;  // 43 base64url characters

struct LoginPlan {
  Lid lid;
  Provider provider = Provider::lukhas;
  std::string state;     // base64url, no padding
  std::string auth_url;
  LoginError error = LoginError::none;
  LidError lid_error = LidError::none;  // set when error == invalid_lid
  std::string message;
  bool ok() const noexcept { return error == LoginError::none; }
};

// Provider precedence: `provider` argument, else the input's "@provider",
// else lukhas. An unknown name from either source is refused, never ignored.
LoginPlan resolve_login(std::string_view input, std::optional<std::string_view> provider,
                        const LoginConfig& config, RandomSource& random);

// Same with the default configuration and OpenSSL's generator.
LoginPlan resolve_login(std::string_view input, std::optional<std::string_view> provider = std::nullopt);

}  // namespace lukhas::identity
