#include "core/db/error.hpp"

namespace lukhas::db {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::unavailable: return "unavailable";
    case ErrorKind::unknown_service: return "unknown_service";
    case ErrorKind::unknown_scope: return "unknown_scope";
    case ErrorKind::unknown_purpose: return "unknown_purpose";
    case ErrorKind::invalid_argument: return "invalid_argument";
    case ErrorKind::conflict: return "conflict";
    case ErrorKind::database: return "database";
  }
  return "unknown";
}

}  // namespace lukhas::db
