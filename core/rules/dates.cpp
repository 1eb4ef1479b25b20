// Due dates and the contract's end date: proposals and answers (R12), the scope of a compliance
// contract and its extension (R13).
#include "rules/judging.hpp"
#include "rules/status.hpp"
#include "rules/words.hpp"

namespace milestones {

// R13: on a compliance contract no due date may lie after the end date.
verdict outside_scope(const contract& c, date due, const char* field) {
  if (needs_end_date(c.account) && c.end_date && due > *c.end_date) {
    return reject(error_code::outside_contract_scope, "R13",
                  "The due date " + readable(due) + " is after the contract's end date, " +
                      readable(*c.end_date) +
                      "; extend the contract or start a new one.",
                  field)
        .with("dueDate", due.to_string())
        .with("endDate", c.end_date->to_string());
  }
  return std::nullopt;
}

// R12: either party proposes a new due date for a pending milestone; a new one replaces it.
void check_fields(field_checks& v, const cmd::propose_due_date& c) {
  v.future_date(c.due_date, "dueDate", "R12");
}
verdict rule(judging& j, const cmd::propose_due_date& c) {
  if (auto r = check_transition(milestone_action::propose_due_date, *j.m)) return r;
  const date due = *date::parse(c.due_date);
  if (auto r = outside_scope(*j.c, due, "dueDate")) return r;
  j.emit(ev::due_date_proposed{j.m->number, due, j.actor()});
  return std::nullopt;
}

// R12: the other party accepts (re-checked at this time) or rejects.
void check_fields(field_checks&, const cmd::respond_due_date&) {}
verdict rule(judging& j, const cmd::respond_due_date& c) {
  if (!j.m->proposal) {
    return reject(error_code::no_open_request, "R12",
                  "There is no due date proposal on " + quoted(j.title()) + " to answer.")
        .with("milestoneId", j.id())
        .with("title", j.title());
  }
  const due_date_proposal& p = *j.m->proposal;
  if (p.by == j.actor()) {
    return reject(error_code::not_permitted, "R12",
                  "The " + std::string(name_of(j.actor())) +
                      " proposed this due date; the other party must answer it.")
        .with("actor", name_of(j.actor()))
        .with("allowed", j.actor() == party::client ? "freelancer" : "client");
  }
  if (!c.accept) {
    j.emit(ev::due_date_rejected{j.m->number, p.due, j.actor()});
    return std::nullopt;
  }
  if (p.due < earliest_day(j.cmd.at)) {  // R12′
    return reject(error_code::invalid_date, "R12",
                  "The proposed due date, " + readable(p.due) + ", has passed; propose a new one.",
                  "accept")
        .with("date", p.due.to_string())
        .with("earliest", earliest_day(j.cmd.at).to_string());
  }
  if (auto r = outside_scope(*j.c, p.due, "accept")) return r;
  j.emit(ev::due_date_accepted{j.m->number, p.due, j.actor()});
  return std::nullopt;
}

// R13: the client of a compliance contract moves its end date later.
void check_fields(field_checks& v, const cmd::extend_contract& c) {
  v.future_date(c.end_date, "endDate", "R13");
}
verdict rule(judging& j, const cmd::extend_contract& c) {
  if (!needs_end_date(j.c->account)) {
    return reject(error_code::invalid_state, "R13",
                  "Only Enterprise Compliance contracts have an end date to extend.")
        .with("accountType", name_of(j.c->account));
  }
  const date end = *date::parse(c.end_date);
  if (end <= *j.c->end_date) {
    return reject(error_code::invalid_date, "R13",
                  "The new end date must be after the current one, " +
                      readable(*j.c->end_date) + ".",
                  "endDate")
        .with("date", end.to_string())
        .with("endDate", j.c->end_date->to_string());
  }
  j.emit(ev::contract_extended{end});
  return std::nullopt;
}

}  // namespace milestones
