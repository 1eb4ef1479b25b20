// All JSON of the protocol in one place: the guarded parser, commands from JSON, and events,
// state, logs and rejections to JSON, with field names exactly as PROTOCOL.md spells them.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

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
std::optional<command> fast_command(std::string_view line);

/// An event from its JSON object, or nullopt when it is not a well-formed event.
std::optional<event> event_from_json(const json& object);

/// Streams JSON text without building a document; keys come out in the order written.
class json_writer {
 public:
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
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
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
