#pragma once
// One error type for the database layer, with a kind the caller can branch on
// (tests assert the kind, the benchmark main maps `unavailable` to exit 77).
#include <stdexcept>
#include <string>
#include <string_view>

namespace lukhas::db {

enum class ErrorKind {
  unavailable,       // no server configured or reachable; the message says why and how to fix it
  unknown_service,
  unknown_scope,
  unknown_purpose,
  invalid_argument,  // a value the operation refuses before or at the database (bad TTL, bad uuid)
  conflict,          // a uniqueness rule refused the write (e.g. duplicate ΛID)
  database,          // anything else the server reported; the transaction was rolled back
};

std::string_view to_string(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace lukhas::db
