// The milestone status machine (R4–R14), as one table.
#include "rules/status.hpp"

#include <array>
#include <string>

#include "rules/words.hpp"

namespace milestones {

namespace {

constexpr unsigned bit(milestone_status s) { return 1u << static_cast<unsigned>(s); }

struct transition_rule {
  milestone_action action;
  unsigned statuses;  // bit set of milestone_status
  error_code otherwise;
  const char* rule;
  const char* verb;  // "“Design” is paid, so it cannot be <verb>."
};

constexpr unsigned escrow_statuses = bit(milestone_status::active) |
                                     bit(milestone_status::submitted) |
                                     bit(milestone_status::changes_requested);

constexpr std::array<transition_rule, 9> transitions{{
    {milestone_action::edit, bit(milestone_status::pending), error_code::milestone_locked, "R4",
     "edited"},
    {milestone_action::remove, bit(milestone_status::pending), error_code::milestone_locked, "R4",
     "deleted"},
    {milestone_action::move, bit(milestone_status::pending), error_code::milestone_locked, "R5",
     "moved"},
    {milestone_action::activate, bit(milestone_status::pending), error_code::invalid_state, "R6",
     "activated again"},
    {milestone_action::submit,
     bit(milestone_status::active) | bit(milestone_status::changes_requested),
     error_code::invalid_state, "R7", "submitted"},
    {milestone_action::request_changes, bit(milestone_status::submitted),
     error_code::invalid_state, "R8", "sent back for changes"},
    {milestone_action::release, escrow_statuses, error_code::invalid_state, "R10", "released"},
    {milestone_action::propose_due_date, bit(milestone_status::pending),
     error_code::milestone_locked, "R12", "given a new due date"},
    {milestone_action::request_refund, bit(milestone_status::paid), error_code::invalid_state,
     "R14", "refunded"},
}};

const transition_rule& transition_for(milestone_action action) {
  return transitions[static_cast<std::size_t>(action)];
}

}  // namespace

bool may_act(milestone_action action, milestone_status status) {
  return (transition_for(action).statuses & bit(status)) != 0;
}

std::string_view status_words(milestone_status s) {
  switch (s) {
    case milestone_status::pending: return "not activated yet";
    case milestone_status::active: return "active";
    case milestone_status::submitted: return "submitted for review";
    case milestone_status::changes_requested: return "waiting for requested changes";
    case milestone_status::paid: return "paid";
    case milestone_status::closed: return "closed unfunded";
  }
  return "";
}

std::optional<rejection> check_transition(milestone_action action, const milestone& m) {
  const transition_rule& t = transition_for(action);
  if (t.statuses & bit(m.status)) return std::nullopt;
  if (t.otherwise == error_code::milestone_locked) {
    return reject(t.otherwise, t.rule,
                  quoted(m.title) + " is already activated, so it can no longer be " + t.verb +
                      "; only milestones that are not activated yet can be.")
        .with("milestoneId", milestone_id(m.number))
        .with("title", m.title)
        .with("status", name_of(m.status));
  }
  return reject(t.otherwise, t.rule,
                quoted(m.title) + " is " + std::string(status_words(m.status)) +
                    ", so it cannot be " + t.verb + ".")
      .with("milestoneId", milestone_id(m.number))
      .with("title", m.title)
      .with("status", name_of(m.status));
}

}  // namespace milestones
