#include "core/identity/login.hpp"

#include <array>

#include "core/identity/url_encoding.hpp"

namespace lukhas::identity {

std::string_view to_string(Provider p) noexcept {
  switch (p) {
    case Provider::lukhas: return "lukhas";
    case Provider::google: return "google";
    case Provider::apple: return "apple";
    case Provider::github: return "github";
    case Provider::microsoft: return "microsoft";
  }
  return "unknown";
}

std::optional<Provider> provider_from_name(std::string_view name) noexcept {
  for (const Provider p : {Provider::lukhas, Provider::google, Provider::apple, Provider::github,
                           Provider::microsoft})
    if (name == to_string(p)) return p;
  return std::nullopt;
}

std::string_view to_string(LoginError e) noexcept {
  switch (e) {
    case LoginError::none: return "none";
    case LoginError::invalid_lid: return "invalid_lid";
    case LoginError::unknown_provider: return "unknown_provider";
    case LoginError::random_failed: return "random_failed";
  }
  return "unknown";
}

namespace {

struct Query {
  std::string text;
  void add(std::string_view key, std::string_view value) {
    text += text.empty() ? '?' : '&';
    text += key;  // keys are fixed ASCII names
    text += '=';
    text += percent_encode(value);
  }
};

std::string oauth_url(Provider p, const LoginConfig& cfg, std::string_view state) {
  const OAuthClient* client = nullptr;
  std::string_view scope;
  switch (p) {
    case Provider::google: client = &cfg.google; scope = "openid email profile"; break;
    case Provider::apple: client = &cfg.apple; scope = "name email"; break;
    case Provider::github: client = &cfg.github; scope = "user:email"; break;
    case Provider::microsoft: client = &cfg.microsoft; scope = "openid profile email"; break;
    case Provider::lukhas: break;
  }
  Query q;
  q.add("client_id", client->client_id);
  q.add("response_type", "code");
  q.add("scope", scope);
  q.add("state", state);
  q.add("redirect_uri", cfg.redirect_base + std::string(to_string(p)));
  if (p == Provider::apple) q.add("response_mode", "form_post");
  if (p == Provider::microsoft) q.add("prompt", "select_account");
  return client->authorize_endpoint + q.text;
}

LoginPlan refuse(LoginError e, std::string message) {
  LoginPlan plan;
  plan.error = e;
  plan.message = std::move(message);
  return plan;
}

}  // namespace

LoginPlan resolve_login(std::string_view input, std::optional<std::string_view> provider,
                        const LoginConfig& config, RandomSource& random) {
  LidDetails parsed = parse_full(input);
  if (!parsed.ok()) {
    LoginPlan plan = refuse(LoginError::invalid_lid, "invalid ΛID: " + parsed.message);
    plan.lid_error = parsed.error;
    return plan;
  }

  std::string_view name = "lukhas";
  std::string_view source = "default";
  if (provider) {
    name = *provider;
    source = "provider argument";
  } else if (parsed.provider) {
    name = *parsed.provider;
    source = "'@' in the ΛID";
  }
  const std::optional<Provider> chosen = provider_from_name(name);
  if (!chosen) {
    // The name is echoed only when it is short printable ASCII.
    bool printable = name.size() <= 64;
    for (const char c : name) printable = printable && c >= 0x20 && c < 0x7F;
    return refuse(LoginError::unknown_provider,
                  "unknown provider " + (printable ? "'" + std::string(name) + "'" : std::string("(unprintable)")) +
                      " from the " + std::string(source) +
                      "; expected one of google, apple, github, microsoft, lukhas");
  }

  std::array<unsigned char, kStateBytes> bytes{};
  if (!random.fill(bytes)) return refuse(LoginError::random_failed, "random source failed to produce the login state");

  LoginPlan plan;
  plan.lid = std::move(parsed.lid);
  plan.provider = *chosen;
  plan.state = base64url_encode(bytes);
  if (*chosen == Provider::lukhas) {
    Query q;
    q.add("lid", plan.lid.canonical);
    q.add("state", plan.state);
    plan.auth_url = config.webauthn_challenge + q.text;
  } else {
    plan.auth_url = oauth_url(*chosen, config, plan.state);
  }
  return plan;
}

LoginPlan resolve_login(std::string_view input, std::optional<std::string_view> provider) {
  static const LoginConfig config;
  OpenSslRandom random;
  return resolve_login(input, provider, config, random);
}

}  // namespace lukhas::identity
