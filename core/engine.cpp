// The rules of RULES.md: decide (commands -> events or a rejection), apply (the fold), replay and
// allowed (both derived from decide), and the R19 invariant checker.
#include "engine.hpp"

#include <algorithm>
#include <array>
#include <type_traits>

#include "text.hpp"
#include "visit.hpp"

namespace milestones {

namespace {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

constexpr std::size_t max_title = 200;
constexpr std::size_t max_name = 100;
constexpr std::size_t max_text = 5000;
constexpr std::size_t max_milestones = 1000;

std::string quoted(std::string_view title) { return "\u201C" + std::string(title) + "\u201D"; }

std::string dollars(cents amount) {
  std::int64_t v = amount.value;
  std::string sign = v < 0 ? "-" : "";
  if (v < 0) v = -v;
  std::string whole = std::to_string(v / 100);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) {
    whole.insert(static_cast<std::size_t>(i), ",");
  }
  std::int64_t rest = v % 100;
  return sign + "$" + whole + "." + char('0' + rest / 10) + char('0' + rest % 10);
}

// 2026-11-26T09:30:00.000Z
std::string iso_time(timestamp at) {
  const date day = date::of(at);
  timestamp ms = at - day.start();
  auto two = [](timestamp v) { return std::string(1, char('0' + v / 10)) + char('0' + v % 10); };
  const std::string millis = std::to_string(1000 + ms % 1000).substr(1);
  ms /= 1000;
  return day.to_string() + "T" + two(ms / 3600) + ":" + two(ms / 60 % 60) + ":" + two(ms % 60) +
         "." + millis + "Z";
}

rejection reject(error_code code, std::string rule, std::string message, std::string field = {}) {
  return rejection{code, std::move(rule), std::move(message), std::move(field), std::nullopt};
}

// ---------------------------------------------------------------------------------------------
// The milestone status machine (R4–R14): which action may act in which status, and the code and
// rule that refuse it elsewhere.

constexpr unsigned bit(milestone_status s) { return 1u << static_cast<unsigned>(s); }

struct transition_rule {
  milestone_action action;
  unsigned statuses;  // bit set of milestone_status
  error_code otherwise;
  const char* rule;
  const char* verb;  // "“Design” is paid, so it cannot be <verb>."
};

constexpr unsigned escrow_statuses = bit(milestone_status::active) |
                                     bit(milestone_status::submitted) |
                                     bit(milestone_status::changes_requested);

constexpr std::array<transition_rule, 9> transitions{{
    {milestone_action::edit, bit(milestone_status::pending), error_code::milestone_locked, "R4",
     "edited"},
    {milestone_action::remove, bit(milestone_status::pending), error_code::milestone_locked, "R4",
     "deleted"},
    {milestone_action::move, bit(milestone_status::pending), error_code::milestone_locked, "R5",
     "moved"},
    {milestone_action::activate, bit(milestone_status::pending), error_code::invalid_state, "R6",
     "activated again"},
    {milestone_action::submit,
     bit(milestone_status::active) | bit(milestone_status::changes_requested),
     error_code::invalid_state, "R7", "submitted"},
    {milestone_action::request_changes, bit(milestone_status::submitted),
     error_code::invalid_state, "R8", "sent back for changes"},
    {milestone_action::release, escrow_statuses, error_code::invalid_state, "R10", "released"},
    {milestone_action::propose_due_date, bit(milestone_status::pending),
     error_code::milestone_locked, "R12", "given a new due date"},
    {milestone_action::request_refund, bit(milestone_status::paid), error_code::invalid_state,
     "R14", "refunded"},
}};

const transition_rule& transition_for(milestone_action action) {
  return transitions[static_cast<std::size_t>(action)];
}

std::string_view status_words(milestone_status s) {
  switch (s) {
    case milestone_status::pending: return "not activated yet";
    case milestone_status::active: return "active";
    case milestone_status::submitted: return "submitted for review";
    case milestone_status::changes_requested: return "waiting for requested changes";
    case milestone_status::paid: return "paid";
  }
  return "";
}

std::optional<rejection> check_transition(milestone_action action, const milestone& m) {
  const transition_rule& t = transition_for(action);
  if (t.statuses & bit(m.status)) return std::nullopt;
  std::string message = quoted(m.title) + " is " + std::string(status_words(m.status)) +
                        ", so it cannot be " + t.verb + ".";
  if (t.otherwise == error_code::milestone_locked) {
    message = quoted(m.title) + " is already activated, so it can no longer be " + t.verb +
              "; only milestones that are not activated yet can be.";
  }
  return reject(t.otherwise, t.rule, std::move(message));
}

// ---------------------------------------------------------------------------------------------
// Field checks that need only the command. They keep the first failure of the highest
// precedence: INVALID_AMOUNT / INVALID_DATE / INVALID_FIELD before LIMIT_EXCEEDED.

// The name of a field, put together only when a check fails (most commands pass every check, so
// no string is built for them): "contract.title", or "contract.milestones[3]." + "title".
struct field_ref {
  std::string_view prefix;
  std::optional<std::size_t> index;
  std::string_view name;

  field_ref(const char* full) : name(full) {}  // NOLINT: a plain field name reads naturally
  field_ref(std::string_view prefix_, std::optional<std::size_t> index_, std::string_view name_)
      : prefix(prefix_), index(index_), name(name_) {}

  std::string str() const {
    std::string out(prefix);
    if (index) out += "[" + std::to_string(*index) + "].";
    out += name;
    return out;
  }
};

class field_checks {
 public:
  explicit field_checks(timestamp at) : today_(date::of(at)) {}

  void fail(error_code code, std::string rule, std::string message, std::string field) {
    const int rank = code == error_code::limit_exceeded ? 1 : 0;
    if (found_ && rank_ <= rank) return;
    found_ = reject(code, std::move(rule), std::move(message), std::move(field));
    rank_ = rank;
  }

  // Required text with a length limit: titles and names are single-line, messages multi-line.
  void required_text(std::string_view value, std::size_t limit, std::string_view what,
                     const field_ref& field, const char* rule = "") {
    if (printable_ascii(value)) {  // the common case, without decoding
      const std::size_t first = value.find_first_not_of(' ');
      const std::size_t size = first == std::string_view::npos ? 0 : value.find_last_not_of(' ') + 1 - first;
      text_length(size, limit, what, field, rule);
      return;
    }
    const std::string_view t = trim(value);
    text_length(t.empty() ? 0 : code_points(t), limit, what, field, rule);
    characters(value, limit == max_text, what, field);
  }

