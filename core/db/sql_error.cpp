#include "core/db/sql_error.hpp"

#include <fmt/format.h>

namespace lukhas::db {

void rethrow_sql_error(std::string_view operation, const pqxx::sql_error& e) {
  const std::string state = e.sqlstate();
  std::string what = e.what();
  if (const auto nl = what.find('\n'); nl != std::string::npos) what.resize(nl);
  ErrorKind kind = ErrorKind::database;
  if (state == "23505") kind = ErrorKind::conflict;  // unique_violation
  // 22xxx data exceptions (bad uuid, bad inet), 23514 check, 23502 not null.
  else if (state.rfind("22", 0) == 0 || state == "23514" || state == "23502") kind = ErrorKind::invalid_argument;
  throw Error(kind, fmt::format("{}: {} (SQLSTATE {})", operation, what, state));
}

}  // namespace lukhas::db
