#pragma once
// The machine profile that time baselines are keyed on
// (baselines/time-<profile>-<suite>.json). Times compare only when the CPU
// generation, its caches, the core count and the generated code are the
// same, so the profile is a readable prefix (CPU model name, lower case, and
// the online CPU count: "amd-epyc-2c") plus the first 8 hex digits of the
// SHA-256 of these inputs, one "key=value" line each:
//
//   cpu       vendor, family, model and stepping from /proc/cpuinfo (two
//             "AMD EPYC" VMs of different generations differ here, though
//             their model name does not)
//   caches    L2 and L3 sizes of cpu0 (/sys/devices/system/cpu/cpu0/cache)
//   cpus      online CPUs (not the affinity mask: a pinned process sees fewer)
//   compiler  first line of `<CMAKE_CXX_COMPILER> --version` of the build
//   flags     CMAKE_BUILD_TYPE, CMAKE_CXX_FLAGS and CMAKE_CXX_FLAGS_<TYPE>
//
// Left out on purpose: the clock frequency (it varies with load and turbo),
// microcode and kernel versions, the host name.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace lukhas::runner {

struct ProfileInputs {
  std::string model;  // "AMD EPYC"
  std::string cpu, caches, cpus, compiler, flags;
};

struct Profile {
  ProfileInputs inputs;
  std::string name;  // amd-epyc-2c-cb2001d2
  std::vector<std::pair<std::string, std::string>> lines() const;  // key, value
  std::string inputs_text() const;  // "cpu=...\n...flags=...\n"
  // A --benchmark_context value: lukhas_machine_profile=<name>,
  // lukhas_profile_<key>=<value>,... (',' and '=' in values become ';' ':',
  // as Google Benchmark splits on them).
  std::string context() const;
};

// Pure parts.
std::string cpuinfo_field(const std::string& cpuinfo, const std::string& key);
ProfileInputs inputs_from(const std::string& cpuinfo, const std::string& caches, long cpus,
                          const std::string& compiler_line, const std::string& flags);
// CMakeCache.txt -> "Release: -O2 -DNDEBUG" (build type, then its flags).
std::string flags_from_cache(const std::string& cache_text);
std::string cache_value(const std::string& cache_text, const std::string& name);
Profile make_profile(ProfileInputs inputs);

// Reads this machine and, when given, the build tree's compiler and flags
// (empty: c++ from PATH with the release preset's flags).
Profile machine_profile(const std::filesystem::path& build_dir);

}  // namespace lukhas::runner