  // The length of trimmed required text, in code points.
  void text_length(std::size_t length, std::size_t limit, std::string_view what,
                   const field_ref& field, const char* rule) {
    if (length == 0) {
      fail(error_code::invalid_field, rule, std::string(what) + " must not be empty.", field.str());
    } else if (length > limit) {
      fail(error_code::limit_exceeded, rule,
           std::string(what) + " is too long: at most " + std::to_string(limit) +
               " characters are allowed.",
           field.str());
    }
  }

  void optional_text(std::string_view value, std::string_view what, const field_ref& field) {
    if (code_points(value) > max_text) {
      fail(error_code::limit_exceeded, "",
           std::string(what) + " is too long: at most 5000 characters are allowed.", field.str());
    }
    characters(value, true, what, field);
  }

  // Control characters and bidirectional overrides are refused: they hide or disguise text.
  void characters(std::string_view value, bool multiline, std::string_view what,
                  const field_ref& field) {
    if (auto c = forbidden_character(value, multiline)) {
      static constexpr char hex[] = "0123456789ABCDEF";
      std::string code = "U+";
      for (int shift = *c > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4) code += hex[(*c >> shift) & 0xF];
      fail(error_code::invalid_field, "",
           std::string(what) + " contains the invisible control character " + code +
               "; remove it.",
           field.str());
    }
  }

  void amount(const integer_field& value, cents min, cents max, const field_ref& field,
              const char* rule) {
    if (!value.integer || value.value < min.value || value.value > max.value) {
      fail(error_code::invalid_amount, rule,
           "The amount must be a whole number of cents from " + std::to_string(min.value) +
               " to " + std::to_string(max.value) + ".",
           field.str());
    }
  }

  // A due date or end date: strict YYYY-MM-DD, not before the UTC day of the command.
  std::optional<date> future_date(const std::string& text, const field_ref& field,
                                  const char* rule) {
    std::optional<date> d = date::parse(text);
    if (!d) {
      fail(error_code::invalid_date, rule,
           "\"" + text + "\" is not a calendar date in the form YYYY-MM-DD.", field.str());
    } else if (*d < today_) {
      fail(error_code::invalid_date, rule,
           "The date " + text + " is in the past; choose " + today_.to_string() + " or later.",
           field.str());
      return std::nullopt;
    }
    return d;
  }

  // A milestone draft under `prefix` ("milestone.", or "contract.milestones" with an index).
  void milestone(const milestone_draft& m, std::string_view prefix, std::optional<std::size_t> index) {
    required_text(m.title, max_title, "The milestone title", field_ref(prefix, index, "title"));
    if (m.description) {
      optional_text(*m.description, "The description", field_ref(prefix, index, "description"));
    }
    amount(m.amount, min_milestone_amount, max_amount, field_ref(prefix, index, "amount"), "R1");
    future_date(m.due_date, field_ref(prefix, index, "dueDate"), "R12");
  }

  std::optional<rejection> result() { return std::move(found_); }

