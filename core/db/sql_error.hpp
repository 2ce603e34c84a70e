#pragma once
// Maps a server error to the layer's Error with the operation's name, so a
// refused value reads "create_user: ... violates check constraint ...".
#include <pqxx/except>

#include <string_view>
#include <utility>

#include "core/db/error.hpp"

namespace lukhas::db {

[[noreturn]] void rethrow_sql_error(std::string_view operation, const pqxx::sql_error& e);

// Runs `body` and returns what it returns; a server error it raises leaves
// as Error named after `operation` (through rethrow_sql_error). Every query
// and operation of the layer goes through this one funnel, so none maps
// server errors its own way. Errors the body throws itself (Error, a pqxx
// usage error) pass through untouched.
template <class Body>
decltype(auto) with_sql_errors(std::string_view operation, Body&& body) {
  try {
    return std::forward<Body>(body)();
  } catch (const pqxx::sql_error& e) {
    rethrow_sql_error(operation, e);
  }
}

}  // namespace lukhas::db
