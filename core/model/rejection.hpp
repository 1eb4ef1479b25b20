// Rejections: why a command was refused, as data (code, rule, message, field).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace milestones {

/// Every error code of PROTOCOL.md.
enum class error_code : std::uint8_t {
  invalid_json,
  invalid_command,
  clock_backwards,
  no_contract,
  contract_exists,
  invalid_amount,
  invalid_date,
  invalid_field,
  limit_exceeded,
  not_permitted,
  contract_ended,
  unknown_milestone,
  contract_locked,
  milestone_locked,
  another_milestone_active,
  not_next_milestone,
  invalid_state,
  review_window_closed,
  outside_contract_scope,
  contract_incomplete,
  duplicate_feedback,
  refund_too_large,
  no_open_request,
  log_invalid,
};

/// The code as it appears on the wire, e.g. "ANOTHER_MILESTONE_ACTIVE".
std::string_view name_of(error_code code);

/// A refused command or query. `rule` ("R6") and `field` ("amount") are empty where they do not
/// apply; `index` is set only for LOG_INVALID with a bad event.
struct rejection {
  error_code code = error_code::invalid_command;
  std::string rule;
  std::string message;
  std::string field;
  std::optional<std::int64_t> index;

  auto tie() const { return std::tie(code, rule, message, field, index); }
};

/// The one way to build a rejection: `rule` and `field` may be empty.
inline rejection reject(error_code code, std::string rule, std::string message,
                        std::string field = {}) {
  return rejection{code, std::move(rule), std::move(message), std::move(field), std::nullopt};
}

}  // namespace milestones
