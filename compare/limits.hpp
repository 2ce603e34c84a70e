#pragma once
// Bounds on what a user's file may cost us: its size and, for the small
// hand-written files (configuration), how deeply it nests. Pure: text in,
// values out; io.cpp and config.cpp apply them.
#include <nlohmann/json_fwd.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lukhas::compare {

// Twice the largest input we know of (the 111 MB shards of the speed target
// in bench/compare), and small enough that /dev/zero or a FIFO that never
// ends stops long before memory runs out.
inline constexpr std::size_t kDefaultMaxInputBytes = std::size_t{256} << 20;
// The environment variable that sets the limit when --max-input-size does not.
inline constexpr const char* kMaxInputSizeEnv = "LUKHAS_COMPARE_MAX_INPUT_SIZE";

// "1048576", "512K", "256M", "1G" (also "256MiB"/"256MB": binary units either
// way). nullopt for anything else, zero, or a value beyond 2^63.
std::optional<std::size_t> parse_byte_size(std::string_view text);
// 268435456 -> "256 MiB", 1000 -> "1000 bytes".
std::string format_bytes(std::size_t bytes);

// A configuration is three levels deep; 64 leaves room for any future key
// and stops a value nested 100,000 deep before anything recurses over it.
inline constexpr std::size_t kMaxConfigDepth = 64;

struct TooDeep {
  std::size_t byte = 0;  // offset of the bracket that went one level too deep
  std::size_t line = 1, column = 1;
};
// Scans JSON text iteratively (strings skipped, escapes honoured) for the
// first '[' or '{' that opens level max_depth + 1.
std::optional<TooDeep> find_excess_nesting(std::string_view text, std::size_t max_depth);

// A value for an error message, never longer than about 60 characters and
// never recursive: numbers, booleans and null as written, strings quoted and
// shortened, arrays and objects by their size ("an array of 3 elements").
std::string describe_json_value(const nlohmann::json& value);

}  // namespace lukhas::compare
