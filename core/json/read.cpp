// Reading commands, events, logs, query fields and banner configs from a parsed line. One reader
// walks the field lists of json/schema.hpp; commands and events differ only in what a problem
// becomes (a worded INVALID_COMMAND, or an unreadable event) and in strictness about fields a
// type does not have.
#include "json/read.hpp"

#include <limits>
#include <type_traits>

#include "json/schema.hpp"
#include "rules/catalog.hpp"
#include "engine/signatures.hpp"
#include "rules/checks.hpp"

// The WebAssembly build defines this as `__attribute__((noinline))` (CMakeLists.txt).
#ifndef MILESTONES_OUT_OF_LINE
#define MILESTONES_OUT_OF_LINE
#endif

namespace milestones {

namespace {

using schema::is_optional;
using schema::is_vector;

bool present(const json_value* v) { return v && !v->is_null(); }

// The member `key` of `object`, looked for first at `next` (where the writer puts it), and `next`
// moved past it: members read in the order they were written cost one comparison each. One
// function for every field of every type (in the WebAssembly build, not inlined into each).
MILESTONES_OUT_OF_LINE const json_value* take(const json_value& object, std::string_view key,
                                              const json_value*& next) {
  const json_value* v = object.find(key, next);
  if (v) next = v->next;
  return v;
}

// The key a field path ends with: "title" of "contract.milestones[3].title", "order" of
// "order[2]".
std::string last_key(const std::string& path) {
  const std::size_t dot = path.rfind('.');
  std::string key = dot == std::string::npos ? path : path.substr(dot + 1);
  return key.substr(0, key.find('['));
}

// What a field must be, in words: "string" is "text".
std::string_view kind_words(std::string_view expected) {
  static constexpr std::pair<std::string_view, std::string_view> words[] = {
      {"string", "text"},
      {"number", "a number"},
      {"boolean", "true or false"},
      {"integer", "a whole number"},
      {"smallerInteger", "a smaller whole number"},
      {"milestoneId", "a milestone id"},
      {"date", "a date"},
      {"party", "the client or the freelancer"},
      {"accountType", "an account type"},
      {"object", "a group of fields"},
      {"array", "a list"},
  };
  for (const auto& [token, said] : words) {
    if (token == expected) return said;
  }
  return expected;
}

class reader {
 public:
  /// `strict`: an object may hold only the fields of its type (events).
  explicit reader(bool strict) : strict_(strict) {}

  bool failed() const { return problem_.has_value(); }
  /// One more key of the envelope, the caller read from the same object (an event's signature).
  void also_known(std::string_view key) { also_ = key; }
  std::optional<rejection>& problem() { return problem_; }

  /// Reads the fields of T from `object` (a field path is `prefix` + key). `envelope`: keys the
  /// caller read from the same object (an event's seq, at and type).
  /// `next`: where its fields are expected to start (the writer's order); any order is read.
  template <class T>
  void fields(const json_value& object, T& out, const std::string& prefix,
              std::initializer_list<std::string_view> envelope = {},
              const json_value* next = nullptr) {
    std::size_t known = envelope_size(envelope);
    if (!next && envelope.size() == 0) next = object.first;
    schema::for_each_field<T>([&](const auto& f) {
      // Members in the order they are written are found in one comparison each.
      const json_value* v = take(object, f.key, next);
      known += v != nullptr;
      if (!failed()) member(v, out.*(f.member), f.how, prefix, f.key);
    });
    if (strict_ && !failed() && known != object.count) unknown_field<T>(object, prefix, envelope);
  }

  void wrong(const std::string& field, const json_value* v, const char* expected) {
    if (problem_) return;
    const std::string name = last_key(field);
    const std::string said = "\u201C" + name + "\u201D";
    if (present(v)) {
      problem_ = reject(error_code::invalid_command, "",
                        "The command's " + said + " must be " + std::string(kind_words(expected)) + ".", field)
                     .with("name", name)
                     .with("expected", expected);
    } else {
      problem_ = reject(error_code::invalid_command, "", "The command has no " + said + ".", field)
                     .with("name", name);
    }
  }

