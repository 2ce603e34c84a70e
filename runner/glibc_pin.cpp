#include "runner/glibc_pin.hpp"

#include <regex>

namespace lukhas::runner {

namespace {

// glibc 2.36's names; a name glibc does not know is ignored by it, so the
// list keeps names of newer features too.
constexpr const char* kPinFeatures =
    "-AVX,-AVX2,-AVX512F,-AVX512CD,-AVX512BW,-AVX512DQ,-AVX512ER,-AVX512PF,-AVX512VL,"
    "-BMI1,-BMI2,-ERMS,-FMA,-FMA4,-LZCNT,-MOVBE,-POPCNT,-RTM,-SSE4_1,-SSE4_2,-SSSE3,"
    "-XSAVE,-XSAVEC,-OSXSAVE,-F16C,"
    "-Fast_Unaligned_Load,-Fast_Unaligned_Copy,-Fast_Copy_Backward,-Fast_Rep_String,"
    "-AVX_Fast_Unaligned_Load,-Prefer_ERMS,-Prefer_FSRM,-Prefer_PMINUB_for_stringop,"
    "-Slow_BSF,-Slow_SSE4_2,-Prefer_No_VZEROUPPER,-Prefer_No_AVX512,"
    "-Avoid_Short_Distance_REP_MOVSB";

constexpr const char* kPinCaches =
    "glibc.cpu.x86_data_cache_size=0x8000:glibc.cpu.x86_shared_cache_size=0x100000"
    ":glibc.cpu.x86_non_temporal_threshold=0xc0000"
    ":glibc.cpu.x86_rep_movsb_threshold=0x800:glibc.cpu.x86_rep_stosb_threshold=0x800";

constexpr std::size_t kPaddedLength = 1000;

}  // namespace

bool is_hwcaps_mask(const std::string& mask) {
  static const std::regex pattern("^-?[A-Za-z0-9_]+(,-?[A-Za-z0-9_]+)*$");
  return std::regex_match(mask, pattern);
}

std::optional<std::string> hwcaps_in_tunables(const std::string& tunables) {
  static const std::regex pattern("(^|:)glibc\\.cpu\\.hwcaps=([^:]*)");
  std::smatch m;
  if (!std::regex_search(tunables, m, pattern)) return std::nullopt;
  return m[2].str();
}

std::string pinned_tunables(const std::string& emulate) {
  std::string features = emulate.empty() ? std::string(kPinFeatures) : emulate + "," + kPinFeatures;
  if (features.size() + 2 < kPaddedLength) {
    features += ",-" + std::string(kPaddedLength - features.size() - 2, 'Z');
  }
  return "glibc.cpu.hwcaps=" + features + ":" + kPinCaches;
}

std::vector<std::string> instruction_environment(const std::string& tunables,
                                                 const std::vector<std::string>& passed) {
  std::vector<std::string> env{"PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C", "LD_BIND_NOW=1"};
  if (!tunables.empty()) env.push_back("GLIBC_TUNABLES=" + tunables);
  env.insert(env.end(), passed.begin(), passed.end());
  return env;
}

}  // namespace lukhas::runner
