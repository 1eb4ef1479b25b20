// Events: the facts the engine records. State is a left fold of `apply` over them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
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
};

/// The contract as created: what `contract_created` carries besides its milestones.
struct contract_terms {
  std::string id, title;
  account_type account = account_type::standard;
  std::string currency, client, freelancer;
  std::optional<date> end_date;
};

/// A proposed milestone (R23): a milestone as `add_milestone` takes it, without an id yet.
struct proposal_spec {
  std::string title;  // trimmed
  std::string description;
  cents amount;
  date due;
};

/// R25: a file a submission delivered, as recorded (its name trimmed).
struct attachment_spec {
  std::string name;
  std::int64_t size = 0;
  std::string sha256;
  std::optional<std::string> url;
};

/// What an edit changed: only the fields that were sent.
struct milestone_edit {
  std::optional<std::string> title, description;
  std::optional<cents> amount;
};

// An event type's `name` is its wire name (`"type"`), written here only: the command table,
// the reader and the writer take it from the type (rules/catalog.cpp).
namespace ev {
using milestones::operator==;
using milestones::operator!=;

struct contract_created {
  static constexpr std::string_view name = "contract_created";
  contract_terms contract;
  std::vector<milestone_spec> milestones;
  std::optional<bool> offer;  // R22: written (true) only for an offer
  std::optional<std::string> client_key;  // R26: written only for a signed contract
};
struct milestone_added {
  static constexpr std::string_view name = "milestone_added";
  milestone_spec milestone;
};
struct milestone_edited {
  static constexpr std::string_view name = "milestone_edited";
  milestone_number milestone = 0;
  milestone_edit changes;
};
struct milestone_deleted {
  static constexpr std::string_view name = "milestone_deleted";
  milestone_number milestone = 0;
};
struct milestone_moved {  // move_milestone: the one milestone and its new place in the whole list
  static constexpr std::string_view name = "milestone_moved";
  milestone_number milestone = 0;
  std::int64_t to_index = 0;
};
struct milestones_reordered {  // reorder_milestones: every pending milestone, in its new order
  static constexpr std::string_view name = "milestones_reordered";
  std::vector<milestone_number> order;
};
struct milestone_activated {
  static constexpr std::string_view name = "milestone_activated";
  milestone_number milestone = 0;
  cents amount, from_credit, charged;  // amount = from_credit + charged
};
struct work_submitted {
  static constexpr std::string_view name = "work_submitted";
  milestone_number milestone = 0;
  std::string message;
  timestamp review_deadline = 0;
  /// R25: written only when the submission delivered files, so older logs restore unchanged.
  std::optional<std::vector<attachment_spec>> attachments;
};
struct changes_requested {
  static constexpr std::string_view name = "changes_requested";
  milestone_number milestone = 0;
  std::string message;
};
struct payment_released {
  static constexpr std::string_view name = "payment_released";
  milestone_number milestone = 0;
  cents amount, returned, extra;  // returned: escrow left over, now credit; extra: charged on top
  bool automatic = false;         // `auto` on the wire (R9)
  /// The escrow released from (amount = escrow + extra − returned). Always written now; logs from
  /// before it was have none, and restore unchanged (replay.cpp: absent matches, present must
  /// equal what the rules record).
  std::optional<cents> escrow;
};
struct due_date_proposed {
  static constexpr std::string_view name = "due_date_proposed";
  milestone_number milestone = 0;
  date due;
  party by = party::client;
};
struct due_date_accepted {
  static constexpr std::string_view name = "due_date_accepted";
  milestone_number milestone = 0;
  date due;
  party by = party::client;  // who accepted
};
struct due_date_rejected {
  static constexpr std::string_view name = "due_date_rejected";
  milestone_number milestone = 0;
  date due;
  party by = party::client;  // who rejected
};
struct contract_extended {
  static constexpr std::string_view name = "contract_extended";
  date end_date;
};
struct refund_requested {
  static constexpr std::string_view name = "refund_requested";
  milestone_number milestone = 0;
  cents amount;
  std::string reason;
};
struct refund_accepted {
  static constexpr std::string_view name = "refund_accepted";
  milestone_number milestone = 0;
  cents amount;  // what was refunded
};
struct refund_declined {
  static constexpr std::string_view name = "refund_declined";
  milestone_number milestone = 0;
  cents amount;  // what had been requested
};
struct contract_ended {
  static constexpr std::string_view name = "contract_ended";
  std::optional<std::vector<milestone_number>> closed;  // R15′: pending ones closed unfunded
};
struct credit_returned {
  static constexpr std::string_view name = "credit_returned";
  cents amount;
};
struct feedback_left {
  static constexpr std::string_view name = "feedback_left";
  party by = party::client;
  int rating = 0;
  std::string comment;
};
struct offer_accepted {  // R22, by the freelancer
  static constexpr std::string_view name = "offer_accepted";
};
struct offer_declined {  // R22, by the freelancer
  static constexpr std::string_view name = "offer_declined";
};
struct milestone_proposed {  // R23, by the freelancer; replaces an open proposal
  static constexpr std::string_view name = "milestone_proposed";
  proposal_spec milestone;
};
struct milestone_proposal_accepted {  // R23, by the client: the milestone is added at the end
  static constexpr std::string_view name = "milestone_proposal_accepted";
  milestone_spec milestone;
};
struct milestone_proposal_declined {  // R23, by the client
  static constexpr std::string_view name = "milestone_proposal_declined";
};
struct milestone_proposal_withdrawn {  // R23′, by the freelancer
  static constexpr std::string_view name = "milestone_proposal_withdrawn";
};
struct message_posted {  // R24
  static constexpr std::string_view name = "message_posted";
  party by = party::client;
  std::string text;  // trimmed
  std::optional<milestone_number> milestone;  // written only when the message names one
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
                 ev::milestone_proposal_accepted, ev::milestone_proposal_declined,
                 ev::milestone_proposal_withdrawn, ev::message_posted>;

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
