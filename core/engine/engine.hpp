// The rules engine: `decide` judges a command, `apply` folds an event into the state, `replay`
// re-checks and folds a whole log, `allowed` lists what an actor could do now.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/commands.hpp"
#include "model/domain.hpp"
#include "model/events.hpp"
#include "model/rejection.hpp"
#include "rules/status.hpp"

namespace milestones {

/// What `decide` says: either a rejection or the events to append (possibly none, for a tick).
struct decision {
  std::optional<rejection> error;
  std::vector<event> events;

  bool ok() const { return !error.has_value(); }
};

/// Judges `cmd` against `current` (nullopt before `create_contract`). Pure: changes nothing.
/// The contract is first advanced to `cmd.at` (R9): an accepted decision starts with the
/// automatic release that fell due by then, at its deadline, followed by the command's own events.
decision decide(const std::optional<contract>& current, const command& cmd);

/// The same, appending the events to `out` (a session's log), so they are not moved again; a
/// rejection leaves `out` as it was.
std::optional<rejection> decide_into(const std::optional<contract>& current, const command& cmd,
                                     std::vector<event>& out);

/// Every problem `decide` could find in `cmd` on `current`, without deciding it (the `check`
/// query): empty exactly when `decide` would accept it. Each field check runs, so a form learns
/// of all its problems at once; the first of the list is the refusal `decide` gives, except that
/// `decide` ranks LIMIT_EXCEEDED below the other field problems.
std::vector<rejection> check(const std::optional<contract>& current, const command& cmd);

/// Folds one event into the state. Never fails: events come only from `decide` or `replay`.
void apply(contract& state, const event& e);

/// Applies an accepted decision and moves the clock to the command's time (R18, R20).
void commit(std::optional<contract>& state, const decision& accepted, timestamp at);
/// The same for the events [first, last) that decide_into appended.
void commit(std::optional<contract>& state, const event* first, const event* last, timestamp at);

/// Re-checks every event of a log against the rules and folds it (R20). On success `out` holds
/// the state with its clock at `last_at` (when given); otherwise the rejection is LOG_INVALID with
/// the index of the first event that could not have happened, and `out` is untouched.
std::optional<rejection> replay(const std::vector<event>& events, std::optional<timestamp> last_at,
                                std::optional<contract>& out);

/// One entry of the `allowed` answer: a command type, and the milestone it would act on.
struct allowed_command {
  std::string_view type;
  std::optional<milestone_number> milestone;
  auto tie() const { return std::tie(type, milestone); }
};

/// Where `allowed` looks: every site, only the contract-wide commands (the creation commands
/// before a contract), or only the commands on one milestone.
struct site_filter {
  enum class kind : std::uint8_t { all, contract, milestone };
  kind what = kind::all;
  milestone_number number = 0;  // for kind::milestone
};

/// Exactly the commands `actor` could have accepted at `at`: each candidate is a probe payload
/// (rules/catalog.cpp) run through `decide` itself, so this list cannot drift from the rules.
/// Milestone commands come first, milestone by milestone in list order, then contract-wide ones.
/// Only commands: a locked plan's way out (R3, a new contract offer) is the state's `planLocked`.
std::vector<allowed_command> allowed(const std::optional<contract>& current, party actor,
                                     timestamp at, site_filter site = {});

/// One entry of `blocked` (`"reasons": true`): a command of the actor's role that `allowed` does
/// not list on that milestone (or the contract), and why: the refusal `decide` gives the payload
/// a person would send there (its probe's, asked why not).
struct blocked_command {
  std::string_view type;
  std::optional<milestone_number> milestone;
  rejection error;
  auto tie() const { return std::tie(type, milestone, error); }
};

/// `allowed` and why not: `allowed` is what allowed() lists; `blocked` every other command the
/// actor may issue (R17), on each site allowed() probes, in the same order. Before the clock
/// (R18) every one is blocked, by CLOCK_BACKWARDS; for an `at` that is not a valid time, both are
/// empty (as allowed()).
struct allowed_reasons {
  std::vector<allowed_command> allowed;
  std::vector<blocked_command> blocked;
};
allowed_reasons allowed_with_reasons(const std::optional<contract>& current, party actor,
                                     timestamp at, site_filter site = {});

/// R19 and the bookkeeping behind it. Returns a description of the first broken invariant.
std::optional<std::string> check_invariants(const contract& state);

}  // namespace milestones
