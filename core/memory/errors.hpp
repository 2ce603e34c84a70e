#pragma once
// Refused input is a caller bug, so it throws; outcomes that are part of the
// store's normal life (a retrieve miss, a restore past retention) are values.
#include <stdexcept>
#include <string>

namespace lukhas::memory {

enum class FoldErrorReason {
  content_too_large,
  valence_not_a_number,
  importance_not_a_number,
};

// create() refused its input. what() names the field, the value and the rule.
class InvalidFold : public std::invalid_argument {
 public:
  InvalidFold(FoldErrorReason reason, const std::string& message)
      : std::invalid_argument(message), reason_(reason) {}
  FoldErrorReason reason() const noexcept { return reason_; }

 private:
  FoldErrorReason reason_;
};

// The store was configured with a value it cannot work with.
class InvalidStoreConfig : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace lukhas::memory
