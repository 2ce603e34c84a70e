#pragma once
// The only file system access of the library: whole-file reads and atomic
// writes. Everything else takes and returns values.
#include <string>
#include <string_view>

namespace lukhas::compare {

// Throws InputError(path, "", reason) when the file cannot be read.
std::string read_text_file(const std::string& path);

// A whole file, memory-mapped when it is a regular file (no copy: the 111 MB
// inputs of the speed target are parsed straight from the page cache).
class FileText {
 public:
  explicit FileText(const std::string& path);  // throws InputError like read_text_file
  ~FileText();
  FileText(const FileText&) = delete;
  FileText& operator=(const FileText&) = delete;
  std::string_view view() const { return view_; }

 private:
  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string copy_;  // when mapping is not possible (pipes, empty files)
  std::string_view view_;
};

// Writes to a temporary file in the same folder, flushes it and renames it
// over `path`, so a reader never sees a half-written file and a failure
// leaves the old file untouched. Throws InputError on failure.
void write_file_atomic(const std::string& path, std::string_view content);

}  // namespace lukhas::compare
