#include "runner/machine_profile.hpp"

#include <openssl/evp.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "runner/process.hpp"

namespace lukhas::runner {

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string trim_right(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), digest, &len, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string profile_prefix(const std::string& model) {
  std::string lower;
  for (char c : model) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  lower = std::regex_replace(lower, std::regex("\\((r|tm)\\)"), "");
  lower = std::regex_replace(lower, std::regex("[^a-z0-9]+"), "-");
  const auto first = lower.find_first_not_of('-');
  if (first == std::string::npos) return "";
  return lower.substr(first, lower.find_last_not_of('-') - first + 1);
}

}  // namespace

std::string cpuinfo_field(const std::string& cpuinfo, const std::string& key) {
  std::istringstream in(cpuinfo);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with(key)) continue;
    std::size_t i = key.size();
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (i >= line.size() || line[i] != ':') continue;
    ++i;
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    return line.substr(i);
  }
  return "";
}

ProfileInputs inputs_from(const std::string& cpuinfo, const std::string& caches, long cpus,
                          const std::string& compiler_line, const std::string& flags) {
  ProfileInputs in;
  in.model = cpuinfo_field(cpuinfo, "model name");
  if (in.model.empty()) {
    utsname u{};
    ::uname(&u);
    in.model = u.machine;
  }
  in.cpu = fmt::format("{} family {} model {} stepping {} ({})", cpuinfo_field(cpuinfo, "vendor_id"),
                       cpuinfo_field(cpuinfo, "cpu family"), cpuinfo_field(cpuinfo, "model"),
                       cpuinfo_field(cpuinfo, "stepping"), in.model);
  in.caches = caches.empty() ? "unknown" : caches;
  in.cpus = std::to_string(cpus);
  in.compiler = compiler_line;
  // Runs of spaces squeezed, trailing ones dropped: the same flags, the same text.
  std::string squeezed;
  for (char c : flags) {
    if (c == ' ' && !squeezed.empty() && squeezed.back() == ' ') continue;
    squeezed += c;
  }
  in.flags = trim_right(squeezed);
  return in;
}

std::string cache_value(const std::string& cache_text, const std::string& name) {
  std::istringstream in(cache_text);
  std::string line;
  const std::regex entry("^" + name + ":[A-Z]+=(.*)$");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, entry)) return m[1].str();
  }
  return "";
}

std::string flags_from_cache(const std::string& cache_text) {
  const std::string type = cache_value(cache_text, "CMAKE_BUILD_TYPE");
  std::string upper;
  for (char c : type) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return fmt::format("{}: {} {}", type.empty() ? "none" : type, cache_value(cache_text, "CMAKE_CXX_FLAGS"),
                     cache_value(cache_text, "CMAKE_CXX_FLAGS_" + upper));
}

std::vector<std::pair<std::string, std::string>> Profile::lines() const {
  return {{"cpu", inputs.cpu},
          {"caches", inputs.caches},
          {"cpus", inputs.cpus},
          {"compiler", inputs.compiler},
          {"flags", inputs.flags}};
}

std::string Profile::inputs_text() const {
  std::string out;
  for (const auto& [k, v] : lines()) out += k + "=" + v + "\n";
  return out;
}

std::string Profile::context() const {
  std::string ctx = "lukhas_machine_profile=" + name;
  for (auto [k, v] : lines()) {
    std::replace(v.begin(), v.end(), ',', ';');
    std::replace(v.begin(), v.end(), '=', ':');
    ctx += ",lukhas_profile_" + k + "=" + v;
  }
  return ctx;
}

Profile make_profile(ProfileInputs inputs) {
  Profile p;
  p.inputs = std::move(inputs);
  p.name = fmt::format("{}-{}c-{}", profile_prefix(p.inputs.model), p.inputs.cpus,
                       sha256_hex(p.inputs_text()).substr(0, 8));
  return p;
}

Profile machine_profile(const fs::path& build_dir) {
  std::string caches;
  std::vector<fs::path> dirs;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/sys/devices/system/cpu/cpu0/cache", ec)) {
    if (e.path().filename().string().starts_with("index")) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const auto& d : dirs) {
    const std::string level = trim_right(read_text(d / "level"));
    const std::string size = trim_right(read_text(d / "size"));
    if (level.empty() || size.empty() || std::stoi(level) < 2) continue;
    caches += (caches.empty() ? "" : " ") + fmt::format("L{} {}", level, size);
  }
  std::string cxx = "c++";
  std::string flags = "Release: -O2 -DNDEBUG";
  if (!build_dir.empty()) {
    const fs::path cache = build_dir / "CMakeCache.txt";
    if (!fs::is_regular_file(cache)) {
      throw ProcessError{fmt::format("{} is not a configured CMake tree (no CMakeCache.txt)", build_dir.string())};
    }
    const std::string text = read_text(cache);
    if (auto c = cache_value(text, "CMAKE_CXX_COMPILER"); !c.empty()) cxx = c;
    flags = flags_from_cache(text);
  }
  std::string compiler;
  if (const auto v = capture({cxx, "--version"})) {
    std::istringstream in(*v);
    std::getline(in, compiler);
  }
  if (compiler.empty()) compiler = "unknown (" + cxx + ")";
  return make_profile(inputs_from(read_text("/proc/cpuinfo"), caches, ::sysconf(_SC_NPROCESSORS_ONLN),
                                  compiler, flags));
}

}  // namespace lukhas::runner
