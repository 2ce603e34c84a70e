// libFuzzer target: the ΛID parser, which takes untrusted bytes from login
// forms. Properties: never crashes or reads out of bounds (the sanitizers);
// parse() and parse_full() agree; an accepted ΛID's canonical form is within
// the grammar's limits and parses back to itself unchanged; a refusal has a
// message.
#include <cstdint>
#include <string_view>

#include "core/identity/lid.hpp"
#include "fuzz/fuzz_check.hpp"

using namespace lukhas::identity;

namespace {

bool canonical_chars_ok(std::string_view s) {
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == ':')) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const LidResult r = parse(input);
  const LidDetails d = parse_full(input);
  FUZZ_CHECK(r.error == d.error);
  FUZZ_CHECK(r.message == d.message);
  if (!r.ok()) {
    FUZZ_CHECK(!r.message.empty());
    return 0;
  }
  FUZZ_CHECK(r.message.empty());
  FUZZ_CHECK(r.lid.canonical == d.lid.canonical);
  const std::string_view user = r.lid.username();
  FUZZ_CHECK(user.size() >= kUsernameMin && user.size() <= kUsernameMax);
  if (const auto ns = r.lid.ns()) FUZZ_CHECK(ns->size() >= kNamespaceMin && ns->size() <= kNamespaceMax);
  FUZZ_CHECK(canonical_chars_ok(r.lid.canonical));
  // Canonical forms are fixed points: parsing one again changes nothing.
  const LidResult again = parse(r.lid.canonical);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again.lid.canonical == r.lid.canonical);
  FUZZ_CHECK(again.lid.has_namespace == r.lid.has_namespace);
  return 0;
}
