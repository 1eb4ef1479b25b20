// The protocol entry point: commands and queries as JSON lines, results as JSON lines.
#include "protocol.hpp"

#include <cstdio>
#include <iterator>
#include <cstdlib>
#include <exception>

#include "banner.hpp"
#include "json.hpp"

namespace milestones {

namespace {

std::string rejected(const rejection& r) {
  json_writer w;
  w.begin_object().key("ok").value(false).key("error");
  write(w, r);
  w.end_object();
  return w.take();
}

rejection problem(error_code code, std::string message, std::string field = {}) {
  return rejection{code, "", std::move(message), std::move(field), std::nullopt};
}

std::string no_contract() {
  return rejected(problem(error_code::no_contract,
                          "There is no contract yet; create one with create_contract first."));
}

std::string state_result(const contract& c) {
  json_writer w;
  w.begin_object().key("ok").value(true).key("state");
  write(w, c);
  w.end_object();
  return w.take();
}

std::optional<integer_field> integer_of(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  if (it->is_number_float()) return integer_field{false, 0};
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > 0x7FFFFFFFFFFFFFFFull) {
    return integer_field{false, 0};
  }
  return integer_field{true, it->get<std::int64_t>()};
}

// `at` of a query: an integer in range, else INVALID_COMMAND.
std::optional<rejection> read_at(const json& object, timestamp& at) {
  auto value = integer_of(object, "at");
  if (!value || !value->integer || value->value < 0 || value->value > max_timestamp) {
    return problem(error_code::invalid_command,
                   "\"at\" must be an integer number of milliseconds from 0 to 253402300799999.",
                   "at");
  }
  at = value->value;
  return std::nullopt;
}

std::optional<rejection> read_text(const json& object, const char* key, std::string& out) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return problem(error_code::invalid_command,
                   "\"" + std::string(key) + "\" must be a string.", key);
  }
  out = it->get<std::string>();
  return std::nullopt;
}

}  // namespace

namespace {
void abort_on_violation(const std::string& what) {
  std::fprintf(stderr, "invariant broken: %s\n", what.c_str());
  std::abort();
}
invariant_handler on_violation = abort_on_violation;
}  // namespace

void set_invariant_handler(invariant_handler handler) {
  on_violation = handler ? handler : abort_on_violation;
}

bool is_blank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

outcome session::dispatch(const command& cmd) {
  if (stale_ && !rebuild()) throw std::bad_alloc();
  // The events go straight onto the log; if anything fails before the contract has taken them
  // all, they come off again and the contract is rebuilt: never half a command.
  const std::size_t start = log_.size();
  const timestamp last_at = contract_ ? contract_->last_at : 0;
  bool committing = false;
  try {
    if (auto refused = decide_into(contract_, cmd, log_)) return outcome{std::move(refused)};
    committing = true;
    commit(contract_, log_.data() + start, log_.data() + log_.size(), cmd.at);
  } catch (...) {
    if (committing) {
      undo(start, last_at);
    } else {  // the contract is untouched
      log_.erase(log_.begin() + static_cast<std::ptrdiff_t>(start), log_.end());
    }
    throw;
  }
#ifdef MILESTONES_CHECK_INVARIANTS
  if (auto broken = check_invariants(*contract_)) {
    on_violation("after " + std::string(type_name(cmd.data)) + ": " + *broken);
  }
#endif
  return outcome{std::nullopt, log_.data() + start, log_.size() - start};
}

MILESTONES_OUT_OF_LINE std::string session::answered(const command& cmd) {
  const std::size_t start = log_.size();
  const timestamp last_at = contract_ ? contract_->last_at : 0;
  const outcome done = dispatch(cmd);
  try {
    return dispatched(done);
  } catch (...) {  // no answer, so the command did not happen
    if (done.ok()) undo(start, last_at);
    throw;
  }
}

// Takes back the events from `start` that the contract took (some or all), and rebuilds the contract
// from the log as it stood, with its clock at `last_at`.
void session::undo(std::size_t start, timestamp last_at) noexcept {
  log_.erase(log_.begin() + static_cast<std::ptrdiff_t>(start), log_.end());
  stale_ = true;
  stale_at_ = last_at;
  rebuild();
}

bool session::rebuild() noexcept {
  try {
    std::optional<contract> fresh;
    if (!log_.empty() && replay(log_, stale_at_, fresh)) return false;  // the log was valid
    contract_ = std::move(fresh);
    stale_ = false;
    return true;
  } catch (...) {
    return false;
  }
}

