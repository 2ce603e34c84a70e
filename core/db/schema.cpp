#include "core/db/schema.hpp"

#include <fmt/format.h>

#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

#include "core/db/error.hpp"

namespace lukhas::db {

const std::vector<std::string>& schema_files() {
  static const std::vector<std::string> files = {"meta.sql", "identity.sql", "consent.sql",
                                                 "seed.sql"};
  return files;
}

void ensure_schema(pqxx::connection& conn, const std::string& sql_dir) {
  std::vector<std::pair<std::string, std::string>> scripts;
  for (const auto& name : schema_files()) {
    const auto path = sql_dir + "/" + name;
    std::ifstream in(path);
    if (!in) throw Error(ErrorKind::invalid_argument, fmt::format("cannot read schema file {}", path));
    std::stringstream ss;
    ss << in.rdbuf();
    scripts.emplace_back(path, ss.str());
  }
  pqxx::work tx(conn);
  tx.exec(fmt::format("SELECT pg_advisory_xact_lock({})", kSchemaLockKey));
  // The NOTICEs of IF NOT EXISTS on a second load are expected noise.
  tx.exec0("SET LOCAL client_min_messages = warning");
  for (const auto& [path, sql] : scripts) {
    try {
      tx.exec(sql);
    } catch (const pqxx::sql_error& e) {
      throw Error(ErrorKind::database, fmt::format("loading {} failed: {}", path, e.what()));
    }
  }
  tx.commit();
}

}  // namespace lukhas::db
