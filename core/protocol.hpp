// The one protocol entry point every host shares: a session holds one contract and answers one
// JSON line (a command or a query) with one JSON line. The only header a host needs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.hpp"
#include "engine/history.hpp"
#include "engine/signatures.hpp"
#include "model/commands.hpp"
#include "model/domain.hpp"
#include "model/events.hpp"
#include "model/rejection.hpp"

namespace milestones {

struct json_value;
class json_document;
class log_events;
class json_writer;

/// What session::dispatch did: the rejection, or the events it appended to the log (a view into
/// `session::events()`, valid until the next command or restore).
struct outcome {
  std::optional<rejection> error;
  const event* first = nullptr;
  std::size_t count = 0;

  bool ok() const { return !error.has_value(); }
  const event* begin() const { return first; }
  const event* end() const { return first + count; }
};

/// One contract and its log. Not thread-safe; one session per contract.
class session {
 public:
  session();
  ~session();
  session(session&&) noexcept;
  session& operator=(session&&) noexcept;
  /// A copy holds the same contract and log (and parses lines with a document of its own).
  session(const session& other);
  session& operator=(const session& other);

  /// Handles one protocol line and returns the result as one line of JSON (without a newline).
  /// Never throws: every failure, including malformed input, is a rejection result.
  std::string handle(std::string_view line);

  /// The core API without JSON: judges `cmd` and, when it is accepted, appends its events
  /// (moved into the log, not copied).
  outcome dispatch(const command& cmd);

  /// The JavaScript API's path (wire/tape.hpp): runs the command at the front of `tape` and drops
  /// its bytes. Returns how many events it appended, -1 when it was refused (the rejection's JSON
  /// is then in `answer`), or -2 when the tape holds nothing the reader takes (send the command
  /// as JSON instead; nothing was dropped). Never throws.
  int run_tape(std::string_view& tape, std::string& answer);
  /// `allowed` without JSON, for the JavaScript API: each entry packed into one number,
  /// (type << 24) | milestone number (0 for contract-wide), where `type` indexes
  /// allowed_type_names(). Nothing for an `at` that is not a valid time or is before the clock.
  /// With `after` (1 to the log's length) it is what was allowed right after that event.
  void allowed_packed(party actor, timestamp at, std::vector<std::uint32_t>& out,
                      std::size_t after = 0) const;
  /// The JSON array of the type names allowed_packed() indexes.
  static std::string allowed_type_names();
  /// The JSON array of the log's events [first, first + count), clipped to the log.
  std::string events_text(std::size_t first, std::size_t count) const;
  /// `restore` of a log given as its JSON text: the same answer as the restore query.
  std::string restore_text(std::string_view log);
  /// The state query's answer for a reader that holds the state as of event `since`: only what
  /// changed after it (json/write.hpp, write_changes). `since` 0: the whole state.
  std::string state_changes(std::int64_t since) const;

  /// The contract's statement as plain text (engine/statement.hpp), or nullopt before a contract.
  std::optional<std::string> statement_text() const;

  const std::optional<contract>& state() const { return contract_; }
  const std::vector<event>& events() const { return log_; }
  /// R26: the events' signatures (engine/signatures.hpp): up to the last signed event; none for
  /// an unsigned contract.
  const log_signatures& signatures() const { return sigs_; }

  /// R26: how the hosts that set one check a signature (the native runner, with OpenSSL). With
  /// one, `restore` and `add_signature` check every signature; without one (WebAssembly, where
  /// WebCrypto is asynchronous), a host checks the `signatures` query's list itself and reports
  /// the first that fails to `restore` as `brokenSignature`.
  static void set_verifier(signature_verifier verify);

 private:
  std::string run(std::string_view line);
  std::string run_big(std::string_view line);
  std::string run_parsed(const json_value& object, log_events* streamed);
  std::string answered(const command& cmd);
  std::string dispatched(const outcome& d);
  std::string query(std::string_view name, const json_value& object, log_events* streamed);
  std::string state_query() const;
  std::string state_after_query(const json_value& after) const;
  std::string log_query() const;
  std::string allowed_query(const json_value& object) const;
  static std::string reasons_answer(const std::optional<contract>& c, party actor, timestamp at,
                                    site_filter site);
  std::string banner_query(const json_value& object) const;
  std::string preview_query(const json_value& object) const;
  std::string check_query(const json_value& object) const;
  std::string statement_query() const;
  static std::string names_query();
  static std::string account_types_query();
  std::string restore(const json_value* log, log_events* streamed,
                      const json_value* broken = nullptr);
  std::string signatures_query(const json_value* log, log_events* streamed) const;
  std::string to_sign_query();
  std::string add_signature_query(const json_value& object);
  void write_next_to_sign(json_writer& w);
  bool settle();
  std::string message_to_sign() const;
  void undo(std::size_t start, timestamp last_at) noexcept;
  bool rebuild() noexcept;

  std::optional<contract> contract_;
  std::vector<event> log_;
  log_signatures sigs_;      // R26: never longer than the log
  std::size_t settled_ = 0;  // R26: the leading events that are signed or need no signature
  std::unique_ptr<json_document> document_;  // reused line after line
  // Memory ran out while a command was being taken back and the contract could not be rebuilt
  // from the log yet: the next call rebuilds it (the log, the source of truth, is whole).
  bool stale_ = false;
  timestamp stale_at_ = 0;
  mutable history history_;  // looking back: `"after"` in the state and allowed queries
};

/// Called when a build with MILESTONES_CHECK_INVARIANTS finds R19 broken after an accepted
/// command. The default prints the broken invariant and aborts; a test harness may record it.
using invariant_handler = void (*)(const std::string& what);
void set_invariant_handler(invariant_handler handler);

/// True for a line that holds nothing but spaces, tabs and carriage returns (skipped by runners).
bool is_blank(std::string_view line);

/// Splits a byte stream into JSON Lines for a session, without ever holding more than one line
/// of 64 MiB: a longer line is dropped as it streams in and answered with INVALID_JSON.
class json_lines {
 public:
  explicit json_lines(session& s) : session_(s) {}

  /// Consumes `bytes`; appends one result line (with "\n") to `out` per complete input line.
  void feed(std::string_view bytes, std::string& out);
  /// Ends the input: a last line without a newline is handled too.
  void finish(std::string& out);

 private:
  void line_done(std::string& out);

  session& session_;
  std::string pending_;
  bool overflow_ = false;
};

}  // namespace milestones
