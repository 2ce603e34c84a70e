#pragma once
// Loads the committed DDL (fixtures/sql) into a database. Idempotent, and
// serialised with an advisory lock so that test and benchmark processes
// started together do not race on CREATE ... IF NOT EXISTS.
#include <pqxx/connection>

#include <string>
#include <vector>

namespace lukhas::db {

// The files, in load order, relative to the SQL folder.
const std::vector<std::string>& schema_files();

// Throws Error(invalid_argument) naming a missing file, Error(database) naming
// the file when the server refuses it.
void ensure_schema(pqxx::connection& conn, const std::string& sql_dir);

// Advisory lock keys used by the schema loader and the data generator.
inline constexpr long long kSchemaLockKey = 0x4c554b4841530001;  // "LUKHAS" + 1
inline constexpr long long kDataLockKey = 0x4c554b4841530002;

}  // namespace lukhas::db