std::string session::handle(std::string_view line) {
  try {
    return run(line);
  } catch (const std::bad_alloc&) {
    return rejected(problem(error_code::invalid_command,
                            "The engine ran out of memory on this line; nothing was changed."));
  } catch (const std::exception& e) {
    return rejected(problem(error_code::invalid_command,
                            std::string("The line could not be handled: ") + e.what()));
  }
}

std::string session::run(std::string_view line) {
  if (stale_ && !rebuild()) throw std::bad_alloc();
  // The JavaScript API asks for the state and the log in exactly these words: nothing to parse.
  if (line == R"({"query":"state"})") return state_query();
  if (line == R"({"query":"log"})") return log_query();
  // Each path is out of line: the WebAssembly engine compiles a function on its first call, so a
  // page that starts by restoring and asking what is allowed compiles neither the command path
  // nor the JSON document parser before its board shows. fast_command says no at once to a
  // query or a long line.
  if (auto fast = fast_command(line)) return answered(*fast);
  if (auto answer = plain_query(line)) return std::move(*answer);
  return full_line(line);
}

// `restore`, `allowed` and `banner` in plain JSON (as the JavaScript API writes them), read
// without a JSON document: a restore carries the protocol's one big line. nullopt for anything
// else, refusals included: full_line reads that, so both paths agree wherever this one answers.
MILESTONES_OUT_OF_LINE std::optional<std::string> session::plain_query(std::string_view line) {
  if (line.find("\"restore\"") == std::string_view::npos &&
      line.find("\"allowed\"") == std::string_view::npos &&
      line.find("\"banner\"") == std::string_view::npos) {
    return std::nullopt;
  }
  lite_document doc;
  if (!doc.parse(line) || !doc.root().is_object()) return std::nullopt;
  const lite_value& object = doc.root();
  const lite_value* q = object.find("query");
  if (!q || !q->is_string()) return std::nullopt;
  if (q->text == "restore") return restore(read_log(object));
  // The rest take `at`; anything the full path would refuse goes there to be worded.
  const lite_value* at = object.find("at");
  if (!at || at->type != lite_value::kind::integer || at->number < 0 ||
      at->number > max_timestamp) {
    return std::nullopt;
  }
  if (q->text == "allowed") return plain_allowed(object, at->number);
  if (q->text == "banner") return plain_banner(object, at->number);
  return std::nullopt;
}

// Each query its own function: V8 compiles a function whole on its first call, so a page's first
// restore does not compile the other queries, and big functions compile slower than their parts.
MILESTONES_OUT_OF_LINE std::optional<std::string> session::plain_allowed(const lite_value& object,
                                                                         timestamp at) const {
  const lite_value* actor = object.find("actor");
  auto party = actor && actor->is_string() ? parse_party(actor->text) : std::nullopt;
  if (!party) return std::nullopt;
  return allowed_answer(*party, at);
}

MILESTONES_OUT_OF_LINE std::optional<std::string> session::plain_banner(const lite_value& object,
                                                                        timestamp at) const {
  const lite_value* config = object.find("config");
  const lite_value* country = object.find("country");
  const lite_value* user_type = object.find("userType");
  if (!config || !country || !country->is_string() || !user_type || !user_type->is_string()) {
    return std::nullopt;
  }
  return banner_answer(read_banner_config(*config), country->text, user_type->text, at);
}

// Any line, through a JSON document: every query, every command fast_command did not take, and
// every refusal of a line that is not JSON or not a command.
MILESTONES_OUT_OF_LINE std::string session::full_line(std::string_view line) {
  auto parsed = parse_line(line);
  if (auto* r = std::get_if<rejection>(&parsed)) return rejected(*r);
  const json& object = std::get<json>(parsed);
  if (auto q = object.find("query"); q != object.end()) {
    if (!q->is_string()) {
      return rejected(problem(error_code::invalid_command, "\"query\" must be a string.", "query"));
    }
    return query(q->get<std::string>(), object);
  }
  auto cmd = command_from_json(object);
  if (auto* r = std::get_if<rejection>(&cmd)) return rejected(*r);
  return answered(std::get<command>(cmd));
}

MILESTONES_OUT_OF_LINE std::string session::dispatched(const outcome& d) {
  if (!d.ok()) return rejected(*d.error);
  json_writer w;
  w.begin_object().key("ok").value(true).key("events").begin_array();
  for (const event& e : d) write(w, e);
  w.end_array().end_object();
  return w.take();
}

std::string session::query(const std::string& name, const json& object) {
  if (name == "state") return state_query();
  if (name == "log") return log_query();
  if (name == "allowed") return allowed_query(object);
  if (name == "banner") return banner_query(object);
  if (name == "restore") return restore(read_log(object));
  return rejected(problem(error_code::invalid_command, "\"" + name + "\" is not a query.", "query"));
}

