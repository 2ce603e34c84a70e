#pragma once
// Checks for numeric command-line values, shared by bench-compare and
// bench-run. CLI11's own (PositiveNumber, Range) let NaN through, because
// every comparison with NaN is false, accept a count of 1e20 as "positive",
// and name their bound as 1.8e308 in the message. These accept only what the
// option can use and say what that is, naming the value given.
#include <string>

namespace CLI {
class Validator;
}

namespace lukhas::compare {

// A whole number written in decimal digits only (no sign, point, exponent or
// space), from lo to hi.
CLI::Validator whole_number(long long lo, long long hi);

// A finite decimal number from lo to hi; with lo_open, lo itself is refused
// (a time of 0 s, say).
CLI::Validator finite_number(double lo, double hi, bool lo_open = false);

// The messages the two checks give, for tests and for values that reach a
// command another way than through CLI11 (empty: the value is accepted).
std::string check_whole_number(const std::string& text, long long lo, long long hi);
std::string check_finite_number(const std::string& text, double lo, double hi, bool lo_open = false);

}  // namespace lukhas::compare