 private:
  // The keys the caller read: `envelope`, and with it the one also_known() names.
  std::size_t envelope_size(std::initializer_list<std::string_view> envelope) const {
    return envelope.size() + (envelope.size() && !also_.empty());
  }
  [[gnu::noinline]] bool in_envelope(std::string_view key,
                                     std::initializer_list<std::string_view> envelope) const {
    if (envelope.size() && !also_.empty() && key == also_) return true;
    for (std::string_view k : envelope) {
      if (key == k) return true;
    }
    return false;
  }

  bool strict_;
  std::string_view also_;
  std::optional<rejection> problem_;

  // The first key of `object` that T does not have: "has no field \"amount\"".
  template <class T>
  void unknown_field(const json_value& object, const std::string& prefix,
                     std::initializer_list<std::string_view> envelope) {
    for (const json_value* m = object.first; m; m = m->next) {
      bool expected = in_envelope(m->key, envelope);
      schema::for_each_field<T>([&](const auto& f) { expected = expected || m->key == f.key; });
      if (!expected) {
        const std::string field = prefix + std::string(m->key);
        problem_ = reject(error_code::invalid_command, "", "has no field \"" + field + "\"", field);
        return;
      }
    }
  }

  // ---- one member, by its C++ type -------------------------------------------------------------

  template <class M>
  void member(const json_value* v, M& out, schema::codec how, const std::string& prefix,
              std::string_view key) {
    if constexpr (is_optional<M>::value) {
      if (!present(v)) return;  // null means absent
      out.emplace();
      member(v, *out, how, prefix, key);
    } else {
      value(v, out, how, prefix, key);
    }
  }

  std::string path(const std::string& prefix, std::string_view key) const {
    return prefix + std::string(key);
  }

