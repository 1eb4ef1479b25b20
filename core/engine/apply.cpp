// apply: the fold. Each event changes the state exactly as it says; it never fails, because events
// come only from `decide` or from a log that `replay` re-checked.
#include <algorithm>

#include "engine/engine.hpp"
#include "model/visit.hpp"
#include "rules/turns.hpp"

namespace milestones {

namespace {

milestone_number number_of(const milestone* m) { return m ? m->number : 0; }  // ids start at m1

}  // namespace

void apply(contract& c, const event& e) {
  // R6: the milestone the client may activate next says so in its `waitingOn`; an event that
  // changes which one it is (a release, an activation, a delete, a move, an accepted offer, the
  // end) changes what the state shows of both.
  const milestone_number next_before = number_of(next_to_activate(c));
  // Each milestone an event changes, and the list when its order changes, note the event's seq.
  auto milestone_at = [&](milestone_number n) -> milestone& {
    milestone& m = *c.find(n);
    m.changed = e.seq;
    return m;
  };
  // A pending milestone as created (contract_created, milestone_added, an accepted proposal).
  auto milestone_of = [&](const milestone_spec& s) {
    milestone m;
    m.changed = e.seq;
    m.number = s.number;
    m.title = s.title;
    m.description = s.description;
    m.amount = s.amount;
    m.due = s.due;
    return m;
  };
  // A new milestone at the end.
  auto add = [&](const milestone_spec& s) {
    c.totals.budget += s.amount;
    c.next_number = s.number + 1;
    c.index_of.resize(c.next_number, -1);
    c.index_of[s.number] = static_cast<std::int32_t>(c.milestones.size());
    c.milestones.push_back(milestone_of(s));
    c.order_changed = e.seq;
  };
  visit_variant(
      overloaded{
          [&](const ev::contract_created& x) {
            const contract_terms& t = x.contract;
            c = contract{};
            c.id = t.id;
            c.title = t.title;
            c.account = t.account;
            c.currency = t.currency;
            c.client = t.client;
            c.freelancer = t.freelancer;
            c.end_date = t.end_date;
            c.created_at = e.at;
            if (x.offer.value_or(false)) c.status = contract_status::offered;
            c.client_key = x.client_key;  // R26
            c.milestones.reserve(x.milestones.size());
            for (const milestone_spec& s : x.milestones) {
              c.totals.budget += s.amount;
              c.next_number = std::max(c.next_number, s.number + 1);
              c.milestones.push_back(milestone_of(s));
            }
            c.reindex();
            c.order_changed = e.seq;
          },
          [&](const ev::milestone_added& x) { add(x.milestone); },
          [&](const ev::milestone_edited& x) {
            milestone& m = milestone_at(x.milestone);
            const milestone_edit& changed = x.changes;
            if (changed.title) m.title = *changed.title;
            if (changed.description) m.description = *changed.description;
            if (changed.amount) {
              c.totals.budget += *changed.amount - m.amount;
              m.amount = *changed.amount;
            }
          },
          [&](const ev::milestone_deleted& x) {
            const auto index = static_cast<std::size_t>(c.index_of[x.milestone]);
            c.totals.budget -= c.milestones[index].amount;
            c.milestones.erase(index);
            c.index_of[x.milestone] = -1;
            c.order_changed = e.seq;
            for (std::size_t i = index; i < c.milestones.size(); ++i) {  // those after it move up
              c.index_of[c.milestones[i].number] = static_cast<std::int32_t>(i);
            }
          },
          [&](const ev::milestone_moved& x) {
            // The milestones between the two places shift by one; the rest stay where they are.
            const auto from = static_cast<std::size_t>(c.index_of[x.milestone]);
            const auto to = static_cast<std::size_t>(x.to_index);
            c.milestones.move(from, to);
            c.order_changed = e.seq;
            for (std::size_t i = std::min(from, to); i <= std::max(from, to); ++i) {
              c.index_of[c.milestones[i].number] = static_cast<std::int32_t>(i);
            }
          },
          [&](const ev::milestones_reordered& x) {
            // Only the part that changes moves (one slot for a single move): the milestones
            // before the first and after the last changed position stay where they are.
            const std::size_t base = c.activated_count;
            std::size_t first = 0, last = x.order.size();
            while (first < last && c.milestones[base + first].number == x.order[first]) ++first;
            while (last > first && c.milestones[base + last - 1].number == x.order[last - 1]) --last;
            if (first == last) return;
            c.order_changed = e.seq;
            c.milestones.rearrange(base + first, last - first, [&](std::size_t i) {
              return static_cast<std::size_t>(c.index_of[x.order[first + i]]);
            });
            for (std::size_t i = base + first; i < base + last; ++i) {
              c.index_of[c.milestones[i].number] = static_cast<std::int32_t>(i);
            }
          },
          [&](const ev::milestone_activated& x) {
            milestone& m = milestone_at(x.milestone);
            m.status = milestone_status::active;
            m.funded = x.amount;
            m.escrow = x.amount;
            m.proposal.reset();  // R12: activation voids an open proposal
            c.totals.funded += x.amount;
            c.totals.escrow += x.amount;
            c.totals.charged += x.charged;
            c.totals.credit -= x.from_credit;
            ++c.activated_count;
          },
          [&](const ev::work_submitted& x) {
            milestone& m = milestone_at(x.milestone);
            m.status = milestone_status::submitted;
            m.submission = submission_note{x.message, e.at, {}};
            if (x.attachments) {  // R25
              for (const attachment_spec& a : *x.attachments) {
                m.submission->attachments.push_back(attachment{a.name, a.size, a.sha256, a.url});
              }
            }
            m.review_deadline = x.review_deadline;
          },
          [&](const ev::changes_requested& x) {
            milestone& m = milestone_at(x.milestone);
            m.status = milestone_status::changes_requested;
            m.change_request = text_note{x.message, e.at};
            m.review_deadline.reset();
            ++m.revisions;
          },
          [&](const ev::payment_released& x) {
            milestone& m = milestone_at(x.milestone);
            c.totals.escrow -= m.escrow;
            c.totals.released += x.amount;
            c.totals.returned += x.returned;
            c.totals.funded += x.extra;
            c.totals.charged += x.extra;
            c.totals.credit += x.returned;
            m.released += x.amount;
            m.returned += x.returned;
            m.funded += x.extra;
            m.escrow = cents{0};
            m.status = milestone_status::paid;
            m.auto_released = x.automatic;
            m.review_deadline.reset();
          },
          [&](const ev::due_date_proposed& x) {
            milestone_at(x.milestone).proposal = due_date_proposal{x.due, x.by};
          },
          [&](const ev::due_date_accepted& x) {
            milestone& m = milestone_at(x.milestone);
            m.due = x.due;
            m.proposal.reset();
          },
          [&](const ev::due_date_rejected& x) { milestone_at(x.milestone).proposal.reset(); },
          [&](const ev::contract_extended& x) { c.end_date = x.end_date; },
          [&](const ev::refund_requested& x) {
            milestone_at(x.milestone).refund = refund_request{x.amount, x.reason, e.at};
          },
          [&](const ev::refund_accepted& x) {
            milestone& m = milestone_at(x.milestone);
            m.refunded += x.amount;
            m.refund.reset();
            c.totals.refunded += x.amount;
          },
          [&](const ev::refund_declined& x) { milestone_at(x.milestone).refund.reset(); },
          [&](const ev::contract_ended& x) {
            c.status = contract_status::ended;
            c.ended_at = e.at;
            c.proposal.reset();
            // R15′: milestones still pending close unfunded and leave every total.
            if (x.closed) {
              for (milestone_number n : *x.closed) {
                milestone& m = milestone_at(n);
                m.status = milestone_status::closed;
                m.proposal.reset();
                c.totals.budget -= m.amount;
              }
            }
          },
          [&](const ev::credit_returned& x) {
            c.totals.credit -= x.amount;
            c.totals.credit_returned += x.amount;
          },
          [&](const ev::feedback_left& x) {
            auto& slot = x.by == party::client ? c.client_feedback : c.freelancer_feedback;
            slot = feedback_entry{x.rating, x.comment, e.at};
          },
          [&](const ev::offer_accepted&) { c.status = contract_status::open; },
          [&](const ev::offer_declined&) {
            c.status = contract_status::declined;
            c.proposal.reset();
            // R22: nothing is owed and no one's turn comes on a declined offer (`deliveryDue`,
            // `waitingOn`): every milestone shows it. Once per contract.
            for (milestone& m : c.milestones) m.changed = e.seq;
          },
          [&](const ev::milestone_proposed& x) {
            const proposal_spec& p = x.milestone;
            c.proposal = milestone_proposal{p.title, p.description, p.amount, p.due, e.at};
          },
          [&](const ev::milestone_proposal_accepted& x) {
            c.proposal.reset();
            add(x.milestone);
          },
          [&](const ev::milestone_proposal_declined&) { c.proposal.reset(); },
          [&](const ev::milestone_proposal_withdrawn&) { c.proposal.reset(); },  // R23′
          [&](const ev::message_posted& x) {  // R24: counted where it was posted
            if (x.milestone) {
              ++milestone_at(*x.milestone).messages;
            } else {
              ++c.messages;
            }
          },
      },
      e.data);
  const milestone_number next_after = number_of(next_to_activate(c));
  if (next_after != next_before) {
    if (milestone* m = c.find(next_before)) m->changed = e.seq;
    if (milestone* m = c.find(next_after)) m->changed = e.seq;
  }
  c.seq = e.seq;
  c.last_at = std::max(c.last_at, e.at);
}

}  // namespace milestones
