// The protocol entry point: commands and queries as JSON lines, results as JSON lines.
#include "protocol.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>

#include "engine/engine.hpp"
#include "json/document.hpp"
#include "json/read.hpp"
#include "json/write.hpp"
#include "rules/catalog.hpp"
#include "rules/words.hpp"
#include "wire/tape.hpp"

// The WebAssembly build defines this as `__attribute__((noinline))` (CMakeLists.txt): V8 compiles
// each function on its first call, so a page that restores and queries does not wait for the code
// of paths it has not used yet.
#ifndef MILESTONES_OUT_OF_LINE
#define MILESTONES_OUT_OF_LINE
#endif

namespace milestones {

namespace {

// Lines up to this size are parsed into the session's own document, whose memory is kept for the
// next line; a bigger one (a restored log) gets a document of its own that goes with it.
constexpr std::size_t reused_document_bytes = 64 * 1024;

std::string rejected(const rejection& r) {
  json_writer w;
  w.begin_object().key("ok").value(false).key("error");
  write(w, r);
  w.end_object();
  return w.take();
}

// `"site"` of an allowed query: "contract" (the contract-wide commands), a milestone's id (that
// milestone's commands), or absent (every site).
std::optional<rejection> read_site(const json_value& query, const std::optional<contract>& c,
                                   site_filter& out) {
  const json_value* v = query.find("site");
  if (!v || v->type == json_value::kind::null) return std::nullopt;
  if (!v->is_string()) {
    return reject(error_code::invalid_command, "", "The query's \u201Csite\u201D must be text.",
                  "site")
        .with("name", "site");
  }
  if (v->text == "contract") {
    out.what = site_filter::kind::contract;
    return std::nullopt;
  }
  const std::optional<milestone_number> n = parse_milestone_id(v->text);
  if (!n || !c || !c->find(*n)) {
    return reject(error_code::unknown_milestone, "",
                  "There is no milestone with the id " + quoted(v->text) + ".", "site")
        .with("milestoneId", v->text);
  }
  out = {site_filter::kind::milestone, *n};
  return std::nullopt;
}

std::string not_json(std::string_view line) {
  return rejected(reject(error_code::invalid_json, "", "This is not valid JSON.")
                      .with_detail(invalid_json_reason(line)));
}

// A line or a log over the size the engine reads.
rejection too_long(const char* message) {
  return reject(error_code::invalid_json, "", message)
      .with("limit", static_cast<std::int64_t>(max_line_bytes));
}

std::string no_contract() {
  return rejected(reject(error_code::no_contract, "",
                         "There is no contract yet; create one first."));
}

std::string state_result(const contract& c) {
  json_writer w;
  w.begin_object().key("ok").value(true).key("state");
  write(w, c);
  w.end_object();
  return w.take();
}

// A line the engine could not take: nothing was changed.
rejection failure(const std::bad_alloc&) {
  return reject(error_code::invalid_command, "",
                "The engine ran out of memory on this line; nothing was changed.");
}
rejection failure(const std::exception& e) {
  return reject(error_code::invalid_command, "",
                "The engine could not handle this line; nothing was changed.")
      .with_detail(e.what());
}

// `"after"` of a look back: the number of an event of the log, 1 to its length.
std::optional<rejection> read_after(const json_value& v, std::size_t events, std::size_t& k) {
  if (v.type == json_value::kind::integer && v.integer >= 1 &&
      static_cast<std::uint64_t>(v.integer) <= events) {
    k = static_cast<std::size_t>(v.integer);
    return std::nullopt;
  }
  return reject(error_code::invalid_field, "",
                "Choose an event of the history, from 1 to " + std::to_string(events) + ".",
                "after")
      .with("min", std::int64_t{1})
      .with("max", static_cast<std::int64_t>(events));
}

signature_verifier verifier = nullptr;  // R26: set by hosts that check signatures themselves

// Whether `check`'s signature holds, by the host's verifier.
bool holds(const signature_check& check) {
  const std::string key = from_base64url(check.key);
  const std::string sig = from_base64url(check.sig);
  return verifier(reinterpret_cast<const std::uint8_t*>(key.data()), check.message,
                  reinterpret_cast<const std::uint8_t*>(sig.data()));
}

// R26: the first problem of a restored log's signatures, or none: one that needs no arithmetic,
// or a signature that does not hold (by the verifier, or `broken`, as the host found it).
std::optional<rejection> signature_verdict(const log_read& log, std::optional<std::size_t> broken) {
  std::vector<signature_check> checks;
  std::optional<rejection> problem = read_signatures(log.events, log.signatures, log.events.size(),
                                                     verifier ? &checks : nullptr);
  for (const signature_check& c : checks) {
    if (broken && *broken <= c.index) break;
    if (!holds(c)) {
      broken = c.index;
      break;
    }
  }
  if (broken && (!problem || *broken < static_cast<std::size_t>(*problem->index))) {
    return signature_broken(log.events, *broken, *signer_of(log.events[*broken]));
  }
  return problem;
}

void abort_on_violation(const std::string& what) {
  std::fprintf(stderr, "invariant broken: %s\n", what.c_str());
  std::abort();
}
invariant_handler on_violation = abort_on_violation;

}  // namespace

void session::set_verifier(signature_verifier verify) { verifier = verify; }

void set_invariant_handler(invariant_handler handler) {
  on_violation = handler ? handler : abort_on_violation;
}

bool is_blank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

session::session() = default;
session::~session() = default;
session::session(session&&) noexcept = default;
session& session::operator=(session&&) noexcept = default;
session::session(const session& other)
    : contract_(other.contract_),
      log_(other.log_),
      sigs_(other.sigs_),
      settled_(other.settled_),
      stale_(other.stale_),
      stale_at_(other.stale_at_) {}
session& session::operator=(const session& other) {
  if (this != &other) *this = session(other);
  return *this;
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

// Takes back the events from `start` that the contract took (some or all), and rebuilds the
// contract from the log as it stood, with its clock at `last_at`.
void session::undo(std::size_t start, timestamp last_at) noexcept {
  log_.erase(log_.begin() + static_cast<std::ptrdiff_t>(start), log_.end());
  if (sigs_.size() > start) sigs_.resize(start);
  if (settled_ > start) settled_ = start;
  history_.truncate(start);
  stale_ = true;
  stale_at_ = last_at;
  rebuild();
}

bool session::rebuild() noexcept {
  try {
    std::optional<contract> fresh;
    if (!log_.empty() && replay(log_, stale_at_, fresh)) return false;  // the log was valid
    if (fresh && fresh->client_key) fresh->freelancer_key = bound_freelancer_key(sigs_);
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
  } catch (const std::bad_alloc& e) {
    return rejected(failure(e));
  } catch (const std::exception& e) {
    return rejected(failure(e));
  }
}

std::string session::run(std::string_view line) {
  if (stale_ && !rebuild()) throw std::bad_alloc();
  // The JavaScript API asks for the state and the log in exactly these words: nothing to parse.
  if (line == R"({"query":"state"})") return state_query();
  if (line == R"({"query":"log"})") return log_query();
  if (line.size() > max_line_bytes) {
    return rejected(too_long("The line is longer than 64 MiB."));
  }
  if (line.size() > reused_document_bytes) return run_big(line);
  if (!document_) document_ = std::make_unique<json_document>();
  if (!document_->parse(line)) return not_json(line);
  return run_parsed(document_->root(), nullptr);
}

// A line too big for the reused document (a restored log) gets a document of its own that goes
// with it, and a restore query's events are read as they are parsed.
MILESTONES_OUT_OF_LINE std::string session::run_big(std::string_view line) {
  json_document doc;
  log_events streamed("log", line.size());
  if (!doc.parse(line, &streamed.sink)) return not_json(line);
  return run_parsed(doc.root(), &streamed);
}

std::string session::run_parsed(const json_value& object, log_events* streamed) {
  if (!object.is_object()) {
    return rejected(reject(error_code::invalid_json, "", "The line must be a JSON object."));
  }
  if (const json_value* q = object.find("query")) {
    if (!q->is_string()) {
      return rejected(
          reject(error_code::invalid_command, "", "The name of a query must be text.", "query"));
    }
    return query(q->text, object, streamed);
  }
  command cmd = blank_command();
  if (auto r = read_command(object, cmd)) return rejected(*r);
  return answered(cmd);
}

MILESTONES_OUT_OF_LINE std::string session::dispatched(const outcome& d) {
  if (!d.ok()) return rejected(*d.error);
  json_writer w;
  w.begin_object().key("ok").value(true).key("events").begin_array();
  for (const event& e : d) write(w, e);
  w.end_array().end_object();
  return w.take();
}

// Each query its own function: V8 compiles a function whole on its first call, so a page's first
// restore does not compile the other queries, and big functions compile slower than their parts.
MILESTONES_OUT_OF_LINE std::string session::query(std::string_view name,
                                                  const json_value& object,
                                                  log_events* streamed) {
  if (name == "state") {
    const json_value* after = object.find("after");
    return after ? state_after_query(*after) : state_query();
  }
  if (name == "log") return log_query();
  if (name == "allowed") return allowed_query(object);
  if (name == "banner") return banner_query(object);
  if (name == "restore") return restore(object.find("log"), streamed, object.find("brokenSignature"));
  if (name == "signatures") return signatures_query(object.find("log"), streamed);
  if (name == "to_sign") return to_sign_query();
  if (name == "add_signature") return add_signature_query(object);
  if (name == "preview") return preview_query(object);
  if (name == "statement") return statement_query();
  if (name == "check") return check_query(object);
  if (name == "names") return names_query();
  if (name == "account_types") return account_types_query();
  return rejected(reject(error_code::invalid_command, "",
                         quoted(name) + " is not a query the engine knows.", "query")
                      .with("query", name));
}

MILESTONES_OUT_OF_LINE std::string session::state_query() const {
  if (!contract_) return no_contract();
  return state_result(*contract_);
}

// The contract as it stood right after event k, its clock at that event's time.
MILESTONES_OUT_OF_LINE std::string session::state_after_query(const json_value& after) const {
  if (!contract_) return no_contract();
  std::size_t k = 0;
  if (auto r = read_after(after, log_.size(), k)) return rejected(*r);
  const contract& past = *history_.after(log_, k);
  // R26: a signature binds the freelancer's key, not an event: it shows from the event that binds it.
  std::optional<std::string> key = past.client_key ? bound_freelancer_key(sigs_, k) : std::nullopt;
  if (!key) return state_result(past);
  contract bound = past;
  bound.freelancer_key = std::move(key);
  return state_result(bound);
}

MILESTONES_OUT_OF_LINE std::string session::log_query() const {
  if (!contract_) return no_contract();
  json_writer w;
  w.begin_object().key("ok").value(true).key("log");
  write_log(w, log_, sigs_, contract_->last_at);
  w.end_object();
  return w.take();
}

MILESTONES_OUT_OF_LINE std::string session::allowed_query(const json_value& object) const {
  std::string_view actor_name;
  timestamp at = 0;
  if (auto r = read_query_text(object, "actor", actor_name)) return rejected(*r);
  // Looking back, `at` defaults to the time of the event looked at.
  const json_value* after = object.find("after");
  std::size_t k = 0;
  if (after) {
    if (!contract_) return no_contract();
    if (auto r = read_after(*after, log_.size(), k)) return rejected(*r);
    at = log_[k - 1].at;
  }
  if (!after || object.find("at")) {
    if (auto r = read_query_time(object, at)) return rejected(*r);
  }
  auto actor = parse_party(actor_name);
  if (!actor) {
    return rejected(reject(error_code::invalid_field, "R17",
                           "The actor must be the client, the freelancer or the system.", "actor")
                        .with("actor", actor_name));
  }
  // `"reasons": true`: also `blocked`, why each other command of the actor's role is refused.
  bool reasons = false;
  if (auto r = read_query_flag(object, "reasons", reasons)) return rejected(*r);
  const std::optional<contract>& c = after ? history_.after(log_, k) : contract_;
  site_filter site;
  if (auto r = read_site(object, c, site)) return rejected(*r);
  if (reasons) return reasons_answer(c, *actor, at, site);
  json_writer w;
  w.begin_object().key("ok").value(true).key("allowed");
  write_allowed(w, allowed(c, *actor, at, site));
  w.end_object();
  return w.take();
}

MILESTONES_OUT_OF_LINE std::string session::reasons_answer(const std::optional<contract>& c,
                                                           party actor, timestamp at,
                                                           site_filter site) {
  const allowed_reasons answer = allowed_with_reasons(c, actor, at, site);
  json_writer w;
  w.begin_object().key("ok").value(true).key("allowed");
  write_allowed(w, answer.allowed);
  w.key("blocked");
  write_blocked(w, answer.blocked);
  w.end_object();
  return w.take();
}

// A dry run: the events the command would record now, or its refusal; nothing changes.
MILESTONES_OUT_OF_LINE std::string session::preview_query(const json_value& object) const {
  const json_value* inner = object.find("command");
  if (!inner || !inner->is_object()) {
    return rejected(reject(error_code::invalid_command, "",
                           "A preview needs the command to preview.", "command"));
  }
  command cmd = blank_command();
  if (auto r = read_command(*inner, cmd)) return rejected(*r);
  const decision d = decide(contract_, cmd);
  if (!d.ok()) return rejected(*d.error);
  json_writer w;
  w.begin_object().key("ok").value(true).key("events").begin_array();
  for (const event& e : d.events) write(w, e);
  w.end_array().end_object();
  return w.take();
}

// Every problem of a command, none applied: a form shows them all at once, each at its field.
// The query's `at` is the time of a command that names none.
MILESTONES_OUT_OF_LINE std::string session::check_query(const json_value& object) const {
  const json_value* inner = object.find("command");
  if (!inner || !inner->is_object()) {
    return rejected(reject(error_code::invalid_command, "",
                           "A check needs the command to check.", "command"));
  }
  command cmd = blank_command();
  std::vector<rejection> problems;
  if (auto r = read_command(*inner, cmd, object.find("at"))) {
    problems.push_back(std::move(*r));
  } else {
    problems = check(contract_, cmd);
  }
  json_writer w;
  w.begin_object().key("ok").value(true).key("problems").begin_array();
  for (const rejection& r : problems) write(w, r);
  w.end_array().end_object();
  return w.take();
}

// The statement of account: the figures per milestone and the totals, and the same as plain text.
MILESTONES_OUT_OF_LINE std::string session::statement_query() const {
  if (!contract_) return no_contract();
  json_writer w;
  w.begin_object().key("ok").value(true).key("statement");
  write(w, make_statement(*contract_, log_));
  w.end_object();
  return w.take();
}

std::optional<std::string> session::statement_text() const {
  if (!contract_) return std::nullopt;
  return milestones::statement_text(make_statement(*contract_, log_));
}

// R2, R3, R13: what each account type decides, before any contract exists (a form's choices).
MILESTONES_OUT_OF_LINE std::string session::account_types_query() {
  json_writer w;
  w.begin_object().key("ok").value(true).key("accountTypes");
  write_account_types(w);
  w.end_object();
  return w.take();
}

MILESTONES_OUT_OF_LINE std::string session::banner_query(const json_value& object) const {
  std::string_view country, user_type;
  timestamp at = 0;
  const json_value* config = object.find("config");
  if (!config) {
    return rejected(
        reject(error_code::invalid_command, "", "A banner query needs the banner settings.", "config"));
  }
  if (auto r = read_query_text(object, "country", country)) return rejected(*r);
  if (auto r = read_query_text(object, "userType", user_type)) return rejected(*r);
  if (auto r = read_query_time(object, at)) return rejected(*r);
  std::variant<rejection, banner_config> read = read_banner_config(*config);
  if (auto* r = std::get_if<rejection>(&read)) return rejected(*r);
  std::optional<banner> b = pick_banner(std::get<banner_config>(read), country, user_type, at);
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

MILESTONES_OUT_OF_LINE std::string session::restore(const json_value* log_value,
                                                    log_events* streamed,
                                                    const json_value* broken) {
  std::variant<rejection, log_read> read = read_log(log_value, streamed);
  if (auto* r = std::get_if<rejection>(&read)) return rejected(*r);
  log_read& log = std::get<log_read>(read);
  // R26: the first event whose signature the host found broken, an event that needs one.
  std::optional<std::size_t> broken_at;
  if (broken && broken->type != json_value::kind::null) {
    const std::size_t n = log.events.size();
    if (broken->type != json_value::kind::integer || broken->integer < 0 ||
        static_cast<std::uint64_t>(broken->integer) >= n ||
        !signer_of(log.events[static_cast<std::size_t>(broken->integer)])) {
      return rejected(reject(error_code::invalid_field, "R26",
                             "brokenSignature must be the index of a signed event of the log.",
                             "brokenSignature"));
    }
    broken_at = static_cast<std::size_t>(broken->integer);
  }
  std::optional<contract> restored;
  std::optional<rejection> r =
      log.unreadable && *log.unreadable == 0
          ? std::optional<rejection>()
          : replay(log.events,
                   log.unreadable ? std::nullopt : std::optional<timestamp>(log.last_at), restored);
  if (!r && log.unreadable) {
    r = reject(error_code::log_invalid, "R20",
               "Event " + std::to_string(*log.unreadable) + " of the log is not a well-formed event.")
            .with("index", static_cast<std::int64_t>(*log.unreadable))
            .with_detail(log.unreadable_why);
    r->index = static_cast<std::int64_t>(*log.unreadable);
  }
  // R26: a signature's problem at or before the rules' is the one to tell.
  if (std::optional<rejection> s = signature_verdict(log, broken_at)) {
    if (!r || !r->index || *s->index <= *r->index) r = std::move(s);
  }
  if (r) return rejected(*r);
  if (restored->client_key) restored->freelancer_key = bound_freelancer_key(log.signatures);
  // The answer is written before anything changes: writing it may run out of memory.
  std::string answer = state_result(*restored);
  contract_ = std::move(restored);
  history_.truncate(0);
  log_ = std::move(log.events);
  sigs_ = std::move(log.signatures);
  settled_ = log_.size();
  stale_ = false;
  return answer;
}

// R26: what a host checks of a log before it keeps it: the keys, and for each signed event
// before the first problem that needs no arithmetic, the key, signature and signed bytes.
// `restore` tells that problem, or the first broken signature the host reports.
MILESTONES_OUT_OF_LINE std::string session::signatures_query(const json_value* log_value,
                                                             log_events* streamed) const {
  std::variant<rejection, log_read> read = read_log(log_value, streamed);
  if (auto* r = std::get_if<rejection>(&read)) return rejected(*r);
  const log_read& log = std::get<log_read>(read);
  std::vector<signature_check> checks;
  read_signatures(log.events, log.signatures, log.events.size(), &checks);
  const auto* created =
      log.events.empty() ? nullptr : std::get_if<ev::contract_created>(&log.events[0].data);
  json_writer w;
  w.begin_object().key("ok").value(true).key("keys");
  write_keys(w, created ? created->client_key : std::nullopt, bound_freelancer_key(log.signatures));
  w.key("checks").begin_array();
  for (const signature_check& c : checks) {
    w.begin_object().key("index").value(static_cast<std::int64_t>(c.index))
        .key("by").value(name_of(c.by)).key("key").value(c.key).key("sig").value(c.sig)
        .key("message").value(c.message).end_object();
  }
  w.end_array().end_object();
  return w.take();
}

// R26: moves `settled_` to the first event that still needs its signature (events are signed
// in order: each signature covers the one before it); false when there is none.
bool session::settle() {
  if (!contract_ || !contract_->client_key) return false;
  while (settled_ < log_.size() &&
         ((settled_ < sigs_.size() && sigs_[settled_]) || !signer_of(log_[settled_]))) {
    ++settled_;
  }
  return settled_ < log_.size();
}

// The bytes the signature of event `settled_` covers, with the hash of the entry before it: from
// the last signed entry, through the automatic ones after it.
std::string session::message_to_sign() const {
  std::size_t from = settled_;
  while (from > 0 && !(from - 1 < sigs_.size() && sigs_[from - 1])) --from;
  sha256_digest before{};
  if (from > 0) before = entry_hash(before, event_text(log_[from - 1]), &*sigs_[from - 1]);
  for (std::size_t k = from; k < settled_; ++k) {
    before = entry_hash(before, event_text(log_[k]), nullptr);
  }
  return signed_message(contract_->id, before, event_text(log_[settled_]));
}

void session::write_next_to_sign(json_writer& w) {
  w.key("next");
  if (!settle()) {
    w.null();
    return;
  }
  const party by = *signer_of(log_[settled_]);
  w.begin_object()
      .key("index").value(static_cast<std::int64_t>(settled_))
      .key("by").value(name_of(by))
      .key("bindsKey").value(by == party::freelancer && !contract_->freelancer_key)
      .key("message").value(message_to_sign())
      .end_object();
}

MILESTONES_OUT_OF_LINE std::string session::to_sign_query() {
  json_writer w;
  w.begin_object().key("ok").value(true);
  write_next_to_sign(w);
  w.end_object();
  return w.take();
}

// R26: attaches the signature of the next event to sign (a host signs; the engine checks the
// form, and with a verifier the arithmetic too).
MILESTONES_OUT_OF_LINE std::string session::add_signature_query(const json_value& object) {
  if (!contract_) return no_contract();
  auto refused = [](const char* field, std::string words) {
    return rejected(field ? reject(error_code::invalid_field, "R26", std::move(words), field)
                          : reject(error_code::invalid_state, "R26", std::move(words)));
  };
  if (!contract_->client_key) {
    return refused(nullptr, "This contract is not signed: its events carry no signatures.");
  }
  if (!settle()) return refused(nullptr, "Every event of this contract is signed.");
  const json_value* index = object.find("index");
  if (!index || index->type != json_value::kind::integer ||
      index->integer != static_cast<std::int64_t>(settled_)) {
    return rejected(reject(error_code::invalid_field, "R26",
                           "Sign event " + std::to_string(settled_) +
                               " first: events are signed in order.",
                           "index")
                        .with("next", static_cast<std::int64_t>(settled_)));
  }
  const json_value* sig = object.find("sig");
  if (!sig || !sig->is_string() || !is_signature_text(sig->text)) {
    return refused("sig", "A signature must be 64 bytes in base64url: 86 characters.");
  }
  const party by = *signer_of(log_[settled_]);
  const bool binds = by == party::freelancer && !contract_->freelancer_key;
  const json_value* key = object.find("key");
  const bool has_key = key && key->type != json_value::kind::null;
  if (binds ? !has_key || !key->is_string() || !is_public_key(key->text) ||
                  key->text == *contract_->client_key
            : has_key) {
    return refused("key", binds ? "The freelancer's first signature must name the freelancer's "
                                  "own public key: 43 characters of base64url."
                                : "This party's key is bound already: send the signature alone.");
  }
  event_signature entry{by, std::nullopt, std::string(sig->text)};
  if (binds) entry.key.emplace(key->text);
  const std::string& signer_key = binds                    ? *entry.key
                                  : by == party::client ? *contract_->client_key
                                                        : *contract_->freelancer_key;
  if (verifier && !holds({settled_, by, signer_key, entry.sig, message_to_sign()})) {
    return refused("sig", "The signature does not match event " + std::to_string(settled_) + ".");
  }
  if (sigs_.size() <= settled_) sigs_.resize(settled_ + 1);
  sigs_[settled_] = std::move(entry);
  if (binds) contract_->freelancer_key = sigs_[settled_]->key;
  ++settled_;
  return to_sign_query();
}

int session::run_tape(std::string_view& tape, std::string& answer) {
  try {
    if (stale_ && !rebuild()) throw std::bad_alloc();
    std::string_view rest = tape;
    command cmd = blank_command();
    if (!read_tape(rest, cmd)) return -2;
    tape = rest;
    const outcome done = dispatch(cmd);  // all or nothing, like every command
    if (done.ok()) return static_cast<int>(done.count);
    answer = to_json_text(*done.error);
    return -1;
  } catch (const std::bad_alloc& e) {
    answer = to_json_text(failure(e));
    return -1;
  } catch (const std::exception& e) {
    answer = to_json_text(failure(e));
    return -1;
  }
}

void session::allowed_packed(party actor, timestamp at, std::vector<std::uint32_t>& out,
                             std::size_t after) const {
  out.clear();
  if (after > log_.size()) return;
  for (const allowed_command& a : allowed(after ? history_.after(log_, after) : contract_, actor, at)) {
    const std::size_t type = *command_index(a.type);
    out.push_back(static_cast<std::uint32_t>(type << 24) | (a.milestone ? *a.milestone : 0));
  }
}

// Every command and event name, in the order of the command and event variants.
MILESTONES_OUT_OF_LINE std::string session::names_query() {
  json_writer w;
  w.begin_object().key("ok").value(true).key("commands").begin_array();
  for (std::size_t i = 0; i < command_count; ++i) w.value(command_row_at(i).name);
  w.end_array().key("events").begin_array();
  for (std::size_t i = 0; i < event_count; ++i) w.value(event_name_at(i));
  w.end_array().end_object();
  return w.take();
}

std::string session::allowed_type_names() {
  json_writer w;
  w.begin_array();
  for (std::size_t i = 0; i < command_count; ++i) w.value(command_row_at(i).name);
  w.end_array();
  return w.take();
}

MILESTONES_OUT_OF_LINE std::string session::events_text(std::size_t first,
                                                        std::size_t count) const {
  json_writer w;
  w.begin_array();
  for (std::size_t i = first; i < log_.size() && i < first + count; ++i) {
    write(w, log_[i], i < sigs_.size() && sigs_[i] ? &*sigs_[i] : nullptr);
  }
  w.end_array();
  return w.take();
}

std::string session::state_changes(std::int64_t since) const {
  if (!contract_) return no_contract();
  json_writer w;
  w.begin_object().key("ok").value(true).key("state");
  write_changes(w, *contract_, since);
  w.end_object();
  return w.take();
}

MILESTONES_OUT_OF_LINE std::string session::restore_text(std::string_view log) {
  try {
    if (log.size() > max_line_bytes) {
      return rejected(too_long("The log is longer than 64 MiB."));
    }
    json_document doc;
    log_events streamed("", log.size());
    if (!doc.parse(log, &streamed.sink)) {
      return rejected(reject(error_code::invalid_json, "", "The log is not valid JSON.")
                          .with_detail(invalid_json_reason(log)));
    }
    return restore(&doc.root(), &streamed);
  } catch (const std::bad_alloc& e) {
    return rejected(failure(e));
  }
}

void json_lines::line_done(std::string& out) {
  if (overflow_) {
    out += rejected(too_long("The line is longer than 64 MiB."));
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
