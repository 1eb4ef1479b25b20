// The milestone status machine (R4–R14): which milestone action may act in which status, and the
// code, rule and words that refuse it elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/domain.hpp"
#include "model/rejection.hpp"

namespace milestones {

enum class milestone_action : std::uint8_t {
  edit, remove, move, activate, submit, request_changes, release, propose_due_date, request_refund
};

/// True when `action` is allowed on a milestone in `status` (the table in status.cpp).
bool may_act(milestone_action action, milestone_status status);

/// nullopt when `action` may act on `m`; otherwise the rejection its status calls for, e.g.
/// "“Design” is paid, so it cannot be submitted." (INVALID_STATE, R7).
std::optional<rejection> check_transition(milestone_action action, const milestone& m);

/// A status in words: "submitted for review".
std::string_view status_words(milestone_status s);

}  // namespace milestones
