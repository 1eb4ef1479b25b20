// The command table and the event names (see catalog.hpp).
#include "rules/catalog.hpp"

#include <array>
#include <utility>

#include "model/text.hpp"
#include "model/visit.hpp"
#include "rules/status.hpp"

namespace milestones {

namespace {

std::string milestone_ref(const probe_site& s) { return milestone_id(s.m->number); }
// R12′: the earliest date a due date may name at the probe's time.
std::string today(const probe_site& s) { return earliest_day(s.at).to_string(); }
std::size_t pending_count(const contract& c) { return c.milestones.size() - c.activated_count; }

// True when the status table lets `action` act on the site's milestone at all: where it does not,
// the rule refuses every payload (each rule checks its transition), so there is nothing to probe.
bool in_status(const probe_site& s, milestone_action action) { return may_act(action, s.m->status); }

// Where the command cannot apply at all on the site, `allowed` skips the judge; asked why not,
// the probe still builds the payload, and the judge's refusal of it is the reason.
bool skipped(const probe_site& s, bool applies) { return !applies && !s.why_not; }

// The probes: a payload for which `decide` says yes whenever some payload would; nullopt where
// none would, unless asked why not (no rule is judged here: the judge decides every payload that
// is built).
std::optional<command_data> probe_create(const probe_site&) {
  contract_draft d;
  d.title = "Contract";
  d.account_type = "standard";
  d.client = "Client";
  d.freelancer = "Freelancer";
  return cmd::create_contract{std::move(d), std::nullopt, std::nullopt};
}
std::optional<command_data> probe_add(const probe_site& s) {
  return cmd::add_milestone{milestone_draft{"Milestone", std::nullopt, {true, 500}, today(s)}};
}
std::optional<command_data> probe_edit(const probe_site& s) {
  if (skipped(s, in_status(s, milestone_action::edit))) return std::nullopt;
  // An empty description is valid on every milestone, and costs no copy of its text.
  return cmd::edit_milestone{milestone_ref(s), {std::nullopt, std::string(), std::nullopt}};
}
std::optional<command_data> probe_delete(const probe_site& s) {
  if (skipped(s, in_status(s, milestone_action::remove))) return std::nullopt;
  return cmd::delete_milestone{milestone_ref(s)};
}
std::optional<command_data> probe_move(const probe_site& s) {
  // PROTOCOL.md: at least two pending.
  const bool applies = in_status(s, milestone_action::move) && pending_count(*s.c) >= 2;
  if (skipped(s, applies)) return std::nullopt;
  const std::size_t first = s.c->activated_count;
  // Where it cannot move, asked why not: to its own place, the one place a person could pick.
  const std::size_t to = !applies ? s.index : s.index == first ? first + 1 : first;
  return cmd::move_milestone{milestone_ref(s), {true, static_cast<std::int64_t>(to)}};
}
std::optional<command_data> probe_reorder(const probe_site& s) {
  const contract& c = *s.c;
  // Fewer than two pending, asked why not: their order as it is ("already in this order").
  if (skipped(s, pending_count(c) >= 2)) return std::nullopt;
  cmd::reorder_milestones reversed;
  for (std::size_t i = c.milestones.size(); i > c.activated_count; --i) {
    reversed.order.push_back(milestone_id(c.milestones[i - 1].number));
  }
  return reversed;
}
// R6: only the first pending milestone can be activated (activated ones come first): on a plan
// of 1,000, the judge refuses the other 999 in words nobody asked for.
std::optional<command_data> probe_activate(const probe_site& s) {
  const bool next = s.index == s.c->activated_count;
  if (skipped(s, next && in_status(s, milestone_action::activate))) return std::nullopt;
  return cmd::activate_milestone{milestone_ref(s)};
}
std::optional<command_data> probe_submit(const probe_site& s) {
  if (skipped(s, in_status(s, milestone_action::submit))) return std::nullopt;
  return cmd::submit_work{milestone_ref(s), "Work", std::nullopt};
}
std::optional<command_data> probe_request_changes(const probe_site& s) {
  if (skipped(s, in_status(s, milestone_action::request_changes))) return std::nullopt;
  return cmd::request_changes{milestone_ref(s), "Changes"};
}
std::optional<command_data> probe_release(const probe_site& s) {
  if (skipped(s, in_status(s, milestone_action::release))) return std::nullopt;
  return cmd::release_payment{milestone_ref(s), std::nullopt};
}
std::optional<command_data> probe_propose(const probe_site& s) {
  if (skipped(s, in_status(s, milestone_action::propose_due_date))) return std::nullopt;
  return cmd::propose_due_date{milestone_ref(s), today(s)};  // the earliest date any may name
}
std::optional<command_data> probe_respond_due_date(const probe_site& s) {
  // No proposal: NO_OPEN_REQUEST for every payload.
  if (skipped(s, s.m->proposal.has_value())) return std::nullopt;
  return cmd::respond_due_date{milestone_ref(s), false};
}
// R13: the earliest end date an extension may name is after the current one and not in the past
// (a plan that ran out of time needs its extension most).
// Asked why not: without an end date, that same earliest date (INVALID_STATE); past the last
// date there is, the last date (not after the current end date).
std::optional<command_data> probe_extend(const probe_site& s) {
  if (skipped(s, s.c->end_date.has_value())) return std::nullopt;
  const std::int32_t first_day = earliest_day(s.at).days;
  date earliest{s.c->end_date ? std::max(s.c->end_date->days + 1, first_day) : first_day};
  if (earliest.days > max_date_days) {
    if (!s.why_not) return std::nullopt;
    earliest.days = max_date_days;
  }
  return cmd::extend_contract{earliest.to_string()};
}
std::optional<command_data> probe_request_refund(const probe_site& s) {
  if (skipped(s, in_status(s, milestone_action::request_refund))) return std::nullopt;
  return cmd::request_refund{milestone_ref(s), {true, 1}, "Refund"};
}
std::optional<command_data> probe_respond_refund(const probe_site& s) {
  // No request: NO_OPEN_REQUEST for every payload.
  if (skipped(s, s.m->refund.has_value())) return std::nullopt;
  return cmd::respond_refund{milestone_ref(s), false, std::nullopt};
}
std::optional<command_data> probe_end(const probe_site&) { return cmd::end_contract{}; }
std::optional<command_data> probe_feedback(const probe_site&) {
  return cmd::leave_feedback{{true, 5}, ""};
}
std::optional<command_data> probe_tick(const probe_site&) { return cmd::tick{}; }
std::optional<command_data> probe_respond_offer(const probe_site& s) {
  // No open offer: INVALID_STATE for every payload.
  if (skipped(s, s.c->status == contract_status::offered)) return std::nullopt;
  return cmd::respond_offer{false};
}
std::optional<command_data> probe_propose_milestone(const probe_site& s) {
  return cmd::propose_milestone{milestone_draft{"Milestone", std::nullopt, {true, 500}, today(s)}};
}
std::optional<command_data> probe_respond_proposal(const probe_site& s) {
  // No proposal: NO_OPEN_REQUEST for every payload.
  if (skipped(s, s.c->proposal.has_value())) return std::nullopt;
  return cmd::respond_milestone_proposal{false};
}
// R24: one probe for the whole contract: a message may name any milestone or none, and is judged
// the same either way (only an unknown id is refused), so `allowed` lists it once.
std::optional<command_data> probe_post_message(const probe_site&) {
  return cmd::post_message{"Message", std::nullopt};
}
std::optional<command_data> probe_withdraw_proposal(const probe_site& s) {
  // No proposal: NO_OPEN_REQUEST (R23′).
  if (skipped(s, s.c->proposal.has_value())) return std::nullopt;
  return cmd::withdraw_milestone_proposal{};
}

// A row of the table: the command type it is for, and what the table says of it. The wire name
// is the type's own (`name` in model/commands.hpp), written there once.
struct typed_row {
  std::size_t alternative = command_count;  // the place of its type in command_data
  command_row row{};
};
template <class Command>
constexpr typed_row row(issuer who, bool after_end, scope where, probe candidate,
                        std::string_view words) {
  return {alternative_index_v<Command, command_data>,
          command_row{Command::name, who, after_end, where, candidate, words}};
}

// One row per alternative of command_data, in its order (checked below).
// clang-format off: a table reads best in columns, wider than the column limit
constexpr std::array<typed_row, command_count> commands{{
    // type                              who                   ended  probed            with                     words (in messages)
    row<cmd::create_contract>(           issuer::client,       false, scope::creation,  probe_create,            "create a contract"),
    row<cmd::add_milestone>(             issuer::client,       false, scope::contract,  probe_add,               "add a milestone"),
    row<cmd::edit_milestone>(            issuer::client,       false, scope::milestone, probe_edit,              "edit a milestone"),
    row<cmd::delete_milestone>(          issuer::client,       false, scope::milestone, probe_delete,            "delete a milestone"),
    row<cmd::move_milestone>(            issuer::client,       false, scope::milestone, probe_move,              "move a milestone"),
    row<cmd::reorder_milestones>(        issuer::client,       false, scope::contract,  probe_reorder,           "reorder the milestones"),
    row<cmd::activate_milestone>(        issuer::client,       false, scope::milestone, probe_activate,          "activate a milestone"),
    row<cmd::submit_work>(               issuer::freelancer,   false, scope::milestone, probe_submit,            "submit work"),
    row<cmd::request_changes>(           issuer::client,       false, scope::milestone, probe_request_changes,   "request changes"),
    row<cmd::release_payment>(           issuer::client,       false, scope::milestone, probe_release,           "release a payment"),
    row<cmd::propose_due_date>(          issuer::either_party, false, scope::milestone, probe_propose,           "propose a due date"),
    row<cmd::respond_due_date>(          issuer::either_party, false, scope::milestone, probe_respond_due_date,  "answer a due date proposal"),
    row<cmd::extend_contract>(           issuer::client,       false, scope::contract,  probe_extend,            "extend the contract"),
    row<cmd::request_refund>(            issuer::client,       true,  scope::milestone, probe_request_refund,    "request a refund"),
    row<cmd::respond_refund>(            issuer::freelancer,   true,  scope::milestone, probe_respond_refund,    "answer a refund request"),
    row<cmd::end_contract>(              issuer::client,       false, scope::contract,  probe_end,               "end the contract"),
    row<cmd::leave_feedback>(            issuer::either_party, true,  scope::contract,  probe_feedback,          "leave feedback"),
    row<cmd::tick>(                      issuer::system,       true,  scope::contract,  probe_tick,              "move the clock forward"),
    row<cmd::respond_offer>(             issuer::freelancer,   false, scope::contract,  probe_respond_offer,     "answer the offer"),
    row<cmd::propose_milestone>(         issuer::freelancer,   false, scope::contract,  probe_propose_milestone, "propose a milestone"),
    row<cmd::respond_milestone_proposal>(issuer::client,       false, scope::contract,  probe_respond_proposal,  "answer a milestone proposal"),
    row<cmd::withdraw_milestone_proposal>(issuer::freelancer,  false, scope::contract,  probe_withdraw_proposal, "withdraw a milestone proposal"),
    row<cmd::post_message>(              issuer::either_party, true,  scope::contract,  probe_post_message,      "post a message"),
}};
// clang-format on

// The names, by construction one per alternative, in variant order.
template <class Variant, std::size_t... I>
constexpr std::array<std::string_view, sizeof...(I)> names_of(std::index_sequence<I...>) {
  return {std::variant_alternative_t<I, Variant>::name...};
}
constexpr auto command_names = names_of<command_data>(std::make_index_sequence<command_count>{});
constexpr auto event_names = names_of<event_data>(std::make_index_sequence<event_count>{});

// ---- what the compiler checks --------------------------------------------------------------

constexpr bool rows_follow_the_variant() {
  for (std::size_t i = 0; i < command_count; ++i) {
    if (commands[i].alternative != i) return false;
  }
  return true;
}
// A missing row is value-initialised (no type), a duplicated or misplaced one names another type.
static_assert(rows_follow_the_variant(),
              "commands: exactly one row per alternative of command_data, in the variant's order");

constexpr bool every_row_probes() {
  for (const typed_row& r : commands) {
    if (r.row.candidate == nullptr || r.row.words.empty()) return false;
  }
  return true;
}
static_assert(every_row_probes(),
              "commands: every row needs its probe (allowed runs it) and its words (messages use them)");

constexpr bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}
// Lower-case words joined by single underscores: "activate_milestone".
constexpr bool snake_case(std::string_view name) {
  if (name.empty() || name.front() == '_' || name.back() == '_') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = c >= 'a' && c <= 'z';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !digit && c != '_') return false;
    if (c == '_' && name[i - 1] == '_') return false;
  }
  return name.front() >= 'a' && name.front() <= 'z';
}
template <std::size_t N>
constexpr bool well_named(const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (!snake_case(names[i])) return false;
    for (std::size_t j = 0; j < i; ++j) {
      if (same_name(names[i], names[j])) return false;
    }
  }
  return true;
}
static_assert(well_named(command_names), "command names: non-empty snake_case, each once");
static_assert(well_named(event_names), "event names: non-empty snake_case, each once");

