// Writing the protocol: a streaming JSON writer, and events (from json/schema.hpp), the state,
// logs, rejections and `allowed` answers, with field names exactly as PROTOCOL.md spells them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.hpp"
#include "engine/signatures.hpp"
#include "engine/statement.hpp"
#include "model/domain.hpp"
#include "model/events.hpp"
#include "model/rejection.hpp"

namespace milestones {

/// Streams JSON text without building a document; keys come out in the order written.
class json_writer {
 public:
  json_writer();
  json_writer(const json_writer&) = delete;  // it points into its own buffer
  json_writer& operator=(const json_writer&) = delete;
  json_writer& begin_object();
  json_writer& end_object();
  json_writer& begin_array();
  json_writer& end_array();
  json_writer& key(std::string_view name);
  json_writer& value(std::string_view text);
  json_writer& value(const char* text) { return value(std::string_view(text)); }
  json_writer& value(std::int64_t number);
  json_writer& value(cents amount) { return value(amount.value); }
  json_writer& value(bool flag);
  json_writer& null();

  /// The text written so far; the writer starts over empty.
  std::string take();

 private:
  // A comma before anything but the first item of a container, and nothing after a key.
  [[gnu::always_inline]] void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;
    const std::uint64_t bit = std::uint64_t{1} << (depth_ - 1);
    if (!(empty_ & bit)) put(',');
    empty_ &= ~bit;
  }
  void open(char bracket);
  // Bytes go straight into the buffer (no string bookkeeping per byte): the text is the first
  // len_ bytes of out_, whose size, the room, is kept in room_.
  [[gnu::always_inline]] void put(char c) {
    if (len_ == room_) grow(1);
    buf_[len_++] = c;
  }
  void put(const char* text, std::size_t n);
  void grow(std::size_t need);
  std::string out_;
  char* buf_ = nullptr;
  std::size_t room_ = 0;
  std::size_t len_ = 0;
  std::uint64_t empty_ = 0;  // bit d: the container open at depth d has nothing in it yet
  int depth_ = 0;            // open containers (the protocol's answers nest a few deep)
  bool after_key_ = false;
};

void write(json_writer& w, const event& e);
/// An entry of a log: the event, with its signature (R26) as its last member when it has one.
void write(json_writer& w, const event& e, const event_signature* sig);
void write(json_writer& w, const event_signature& sig);
/// R26: a contract's keys, `{"client", "freelancer"}`, or null for an unsigned contract.
void write_keys(json_writer& w, const std::optional<std::string>& client,
                const std::optional<std::string>& freelancer);
void write(json_writer& w, const contract& c);
/// The state as write(c) has it, for a reader that holds it as of event `since`: "milestones"
/// lists only those an event after `since` changed, and "order" (every id, in list order) is
/// there when an event after `since` changed the list's order or membership. `since` 0 is the
/// whole state. What it writes grows with what changed, not with the contract.
void write_changes(json_writer& w, const contract& c, std::int64_t since);
void write(json_writer& w, const rejection& r);
void write(json_writer& w, const statement& s);
/// A log as the `log` query gives it; `sigs`: one per event, or empty (an unsigned log).
void write_log(json_writer& w, const std::vector<event>& events, const log_signatures& sigs,
               timestamp last_at);
void write_allowed(json_writer& w, const std::vector<allowed_command>& entries);
/// `blocked` of `"reasons": true`: `[{"type", "milestoneId"?, "error": {…}}]`.
void write_blocked(json_writer& w, const std::vector<blocked_command>& entries);
/// Every account type in R2's order: `{"id", "locksPlan" (R3), "needsEndDate" (R13)}`.
void write_account_types(json_writer& w);

/// The JSON text of one value, for tests and hosts.
template <class T>
std::string to_json_text(const T& value) {
  json_writer w;
  write(w, value);
  return w.take();
}

}  // namespace milestones
