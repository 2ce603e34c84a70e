#include "bench/instructions/convert_files.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "bench/instructions/callgrind_dump.hpp"
#include "bench/instructions/conversion.hpp"
#include "compare/errors.hpp"
#include "compare/exit_codes.hpp"
#include "compare/gbench_json.hpp"
#include "compare/gbench_write.hpp"
#include "compare/io.hpp"

namespace lukhas::instructions {

namespace fs = std::filesystem;

namespace {

struct BadInput {
  std::string message;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw BadInput{fmt::format("{}: cannot open", p.string())};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool is_callgrind_file(const fs::path& p) {
  std::ifstream in(p);
  std::string first;
  std::getline(in, first);
  return first.starts_with("# callgrind format") || first.starts_with("version:");
}

std::vector<fs::path> dump_files(const std::vector<std::string>& args) {
  std::vector<fs::path> files;
  for (const auto& a : args) {
    const fs::path p(a);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::directory_iterator(p)) {
        if (e.is_regular_file() && is_callgrind_file(e.path())) files.push_back(e.path());
      }
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      throw BadInput{fmt::format("{}: no such file or directory", a)};
    }
  }
  return files;
}

}  // namespace

FileConversion convert_files(const std::string& raw_path, const std::vector<std::string>& dump_paths,
                             const std::string& out_path,
                             const std::map<std::string, std::string>& extra_context) {
  constexpr int kBadInput = to_int(ExitCode::undecided);
  FileConversion result;
  try {
    const compare::GbenchFile raw = compare::read_gbench_file(raw_path);
    std::vector<Dump> dumps;
    for (const auto& f : dump_files(dump_paths)) {
      auto parsed = parse_dump(read_file(f), f.string());
      result.messages.insert(result.messages.end(), parsed.problems.begin(), parsed.problems.end());
      if (parsed.dump) dumps.push_back(*parsed.dump);
    }
    if (!result.messages.empty()) {
      result.exit_code = kBadInput;
      return result;
    }
    auto c = convert(raw, raw_path, std::move(dumps), extra_context);
    if (!c.problems.empty()) {
      result.messages = c.problems;
      result.exit_code = c.refused ? to_int(ExitCode::skipped) : kBadInput;
      return result;
    }
    for (const auto& e : c.excluded) result.messages.push_back(fmt::format("excluded {}: {}", e.name, e.reason));
    compare::write_file_atomic(out_path, compare::write_gbench_json(c.output));
    result.rows = c.output.rows.size();
  } catch (const compare::InputError& e) {
    result.messages.push_back(e.what());
    result.exit_code = kBadInput;
  } catch (const BadInput& e) {
    result.messages.push_back(e.message);
    result.exit_code = kBadInput;
  } catch (const std::exception& e) {
    result.messages.push_back(e.what());
    result.exit_code = kBadInput;
  }
  return result;
}

}  // namespace lukhas::instructions
