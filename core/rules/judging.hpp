// What a rule sees while it judges one command, and the rule groups: for every command, its field
// checks (which need only the command) and its rule (which needs the contract). The engine runs
// them in PROTOCOL.md's order (engine/decide.cpp); each group's file carries its R-ids.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/commands.hpp"
#include "model/domain.hpp"
#include "model/events.hpp"
#include "model/rejection.hpp"
#include "rules/checks.hpp"

namespace milestones {

/// nullopt when the command is accepted (its events appended), else why not.
using verdict = std::optional<rejection>;

/// One command being judged on the contract as it stands at the command's time.
struct judging {
  const contract* c = nullptr;     // nullptr only for create_contract
  const command& cmd;
  const milestone* m = nullptr;    // the milestone the command names, found before its rule runs
  std::vector<event>& out;         // accepted events go here (decide drops them on a refusal)
  std::size_t base = out.size();

  template <class E>
  void emit(E data) {
    const std::int64_t seq = (c ? c->seq : 0) + static_cast<std::int64_t>(out.size() - base) + 1;
    out.emplace_back(seq, cmd.at, std::move(data));
  }
  party actor() const { return *cmd.actor; }
  const std::string& title() const { return m->title; }
  /// The named milestone's id, "m3".
  std::string id() const { return milestone_id(m->number); }
};

// ---- rules/plan.cpp: the plan and its changes (R2–R5, R13 at creation) ----------------------
void check_fields(field_checks& v, const cmd::create_contract& c);
void check_fields(field_checks& v, const cmd::add_milestone& c);
void check_fields(field_checks& v, const cmd::edit_milestone& c);
void check_fields(field_checks& v, const cmd::delete_milestone& c);
void check_fields(field_checks& v, const cmd::move_milestone& c);
void check_fields(field_checks& v, const cmd::reorder_milestones& c);
verdict rule(judging& j, const cmd::create_contract& c);
verdict rule(judging& j, const cmd::add_milestone& c);
verdict rule(judging& j, const cmd::edit_milestone& c);
verdict rule(judging& j, const cmd::delete_milestone& c);
verdict rule(judging& j, const cmd::move_milestone& c);
verdict rule(judging& j, const cmd::reorder_milestones& c);

// ---- rules/funding.cpp: escrow, work, review and release (R6–R11) ----------------------------
void check_fields(field_checks& v, const cmd::activate_milestone& c);
void check_fields(field_checks& v, const cmd::submit_work& c);
void check_fields(field_checks& v, const cmd::request_changes& c);
void check_fields(field_checks& v, const cmd::release_payment& c);
void check_fields(field_checks& v, const cmd::tick& c);
verdict rule(judging& j, const cmd::activate_milestone& c);
verdict rule(judging& j, const cmd::submit_work& c);
verdict rule(judging& j, const cmd::request_changes& c);
verdict rule(judging& j, const cmd::release_payment& c);
verdict rule(judging& j, const cmd::tick& c);
/// R9: the automatic release that falls due by `at`, if any (at most one: one escrow holder).
std::optional<event> due_auto_release(const contract& c, timestamp at);

// ---- rules/dates.cpp: due dates and the contract's end date (R12, R13) -----------------------
void check_fields(field_checks& v, const cmd::propose_due_date& c);
void check_fields(field_checks& v, const cmd::respond_due_date& c);
void check_fields(field_checks& v, const cmd::extend_contract& c);
verdict rule(judging& j, const cmd::propose_due_date& c);
verdict rule(judging& j, const cmd::respond_due_date& c);
verdict rule(judging& j, const cmd::extend_contract& c);

/// R13: on a compliance contract no due date may lie after the end date (rules/dates.cpp).
verdict outside_scope(const contract& c, date due, const char* field);

// ---- rules/closing.cpp: refunds, the end of the contract, feedback (R14–R16) -----------------
void check_fields(field_checks& v, const cmd::request_refund& c);
void check_fields(field_checks& v, const cmd::respond_refund& c);
void check_fields(field_checks& v, const cmd::end_contract& c);
void check_fields(field_checks& v, const cmd::leave_feedback& c);
verdict rule(judging& j, const cmd::request_refund& c);
verdict rule(judging& j, const cmd::respond_refund& c);
verdict rule(judging& j, const cmd::end_contract& c);
verdict rule(judging& j, const cmd::leave_feedback& c);

// ---- rules/agreement.cpp: offers and milestone proposals (R22, R23, R23′) --------------------
void check_fields(field_checks& v, const cmd::respond_offer& c);
void check_fields(field_checks& v, const cmd::propose_milestone& c);
void check_fields(field_checks& v, const cmd::respond_milestone_proposal& c);
void check_fields(field_checks& v, const cmd::withdraw_milestone_proposal& c);
verdict rule(judging& j, const cmd::respond_offer& c);
verdict rule(judging& j, const cmd::propose_milestone& c);
verdict rule(judging& j, const cmd::respond_milestone_proposal& c);
verdict rule(judging& j, const cmd::withdraw_milestone_proposal& c);
// ---- rules/messages.cpp: what the parties say to each other (R24) ----------------------------
void check_fields(field_checks& v, const cmd::post_message& c);
verdict rule(judging& j, const cmd::post_message& c);

/// R3: the refusal for a change to a locked plan (rules/plan.cpp).
rejection locked_plan(const contract& c, const char* rule = "R3");
/// LIMIT_EXCEEDED: the contract has max_milestones already.
rejection too_many_milestones(const contract& c);
/// The milestone `add_milestone` would add now as number `n` (rules/plan.cpp).
milestone_spec spec_of(milestone_number n, const milestone_draft& m);

}  // namespace milestones
