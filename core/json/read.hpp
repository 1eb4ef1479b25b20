// Reading the protocol from a parsed line: commands, events, logs, query fields and banner
// configs. Every command's and event's fields come from one list (json/schema.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/signatures.hpp"
#include "json/document.hpp"
#include "model/commands.hpp"
#include "model/domain.hpp"
#include "model/events.hpp"
#include "model/rejection.hpp"
#include "rules/banner.hpp"

namespace milestones {

/// A command from its JSON object. Unknown `type`, missing fields and wrong JSON types are
/// INVALID_COMMAND naming the field; values out of range are kept for `decide` to judge. Fields
/// the command does not have are ignored (PROTOCOL.md); null means absent. The command is made in
/// `out` (one from blank_command() will do); after a refusal, `out` holds nothing to go by.
/// `default_at`: the time of a command that names none (the `check` query's `at`).
std::optional<rejection> read_command(const json_value& object, command& out,
                                      const json_value* default_at = nullptr);

/// Appends the event of a JSON object to `into`; or false, with in words why it is not a
/// well-formed event (words may be empty: the general ones apply), and `into` as it was. Strict: a
/// field its type does not have makes it unreadable too (a log is an audit trail; nothing is
/// dropped).
/// `sigs`: where an entry's signature goes (R26), at the event's index; without it, a
/// "signature" member is a field the event does not have.
bool read_event(const json_value& object, std::vector<event>& into, std::string& why,
                log_signatures* sigs = nullptr);

/// The log of a `restore` query as read, before any rule is checked: its events up to the first
/// one that is not well formed, and its clock.
struct log_read {
  std::vector<event> events;
  log_signatures signatures;  // R26: up to the last signed event (empty for an unsigned log)
  timestamp last_at = 0;
  std::optional<std::size_t> unreadable;  // the index of the first event that is not well formed
  std::string unreadable_why;             // and why, in words
};

/// A log's events read as the parser hands them over (json_document::parse with `sink()`), so that
/// a long log is read in the memory of one event: the events of the log at the root (`outer`
/// empty) or at the root's member `outer`.
class log_events {
 public:
  /// `text_bytes`: the size of the text the log is in, for a first guess at how many events to
  /// make room for: one per 96 bytes (logs average about 115 bytes an event; if the guess is
  /// short, the list grows). Not more: natively, glibc gives a block over 32 MiB fresh pages from
  /// the system on every restore, and a page fault costs more than the work done in it.
  log_events(std::string_view outer, std::size_t text_bytes)
      : sink{outer, "events", &log_events::take, this}, room_(text_bytes / 96) {}
  log_events(const log_events&) = delete;  // the sink points at it
  log_events& operator=(const log_events&) = delete;

  const json_item_sink sink;  // for json_document::parse
  log_read read;              // the events, up to the first one that is not well formed

 private:
  static void take(void* self, const json_value& e);
  std::size_t room_;
};

/// Reads the "log" of a restore query (nullptr: there is none). A log that is not an object is
/// INVALID_COMMAND; one that is not a version 1 milestone log, or has no events list or clock, is
/// LOG_INVALID (R20). With `streamed`, the events are the ones it took while the log was parsed.
std::variant<rejection, log_read> read_log(const json_value* log, log_events* streamed = nullptr);

/// The banner config of a `banner` query (R21); a bad one is INVALID_FIELD with rule R21.
std::variant<rejection, banner_config> read_banner_config(const json_value& config);

/// `at` of a query: an integer in range, else INVALID_COMMAND.
std::optional<rejection> read_query_time(const json_value& query, timestamp& at);
/// A text field of a query: a string, else INVALID_COMMAND "… must be a string".
std::optional<rejection> read_query_text(const json_value& query, const char* key,
                                         std::string_view& out);
/// An optional `true`/`false` of a query (absent or null: `out` stays as it is); any other
/// value is INVALID_COMMAND naming `key`.
std::optional<rejection> read_query_flag(const json_value& query, const char* key, bool& out);

}  // namespace milestones
