// All JSON of the protocol in one place: the guarded parser, commands from JSON, and events,
// state, logs and rejections to JSON, with field names exactly as PROTOCOL.md spells them.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "banner.hpp"
#include "commands.hpp"
#include "domain.hpp"
#include "engine.hpp"
#include "events.hpp"
#include "rejection.hpp"

namespace milestones {

using json = nlohmann::json;

/// Protocol limits at the JSON edge.
inline constexpr std::size_t max_line_bytes = 64u * 1024u * 1024u;
inline constexpr std::size_t max_depth = 64;

/// Parses one protocol line: strict UTF-8 JSON, at most 64 MiB, nesting at most 64 deep, no
/// duplicate keys, an object at the top. Anything else is INVALID_JSON.
std::variant<rejection, json> parse_line(std::string_view line);

/// A command from its JSON object. Unknown `type`, missing fields and wrong JSON types are
/// INVALID_COMMAND; values out of range are kept for `decide` to judge.
std::variant<rejection, command> command_from_json(const json& object);

/// The fast path for the common case: a flat command with plain strings, read without building a
/// document. nullopt whenever the line is anything else; `command_from_json(parse_line(line))`
/// then decides. For every line where it answers, both paths give the same command.
MILESTONES_OUT_OF_LINE std::optional<command> fast_command(std::string_view line);

/// A read-only JSON value parsed without copying: strings are views into the parsed text.
/// Only the plain kinds of JSON appear (no escapes, integers only); see lite_document.
struct lite_value {
  enum class kind : std::uint8_t { null, boolean, integer, string, object, array };
  kind type = kind::null;
  bool flag = false;
  std::uint32_t count = 0;             // members or items
  std::int64_t number = 0;
  std::string_view text;               // a string's bytes
  std::string_view key;                // the member name, inside an object
  const lite_value* first = nullptr;   // first member or item
  const lite_value* next = nullptr;    // next member or item of the parent

  bool is_object() const { return type == kind::object; }
  bool is_array() const { return type == kind::array; }
  bool is_string() const { return type == kind::string; }
  std::size_t size() const { return count; }
  /// The member named `name`, or nullptr.
  const lite_value* find(std::string_view name) const;
};

/// The fast path for big lines (a restored log): parses JSON into lite_values in an arena, with
/// no string copies. It accepts only JSON whose meaning is plain: strings without escapes, valid
/// UTF-8, integers of at most 18 digits, at most 32 deep, no repeated keys. For anything else it
/// answers false and parse_line decides, so both paths always agree where this one answers.
class lite_document {
 public:
  bool parse(std::string_view text);
  const lite_value& root() const { return *root_; }

 private:
  friend class lite_parser;
  lite_value* make();
  const lite_value* root_ = nullptr;
  std::vector<std::unique_ptr<lite_value[]>> chunks_;
  std::size_t used_ = 0;  // nodes used in the last chunk
};

/// An event from its JSON object, or nullopt when it is not a well-formed event.
std::optional<event> event_from_json(const json& object);
std::optional<event> event_from_json(const lite_value& object);

/// The log of a `restore` query as read, before any rule is checked: its events up to the first
/// one that is not well formed, and its clock.
struct log_read {
  std::vector<event> events;
  timestamp last_at = 0;
  std::optional<std::size_t> unreadable;  // the index of the first event that is not well formed
};

/// Reads the "log" of a restore query. A log that is not an object is INVALID_COMMAND; one that is
/// not a version 1 milestone log, or has no events list or clock, is LOG_INVALID (R20).
std::variant<rejection, log_read> read_log(const json& query);
std::variant<rejection, log_read> read_log(const lite_value& query);

/// The banner config of a `banner` query (R21); a bad one is INVALID_FIELD with rule R21.
std::variant<rejection, banner_config> read_banner_config(const json& config);
std::variant<rejection, banner_config> read_banner_config(const lite_value& config);

/// Streams JSON text without building a document; keys come out in the order written.
class json_writer {
 public:
  json_writer();
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

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate();
  void open(char bracket);
  std::string out_;
  std::uint64_t empty_ = 0;  // bit d: the container open at depth d has nothing in it yet
  int depth_ = 0;            // open containers (the protocol's answers nest a few deep)
  bool after_key_ = false;
};

void write(json_writer& w, const event& e);
void write(json_writer& w, const contract& c);
void write(json_writer& w, const rejection& r);
void write_log(json_writer& w, const std::vector<event>& events, timestamp last_at);
void write_allowed(json_writer& w, const std::vector<allowed_command>& entries);

/// The JSON text of one value, for tests and hosts.
template <class T>
std::string to_json_text(const T& value) {
  json_writer w;
  write(w, value);
  return w.take();
}

}  // namespace milestones
