// Events: the facts the engine records. State is a left fold of `apply` over them.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain.hpp"

namespace milestones {

/// A milestone as created: the data `contract_created` and `milestone_added` carry.
struct milestone_spec {
  milestone_number number = 0;
  std::string title;  // trimmed
  std::string description;
  cents amount;
  date due;
  auto tie() const { return std::tie(number, title, description, amount, due); }
};

/// The contract as created: what `contract_created` carries besides its milestones.
struct contract_terms {
  std::string id, title;
  account_type account = account_type::standard;
  std::string currency, client, freelancer;
  std::optional<date> end_date;
  auto tie() const { return std::tie(id, title, account, currency, client, freelancer, end_date); }
};

/// A proposed milestone (R23): a milestone as `add_milestone` takes it, without an id yet.
struct proposal_spec {
  std::string title;  // trimmed
  std::string description;
  cents amount;
  date due;
  auto tie() const { return std::tie(title, description, amount, due); }
};

/// What an edit changed: only the fields that were sent.
struct milestone_edit {
  std::optional<std::string> title, description;
  std::optional<cents> amount;
  auto tie() const { return std::tie(title, description, amount); }
};

namespace ev {
using milestones::operator==;
using milestones::operator!=;

struct contract_created {
  contract_terms contract;
  std::vector<milestone_spec> milestones;
  std::optional<bool> offer;  // R22: written (true) only for an offer
  auto tie() const { return std::tie(contract, milestones, offer); }
};
struct milestone_added {
  milestone_spec milestone;
  auto tie() const { return std::tie(milestone); }
};
struct milestone_edited {
  milestone_number milestone = 0;
  milestone_edit changes;
  auto tie() const { return std::tie(milestone, changes); }
};
struct milestone_deleted {
  milestone_number milestone = 0;
  auto tie() const { return std::tie(milestone); }
};
struct milestone_moved {  // move_milestone: the one milestone and its new place in the whole list
  milestone_number milestone = 0;
  std::int64_t to_index = 0;
  auto tie() const { return std::tie(milestone, to_index); }
};
struct milestones_reordered {  // reorder_milestones: every pending milestone, in its new order
  std::vector<milestone_number> order;
  auto tie() const { return std::tie(order); }
};
struct milestone_activated {
  milestone_number milestone = 0;
  cents amount, from_credit, charged;  // amount = from_credit + charged
  auto tie() const { return std::tie(milestone, amount, from_credit, charged); }
};
struct work_submitted {
  milestone_number milestone = 0;
  std::string message;
  timestamp review_deadline = 0;
  auto tie() const { return std::tie(milestone, message, review_deadline); }
};
struct changes_requested {
  milestone_number milestone = 0;
  std::string message;
  auto tie() const { return std::tie(milestone, message); }
};
struct payment_released {
  milestone_number milestone = 0;
  cents amount, returned, extra;  // returned: escrow left over, now credit; extra: charged on top
  bool automatic = false;         // `auto` on the wire (R9)
  /// The escrow released from (amount = escrow + extra − returned). Always written now; logs from
  /// before it was have none, and restore unchanged (replay.cpp: absent matches, present must
  /// equal what the rules record).
  std::optional<cents> escrow;
  auto tie() const { return std::tie(milestone, amount, returned, extra, automatic, escrow); }
};
struct due_date_proposed {
  milestone_number milestone = 0;
  date due;
  party by = party::client;
  auto tie() const { return std::tie(milestone, due, by); }
};
struct due_date_accepted {
  milestone_number milestone = 0;
  date due;
  party by = party::client;  // who accepted
  auto tie() const { return std::tie(milestone, due, by); }
};
struct due_date_rejected {
  milestone_number milestone = 0;
  date due;
  party by = party::client;  // who rejected
  auto tie() const { return std::tie(milestone, due, by); }
};
struct contract_extended {
  date end_date;
  auto tie() const { return std::tie(end_date); }
};
struct refund_requested {
  milestone_number milestone = 0;
  cents amount;
  std::string reason;
  auto tie() const { return std::tie(milestone, amount, reason); }
};
struct refund_accepted {
  milestone_number milestone = 0;
  cents amount;  // what was refunded
  auto tie() const { return std::tie(milestone, amount); }
};
struct refund_declined {
  milestone_number milestone = 0;
  cents amount;  // what had been requested
  auto tie() const { return std::tie(milestone, amount); }
};
struct contract_ended {
  std::optional<std::vector<milestone_number>> closed;  // R15′: pending ones closed unfunded
  auto tie() const { return std::tie(closed); }
};
struct credit_returned {
  cents amount;
  auto tie() const { return std::tie(amount); }
};
struct feedback_left {
  party by = party::client;
  int rating = 0;
  std::string comment;
  auto tie() const { return std::tie(by, rating, comment); }
};
struct offer_accepted {  // R22, by the freelancer
  auto tie() const { return std::tie(); }
};
struct offer_declined {  // R22, by the freelancer
  auto tie() const { return std::tie(); }
};
struct milestone_proposed {  // R23, by the freelancer; replaces an open proposal
  proposal_spec milestone;
  auto tie() const { return std::tie(milestone); }
};
struct milestone_proposal_accepted {  // R23, by the client: the milestone is added at the end
  milestone_spec milestone;
  auto tie() const { return std::tie(milestone); }
};
struct milestone_proposal_declined {  // R23, by the client
  auto tie() const { return std::tie(); }
};
}  // namespace ev

using event_data =
    std::variant<ev::contract_created, ev::milestone_added, ev::milestone_edited,
                 ev::milestone_deleted, ev::milestone_moved, ev::milestones_reordered,
                 ev::milestone_activated,
                 ev::work_submitted, ev::changes_requested, ev::payment_released,
                 ev::due_date_proposed, ev::due_date_accepted, ev::due_date_rejected,
                 ev::contract_extended, ev::refund_requested, ev::refund_accepted,
                 ev::refund_declined, ev::contract_ended, ev::credit_returned, ev::feedback_left,
                 ev::offer_accepted, ev::offer_declined, ev::milestone_proposed,
                 ev::milestone_proposal_accepted, ev::milestone_proposal_declined>;

/// One entry of the log: numbered from 1, stamped with the time it took effect.
struct event {
  std::int64_t seq = 0;
  timestamp at = 0;
  event_data data;

  event() = default;
  /// Builds the event's data in place (emplace_back: no variant move on the way into the log).
  template <class E>
  event(std::int64_t seq_, timestamp at_, E&& data_)
      : seq(seq_), at(at_), data(std::forward<E>(data_)) {}

  /// An event whose data is yet of a type with nothing in it, for a reader to fill in place:
  /// nothing is made and undone before the data becomes the type read.
  event(std::int64_t seq_, timestamp at_, std::in_place_t)
      : seq(seq_), at(at_), data(std::in_place_type<ev::contract_ended>) {}

  auto tie() const { return std::tie(seq, at, data); }
};

/// The wire name of an event type, e.g. "payment_released" (rules/catalog.cpp).
std::string_view type_name(const event_data& data);

}  // namespace milestones