template <std::size_t N>
std::optional<std::size_t> find_name(const std::array<std::string_view, N>& names,
                                     std::string_view name) {
  if (name.empty()) return std::nullopt;
  for (std::size_t i = 0; i < N; ++i) {
    // Most names differ in length or in their last letter.
    const std::string_view n = names[i];
    if (n.size() == name.size() && n.back() == name.back() && same_text(n, name)) return i;
  }
  return std::nullopt;
}

}  // namespace

const command_row& command_row_at(std::size_t index) { return commands[index].row; }

std::optional<std::size_t> command_index(std::string_view name) {
  return find_name(command_names, name);
}

bool may_issue(party actor, const command_row& row) {
  switch (row.who) {
    case issuer::client: return actor == party::client;
    case issuer::freelancer: return actor == party::freelancer;
    case issuer::either_party: return actor != party::system;
    case issuer::system: return actor == party::system;
  }
  return false;
}

std::string_view command_words(std::string_view name) {
  const std::optional<std::size_t> index = command_index(name);
  return index ? commands[*index].row.words : name;
}

std::string_view who_may(const command_row& row) {
  switch (row.who) {
    case issuer::client: return "the client";
    case issuer::freelancer: return "the freelancer";
    case issuer::either_party: return "the client or the freelancer";
    case issuer::system: return "the system";
  }
  return "";
}

std::string_view issuer_name(issuer who) {
  switch (who) {
    case issuer::client: return "client";
    case issuer::freelancer: return "freelancer";
    case issuer::either_party: return "either";
    case issuer::system: return "system";
  }
  return "";
}

std::string_view event_name_at(std::size_t index) { return event_names[index]; }

std::optional<std::size_t> event_index(std::string_view name) { return find_name(event_names, name); }

std::string_view type_name(const command_data& data) { return command_names[data.index()]; }
std::string_view type_name(const event_data& data) { return event_names[data.index()]; }

}  // namespace milestones
