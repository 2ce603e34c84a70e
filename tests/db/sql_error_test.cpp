// The one funnel for server errors: what with_sql_errors passes through and
// what it turns into lukhas::db::Error. No server needed: the errors are
// built the way libpqxx builds them.
#include <gtest/gtest.h>

#include <optional>
#include <pqxx/except>
#include <string>

#include "core/db/error.hpp"
#include "core/db/sql_error.hpp"

namespace lukhas::db {
namespace {

Error caught(const pqxx::sql_error& e) {
  try {
    with_sql_errors("create_user", [&]() -> int { throw e; });
  } catch (const Error& err) {
    return err;
  }
  ADD_FAILURE() << "with_sql_errors let a server error through unmapped";
  return Error(ErrorKind::database, "");
}

TEST(WithSqlErrors, ReturnsWhatTheBodyReturns) {
  EXPECT_EQ(with_sql_errors("op", [] { return std::string("row"); }), "row");
  EXPECT_EQ(with_sql_errors("op", []() -> std::optional<int> { return std::nullopt; }), std::nullopt);
}

TEST(WithSqlErrors, NamesTheOperationTheFirstLineAndTheSqlState) {
  const Error e = caught(pqxx::unique_violation("duplicate key value violates unique constraint\nDETAIL: (alice)",
                                                "INSERT ...", "23505"));
  EXPECT_EQ(e.kind(), ErrorKind::conflict);
  EXPECT_STREQ(e.what(), "create_user: duplicate key value violates unique constraint (SQLSTATE 23505)");
}

TEST(WithSqlErrors, MapsRefusedValuesToInvalidArgumentAndTheRestToDatabase) {
  EXPECT_EQ(caught(pqxx::data_exception("invalid input syntax for type uuid", "", "22P02")).kind(),
            ErrorKind::invalid_argument);
  EXPECT_EQ(caught(pqxx::check_violation("violates check constraint", "", "23514")).kind(),
            ErrorKind::invalid_argument);
  EXPECT_EQ(caught(pqxx::not_null_violation("null value", "", "23502")).kind(), ErrorKind::invalid_argument);
  EXPECT_EQ(caught(pqxx::sql_error("deadlock detected", "", "40P01")).kind(), ErrorKind::database);
}

TEST(WithSqlErrors, ErrorsTheBodyRaisesItselfPassThroughUntouched) {
  try {
    with_sql_errors("grant", []() -> int { throw Error(ErrorKind::unknown_service, "grant: unknown service 'x'"); });
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unknown_service);
    EXPECT_STREQ(e.what(), "grant: unknown service 'x'");
  }
}

}  // namespace
}  // namespace lukhas::db