  void value(const json_value* v, std::string& out, schema::codec, const std::string& prefix,
             std::string_view key) {
    if (!present(v) || !v->is_string()) return wrong(path(prefix, key), v, "string");
    out.assign(v->text);
  }
  void value(const json_value* v, integer_field& out, schema::codec, const std::string& prefix,
             std::string_view key) {
    if (!present(v) || !v->is_number()) return wrong(path(prefix, key), v, "number");
    out = v->type == json_value::kind::integer ? integer_field{true, v->integer}
                                               : integer_field{false, 0};
  }
  void value(const json_value* v, bool& out, schema::codec, const std::string& prefix,
             std::string_view key) {
    if (!present(v) || v->type != json_value::kind::boolean) {
      return wrong(path(prefix, key), v, "boolean");
    }
    out = v->flag;
  }
  // Integers of events: cents, times, ratings, and milestone numbers written as ids.
  bool integer(const json_value* v, std::int64_t& out, const std::string& prefix,
               std::string_view key) {
    if (!present(v) || v->type != json_value::kind::integer) {
      wrong(path(prefix, key), v, "integer");
      return false;
    }
    out = v->integer;
    return true;
  }
  void value(const json_value* v, cents& out, schema::codec, const std::string& prefix,
             std::string_view key) {
    integer(v, out.value, prefix, key);
  }
  void value(const json_value* v, std::int64_t& out, schema::codec, const std::string& prefix,
             std::string_view key) {
    integer(v, out, prefix, key);
  }
  void value(const json_value* v, int& out, schema::codec, const std::string& prefix,
             std::string_view key) {
    std::int64_t n = 0;
    if (!integer(v, n, prefix, key)) return;
    if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max()) {
      return wrong(path(prefix, key), v, "smallerInteger");
    }
    out = static_cast<int>(n);
  }
  void value(const json_value* v, milestone_number& out, schema::codec, const std::string& prefix,
             std::string_view key) {
    auto n = present(v) && v->is_string() ? parse_milestone_id(v->text) : std::nullopt;
    if (!n) return wrong(path(prefix, key), v, "milestoneId");
    out = *n;
  }
  void value(const json_value* v, date& out, schema::codec, const std::string& prefix,
             std::string_view key) {
    auto d = present(v) && v->is_string() ? date::parse(v->text) : std::nullopt;
    if (!d) return wrong(path(prefix, key), v, "date");
    out = *d;
  }
  void value(const json_value* v, party& out, schema::codec, const std::string& prefix,
             std::string_view key) {
    auto p = present(v) && v->is_string() ? parse_party(v->text) : std::nullopt;
    if (!p || *p == party::system) return wrong(path(prefix, key), v, "party");
    out = *p;
  }
  void value(const json_value* v, account_type& out, schema::codec, const std::string& prefix,
             std::string_view key) {
    auto t = present(v) && v->is_string() ? parse_account_type(v->text) : std::nullopt;
    if (!t) return wrong(path(prefix, key), v, "accountType");
    out = *t;
  }
  // A nested object with fields of its own.
  template <class T, std::enable_if_t<schema::has_fields<T>::value, int> = 0>
  void value(const json_value* v, T& out, schema::codec, const std::string& prefix,
             std::string_view key) {
    if (!present(v) || !v->is_object()) return wrong(path(prefix, key), v, "object");
    fields(*v, out, path(prefix, key) + ".");
  }
  // A list: of objects with fields, of strings, or of milestone ids.
  template <class T>
  void value(const json_value* v, std::vector<T>& out, schema::codec how,
             const std::string& prefix, std::string_view key) {
    if (!present(v) || !v->is_array()) return wrong(path(prefix, key), v, "array");
    out.reserve(v->count);
    std::size_t i = 0;
    for (const json_value* item = v->first; item && !failed(); item = item->next, ++i) {
      const std::string at = path(prefix, key) + "[" + std::to_string(i) + "]";
      T& slot = out.emplace_back();
      if constexpr (schema::has_fields<T>::value) {
        if (!item->is_object()) return wrong(at, item, "object");
        fields(*item, slot, at + ".");
      } else {
        value(item, slot, how, at, "");
      }
    }
  }
};

// The event types by index, to read the one a log names.
template <std::size_t I = 0>
void read_event_data(std::size_t index, reader& r, const json_value& object, event_data& out,
                     const json_value* first) {
  if constexpr (I < std::variant_size_v<event_data>) {
    if (index != I) return read_event_data<I + 1>(index, r, object, out, first);
    r.fields(object, out.emplace<I>(), "", {"seq", "at", "type"}, first);
  }
}

// R26: an entry's "signature": {"by", "key"?, "sig"}, nothing else.
std::optional<event_signature> read_signature(const json_value& v) {
  if (!v.is_object()) return std::nullopt;
  const json_value* by = v.find("by");
  const json_value* key = v.find("key");
  const json_value* sig = v.find("sig");
  std::optional<party> who = by && by->is_string() ? parse_party(by->text) : std::nullopt;
  if (!who || *who == party::system || !sig || !sig->is_string() ||
      !is_signature_text(sig->text) || v.count != 2u + (key != nullptr)) {
    return std::nullopt;
  }
  event_signature out{*who, std::nullopt, std::string(sig->text)};
  if (key) {
    if (!key->is_string() || !is_public_key(key->text)) return std::nullopt;
    out.key.emplace(key->text);
  }
  return out;
}

template <std::size_t I = 0>
void read_command_data(std::size_t index, reader& r, const json_value& object,
                       command_data& out) {
  if constexpr (I < std::variant_size_v<command_data>) {
    if (index != I) return read_command_data<I + 1>(index, r, object, out);
    r.fields(object, out.emplace<I>(), "");
  }
}

}  // namespace