MILESTONES_OUT_OF_LINE std::string session::state_query() const {
  if (!contract_) return no_contract();
  return state_result(*contract_);
}

MILESTONES_OUT_OF_LINE std::string session::log_query() const {
  if (!contract_) return no_contract();
  json_writer w;
  w.begin_object().key("ok").value(true).key("log");
  write_log(w, log_, contract_->last_at);
  w.end_object();
  return w.take();
}

MILESTONES_OUT_OF_LINE std::string session::allowed_query(const json& object) const {
  std::string actor_name;
  timestamp at = 0;
  if (auto r = read_text(object, "actor", actor_name)) return rejected(*r);
  if (auto r = read_at(object, at)) return rejected(*r);
  auto actor = parse_party(actor_name);
  if (!actor) {
    rejection r = problem(error_code::invalid_field,
                          "The actor must be \"client\", \"freelancer\" or \"system\".", "actor");
    r.rule = "R17";
    return rejected(r);
  }
  return allowed_answer(*actor, at);
}

MILESTONES_OUT_OF_LINE std::string session::allowed_answer(party actor, timestamp at) const {
  json_writer w;
  w.begin_object().key("ok").value(true).key("allowed");
  write_allowed(w, allowed(contract_, actor, at));
  w.end_object();
  return w.take();
}

MILESTONES_OUT_OF_LINE std::string session::banner_query(const json& object) const {
  std::string country, user_type;
  timestamp at = 0;
  auto config = object.find("config");
  if (config == object.end()) {
    return rejected(problem(error_code::invalid_command, "\"config\" is required.", "config"));
  }
  if (auto r = read_text(object, "country", country)) return rejected(*r);
  if (auto r = read_text(object, "userType", user_type)) return rejected(*r);
  if (auto r = read_at(object, at)) return rejected(*r);
  return banner_answer(read_banner_config(*config), country, user_type, at);
}

MILESTONES_OUT_OF_LINE std::string session::banner_answer(
    std::variant<rejection, banner_config> config, std::string_view country,
    std::string_view user_type, timestamp at) const {
  if (auto* r = std::get_if<rejection>(&config)) return rejected(*r);
  std::optional<banner> b = pick_banner(std::get<banner_config>(config), country, user_type, at);
  json_writer w;
  w.begin_object().key("ok").value(true).key("banner");
  if (b) {
    w.begin_object().key("message").value(b->message).key("icon").value(b->icon).end_object();
  } else {
    w.null();
  }
  w.end_object();
  return w.take();
}

MILESTONES_OUT_OF_LINE std::string session::restore(std::variant<rejection, log_read> read) {
  if (auto* r = std::get_if<rejection>(&read)) return rejected(*r);
  log_read& log = std::get<log_read>(read);
  std::optional<contract> restored;
  std::optional<rejection> r =
      log.unreadable && *log.unreadable == 0
          ? std::optional<rejection>()
          : replay(log.events, log.unreadable ? std::nullopt : std::optional<timestamp>(log.last_at),
                   restored);
  if (!r && log.unreadable) {
    r = rejection{error_code::log_invalid, "R20",
                  "Event " + std::to_string(*log.unreadable) + " of the log is not a well-formed event.",
                  "", static_cast<std::int64_t>(*log.unreadable)};
  }
  if (r) return rejected(*r);
  std::string answer = state_result(*restored);  // before anything changes: it may run out of memory
  contract_ = std::move(restored);
  log_ = std::move(log.events);
  stale_ = false;
  return answer;
}

void json_lines::line_done(std::string& out) {
  if (overflow_) {
    out += rejected(problem(error_code::invalid_json, "The line is longer than 64 MiB."));
    out += '\n';
  } else if (!is_blank(pending_)) {
    out += session_.handle(pending_);
    out += '\n';
  }
  pending_.clear();
  overflow_ = false;
}

void json_lines::feed(std::string_view bytes, std::string& out) {
  while (!bytes.empty()) {
    const std::size_t newline = bytes.find('\n');
    const std::string_view piece = bytes.substr(0, newline);
    if (!overflow_) {
      if (pending_.size() + piece.size() > max_line_bytes) {
        overflow_ = true;
        pending_.clear();
        pending_.shrink_to_fit();
      } else {
        pending_.append(piece);
      }
    }
    if (newline == std::string_view::npos) return;
    line_done(out);
    bytes.remove_prefix(newline + 1);
  }
}

void json_lines::finish(std::string& out) {
  if (overflow_ || !pending_.empty()) line_done(out);
}

}  // namespace milestones
