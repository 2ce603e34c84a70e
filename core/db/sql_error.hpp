#pragma once
// Maps a server error to the layer's Error with the operation's name, so a
// refused value reads "create_user: ... violates check constraint ...".
#include <pqxx/except>

#include <string_view>

#include "core/db/error.hpp"

namespace lukhas::db {

[[noreturn]] void rethrow_sql_error(std::string_view operation, const pqxx::sql_error& e);

}  // namespace lukhas::db
