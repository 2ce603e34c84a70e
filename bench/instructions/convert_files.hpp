#pragma once
// The file-level conversion of one instruction-mode run, shared by
// callgrind-to-gbench and bench-run: reads the raw Google Benchmark JSON and
// the callgrind dumps, writes the converted JSON (atomically).
#include <map>
#include <string>
#include <vector>

namespace lukhas::instructions {

struct FileConversion {
  int exit_code = 0;                  // compare/exit_codes.hpp: 0 written, 2 bad input, 77 refused
  std::vector<std::string> messages;  // problems, or the rows excluded and why
  std::size_t rows = 0;
};

// `dump_paths`: dump files, or folders whose callgrind files are read.
FileConversion convert_files(const std::string& raw_path, const std::vector<std::string>& dump_paths,
                             const std::string& out_path,
                             const std::map<std::string, std::string>& extra_context);

}  // namespace lukhas::instructions
