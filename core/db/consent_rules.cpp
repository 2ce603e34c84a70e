#include "core/db/consent_rules.hpp"

#include <algorithm>

namespace lukhas::db {

std::optional<ScopeLevel> parse_scope_level(std::string_view text) {
  if (text == "metadata") return ScopeLevel::metadata;
  if (text == "content") return ScopeLevel::content;
  if (text == "admin") return ScopeLevel::admin;
  return std::nullopt;
}

std::string_view to_string(ScopeLevel level) {
  switch (level) {
    case ScopeLevel::metadata: return "metadata";
    case ScopeLevel::content: return "content";
    case ScopeLevel::admin: return "admin";
  }
  return "metadata";
}

int level_cap_minutes(ScopeLevel level) {
  switch (level) {
    case ScopeLevel::metadata: return 240;
    case ScopeLevel::content: return 30;
    case ScopeLevel::admin: return 5;
  }
  return 5;
}

int capped_ttl_minutes(int requested_minutes, const std::vector<ScopeLevel>& levels) {
  ScopeLevel highest = ScopeLevel::metadata;
  for (auto l : levels) highest = std::max(highest, l);
  return std::min(requested_minutes, level_cap_minutes(highest));
}

std::string_view to_string(VerifyOutcome outcome) {
  switch (outcome) {
    case VerifyOutcome::ok: return "ok";
    case VerifyOutcome::unknown_token: return "unknown token";
    case VerifyOutcome::revoked: return "revoked";
    case VerifyOutcome::suspended: return "grant suspended";
    case VerifyOutcome::expired: return "expired";
    case VerifyOutcome::exhausted: return "no uses left";
    case VerifyOutcome::scope_not_granted: return "required scope not granted";
  }
  return "unknown";
}

VerifyOutcome decide_verify(const TokenState& s, const std::vector<std::string>& required) {
  if (s.token_status == "revoked" || s.grant_status == "revoked") return VerifyOutcome::revoked;
  if (s.grant_status == "suspended") return VerifyOutcome::suspended;
  if (s.token_status == "expired" || s.grant_status == "expired" || s.past_expiry) {
    return VerifyOutcome::expired;
  }
  if (s.token_status == "exhausted" || (s.max_uses && s.use_count >= *s.max_uses)) {
    return VerifyOutcome::exhausted;
  }
  if (s.token_status != "active" || s.grant_status != "active") return VerifyOutcome::revoked;
  for (const auto& r : required) {
    if (std::find(s.scopes.begin(), s.scopes.end(), r) == s.scopes.end()) {
      return VerifyOutcome::scope_not_granted;
    }
  }
  return VerifyOutcome::ok;
}

std::string pg_array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

}  // namespace lukhas::db
