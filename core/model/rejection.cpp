// Error codes as they appear on the wire.
#include "model/rejection.hpp"

#include <cstdlib>
#include <iterator>

namespace milestones {

std::string_view name_of(error_code code) {
  static constexpr std::string_view names[] = {
      "INVALID_JSON",         "INVALID_COMMAND",     "CLOCK_BACKWARDS",
      "NO_CONTRACT",          "CONTRACT_EXISTS",     "INVALID_AMOUNT",
      "INVALID_DATE",         "INVALID_FIELD",       "LIMIT_EXCEEDED",
      "NOT_PERMITTED",        "CONTRACT_ENDED",      "UNKNOWN_MILESTONE",
      "CONTRACT_LOCKED",      "MILESTONE_LOCKED",    "ANOTHER_MILESTONE_ACTIVE",
      "NOT_NEXT_MILESTONE",   "INVALID_STATE",       "REVIEW_WINDOW_CLOSED",
      "OUTSIDE_CONTRACT_SCOPE", "CONTRACT_INCOMPLETE", "DUPLICATE_FEEDBACK",
      "REFUND_TOO_LARGE",     "NO_OPEN_REQUEST",     "LOG_INVALID"};
  static_assert(std::size(names) == static_cast<std::size_t>(error_code::log_invalid) + 1);
  return names[static_cast<std::size_t>(code)];
}

param& param_list::next(std::string_view key) {
  if (size_ == capacity) std::abort();  // a bug: a refusal names more values than it may hold
  param& p = items_[size_++];
  p = param{};
  p.key = key;
  return p;
}


}  // namespace milestones
