#pragma once
// The only file system access of the library: whole-file reads and atomic
// writes. Everything else takes and returns values.
#include <string>
#include <string_view>

namespace lukhas::compare {

// Throws InputError(path, "", reason) when the file cannot be read.
std::string read_text_file(const std::string& path);

// Writes to a temporary file in the same folder, flushes it and renames it
// over `path`, so a reader never sees a half-written file and a failure
// leaves the old file untouched. Throws InputError on failure.
void write_file_atomic(const std::string& path, std::string_view content);

}  // namespace lukhas::compare