std::optional<rejection> read_command(const json_value& object, command& out,
                                      const json_value* default_at) {
  const json_value* type = object.find("type");
  if (!present(type) || !type->is_string()) {
    return reject(error_code::invalid_command, "",
                  present(type) ? "The command's type must be text." : "The command has no type.",
                  "type");
  }
  const std::optional<std::size_t> index = command_index(type->text);
  if (!index) {
    return reject(error_code::invalid_command, "",
                  "\u201C" + std::string(type->text) + "\u201D is not a command the engine knows.",
                  "type")
        .with("type", type->text);
  }
  reader r(false);
  command& c = out;
  const json_value* actor = object.find("actor");
  if (!present(actor) || !actor->is_string()) {
    r.wrong("actor", actor, "string");
  } else {
    c.actor = parse_party(actor->text);  // an unknown actor is the rules' INVALID_FIELD
  }
  const json_value* at = object.find("at");
  if (!present(at)) at = default_at;
  if (!r.failed()) {
    const integer_field time = present(at) && at->type == json_value::kind::integer
                                   ? integer_field{true, at->integer}
                                   : integer_field{false, 0};
    if (auto bad = check_time(time)) {
      r.problem() = std::move(bad);
    } else {
      c.at = time.value;
    }
  }
  read_command_data(*index, r, object, c.data);
  if (r.failed()) return std::move(*r.problem());
  return std::nullopt;
}

bool read_event(const json_value& object, std::vector<event>& into, std::string& why,
                log_signatures* sigs) {
  why.clear();
  if (!object.is_object()) return false;
  const json_value* signature = sigs ? object.find("signature") : nullptr;
  std::optional<event_signature> sig;
  if (signature && !(sig = read_signature(*signature))) {
    why = "its signature is not well formed.";
    return false;
  }
  // Written as seq, at, type and then the type's fields: each is looked for where it is expected.
  const json_value* next = object.first;
  const json_value* seq = take(object, "seq", next);
  const json_value* at = take(object, "at", next);
  const json_value* type = take(object, "type", next);
  if (!present(seq) || seq->type != json_value::kind::integer || !present(at) ||
      at->type != json_value::kind::integer || !valid_time(at->integer) || !present(type) ||
      !type->is_string()) {
    return false;
  }
  const std::optional<std::size_t> index = event_index(type->text);
  if (!index) return false;
  reader r(true);
  // Made in its place in the log, never moved.
  event& e = into.emplace_back(seq->integer, at->integer, std::in_place);
  if (signature) r.also_known("signature");  // R26: read above
  read_event_data(*index, r, object, e.data, next);
  if (!r.failed()) {
    if (sig) {
      sigs->resize(into.size());
      sigs->back() = std::move(sig);
    }
    return true;
  }
  into.pop_back();
  // A field the type does not have is named; any other flaw keeps the general words.
  const std::string& problem = r.problem()->message;
  if (problem.rfind("has no field", 0) == 0) why = std::string(type->text) + " " + problem;
  return false;
}

namespace {

// One more event of a log, unless one before it was not well formed.
void read_next(log_read& read, const json_value& e) {
  if (!read.unreadable && !read_event(e, read.events, read.unreadable_why, &read.signatures)) {
    read.unreadable = read.events.size();
  }
}

}  // namespace

void log_events::take(void* self, const json_value& e) {
  log_events& to = *static_cast<log_events*>(self);
  if (to.read.events.empty()) to.read.events.reserve(to.room_);
  read_next(to.read, e);
}

std::variant<rejection, log_read> read_log(const json_value* log, log_events* streamed) {
  if (!log || !log->is_object()) {
    return reject(error_code::invalid_command, "", "A restore needs the log to restore.", "log");
  }
  auto invalid = [](const char* message, const char* detail) {
    return reject(error_code::log_invalid, "R20", message).with_detail(detail);
  };
  const json_value* format = log->find("format");
  const json_value* version = log->find("version");
  if (!format || !format->is_string() || format->text != "milestone-log" || !version ||
      version->type != json_value::kind::integer || version->integer != 1) {
    return invalid("This is not a milestone log the engine can read.",
                   "format must be \"milestone-log\" and version 1.");
  }
  const json_value* last_at = log->find("lastAt");
  if (!last_at || last_at->type != json_value::kind::integer || !valid_time(last_at->integer)) {
    return invalid("The log does not say when it was saved.",
                   "lastAt must be an integer time in milliseconds.");
  }
  const json_value* list = log->find("events");
  if (!list || !list->is_array()) {
    return invalid("The log has no list of events.", "events must be an array.");
  }
  log_read out = streamed ? std::move(streamed->read) : log_read{};
  out.last_at = last_at->integer;
  if (!streamed) {
    out.events.reserve(list->count);
    for (const json_value* item = list->first; item; item = item->next) read_next(out, *item);
  }
  return out;
}

