// The two parties' agreement: a contract sent as an offer that the freelancer accepts or declines
// (R22), and milestones the freelancer proposes and the client accepts or declines (R23), or the
// freelancer withdraws before the answer (R23′).
#include "model/text.hpp"
#include "rules/judging.hpp"
#include "rules/words.hpp"

namespace milestones {

// R22: the freelancer answers an offer.
void check_fields(field_checks&, const cmd::respond_offer&) {}
verdict rule(judging& j, const cmd::respond_offer& c) {
  if (j.c->status != contract_status::offered) {
    return reject(error_code::invalid_state, "R22",
                  "There is no offer to answer: this contract is " +
                      std::string(name_of(j.c->status)) + ".")
        .with("status", name_of(j.c->status));
  }
  if (c.accept) {
    j.emit(ev::offer_accepted{});
  } else {
    j.emit(ev::offer_declined{});
  }
  return std::nullopt;
}

namespace {

// R23: what add_milestone would check on the contract now (R3, the count, R12′, R13).
verdict addable(judging& j, const milestone_spec& s, const char* date_field) {
  if (plan_locked(*j.c)) return locked_plan(*j.c, "R23");
  if (j.c->milestones.size() >= max_milestones) return too_many_milestones(*j.c);
  if (s.due < earliest_day(j.cmd.at)) {
    return reject(error_code::invalid_date, "R12",
                  "The proposed due date, " + readable(s.due) + ", has passed; propose a new one.",
                  date_field)
        .with("date", s.due.to_string())
        .with("earliest", earliest_day(j.cmd.at).to_string());
  }
  return outside_scope(*j.c, s.due, date_field);
}

}  // namespace

// R23: the freelancer proposes a milestone; a new proposal replaces an open one.
void check_fields(field_checks& v, const cmd::propose_milestone& c) {
  v.milestone(c.milestone, "milestone.", std::nullopt);
}
verdict rule(judging& j, const cmd::propose_milestone& c) {
  const milestone_spec s = spec_of(j.c->next_number, c.milestone);
  if (auto r = addable(j, s, "milestone.dueDate")) return r;
  j.emit(ev::milestone_proposed{proposal_spec{s.title, s.description, s.amount, s.due}});
  return std::nullopt;
}

// R23: the client answers; accepted, the milestone is added at the end as add_milestone would add
// it, re-checked now (a refusal leaves the proposal open).
void check_fields(field_checks&, const cmd::respond_milestone_proposal&) {}
verdict rule(judging& j, const cmd::respond_milestone_proposal& c) {
  if (!j.c->proposal) {
    return reject(error_code::no_open_request, "R23", "There is no milestone proposal to answer.");
  }
  const milestone_proposal& p = *j.c->proposal;
  if (!c.accept) {
    j.emit(ev::milestone_proposal_declined{});
    return std::nullopt;
  }
  milestone_spec s{j.c->next_number, p.title, p.description, p.amount, p.due};
  if (auto r = addable(j, s, "accept")) return r;
  j.emit(ev::milestone_proposal_accepted{std::move(s)});
  return std::nullopt;
}

// R23′: the proposal is the freelancer's own: it may take it back before the client answers.
void check_fields(field_checks&, const cmd::withdraw_milestone_proposal&) {}
verdict rule(judging& j, const cmd::withdraw_milestone_proposal&) {
  if (!j.c->proposal) {
    return reject(error_code::no_open_request, "R23′",
                  "There is no milestone proposal to withdraw.");
  }
  j.emit(ev::milestone_proposal_withdrawn{});
  return std::nullopt;
}

}  // namespace milestones
