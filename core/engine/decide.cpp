// decide: the order in which a command is judged (PROTOCOL.md, "Error codes"): the edge, the
// clock, the contract's existence, the field checks, who may act, the end of the contract, the
// milestone named, and then the command's rule (rules/).
#include "engine/judge.hpp"
#include "model/visit.hpp"
#include "rules/catalog.hpp"
#include "rules/words.hpp"

namespace milestones {

namespace {

template <class T, class = void>
struct has_milestone_id : std::false_type {};
template <class T>
struct has_milestone_id<T, std::void_t<decltype(std::declval<T>().milestone_id)>>
    : std::true_type {};

const std::string* id_of(const std::string& id) { return &id; }
// R24: a message names a milestone only when it says so.
const std::string* id_of(const std::optional<std::string>& id) { return id ? &*id : nullptr; }

// The milestone id a command acts on, or nullptr for contract-wide commands (and a message that
// names none).
const std::string* milestone_ref(const command_data& data) {
  return visit_variant(
      [](const auto& c) -> const std::string* {
        if constexpr (has_milestone_id<std::decay_t<decltype(c)>>::value) {
          return id_of(c.milestone_id);
        } else {
          return nullptr;
        }
      },
      data);
}

}  // namespace

namespace {

// INVALID_COMMAND checks the JSON edge also makes, repeated for callers of the C++ API.
std::optional<rejection> precheck(const command& cmd) {
  if (!valid_time(cmd.at)) return invalid_time();
  if (auto* create = std::get_if<cmd::create_contract>(&cmd.data)) {
    const auto type = parse_account_type(create->contract.account_type);
    if (type && needs_end_date(*type) && !create->contract.end_date) {
      return reject(error_code::invalid_command, "R13",
                    with_article(*type) + " contract needs an end date.", "contract.endDate")
          .with("accountType", name_of(*type));
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<rejection> clock_check(const std::optional<contract>& c, timestamp at) {
  if (c && at < c->last_at) {
    return reject(error_code::clock_backwards, "R18",
                  "Time cannot go backwards: this command is at " + readable_time(at) +
                      ", but the contract is already at " + readable_time(c->last_at) + ".",
                  "at")
        .with("at", at)
        .with("lastAt", c->last_at);
  }
  return std::nullopt;
}

namespace {

// A creation command only before a contract, any other only on one.
verdict existence(const contract* c, const command_row& row) {
  if (row.where == scope::creation) {
    if (c) {
      return reject(error_code::contract_exists, "",
                    "This contract already exists; start a new one to create another.");
    }
  } else if (!c) {
    return reject(error_code::no_contract, "",
                  "There is no contract yet; create one first.");
  }
  return std::nullopt;
}

void fields(field_checks& checks, const command& cmd) {
  if (!cmd.actor) {
    checks.fail(error_code::invalid_field, "R17",
                "The actor must be the client, the freelancer or the system.", "actor");
  }
  visit_variant([&](const auto& data) { check_fields(checks, data); }, cmd.data);
}

// Where a command with sound fields stands on an existing contract: who may issue it, what an
// ended contract still takes, and the milestone it names (found into `j.m`).
verdict standing(judging& j, const command_row& row) {
  const contract* c = j.c;
  const command& cmd = j.cmd;
  // R17: who may issue it.
  if (!may_issue(*cmd.actor, row)) {
    return reject(error_code::not_permitted, "R17",
                  "Only " + std::string(who_may(row)) + " can " +
                      std::string(command_words(row.name)) + "; the " +
                      std::string(name_of(*cmd.actor)) + " cannot.")
        .with("actor", name_of(*cmd.actor))
        .with("allowed", issuer_name(row.who))
        .with("command", row.name);
  }
  // R15: what an ended contract still takes; R22: a declined offer takes nothing but time.
  if (c && c->status == contract_status::ended && !row.after_end) {
    return reject(error_code::contract_ended, "R15",
                  "This contract has ended; only refunds, feedback and messages are still "
                  "possible.");
  }
  if (c && c->status == contract_status::declined && !std::holds_alternative<cmd::tick>(cmd.data)) {
    return reject(error_code::contract_ended, "R22",
                  "The freelancer declined this offer; the contract is closed.");
  }
  if (const std::string* id = milestone_ref(cmd.data)) {
    auto n = parse_milestone_id(*id);
    j.m = n ? c->find(*n) : nullptr;
    if (!j.m) {
      return reject(error_code::unknown_milestone, "",
                    "There is no milestone with the id " + quoted(*id) + ".", "milestoneId")
          .with("milestoneId", *id);
    }
  }
  return std::nullopt;
}

}  // namespace

verdict judge(const contract* c, const command& cmd, std::vector<event>& out) {
  const command_row& row = row_of(cmd.data);
  if (auto r = existence(c, row)) return r;
  field_checks checks(cmd.at);
  fields(checks, cmd);
  if (auto r = checks.result()) return r;
  judging j{c, cmd, nullptr, out};
  if (auto r = standing(j, row)) return r;
  return visit_variant([&](const auto& data) { return rule(j, data); }, cmd.data);
}

// Every problem, in the order decide meets them, except that field problems do not stop the
// search: all of them are listed. A problem of standing (who, an ended contract, the milestone)
// is listed after the field problems; the command's rule speaks only when nothing else did, as
// it reads the fields as sound.
std::vector<rejection> check(const std::optional<contract>& current, const command& cmd) {
  std::vector<rejection> problems;
  if (auto r = precheck(cmd)) problems.push_back(std::move(*r));
  if (!valid_time(cmd.at)) return problems;
  if (auto r = clock_check(current, cmd.at)) {
    problems.push_back(std::move(*r));
    return problems;
  }
  std::optional<contract> scratch;
  std::optional<event> released;
  const std::optional<contract>& now = advance(current, cmd.at, scratch, released);
  const contract* c = now ? &*now : nullptr;
  const command_row& row = row_of(cmd.data);
  verdict exists = existence(c, row);
  if (exists) problems.push_back(std::move(*exists));
  field_checks checks(cmd.at, &problems);
  fields(checks, cmd);
  if (exists) return problems;
  std::vector<event> out;
  judging j{c, cmd, nullptr, out};
  if (auto r = standing(j, row)) {
    problems.push_back(std::move(*r));
  } else if (problems.empty()) {
    if (auto no = visit_variant([&](const auto& data) { return rule(j, data); }, cmd.data)) {
      problems.push_back(std::move(*no));
    }
  }
  return problems;
}

const std::optional<contract>& advance(const std::optional<contract>& c, timestamp at,
                                       std::optional<contract>& scratch,
                                       std::optional<event>& released) {
  if (!c || !(released = due_auto_release(*c, at))) return c;
  scratch = c;
  apply(*scratch, *released);
  return scratch;
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
  // R9: judged on the contract as it stands at the command's time; a release that fell due
  // comes first among the events.
  std::optional<contract> scratch;
  std::optional<event> released;
  const std::optional<contract>& now = advance(current, cmd.at, scratch, released);
  if (released) out.push_back(std::move(*released));
  const verdict refused = judge(now ? &*now : nullptr, cmd, out);
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

}  // namespace milestones