 private:
  date today_;
  std::optional<rejection> found_;
  int rank_ = 0;
};

// ---------------------------------------------------------------------------------------------
// R17: who may issue which command.

bool may_issue(party actor, const command_data& data) {
  return visit_variant(
      overloaded{
          [&](const cmd::submit_work&) { return actor == party::freelancer; },
          [&](const cmd::respond_refund&) { return actor == party::freelancer; },
          [&](const cmd::propose_due_date&) { return actor != party::system; },
          [&](const cmd::respond_due_date&) { return actor != party::system; },
          [&](const cmd::leave_feedback&) { return actor != party::system; },
          [&](const cmd::tick&) { return actor == party::system; },
          [&](const auto&) { return actor == party::client; },
      },
      data);
}

// The parties of R17, in words.
std::string_view who_may(const command_data& data) {
  if (may_issue(party::client, data)) {
    return may_issue(party::freelancer, data) ? "the client or the freelancer" : "the client";
  }
  return may_issue(party::freelancer, data) ? "the freelancer" : "the system";
}

// R15: what an ended contract still takes.
bool allowed_after_end(const command_data& data) {
  return std::holds_alternative<cmd::request_refund>(data) ||
         std::holds_alternative<cmd::respond_refund>(data) ||
         std::holds_alternative<cmd::leave_feedback>(data) ||
         std::holds_alternative<cmd::tick>(data);
}

template <class T, class = void>
struct has_milestone_id : std::false_type {};
template <class T>
struct has_milestone_id<T, std::void_t<decltype(std::declval<T>().milestone_id)>> : std::true_type {};

// The milestone id a command acts on, or nullptr for contract-wide commands.
const std::string* milestone_ref(const command_data& data) {
  return visit_variant(
      [](const auto& c) -> const std::string* {
        if constexpr (has_milestone_id<std::decay_t<decltype(c)>>::value) {
          return &c.milestone_id;
        } else {
          return nullptr;
        }
      },
      data);
}

// INVALID_COMMAND checks that the JSON edge also makes, repeated for callers of the C++ API.
std::optional<rejection> precheck(const command& cmd) {
  if (cmd.at < 0 || cmd.at > max_timestamp) {
    return reject(error_code::invalid_command, "",
                  "\"at\" must be an integer number of milliseconds from 0 to 253402300799999.",
                  "at");
  }
  if (auto* create = std::get_if<cmd::create_contract>(&cmd.data)) {
    if (create->contract.account_type == "enterprise_compliance" &&
        !create->contract.end_date) {
      return reject(error_code::invalid_command, "R13",
                    "An enterprise_compliance contract needs an end date.", "contract.endDate");
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// decide, once the contract stands at the command's time.

// What the judge says: nullopt when the command is accepted (its events appended), else why not.
using verdict = std::optional<rejection>;

class judge {
 public:
  // Accepted events are appended to `out` (decide_into drops them again on a refusal).
  // `dry_run`: judge only (for `allowed`), skipping the O(milestones) payload of a move.
  judge(const std::optional<contract>& c, const command& cmd, std::vector<event>& out,
        bool dry_run = false)
      : c_(c), cmd_(cmd), dry_run_(dry_run), out_(out), base_(out.size()) {}

  verdict run() {
    if (auto r = precheck(cmd_)) return refused(std::move(*r));
    return run_checked();
  }

  // run() for a command that passed precheck.
  verdict run_checked() {
    if (std::holds_alternative<cmd::create_contract>(cmd_.data)) {
      if (c_) {
        return refused(reject(error_code::contract_exists, "",
                              "This contract already exists; start a new one to create another."));
      }
    } else if (!c_) {
      return refused(reject(error_code::no_contract, "",
                            "There is no contract yet; create one with create_contract first."));
    }
    field_checks checks(cmd_.at);
    if (!cmd_.actor) {
      checks.fail(error_code::invalid_field, "R17",
                  "The actor must be \"client\", \"freelancer\" or \"system\".", "actor");
    }
    visit_variant([&](const auto& c) { check_fields(checks, c); }, cmd_.data);
    if (auto r = checks.result()) return refused(std::move(*r));
    if (!may_issue(*cmd_.actor, cmd_.data)) {
      return refused(reject(error_code::not_permitted, "R17",
                            "Only " + std::string(who_may(cmd_.data)) + " may " +
                                std::string(type_name(cmd_.data)) + "; the " +
                                std::string(name_of(*cmd_.actor)) + " may not."));
    }
    if (c_ && c_->status == contract_status::ended && !allowed_after_end(cmd_.data)) {
      return refused(reject(error_code::contract_ended, "R15",
                            "This contract has ended; only refunds and feedback are still possible."));
    }
    if (const std::string* id = milestone_ref(cmd_.data)) {
      auto n = parse_milestone_id(*id);
      m_ = n ? c_->find(*n) : nullptr;
      if (!m_) {
        return refused(reject(error_code::unknown_milestone, "",
                              "There is no milestone with the id \"" + *id + "\".",
                              "milestoneId"));
      }
    }
    return visit_variant([&](const auto& c) { return rules(c); }, cmd_.data);
  }


 private:
  const std::optional<contract>& c_;
  const command& cmd_;
  const milestone* m_ = nullptr;
  bool dry_run_ = false;
  std::vector<event>& out_;
  std::size_t base_;  // out_.size() when judging began

  verdict refused(rejection r) { return verdict(std::move(r)); }

  template <class E>
  void emit(E data) {
    const std::int64_t seq = (c_ ? c_->seq : 0) + static_cast<std::int64_t>(out_.size() - base_) + 1;
    out_.emplace_back(seq, cmd_.at, std::move(data));
  }
  verdict accepted() { return std::nullopt; }

  party actor() const { return *cmd_.actor; }
  const std::string& title() const { return m_->title; }
  bool compliance() const { return c_->account == account_type::enterprise_compliance; }

  std::optional<rejection> outside_scope(date due, const char* field) const {
    if (compliance() && c_->end_date && due > *c_->end_date) {
      return reject(error_code::outside_contract_scope, "R13",
                    "The due date " + due.to_string() + " is after the contract's end date " +
                        c_->end_date->to_string() +
                        "; request a contract extension or start a new contract.",
                    field);
    }
    return std::nullopt;
  }

  rejection locked_plan() const {
    return reject(error_code::contract_locked, "R3",
                  "This contract's milestones were fixed at the start (" +
                      std::string(name_of(c_->account)) +
                      " account); to add, edit or delete milestones, create a new contract "
                      "offer.");
  }

  std::vector<milestone_number> pending_order() const {
    std::vector<milestone_number> order;
    order.reserve(c_->milestones.size() - c_->activated_count);
    for (std::size_t i = c_->activated_count; i < c_->milestones.size(); ++i) {
      order.push_back(c_->milestones[i].number);
    }
    return order;
  }

  // --- field checks per command ----------------------------------------------------------------

  void check_fields(field_checks& v, const cmd::create_contract& c) {
    const contract_draft& d = c.contract;
    if (d.id) v.required_text(*d.id, max_name, "The contract id", "contract.id");
    v.required_text(d.title, max_title, "The contract title", "contract.title");
    auto type = parse_account_type(d.account_type);
    if (!type) {
      v.fail(error_code::invalid_field, "R2",
             "The account type must be standard, enterprise, enterprise_compliance or wpp.",
             "contract.accountType");
    }
    if (d.currency && *d.currency != "USD") {
      v.fail(error_code::invalid_field, "R1", "Only USD is supported.", "contract.currency");
    }
    v.required_text(d.client, max_name, "The client's name", "contract.client");
    v.required_text(d.freelancer, max_name, "The freelancer's name", "contract.freelancer");
    if (d.end_date) v.future_date(*d.end_date, "contract.endDate", "R13");
    if (type && is_locked(*type) && d.milestones.empty()) {
      v.fail(error_code::invalid_field, "R3",
             "A " + std::string(name_of(*type)) +
                 " contract must set all its milestones at the start; add at least one.",
             "contract.milestones");
    }
    if (d.milestones.size() > max_milestones) {
      v.fail(error_code::limit_exceeded, "", "A contract can have at most 1000 milestones.",
             "contract.milestones");
    }
    for (std::size_t i = 0; i < d.milestones.size() && i < max_milestones; ++i) {
      v.milestone(d.milestones[i], "contract.milestones", i);
    }
  }
  void check_fields(field_checks& v, const cmd::add_milestone& c) {
    v.milestone(c.milestone, "milestone.", std::nullopt);
  }
  void check_fields(field_checks& v, const cmd::edit_milestone& c) {
    if (!c.title && !c.description && !c.amount) {
      v.fail(error_code::invalid_field, "R4",
             "Say what to change: a title, a description or an amount.", "changes");
    }
    if (c.title) v.required_text(*c.title, max_title, "The milestone title", "changes.title");
    if (c.description) v.optional_text(*c.description, "The description", "changes.description");
    if (c.amount) v.amount(*c.amount, min_milestone_amount, max_amount, "changes.amount", "R1");
  }
  void check_fields(field_checks& v, const cmd::move_milestone& c) {
    if (!c.to_index.integer || c.to_index.value < 0) {
      v.fail(error_code::invalid_field, "R5", "The new position must be a whole number from 0.",
             "toIndex");
    }
  }
  void check_fields(field_checks& v, const cmd::submit_work& c) {
    v.required_text(c.message, max_text, "The message", "message", "R7");
  }
  void check_fields(field_checks& v, const cmd::request_changes& c) {
    v.required_text(c.message, max_text, "The message", "message", "R8");
  }
  void check_fields(field_checks& v, const cmd::release_payment& c) {
    if (c.amount) v.amount(*c.amount, cents{1}, max_amount, "amount", "R10");
  }
  void check_fields(field_checks& v, const cmd::propose_due_date& c) {
    v.future_date(c.due_date, "dueDate", "R12");
  }
  void check_fields(field_checks& v, const cmd::extend_contract& c) {
    v.future_date(c.end_date, "endDate", "R13");
  }
  void check_fields(field_checks& v, const cmd::request_refund& c) {
    if (!c.amount.integer || c.amount.value < 1) {
      v.fail(error_code::invalid_amount, "R14", "A refund must be at least 1 cent.", "amount");
    }
    v.required_text(c.reason, max_text, "The reason", "reason", "R14");
  }
  void check_fields(field_checks& v, const cmd::respond_refund& c) {
    if (c.accept && c.amount && (!c.amount->integer || c.amount->value < 1)) {
      v.fail(error_code::invalid_amount, "R14", "A refund must be at least 1 cent.", "amount");
    }
  }
  void check_fields(field_checks& v, const cmd::leave_feedback& c) {
    if (!c.rating.integer || c.rating.value < 1 || c.rating.value > 5) {
      v.fail(error_code::invalid_field, "R16", "The rating must be a whole number from 1 to 5.",
             "rating");
    }
    v.optional_text(c.comment, "The comment", "comment");
  }
  template <class C>
  void check_fields(field_checks&, const C&) {}

  // --- the rules ---------------------------------------------------------------------------------

  verdict rules(const cmd::create_contract& c) {
    const contract_draft& d = c.contract;
    ev::contract_created e;
    e.id = d.id ? *d.id : "contract";
    e.title = std::string(trim(d.title));
    e.account = *parse_account_type(d.account_type);
    e.currency = "USD";
    e.client = std::string(trim(d.client));
    e.freelancer = std::string(trim(d.freelancer));
    if (d.end_date) e.end_date = date::parse(*d.end_date);
    milestone_number n = 1;
    e.milestones.reserve(d.milestones.size());
    for (const milestone_draft& m : d.milestones) {
      e.milestones.push_back(milestone_spec{n++, std::string(trim(m.title)),
                                            m.description.value_or(""), cents{m.amount.value},
                                            *date::parse(m.due_date)});
    }
    if (e.account == account_type::enterprise_compliance) {
      for (std::size_t i = 0; i < e.milestones.size(); ++i) {
        if (e.milestones[i].due > *e.end_date) {
          return refused(reject(
              error_code::outside_contract_scope, "R13",
              "The due date " + e.milestones[i].due.to_string() + " of " +
                  quoted(e.milestones[i].title) + " is after the contract's end date " +
                  e.end_date->to_string() + "; choose an earlier date or a later end date.",
              "contract.milestones[" + std::to_string(i) + "].dueDate"));
        }
      }
    }
    emit(std::move(e));
    return accepted();
  }

  verdict rules(const cmd::add_milestone& c) {
    if (is_locked(c_->account)) return refused(locked_plan());
    if (c_->milestones.size() >= max_milestones) {
      return refused(reject(error_code::limit_exceeded, "",
                            "This contract already has 1000 milestones, the most it can have."));
    }
    const milestone_draft& m = c.milestone;
    emit(ev::milestone_added{milestone_spec{c_->next_number, std::string(trim(m.title)),
                                            m.description.value_or(""), cents{m.amount.value},
                                            *date::parse(m.due_date)}});
    return accepted();
  }

  verdict rules(const cmd::edit_milestone& c) {
    if (is_locked(c_->account)) return refused(locked_plan());
    if (auto r = check_transition(milestone_action::edit, *m_)) return refused(std::move(*r));
    ev::milestone_edited e;
    e.milestone = m_->number;
    if (c.title) e.title = std::string(trim(*c.title));
    e.description = c.description;
    if (c.amount) e.amount = cents{c.amount->value};
    emit(std::move(e));
    return accepted();
  }

  verdict rules(const cmd::delete_milestone&) {
    if (is_locked(c_->account)) return refused(locked_plan());
    if (auto r = check_transition(milestone_action::remove, *m_)) return refused(std::move(*r));
    emit(ev::milestone_deleted{m_->number});
    return accepted();
  }

  verdict rules(const cmd::move_milestone& c) {
    if (auto r = check_transition(milestone_action::move, *m_)) return refused(std::move(*r));
    const auto size = static_cast<std::int64_t>(c_->milestones.size());
    const std::int64_t to = c.to_index.value;
    if (to >= size) {
      return refused(reject(error_code::invalid_field, "R5",
                            "The new position must be below " + std::to_string(size) + ".",
                            "toIndex"));
    }
    if (to < static_cast<std::int64_t>(c_->activated_count)) {
      const milestone& pinned = c_->milestones[static_cast<std::size_t>(to)];
      return refused(reject(error_code::milestone_locked, "R5",
                            quoted(title()) + " cannot be moved above " + quoted(pinned.title) +
                                ", which is already activated; activated milestones keep their "
                                "places.",
                            "toIndex"));
    }
    const auto from = static_cast<std::int64_t>(c_->index_of[m_->number]);
    if (to == from) {
      return refused(reject(error_code::invalid_field, "R5",
                            quoted(title()) + " is already at position " + std::to_string(to) +
                                ".",
                            "toIndex"));
    }
    if (dry_run_) return accepted();
    std::vector<milestone_number> order = pending_order();
    const auto base = static_cast<std::int64_t>(c_->activated_count);
    auto first = order.begin() + (from - base);
    auto last = order.begin() + (to - base);
    if (from < to) {
      std::rotate(first, first + 1, last + 1);
    } else {
      std::rotate(last, first, first + 1);
    }
    emit(ev::milestones_reordered{std::move(order)});
    return accepted();
  }

  verdict rules(const cmd::reorder_milestones& c) {
    std::vector<milestone_number> order;
    order.reserve(c.order.size());
    for (std::size_t i = 0; i < c.order.size(); ++i) {
      auto n = parse_milestone_id(c.order[i]);
      const milestone* m = n ? c_->find(*n) : nullptr;
      const std::string field = "order[" + std::to_string(i) + "]";
      if (!m) {
        return refused(reject(error_code::unknown_milestone, "",
                              "There is no milestone with the id \"" + c.order[i] + "\".",
                              field));
      }
      if (m->status != milestone_status::pending) {
        return refused(reject(error_code::milestone_locked, "R5",
                              quoted(m->title) +
                                  " is already activated; only milestones that are not "
                                  "activated yet can be reordered.",
                              field));
      }
      order.push_back(*n);
    }
    std::vector<milestone_number> current = pending_order();
    std::vector<milestone_number> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    std::vector<milestone_number> expected = current;
    std::sort(expected.begin(), expected.end());
    if (sorted != expected) {
      return refused(reject(error_code::invalid_field, "R5",
                            "The order must list every milestone that is not activated yet, "
                            "each exactly once.",
                            "order"));
    }
    if (order == current) {
      return refused(reject(error_code::invalid_field, "R5",
                            "The milestones are already in this order.", "order"));
    }
    emit(ev::milestones_reordered{std::move(order)});
    return accepted();
  }

  verdict rules(const cmd::activate_milestone&) {
    if (auto r = check_transition(milestone_action::activate, *m_)) return refused(std::move(*r));
    if (const milestone* holder = c_->escrow_holder()) {
      return refused(reject(error_code::another_milestone_active, "R6",
                            "Release the funds on " + quoted(holder->title) +
                                " before activating " + quoted(title()) +
                                "; only one milestone can be active at a time."));
    }
    const milestone& next = c_->milestones[c_->activated_count];
    if (next.number != m_->number) {
      return refused(reject(error_code::not_next_milestone, "R6",
                            quoted(title()) + " is not next; activate " + quoted(next.title) +
                                " first, or move " + quoted(title()) + " to the top."));
    }
    const cents from_credit = std::min(c_->totals.credit, m_->amount);
    emit(ev::milestone_activated{m_->number, m_->amount, from_credit, m_->amount - from_credit});
    return accepted();
  }

  verdict rules(const cmd::submit_work& c) {
    if (auto r = check_transition(milestone_action::submit, *m_)) return refused(std::move(*r));
    emit(ev::work_submitted{m_->number, c.message, cmd_.at + review_period});
    return accepted();
  }

  std::optional<rejection> review_closed() const {
    if (m_->status == milestone_status::paid && m_->auto_released) {
      return reject(error_code::review_window_closed, "R9",
                    "The 14-day review window for " + quoted(title()) +
                        " has closed and its payment was released automatically.");
    }
    return std::nullopt;
  }

  verdict rules(const cmd::request_changes& c) {
    if (auto r = review_closed()) return refused(std::move(*r));
    if (auto r = check_transition(milestone_action::request_changes, *m_)) {
      return refused(std::move(*r));
    }
    emit(ev::changes_requested{m_->number, c.message});
    return accepted();
  }

  verdict rules(const cmd::release_payment& c) {
    if (auto r = review_closed()) return refused(std::move(*r));
    if (auto r = check_transition(milestone_action::release, *m_)) return refused(std::move(*r));
    const cents amount = c.amount ? cents{c.amount->value} : m_->escrow;
    const cents returned = amount < m_->escrow ? m_->escrow - amount : cents{0};
    const cents extra = amount > m_->escrow ? amount - m_->escrow : cents{0};
    emit(ev::payment_released{m_->number, amount, returned, extra, false});
    return accepted();
  }

  verdict rules(const cmd::propose_due_date& c) {
    if (auto r = check_transition(milestone_action::propose_due_date, *m_)) {
      return refused(std::move(*r));
    }
    const date due = *date::parse(c.due_date);
    if (auto r = outside_scope(due, "dueDate")) return refused(std::move(*r));
    emit(ev::due_date_proposed{m_->number, due, actor()});
    return accepted();
  }

  verdict rules(const cmd::respond_due_date& c) {
    if (!m_->proposal) {
      return refused(reject(error_code::no_open_request, "R12",
                            "There is no due date proposal on " + quoted(title()) +
                                " to answer."));
    }
    const due_date_proposal& p = *m_->proposal;
    if (p.by == actor()) {
      return refused(reject(error_code::not_permitted, "R12",
                            "The " + std::string(name_of(actor())) +
                                " proposed this due date; the other party must answer it."));
    }
    if (!c.accept) {
      emit(ev::due_date_rejected{m_->number, p.due, actor()});
      return accepted();
    }
    if (p.due < date::of(cmd_.at)) {
      return refused(reject(error_code::invalid_date, "R12",
                            "The proposed due date " + p.due.to_string() +
                                " has passed; propose a new one.",
                            "accept"));
    }
    if (auto r = outside_scope(p.due, "accept")) return refused(std::move(*r));
    emit(ev::due_date_accepted{m_->number, p.due, actor()});
    return accepted();
  }

  verdict rules(const cmd::extend_contract& c) {
    if (!compliance()) {
      return refused(reject(error_code::invalid_state, "R13",
                            "Only enterprise_compliance contracts have an end date to extend."));
    }
    const date end = *date::parse(c.end_date);
    if (end <= *c_->end_date) {
      return refused(reject(error_code::invalid_date, "R13",
                            "The new end date must be after the current one, " +
                                c_->end_date->to_string() + ".",
                            "endDate"));
    }
    emit(ev::contract_extended{end});
    return accepted();
  }

  verdict rules(const cmd::request_refund& c) {
    if (auto r = check_transition(milestone_action::request_refund, *m_)) {
      return refused(std::move(*r));
    }
    if (m_->refund) {
      return refused(reject(error_code::invalid_state, "R14",
                            "A refund request for " + quoted(title()) +
                                " is already open; wait for the freelancer's answer."));
    }
    const cents refundable = m_->released - m_->refunded;
    if (c.amount.value > refundable.value) {
      return refused(reject(error_code::refund_too_large, "R14",
                            "At most " + dollars(refundable) + " of " + quoted(title()) +
                                " can be refunded.",
                            "amount"));
    }
    emit(ev::refund_requested{m_->number, cents{c.amount.value}, c.reason});
    return accepted();
  }

  verdict rules(const cmd::respond_refund& c) {
    if (!m_->refund) {
      return refused(reject(error_code::no_open_request, "R14",
                            "There is no refund request on " + quoted(title()) + " to answer."));
    }
    const cents requested = m_->refund->amount;
    if (!c.accept) {
      emit(ev::refund_declined{m_->number, requested});
      return accepted();
    }
    const cents amount = c.amount ? cents{c.amount->value} : requested;
    if (amount > requested) {
      return refused(reject(error_code::refund_too_large, "R14",
                            "The client asked for " + dollars(requested) + " on " +
                                quoted(title()) + "; a refund cannot be larger than that.",
                            "amount"));
    }
    emit(ev::refund_accepted{m_->number, amount});
    return accepted();
  }

  verdict rules(const cmd::end_contract&) {
    for (const milestone& m : c_->milestones) {
      if (m.status != milestone_status::paid) {
        return refused(reject(error_code::contract_incomplete, "R15",
                              "The contract can end only when every milestone is paid; " +
                                  quoted(m.title) + " is " +
                                  std::string(status_words(m.status)) + "."));
      }
      if (m.refund) {
        return refused(reject(error_code::contract_incomplete, "R15",
                              "The refund request on " + quoted(m.title) +
                                  " must be answered before the contract can end."));
      }
    }
    emit(ev::contract_ended{});
    if (c_->totals.credit > cents{0}) emit(ev::credit_returned{c_->totals.credit});
    return accepted();
  }

  verdict rules(const cmd::leave_feedback& c) {
    if (c_->status != contract_status::ended) {
      return refused(reject(error_code::invalid_state, "R16",
                            "Feedback can be left once the contract has ended."));
    }
    const auto& existing =
        actor() == party::client ? c_->client_feedback : c_->freelancer_feedback;
    if (existing) {
      return refused(reject(error_code::duplicate_feedback, "R16",
                            "The " + std::string(name_of(actor())) +
                                " has already left feedback on this contract."));
    }
    emit(ev::feedback_left{actor(), static_cast<int>(c.rating.value), c.comment});
    return accepted();
  }

  verdict rules(const cmd::tick&) { return accepted(); }
};

// The automatic release (R9) that falls due by `at`, if any: at most one, since at most one
// milestone holds escrow.
std::optional<event> due_auto_release(const contract& c, timestamp at) {
  const milestone* m = c.escrow_holder();
  if (!m || m->status != milestone_status::submitted || *m->review_deadline > at) {
    return std::nullopt;
  }
  return event{c.seq + 1, *m->review_deadline,
               ev::payment_released{m->number, m->escrow, cents{0}, cents{0}, true}};
}

std::optional<rejection> clock_check(const std::optional<contract>& c, timestamp at) {
  if (c && at < c->last_at) {
    return reject(error_code::clock_backwards, "R18",
                  "Time cannot go backwards: this command is at " + iso_time(at) +
                      " but the contract is already at " + iso_time(c->last_at) + ".",
                  "at");
  }
  return std::nullopt;
}

// decide_into when an automatic release fell due by the command's time (R9): the command is judged
// on a copy of the contract with the release applied, and the release comes first among its events.
std::optional<rejection> decide_after_release(const contract& current, const command& cmd,
                                              event released, std::vector<event>& out) {
  std::optional<contract> now = current;
  apply(*now, released);
  out.push_back(std::move(released));
  return judge(now, cmd, out).run_checked();
}

// The contract as it stands at `at` (R9). Copies only when an automatic release fell due.
const std::optional<contract>& advance(const std::optional<contract>& c, timestamp at,
                                       std::optional<contract>& scratch,
                                       std::optional<event>& released) {
  if (!c || !(released = due_auto_release(*c, at))) return c;
  scratch = c;
  apply(*scratch, *released);
  return scratch;
}

}  // namespace

bool may_act(milestone_action action, milestone_status status) {
  return (transition_for(action).statuses & bit(status)) != 0;
}

decision decide(const std::optional<contract>& current, const command& cmd) {
  decision d;
  d.error = decide_into(current, cmd, d.events);
  return d;
}

std::optional<rejection> decide_into(const std::optional<contract>& current, const command& cmd,
                                     std::vector<event>& out) {
  if (auto r = precheck(cmd)) return r;
  if (auto r = clock_check(current, cmd.at)) return r;
  const std::size_t base = out.size();
  verdict refused;
  if (std::optional<event> released = current ? due_auto_release(*current, cmd.at) : std::nullopt) {
    refused = decide_after_release(*current, cmd, std::move(*released), out);
  } else {
    refused = judge(current, cmd, out).run_checked();
  }
  if (refused) out.erase(out.begin() + static_cast<std::ptrdiff_t>(base), out.end());
  return refused;
}

void commit(std::optional<contract>& state, const decision& accepted, timestamp at) {
  commit(state, accepted.events.data(), accepted.events.data() + accepted.events.size(), at);
}

void commit(std::optional<contract>& state, const event* first, const event* last, timestamp at) {
  for (; first != last; ++first) {
    if (!state) state.emplace();
    apply(*state, *first);
  }
  if (state) state->last_at = at;
}

void apply(contract& c, const event& e) {
  auto milestone_at = [&](milestone_number n) -> milestone& { return *c.find(n); };
  visit_variant(
      overloaded{
          [&](const ev::contract_created& x) {
            c = contract{};
            c.id = x.id;
            c.title = x.title;
            c.account = x.account;
            c.currency = x.currency;
            c.client = x.client;
            c.freelancer = x.freelancer;
            c.end_date = x.end_date;
            c.created_at = e.at;
            c.milestones.reserve(x.milestones.size());
            for (const milestone_spec& s : x.milestones) {
              milestone m;
              m.number = s.number;
              m.title = s.title;
              m.description = s.description;
              m.amount = s.amount;
              m.due = s.due;
              c.totals.budget += s.amount;
              c.next_number = std::max(c.next_number, s.number + 1);
              c.milestones.push_back(std::move(m));
            }
            c.reindex();
          },
          [&](const ev::milestone_added& x) {
            milestone m;
            m.number = x.milestone.number;
            m.title = x.milestone.title;
            m.description = x.milestone.description;
            m.amount = x.milestone.amount;
            m.due = x.milestone.due;
            c.totals.budget += m.amount;
            c.next_number = m.number + 1;
            c.index_of.resize(c.next_number, -1);
            c.index_of[m.number] = static_cast<std::int32_t>(c.milestones.size());
            c.milestones.push_back(std::move(m));
          },
          [&](const ev::milestone_edited& x) {
            milestone& m = milestone_at(x.milestone);
            if (x.title) m.title = *x.title;
            if (x.description) m.description = *x.description;
            if (x.amount) {
              c.totals.budget += *x.amount - m.amount;
              m.amount = *x.amount;
            }
          },
          [&](const ev::milestone_deleted& x) {
            const auto index = static_cast<std::size_t>(c.index_of[x.milestone]);
            c.totals.budget -= c.milestones[index].amount;
            c.milestones.erase(c.milestones.begin() + static_cast<std::ptrdiff_t>(index));
            c.reindex();
          },
          [&](const ev::milestones_reordered& x) {
            // Only the part that changes moves (one slot for a single move): the milestones
            // before the first and after the last changed position stay where they are.
            const std::size_t base = c.activated_count;
            std::size_t first = 0, last = x.order.size();
            while (first < last && c.milestones[base + first].number == x.order[first]) ++first;
            while (last > first && c.milestones[base + last - 1].number == x.order[last - 1]) --last;
            if (first == last) return;
            std::vector<milestone> reordered;
            reordered.reserve(last - first);
            for (std::size_t i = first; i < last; ++i) reordered.push_back(std::move(milestone_at(x.order[i])));
            for (std::size_t i = first; i < last; ++i) {
              milestone& slot = c.milestones[base + i];
              slot = std::move(reordered[i - first]);
              c.index_of[slot.number] = static_cast<std::int32_t>(base + i);
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
            m.submission = text_note{x.message, e.at};
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
          [&](const ev::contract_ended&) {
            c.status = contract_status::ended;
            c.ended_at = e.at;
          },
          [&](const ev::credit_returned& x) {
            c.totals.credit -= x.amount;
            c.totals.credit_returned += x.amount;
          },
          [&](const ev::feedback_left& x) {
            auto& slot = x.by == party::client ? c.client_feedback : c.freelancer_feedback;
            slot = feedback_entry{x.rating, x.comment, e.at};
          },
      },
      e.data);
  c.seq = e.seq;
  c.last_at = std::max(c.last_at, e.at);
}

namespace {

// The command that would have produced `e` (R20: a log is re-checked by deciding it again).
// nullopt for events no command produces on its own (automatic releases, returned credit).
std::optional<command> command_for(const event& e) {
  auto make = [&](party actor, command_data data) {
    return std::optional<command>(command{actor, e.at, std::move(data)});
  };
  auto date_text = [](const std::optional<date>& d) {
    return d ? std::optional<std::string>(d->to_string()) : std::nullopt;
  };
  return visit_variant(
      overloaded{
          [&](const ev::contract_created& x) {
            contract_draft d;
            d.id = x.id;
            d.title = x.title;
            d.account_type = std::string(name_of(x.account));
            d.currency = x.currency;
            d.client = x.client;
            d.freelancer = x.freelancer;
            d.end_date = date_text(x.end_date);
            for (const milestone_spec& s : x.milestones) {
              d.milestones.push_back(
                  milestone_draft{s.title, s.description, {true, s.amount.value}, s.due.to_string()});
            }
            return make(party::client, cmd::create_contract{std::move(d)});
          },
          [&](const ev::milestone_added& x) {
            const milestone_spec& s = x.milestone;
            return make(party::client,
                        cmd::add_milestone{milestone_draft{s.title, s.description,
                                                           {true, s.amount.value},
                                                           s.due.to_string()}});
          },
          [&](const ev::milestone_edited& x) {
            cmd::edit_milestone c{milestone_id(x.milestone), x.title, x.description, std::nullopt};
            if (x.amount) c.amount = integer_field{true, x.amount->value};
            return make(party::client, std::move(c));
          },
          [&](const ev::milestone_deleted& x) {
            return make(party::client, cmd::delete_milestone{milestone_id(x.milestone)});
          },
          [&](const ev::milestones_reordered& x) {
            cmd::reorder_milestones c;
            for (milestone_number n : x.order) c.order.push_back(milestone_id(n));
            return make(party::client, std::move(c));
          },
          [&](const ev::milestone_activated& x) {
            return make(party::client, cmd::activate_milestone{milestone_id(x.milestone)});
          },
          [&](const ev::work_submitted& x) {
            return make(party::freelancer, cmd::submit_work{milestone_id(x.milestone), x.message});
          },
          [&](const ev::changes_requested& x) {
            return make(party::client,
                        cmd::request_changes{milestone_id(x.milestone), x.message});
          },
          [&](const ev::payment_released& x) -> std::optional<command> {
            if (x.automatic) return std::nullopt;
            return make(party::client,
                        cmd::release_payment{milestone_id(x.milestone),
                                             integer_field{true, x.amount.value}});
          },
          [&](const ev::due_date_proposed& x) {
            return make(x.by, cmd::propose_due_date{milestone_id(x.milestone), x.due.to_string()});
          },
          [&](const ev::due_date_accepted& x) {
            return make(x.by, cmd::respond_due_date{milestone_id(x.milestone), true});
          },
          [&](const ev::due_date_rejected& x) {
            return make(x.by, cmd::respond_due_date{milestone_id(x.milestone), false});
          },
          [&](const ev::contract_extended& x) {
            return make(party::client, cmd::extend_contract{x.end_date.to_string()});
          },
          [&](const ev::refund_requested& x) {
            return make(party::client, cmd::request_refund{milestone_id(x.milestone),
                                                           {true, x.amount.value}, x.reason});
          },
          [&](const ev::refund_accepted& x) {
            return make(party::freelancer,
                        cmd::respond_refund{milestone_id(x.milestone), true,
                                            integer_field{true, x.amount.value}});
          },
          [&](const ev::refund_declined& x) {
            return make(party::freelancer,
                        cmd::respond_refund{milestone_id(x.milestone), false, std::nullopt});
          },
          [&](const ev::contract_ended&) { return make(party::client, cmd::end_contract{}); },
          [&](const ev::credit_returned&) -> std::optional<command> { return std::nullopt; },
          [&](const ev::feedback_left& x) {
            return make(x.by, cmd::leave_feedback{{true, x.rating}, x.comment});
          },
      },
      e.data);
}

rejection log_invalid(std::size_t index, std::string why) {
  rejection r = reject(error_code::log_invalid, "R20",
                       "Event " + std::to_string(index) + " of the log could not have happened: " +
                           std::move(why));
  r.index = static_cast<std::int64_t>(index);
  return r;
}

}  // namespace

std::optional<rejection> replay(const std::vector<event>& events,
                                std::optional<timestamp> last_at, std::optional<contract>& out) {
  if (events.empty()) return log_invalid(0, "a log must start with contract_created.");
  std::optional<contract> state;
  std::size_t i = 0;
  while (i < events.size()) {
    const event& e = events[i];
    if (i == 0 && !std::holds_alternative<ev::contract_created>(e.data)) {
      return log_invalid(0, "a log must start with contract_created.");
    }
    if (state && e.at < state->last_at) {
      return log_invalid(i, "its time is earlier than the event before it.");
    }
    std::optional<command> cmd = command_for(e);
    if (!cmd) {
      // Only an automatic release stands alone: it must be exactly the one that fell due.
      auto* released = std::get_if<ev::payment_released>(&e.data);
      std::optional<event> due = released && state ? due_auto_release(*state, e.at) : std::nullopt;
      if (!due || !(*due == e)) {
        return log_invalid(i, std::string(type_name(e.data)) +
                                  " does not follow from the events before it.");
      }
      apply(*state, e);
      ++i;
      continue;
    }
    decision d = decide(state, *cmd);
    if (!d.ok()) return log_invalid(i, d.error->message);
    for (std::size_t k = 0; k < d.events.size(); ++k) {
      if (i + k < events.size() && events[i + k] == d.events[k]) continue;
      const std::string what = std::string(type_name(cmd->data));
      if (i + k >= events.size()) {
        return log_invalid(i + k, "the log ends before the rest of what " + what + " records.");
      }
      if (events[i + k] == d.events[k]) continue;
      const auto* due = std::get_if<ev::payment_released>(&d.events[k].data);
      if (due && due->automatic) {
        return log_invalid(i + k, "the payment of " + quoted(state->find(due->milestone)->title) +
                                      " fell due for automatic release before it, but that "
                                      "release is not in the log.");
      }
      return log_invalid(i + k, "it differs from what the rules record for " + what + ".");
    }
    commit(state, d, cmd->at);
    i += d.events.size();
  }
  if (last_at) {
    if (*last_at < state->last_at || *last_at > max_timestamp) {
      return log_invalid(events.size(), "lastAt is earlier than the last event.");
    }
    if (due_auto_release(*state, *last_at)) {
      return log_invalid(events.size(),
                         "a payment fell due for automatic release before lastAt but was not "
                         "recorded.");
    }
    state->last_at = *last_at;
  }
  out = std::move(state);
  return std::nullopt;
}

std::vector<allowed_command> allowed(const std::optional<contract>& current, party actor,
                                     timestamp at) {
  std::vector<allowed_command> result;
  if (at < 0 || at > max_timestamp || clock_check(current, at)) return result;
  std::optional<contract> scratch;
  std::optional<event> released;
  const std::optional<contract>& now = advance(current, at, scratch, released);
  std::vector<event> dropped;  // the events of an accepted candidate
  auto consider = [&](command_data data, std::optional<milestone_number> n = std::nullopt) {
    command candidate{actor, at, std::move(data)};
    if (!judge(now, candidate, dropped, true).run()) result.push_back({type_name(candidate.data), n});
    dropped.clear();
  };
  const std::string today = date::of(at).to_string();
  if (!now) {
    contract_draft d;
    d.title = "Contract";
    d.account_type = "standard";
    d.client = "Client";
    d.freelancer = "Freelancer";
    consider(cmd::create_contract{std::move(d)});
    return result;
  }
  const contract& c = *now;
  const std::size_t pending = c.milestones.size() - c.activated_count;
  for (std::size_t i = 0; i < c.milestones.size(); ++i) {
    const milestone& m = c.milestones[i];
    const std::string id = milestone_id(m.number);
    const auto n = std::optional<milestone_number>(m.number);
    consider(cmd::edit_milestone{id, m.title, std::nullopt, std::nullopt}, n);
    consider(cmd::delete_milestone{id}, n);
    if (pending >= 2) {
      const std::size_t to = i == c.activated_count ? i + 1 : c.activated_count;
      consider(cmd::move_milestone{id, {true, static_cast<std::int64_t>(to)}}, n);
    }
    consider(cmd::activate_milestone{id}, n);
    consider(cmd::submit_work{id, "Work"}, n);
    consider(cmd::request_changes{id, "Changes"}, n);
    consider(cmd::release_payment{id, std::nullopt}, n);
    consider(cmd::propose_due_date{id, today}, n);  // the earliest date any proposal may name
    consider(cmd::respond_due_date{id, false}, n);
    consider(cmd::request_refund{id, {true, 1}, "Refund"}, n);
    consider(cmd::respond_refund{id, false, std::nullopt}, n);
  }
  consider(cmd::add_milestone{milestone_draft{"Milestone", std::nullopt, {true, 500}, today}});
  if (pending >= 2) {
    std::vector<std::string> reversed;
    for (std::size_t i = c.milestones.size(); i > c.activated_count; --i) {
      reversed.push_back(milestone_id(c.milestones[i - 1].number));
    }
    consider(cmd::reorder_milestones{std::move(reversed)});
  }
  if (c.end_date && c.end_date->days < max_date_days) {
    consider(cmd::extend_contract{date{c.end_date->days + 1}.to_string()});
  }
  consider(cmd::end_contract{});
  consider(cmd::leave_feedback{{true, 5}, ""});
  consider(cmd::tick{});
  return result;
}

std::optional<std::string> check_invariants(const contract& c) {
  struct totals sums;
  std::size_t holders = 0;
  bool seen_pending = false;
  std::size_t activated = 0;
  for (std::size_t i = 0; i < c.milestones.size(); ++i) {
    const milestone& m = c.milestones[i];
    const std::string who = milestone_id(m.number);
    if (m.funded != m.released + m.returned + m.escrow) {
      return who + ": funded != released + returned + escrow";
    }
    if (m.refunded < cents{0} || m.refunded > m.released) {
      return who + ": refunded outside 0..released";
    }
    if (m.escrow < cents{0} || m.released < cents{0} || m.returned < cents{0}) {
      return who + ": negative money";
    }
    if (holds_escrow(m.status) != (m.escrow > cents{0})) return who + ": escrow and status disagree";
    if (holds_escrow(m.status)) ++holders;
    if (m.status == milestone_status::pending) {
      seen_pending = true;
      if (m.funded != cents{0}) return who + ": pending but funded";
    } else {
      if (seen_pending) return who + ": activated after a pending milestone";
      ++activated;
    }
    if (m.review_deadline.has_value() != (m.status == milestone_status::submitted)) {
      return who + ": review deadline set outside submitted";
    }
    if (m.number >= c.index_of.size() || c.index_of[m.number] != static_cast<std::int32_t>(i)) {
      return who + ": index out of date (or id not unique)";
    }
    if (m.number >= c.next_number) return who + ": id not below the next id";
    sums.budget += m.amount;
    sums.funded += m.funded;
    sums.escrow += m.escrow;
    sums.released += m.released;
    sums.returned += m.returned;
    sums.refunded += m.refunded;
  }
  if (holders > 1) return std::string("more than one milestone holds escrow");
  if (activated != c.activated_count) return std::string("activated count out of date");
  const struct totals& t = c.totals;
  if (t.budget != sums.budget || t.funded != sums.funded || t.escrow != sums.escrow ||
      t.released != sums.released || t.returned != sums.returned ||
      t.refunded != sums.refunded) {
    return std::string("totals differ from the sums of the milestones");
  }
  if (t.credit < cents{0}) return std::string("negative credit");
  if (t.charged != t.released + t.escrow + t.credit + t.credit_returned) {
    return std::string("charged != released + escrow + credit + creditReturned");
  }
  return std::nullopt;
}

}  // namespace milestones
