// Refunds (R14), the end of the contract and its returned credit (R15), feedback (R16).
#include "rules/judging.hpp"
#include "rules/status.hpp"
#include "rules/turns.hpp"
#include "rules/words.hpp"

namespace milestones {

namespace {

// R14: a refund of less than a cent.
rejection too_small(const integer_field& amount) {
  rejection r = reject(error_code::invalid_amount, "R14",
                       amount.integer ? "A refund must be at least $0.01."
                                      : "A refund must be in whole cents, at least $0.01.",
                       "amount")
                    .with("min", std::int64_t{1});
  if (amount.integer) {
    r.params.add("amount", amount.value);
  } else {
    r.params.add_null("amount");
  }
  return r;
}

}  // namespace

// R14: the client asks for money back on a paid milestone; one open request at a time.
void check_fields(field_checks& v, const cmd::request_refund& c) {
  if (!c.amount.integer || c.amount.value < 1) v.fail(too_small(c.amount));
  v.required_text(c.reason, max_text, text_kind::lines, "The reason", "reason", "R14");
}
verdict rule(judging& j, const cmd::request_refund& c) {
  if (auto r = check_transition(milestone_action::request_refund, *j.m)) return r;
  if (j.m->refund) {
    return reject(error_code::invalid_state, "R14",
                  "A refund request for " + quoted(j.title()) +
                      " is already open; wait for the freelancer's answer.")
        .with("milestoneId", j.id())
        .with("title", j.title());
  }
  const cents most = refundable(*j.m);
  if (c.amount.value > most.value) {
    return reject(error_code::refund_too_large, "R14",
                  "At most " + dollars(most) + " of " + quoted(j.title()) +
                      " can be refunded.",
                  "amount")
        .with("milestoneId", j.id())
        .with("title", j.title())
        .with("amount", c.amount.value)
        .with("refundable", most.value);
  }
  j.emit(ev::refund_requested{j.m->number, cents{c.amount.value}, c.reason});
  return std::nullopt;
}

// R14: the freelancer accepts (the requested amount or less) or declines.
void check_fields(field_checks& v, const cmd::respond_refund& c) {
  if (c.accept && c.amount && (!c.amount->integer || c.amount->value < 1)) {
    v.fail(too_small(*c.amount));
  }
}
verdict rule(judging& j, const cmd::respond_refund& c) {
  if (!j.m->refund) {
    return reject(error_code::no_open_request, "R14",
                  "There is no refund request on " + quoted(j.title()) + " to answer.")
        .with("milestoneId", j.id())
        .with("title", j.title());
  }
  const cents requested = j.m->refund->amount;
  if (!c.accept) {
    j.emit(ev::refund_declined{j.m->number, requested});
    return std::nullopt;
  }
  const cents amount = c.amount ? cents{c.amount->value} : requested;
  if (amount > requested) {
    return reject(error_code::refund_too_large, "R14",
                  "The client asked for " + dollars(requested) + " on " + quoted(j.title()) +
                      "; a refund cannot be larger than that.",
                  "amount")
        .with("milestoneId", j.id())
        .with("title", j.title())
        .with("amount", amount.value)
        .with("requested", requested.value);
  }
  j.emit(ev::refund_accepted{j.m->number, amount});
  return std::nullopt;
}

// R15′: the client ends the contract when no milestone holds escrow and no refund is open;
// milestones still pending close unfunded, and the remaining credit goes back to the client.
void check_fields(field_checks&, const cmd::end_contract&) {}
verdict rule(judging& j, const cmd::end_contract&) {
  std::vector<milestone_number> closed;
  for (const milestone& m : j.c->milestones) {
    if (holds_escrow(m.status)) {
      return reject(error_code::contract_incomplete, "R15",
                    quoted(m.title) + " holds " + dollars(m.escrow) + " in escrow (" +
                        std::string(status_words(m.status)) +
                        "); it must be released before the contract can end.")
          .with("milestoneId", milestone_id(m.number))
          .with("title", m.title)
          .with("escrow", m.escrow.value)
          .with("status", name_of(m.status));
    }
    if (m.refund) {
      return reject(error_code::contract_incomplete, "R15",
                    "The refund request on " + quoted(m.title) +
                        " must be answered before the contract can end.")
          .with("milestoneId", milestone_id(m.number))
          .with("title", m.title);
    }
    if (m.status == milestone_status::pending) closed.push_back(m.number);
  }
  ev::contract_ended ended;
  if (!closed.empty()) ended.closed = std::move(closed);
  j.emit(std::move(ended));
  if (j.c->totals.credit > cents{0}) j.emit(ev::credit_returned{j.c->totals.credit});
  return std::nullopt;
}

// R16: after the end, each party leaves feedback once.
void check_fields(field_checks& v, const cmd::leave_feedback& c) {
  if (!c.rating.integer || c.rating.value < 1 || c.rating.value > 5) {
    v.fail(reject(error_code::invalid_field, "R16", "The rating must be a whole number from 1 to 5.",
                  "rating")
               .with("min", std::int64_t{1})
               .with("max", std::int64_t{5}));
  }
  v.optional_text(c.comment, "The comment", "comment");
}
verdict rule(judging& j, const cmd::leave_feedback& c) {
  if (j.c->status != contract_status::ended) {
    return reject(error_code::invalid_state, "R16",
                  "Feedback can be left once the contract has ended.");
  }
  const auto& existing =
      j.actor() == party::client ? j.c->client_feedback : j.c->freelancer_feedback;
  if (existing) {
    return reject(error_code::duplicate_feedback, "R16",
                  "The " + std::string(name_of(j.actor())) +
                      " has already left feedback on this contract.")
        .with("actor", name_of(j.actor()));
  }
  j.emit(ev::feedback_left{j.actor(), static_cast<int>(c.rating.value), c.comment});
  return std::nullopt;
}

}  // namespace milestones
