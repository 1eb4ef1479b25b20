// Escrow, work, review and release: activating (R6), submitting (R7), requesting changes (R8),
// the automatic release after 14 days (R9), and partial or extra releases (R10, R11).
#include <algorithm>

#include "model/text.hpp"
#include "rules/judging.hpp"
#include "rules/status.hpp"
#include "rules/words.hpp"

namespace milestones {

namespace {

// R9: once a payment was released automatically, the client's review window is closed.
verdict review_closed(const judging& j) {
  if (j.m->status == milestone_status::paid && j.m->auto_released) {
    return reject(error_code::review_window_closed, "R9",
                  "The 14-day review window for " + quoted(j.title()) +
                      " has closed and its payment was released automatically.")
        .with("milestoneId", j.id())
        .with("title", j.title());
  }
  return std::nullopt;
}

}  // namespace

// R6: one milestone at a time, the first pending one, funded from credit first.
void check_fields(field_checks&, const cmd::activate_milestone&) {}
verdict rule(judging& j, const cmd::activate_milestone&) {
  if (j.c->status == contract_status::offered) {  // R22
    return reject(error_code::invalid_state, "R22",
                  "This contract is still an offer: nothing can be funded until the freelancer "
                  "accepts it.")
        .with("status", name_of(j.c->status));
  }
  const contract& k = *j.c;
  if (auto r = check_transition(milestone_action::activate, *j.m)) return r;
  if (const milestone* holder = k.escrow_holder()) {
    return reject(error_code::another_milestone_active, "R6",
                  "Release the funds on " + quoted(holder->title) + " before activating " +
                      quoted(j.title()) + "; only one milestone can be active at a time.")
        .with("milestoneId", j.id())
        .with("title", j.title())
        .with("activeId", milestone_id(holder->number))
        .with("activeTitle", holder->title);
  }
  const milestone& next = k.milestones[k.activated_count];
  if (next.number != j.m->number) {
    return reject(error_code::not_next_milestone, "R6",
                  quoted(j.title()) + " is not next; activate " + quoted(next.title) +
                      " first, or move " + quoted(j.title()) + " to the top.")
        .with("milestoneId", j.id())
        .with("title", j.title())
        .with("nextId", milestone_id(next.number))
        .with("nextTitle", next.title);
  }
  const cents from_credit = std::min(k.totals.credit, j.m->amount);
  j.emit(ev::milestone_activated{j.m->number, j.m->amount, from_credit, j.m->amount - from_credit});
  return std::nullopt;
}

// R7: the freelancer submits work on an active milestone; the 14-day review window starts.
// R25: it may deliver files with it, each named, sized and hashed (rules/checks.cpp).
void check_fields(field_checks& v, const cmd::submit_work& c) {
  v.required_text(c.message, max_text, text_kind::lines, "The message", "message", "R7");
  if (c.attachments) v.attachments(*c.attachments);
}
verdict rule(judging& j, const cmd::submit_work& c) {
  if (auto r = check_transition(milestone_action::submit, *j.m)) return r;
  ev::work_submitted submitted{j.m->number, c.message, j.cmd.at + review_period, std::nullopt};
  if (c.attachments && !c.attachments->empty()) {  // R25: none, and the event says nothing
    std::vector<attachment_spec>& files = submitted.attachments.emplace();
    files.reserve(c.attachments->size());
    for (const attachment_draft& a : *c.attachments) {
      files.push_back(attachment_spec{std::string(trim(a.name)), a.size.value, a.sha256, a.url});
    }
  }
  j.emit(std::move(submitted));
  return std::nullopt;
}

// R8: within the review window the client may send the work back, any number of times.
void check_fields(field_checks& v, const cmd::request_changes& c) {
  v.required_text(c.message, max_text, text_kind::lines, "The message", "message", "R8");
}
verdict rule(judging& j, const cmd::request_changes& c) {
  if (auto r = review_closed(j)) return r;
  if (auto r = check_transition(milestone_action::request_changes, *j.m)) return r;
  j.emit(ev::changes_requested{j.m->number, c.message});
  return std::nullopt;
}

// R10: release the escrow, less (the rest becomes credit) or more (the difference is charged);
// R11: released money leaves the escrow for good.
void check_fields(field_checks& v, const cmd::release_payment& c) {
  if (c.amount) v.amount(*c.amount, cents{1}, max_amount, "amount", "R10");
}
verdict rule(judging& j, const cmd::release_payment& c) {
  if (auto r = review_closed(j)) return r;
  if (auto r = check_transition(milestone_action::release, *j.m)) return r;
  const cents escrow = j.m->escrow;
  const cents amount = c.amount ? cents{c.amount->value} : escrow;
  const cents returned = amount < escrow ? escrow - amount : cents{0};
  const cents extra = amount > escrow ? amount - escrow : cents{0};
  j.emit(ev::payment_released{j.m->number, amount, returned, extra, false, escrow});
  return std::nullopt;
}

// R9: time passes; what fell due was recorded before the command (engine/decide.cpp).
void check_fields(field_checks&, const cmd::tick&) {}
verdict rule(judging&, const cmd::tick&) { return std::nullopt; }

// R9: 14 days without an answer count as approval: the whole escrow is released at the deadline.
std::optional<event> due_auto_release(const contract& c, timestamp at) {
  const milestone* m = c.escrow_holder();
  if (!m || m->status != milestone_status::submitted || *m->review_deadline > at) {
    return std::nullopt;
  }
  return event{c.seq + 1, *m->review_deadline,
               ev::payment_released{m->number, m->escrow, cents{0}, cents{0}, true, m->escrow}};
}

}  // namespace milestones