// R21: a bad config is INVALID_FIELD, never a crash.
std::variant<rejection, banner_config> read_banner_config(const json_value& config) {
  auto bad = [](std::string detail) {
    return reject(error_code::invalid_field, "R21", "The banner settings are not valid.", "config")
        .with_detail(std::move(detail));
  };
  auto entry = [&](const json_value& o, const std::string& where,
                   banner_entry& e) -> std::optional<rejection> {
    // A missing or null text keeps its default; any other kind is refused.
    auto text = [&](const char* key, std::string& out) {
      const json_value* v = o.find(key);
      if (!present(v)) return true;
      if (!v->is_string()) return false;
      out.assign(v->text);
      return true;
    };
    std::string start, end;
    if (!text("message", e.message)) return bad(where + ".message must be a string.");
    if (!text("icon", e.icon)) return bad(where + ".icon must be a string.");
    if (!text("country", e.country)) return bad(where + ".country must be a string.");
    if (!text("usertype", e.user_type)) return bad(where + ".usertype must be a string.");
    if (!text("start", start)) return bad(where + ".start must be a string.");
    if (!text("end", end)) return bad(where + ".end must be a string.");
    if (e.icon.empty()) e.icon = "info";
    if (!start.empty() && !(e.start = parse_iso_time(start))) {
      return bad(where + ".start is not an ISO 8601 UTC time.");
    }
    if (!end.empty() && !(e.end = parse_iso_time(end))) {
      return bad(where + ".end is not an ISO 8601 UTC time.");
    }
    return std::nullopt;
  };
  if (!config.is_object()) return bad("The banner config must be an object.");
  banner_config result;
  if (const json_value* global = config.find("global"); present(global)) {
    if (!global->is_object()) return bad("The banner config's global must be an object.");
    banner_entry e;
    if (auto r = entry(*global, "global", e)) return *r;
    result.global = std::move(e);
  }
  if (const json_value* list = config.find("responsive"); present(list)) {
    if (!list->is_array()) return bad("The banner config's responsive must be an array.");
    std::size_t i = 0;
    for (const json_value* item = list->first; item; item = item->next) {
      const std::string where = "responsive[" + std::to_string(i++) + "]";
      if (!item->is_object()) return bad(where + " must be an object.");
      banner_entry e;
      if (auto r = entry(*item, where, e)) return *r;
      result.responsive.push_back(std::move(e));
    }
  }
  return result;
}

std::optional<rejection> read_query_time(const json_value& query, timestamp& at) {
  const json_value* v = query.find("at");
  const integer_field time = v && v->type == json_value::kind::integer
                                 ? integer_field{true, v->integer}
                                 : integer_field{false, 0};
  if (auto bad = check_time(time)) return bad;
  at = time.value;
  return std::nullopt;
}

std::optional<rejection> read_query_text(const json_value& query, const char* key,
                                         std::string_view& out) {
  const json_value* v = query.find(key);
  if (!v || !v->is_string()) {
    return reject(error_code::invalid_command, "",
                  "The query's \u201C" + std::string(key) + "\u201D must be text.", key)
        .with("name", key);
  }
  out = v->text;
  return std::nullopt;
}

std::optional<rejection> read_query_flag(const json_value& query, const char* key, bool& out) {
  const json_value* v = query.find(key);
  if (!v || v->type == json_value::kind::null) return std::nullopt;
  if (v->type != json_value::kind::boolean) {
    return reject(error_code::invalid_command, "",
                  "\"" + std::string(key) + "\" must be true or false.", key);
  }
  out = v->flag;
  return std::nullopt;
}

}  // namespace milestones
