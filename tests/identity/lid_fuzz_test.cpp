// Fuzz-style robustness: random and mutated byte strings through parse and
// parse_full. Run it under the asan preset too; out-of-bounds reads there
// abort the test. The seed is printed on failure (and may be overridden with
// LUKHAS_FUZZ_SEED to replay one).
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/identity/lid.hpp"

namespace lukhas::identity {
namespace {

constexpr std::size_t kInputs = 120000;

std::uint64_t fuzz_seed() {
  if (const char* s = std::getenv("LUKHAS_FUZZ_SEED")) return std::strtoull(s, nullptr, 10);
  return 20261127;
}

const std::vector<std::string>& corpus() {
  static const std::vector<std::string> c = {
      "alice", "stanford:alice_smith", "#ΛID stanford:alice_smith @google ~en-gb 🌍", "#lid bob@github",
      "x'; drop table identity.users; --", "🌍", "ΛΛΛ", "a:b:c", "~en", "@apple", "\xE2\x98\x80",
      "\xF0\x9F\xAB\x96", "\xED\xA0\x80", "\xC0\xAF", std::string(48, 'n') + ":" + std::string(32, 'u'),
  };
  return c;
}

// Pieces that steer mutations towards the parser's branches.
constexpr std::array<const char*, 16> kPieces = {
    "#λid ", "#ΛID ", "#lid ", "@", "~", ":", " ", "🌍", "\xE2\x98\x80", "\xF0\x9F\xAB\x97", "Λ",
    "\xF4\x8F\xBF\xBF", "\xF0", "\x80", "\xE0\xA0", "\t"};

std::string random_bytes(std::mt19937_64& rng, std::size_t len) {
  std::string s(len, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

std::string mutate(std::string s, std::mt19937_64& rng) {
  const int steps = 1 + static_cast<int>(rng() % 4);
  for (int k = 0; k < steps; ++k) {
    const std::size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
    switch (rng() % 6) {
      case 0:  // flip a bit
        if (!s.empty()) s[pos % s.size()] = static_cast<char>(s[pos % s.size()] ^ (1 << (rng() % 8)));
        break;
      case 1:  // insert a random byte
        s.insert(pos, 1, static_cast<char>(rng() & 0xFF));
        break;
      case 2:  // delete a range
        if (!s.empty()) s.erase(pos % s.size(), 1 + rng() % 4);
        break;
      case 3:  // insert a steering piece
        s.insert(pos, kPieces[rng() % kPieces.size()]);
        break;
      case 4:  // truncate (cuts multi-byte sequences)
        s.resize(pos);
        break;
      default:  // duplicate a slice
        if (!s.empty()) s.insert(pos, s.substr(rng() % s.size(), 1 + rng() % 8));
        break;
    }
  }
  return s;
}

bool grammar_ok(const std::string& canonical) {
  const auto colon = canonical.find(':');
  const std::string user = colon == std::string::npos ? canonical : canonical.substr(colon + 1);
  const std::size_t ns_len = colon == std::string::npos ? 0 : colon;
  if (colon != std::string::npos && (ns_len < 1 || ns_len > 48)) return false;
  if (user.size() < 3 || user.size() > 32) return false;
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    const char c = canonical[i];
    if (i == colon) continue;
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

TEST(LidFuzz, RandomAndMutatedBytesNeverCrashAndKeepInvariants) {
  const std::uint64_t seed = fuzz_seed();
  SCOPED_TRACE("fuzz seed " + std::to_string(seed) + " (replay with LUKHAS_FUZZ_SEED=" + std::to_string(seed) + ")");
  std::mt19937_64 rng(seed);
  std::size_t valid = 0;
  for (std::size_t n = 0; n < kInputs; ++n) {
    std::string input;
    switch (rng() % 8) {
      case 0: input = random_bytes(rng, rng() % 64); break;
      case 1: input = random_bytes(rng, 4090 + rng() % 12); break;  // around the size limit
      default: input = mutate(corpus()[rng() % corpus().size()], rng); break;
    }
    const LidResult r = parse(input);
    const LidDetails d = parse_full(input);
    ASSERT_EQ(r.error, d.error) << "input #" << n;
    ASSERT_EQ(r.lid.canonical, d.lid.canonical) << "input #" << n;
    if (input.size() > kMaxLidInputBytes) {
      ASSERT_EQ(r.error, LidError::input_too_long);
    }
    if (r.ok()) {
      ++valid;
      ASSERT_TRUE(grammar_ok(r.lid.canonical)) << "input #" << n << " gave " << r.lid.canonical;
      const LidResult again = parse(r.lid.canonical);
      ASSERT_TRUE(again.ok() && again.lid.canonical == r.lid.canonical) << "input #" << n;
    } else {
      ASSERT_FALSE(r.message.empty()) << "input #" << n;
      ASSERT_TRUE(r.lid.canonical.empty());
    }
  }
  // The mutations must reach the success path too, or the test proves little.
  EXPECT_GT(valid, kInputs / 50);
}

}  // namespace
}  // namespace lukhas::identity
