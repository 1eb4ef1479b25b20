// Commands: what a party asks the engine to do. Values are kept as sent; `decide` judges them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain.hpp"

namespace milestones {

/// A JSON number as sent where an integer is required: `integer` is false for fractions,
/// exponents and integers that do not fit in 64 bits, so the rules can refuse them by name.
struct integer_field {
  bool integer = true;
  std::int64_t value = 0;
  auto tie() const { return std::tie(integer, value); }
};

struct milestone_draft {
  std::string title;
  std::optional<std::string> description;
  integer_field amount;
  std::string due_date;
};

struct contract_draft {
  std::optional<std::string> id;
  std::string title;
  std::string account_type;
  std::optional<std::string> currency;
  std::string client;
  std::string freelancer;
  std::optional<std::string> end_date;
  std::vector<milestone_draft> milestones;
};

/// R25: a file delivered with `submit_work`, as sent.
struct attachment_draft {
  std::string name;
  integer_field size;
  std::string sha256;
  std::optional<std::string> url;
};

/// What `edit_milestone` asks to change: only the fields that were sent.
struct milestone_changes {
  std::optional<std::string> title, description;
  std::optional<integer_field> amount;
  bool empty() const { return !title && !description && !amount; }
};

// A command type's `name` is its wire name (`"type"`), written here only: the command table,
// the reader and the writer take it from the type (rules/catalog.cpp).
namespace cmd {
using milestones::operator==;
using milestones::operator!=;

struct create_contract {
  static constexpr std::string_view name = "create_contract";
  contract_draft contract;
  std::optional<bool> offer;  // R22: true sends it as an offer for the freelancer to accept
  std::optional<std::string> client_key;  // R26: the client's public key: a signed contract
};
struct add_milestone {
  static constexpr std::string_view name = "add_milestone";
  milestone_draft milestone;
};
struct edit_milestone {
  static constexpr std::string_view name = "edit_milestone";
  std::string milestone_id;
  milestone_changes changes;
};
struct delete_milestone {
  static constexpr std::string_view name = "delete_milestone";
  std::string milestone_id;
};
struct move_milestone {
  static constexpr std::string_view name = "move_milestone";
  std::string milestone_id;
  integer_field to_index;
};
struct reorder_milestones {
  static constexpr std::string_view name = "reorder_milestones";
  std::vector<std::string> order;
};
struct activate_milestone {
  static constexpr std::string_view name = "activate_milestone";
  std::string milestone_id;
};
struct submit_work {
  static constexpr std::string_view name = "submit_work";
  std::string milestone_id, message;
  std::optional<std::vector<attachment_draft>> attachments;  // R25
};
struct request_changes {
  static constexpr std::string_view name = "request_changes";
  std::string milestone_id, message;
};
struct release_payment {
  static constexpr std::string_view name = "release_payment";
  std::string milestone_id;
  std::optional<integer_field> amount;  // defaults to the escrow
};
struct propose_due_date {
  static constexpr std::string_view name = "propose_due_date";
  std::string milestone_id, due_date;
};
struct respond_due_date {
  static constexpr std::string_view name = "respond_due_date";
  std::string milestone_id;
  bool accept = false;
};
struct extend_contract {
  static constexpr std::string_view name = "extend_contract";
  std::string end_date;
};
struct request_refund {
  static constexpr std::string_view name = "request_refund";
  std::string milestone_id;
  integer_field amount;
  std::string reason;
};
struct respond_refund {
  static constexpr std::string_view name = "respond_refund";
  std::string milestone_id;
  bool accept = false;
  std::optional<integer_field> amount;  // defaults to the requested amount
};
struct end_contract {
  static constexpr std::string_view name = "end_contract";
};
struct leave_feedback {
  static constexpr std::string_view name = "leave_feedback";
  integer_field rating;
  std::string comment;
};
struct tick {
  static constexpr std::string_view name = "tick";
};
struct respond_offer {  // R22
  static constexpr std::string_view name = "respond_offer";
  bool accept = false;
};
struct propose_milestone {  // R23
  static constexpr std::string_view name = "propose_milestone";
  milestone_draft milestone;
};
struct respond_milestone_proposal {  // R23
  static constexpr std::string_view name = "respond_milestone_proposal";
  bool accept = false;
};
struct withdraw_milestone_proposal {  // R23′
  static constexpr std::string_view name = "withdraw_milestone_proposal";
};
struct post_message {  // R24: on the contract, or on the milestone it names
  static constexpr std::string_view name = "post_message";
  std::string text;
  std::optional<std::string> milestone_id;
};
}  // namespace cmd

using command_data =
    std::variant<cmd::create_contract, cmd::add_milestone, cmd::edit_milestone,
                 cmd::delete_milestone, cmd::move_milestone, cmd::reorder_milestones,
                 cmd::activate_milestone, cmd::submit_work, cmd::request_changes,
                 cmd::release_payment, cmd::propose_due_date, cmd::respond_due_date,
                 cmd::extend_contract, cmd::request_refund, cmd::respond_refund,
                 cmd::end_contract, cmd::leave_feedback, cmd::tick, cmd::respond_offer,
                 cmd::propose_milestone, cmd::respond_milestone_proposal,
                 cmd::withdraw_milestone_proposal, cmd::post_message>;

/// A command: who acts (`actor` is nullopt for an actor string the engine does not know), when,
/// and what.
struct command {
  std::optional<party> actor;
  timestamp at = 0;
  command_data data;
  auto tie() const { return std::tie(actor, at, data); }
};

/// A command with no actor, time or fields yet (its data a type with nothing in it), for a reader
/// to fill in place: nothing is made and undone before the data becomes the type read.
inline command blank_command() {
  return command{std::nullopt, 0, command_data(std::in_place_type<cmd::tick>)};
}

/// The wire name of a command type, e.g. "activate_milestone" (rules/catalog.cpp).
std::string_view type_name(const command_data& data);

}  // namespace milestones
