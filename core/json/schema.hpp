// The fields of every command and event, declared once with the names PROTOCOL.md gives them:
// the JSON reader reads commands and events from these lists, the writer writes events from them,
// and equality compares them (model/fields.hpp), so a field cannot be read one way and written or
// compared another. Each list must name every member of its struct, or it does not compile.
#pragma once

#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "model/commands.hpp"
#include "model/events.hpp"
#include "model/fields.hpp"

namespace milestones::schema {

/// What a member holds: std::optional<T> and std::vector<T> are read and written as T, or a list.
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

// Each list is checked against its struct: every member once (model/fields.hpp).
#define MILESTONES_FIELDS(Type, ...)                                      \
  template <>                                                             \
  struct fields_of<Type> {                                                \
    using self = Type;                                                    \
    static constexpr auto list = std::make_tuple(__VA_ARGS__);            \
  };                                                                      \
  static_assert(lists_every_member<Type>(),                               \
                #Type ": its field list must name each of its members once")
#define MILESTONES_NO_FIELDS(Type)                                        \
  template <>                                                             \
  struct fields_of<Type> {                                                \
    static constexpr auto list = std::make_tuple();                       \
  };                                                                      \
  static_assert(member_count<Type>() == 0, #Type ": a type with no fields has no members")
#define F(key, member) field<self, decltype(self::member)>{key, &self::member}
#define ID(key, member) field<self, decltype(self::member)>{key, &self::member, codec::milestone_id}
#define OMIT(key, member) field<self, decltype(self::member)>{key, &self::member, codec::omit_empty}

// ---- commands (as sent: values out of range are kept for the rules to judge) -----------------

MILESTONES_FIELDS(milestone_draft, F("title", title), F("description", description),
                  F("amount", amount), F("dueDate", due_date));
MILESTONES_FIELDS(contract_draft, F("id", id), F("title", title), F("accountType", account_type),
                  F("currency", currency), F("client", client), F("freelancer", freelancer),
                  F("endDate", end_date), F("milestones", milestones));
MILESTONES_FIELDS(milestone_changes, F("title", title), F("description", description),
                  F("amount", amount));
MILESTONES_FIELDS(attachment_draft, F("name", name), F("size", size), F("sha256", sha256),
                  F("url", url));

MILESTONES_FIELDS(cmd::create_contract, F("contract", contract), F("offer", offer),
                  F("clientKey", client_key));
MILESTONES_FIELDS(cmd::add_milestone, F("milestone", milestone));
MILESTONES_FIELDS(cmd::edit_milestone, F("milestoneId", milestone_id), F("changes", changes));
MILESTONES_FIELDS(cmd::delete_milestone, F("milestoneId", milestone_id));
MILESTONES_FIELDS(cmd::move_milestone, F("milestoneId", milestone_id), F("toIndex", to_index));
MILESTONES_FIELDS(cmd::reorder_milestones, F("order", order));
MILESTONES_FIELDS(cmd::activate_milestone, F("milestoneId", milestone_id));
MILESTONES_FIELDS(cmd::submit_work, F("milestoneId", milestone_id), F("message", message),
                  F("attachments", attachments));
MILESTONES_FIELDS(cmd::request_changes, F("milestoneId", milestone_id), F("message", message));
MILESTONES_FIELDS(cmd::release_payment, F("milestoneId", milestone_id), F("amount", amount));
MILESTONES_FIELDS(cmd::propose_due_date, F("milestoneId", milestone_id), F("dueDate", due_date));
MILESTONES_FIELDS(cmd::respond_due_date, F("milestoneId", milestone_id), F("accept", accept));
MILESTONES_FIELDS(cmd::extend_contract, F("endDate", end_date));
MILESTONES_FIELDS(cmd::request_refund, F("milestoneId", milestone_id), F("amount", amount),
                  F("reason", reason));
MILESTONES_FIELDS(cmd::respond_refund, F("milestoneId", milestone_id), F("accept", accept),
                  F("amount", amount));
MILESTONES_NO_FIELDS(cmd::end_contract);
MILESTONES_FIELDS(cmd::leave_feedback, F("rating", rating), F("comment", comment));
MILESTONES_NO_FIELDS(cmd::tick);
MILESTONES_FIELDS(cmd::respond_offer, F("accept", accept));
MILESTONES_FIELDS(cmd::propose_milestone, F("milestone", milestone));
MILESTONES_FIELDS(cmd::respond_milestone_proposal, F("accept", accept));
MILESTONES_NO_FIELDS(cmd::withdraw_milestone_proposal);
MILESTONES_FIELDS(cmd::post_message, F("text", text), F("milestoneId", milestone_id));

// ---- events (strict: a log holds exactly these fields, besides seq, at and type) --------------

MILESTONES_FIELDS(milestone_spec, ID("id", number), F("title", title),
                  F("description", description), F("amount", amount), F("dueDate", due));
MILESTONES_FIELDS(contract_terms, F("id", id), F("title", title), F("accountType", account),
                  F("currency", currency), F("client", client), F("freelancer", freelancer),
                  F("endDate", end_date));
MILESTONES_FIELDS(milestone_edit, OMIT("title", title), OMIT("description", description),
                  OMIT("amount", amount));

MILESTONES_FIELDS(proposal_spec, F("title", title), F("description", description),
                  F("amount", amount), F("dueDate", due));
MILESTONES_FIELDS(attachment_spec, F("name", name), F("size", size), F("sha256", sha256),
                  OMIT("url", url));
MILESTONES_FIELDS(ev::contract_created, F("contract", contract), F("milestones", milestones),
                  OMIT("offer", offer), OMIT("clientKey", client_key));
MILESTONES_FIELDS(ev::milestone_added, F("milestone", milestone));
MILESTONES_FIELDS(ev::milestone_edited, ID("milestoneId", milestone), F("changes", changes));
MILESTONES_FIELDS(ev::milestone_deleted, ID("milestoneId", milestone));
MILESTONES_FIELDS(ev::milestone_moved, ID("milestoneId", milestone), F("toIndex", to_index));
MILESTONES_FIELDS(ev::milestones_reordered, ID("order", order));
MILESTONES_FIELDS(ev::milestone_activated, ID("milestoneId", milestone), F("amount", amount),
                  F("fromCredit", from_credit), F("charged", charged));
MILESTONES_FIELDS(ev::work_submitted, ID("milestoneId", milestone), F("message", message),
                  F("reviewDeadline", review_deadline), OMIT("attachments", attachments));
MILESTONES_FIELDS(ev::changes_requested, ID("milestoneId", milestone), F("message", message));
MILESTONES_FIELDS(ev::payment_released, ID("milestoneId", milestone), OMIT("escrow", escrow),
                  F("amount", amount), F("returned", returned), F("extra", extra),
                  F("auto", automatic));
MILESTONES_FIELDS(ev::due_date_proposed, ID("milestoneId", milestone), F("dueDate", due),
                  F("by", by));
MILESTONES_FIELDS(ev::due_date_accepted, ID("milestoneId", milestone), F("dueDate", due),
                  F("by", by));
MILESTONES_FIELDS(ev::due_date_rejected, ID("milestoneId", milestone), F("dueDate", due),
                  F("by", by));
MILESTONES_FIELDS(ev::contract_extended, F("endDate", end_date));
MILESTONES_FIELDS(ev::refund_requested, ID("milestoneId", milestone), F("amount", amount),
                  F("reason", reason));
MILESTONES_FIELDS(ev::refund_accepted, ID("milestoneId", milestone), F("amount", amount));
MILESTONES_FIELDS(ev::refund_declined, ID("milestoneId", milestone), F("amount", amount));
MILESTONES_FIELDS(ev::contract_ended, OMIT("closed", closed));
MILESTONES_FIELDS(ev::credit_returned, F("amount", amount));
MILESTONES_FIELDS(ev::feedback_left, F("by", by), F("rating", rating), F("comment", comment));
MILESTONES_NO_FIELDS(ev::offer_accepted);
MILESTONES_NO_FIELDS(ev::offer_declined);
MILESTONES_FIELDS(ev::milestone_proposed, F("milestone", milestone));
MILESTONES_FIELDS(ev::milestone_proposal_accepted, F("milestone", milestone));
MILESTONES_NO_FIELDS(ev::milestone_proposal_declined);
MILESTONES_NO_FIELDS(ev::milestone_proposal_withdrawn);
MILESTONES_FIELDS(ev::message_posted, F("by", by), F("text", text), OMIT("milestoneId", milestone));

#undef F
#undef ID
#undef OMIT
#undef MILESTONES_FIELDS
#undef MILESTONES_NO_FIELDS

}  // namespace milestones::schema
