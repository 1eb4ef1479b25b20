// All JSON of the protocol: the guarded parser, commands and events from JSON, and the writer of
// events, state, logs, rejections and `allowed` answers.
#include "json.hpp"

#include <charconv>
#include <limits>
#include <stdexcept>

#include "visit.hpp"

namespace milestones {

namespace {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

rejection error(error_code code, std::string message, std::string field = {}) {
  return rejection{code, "", std::move(message), std::move(field), std::nullopt};
}

// Builds the document from nlohmann's SAX events, refusing what the protocol refuses on top of
// plain JSON: nesting deeper than 64 and duplicate keys (which would otherwise be silently
// dropped).
class guarded_builder {
 public:
  explicit guarded_builder(json& root) : root_(root) {}

  bool null() { return place(json(nullptr)); }
  bool boolean(bool v) { return place(json(v)); }
  bool number_integer(json::number_integer_t v) { return place(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return place(json(v)); }
  bool number_float(json::number_float_t v, const json::string_t&) { return place(json(v)); }
  bool string(json::string_t& v) { return place(json(std::move(v))); }
  bool binary(json::binary_t&) { return fail("binary values are not JSON"); }
  bool start_object(std::size_t) { return open(json::value_t::object); }
  bool start_array(std::size_t) { return open(json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(json::string_t& name) {
    json& object = *stack_.back();
    if (object.contains(name)) return fail("a key appears twice in one object");
    slot_ = &object[name];
    return true;
  }
  template <class Exception>
  bool parse_error(std::size_t position, const std::string&, const Exception& ex) {
    // nlohmann's reason sits between " - " and "; last read:"; the part after it may quote bytes
    // of the input (possibly invalid UTF-8), so it is never echoed.
    std::string reason = ex.what();
    if (ex.id == 406) {
      reason = "a number is too large to represent";
    } else if (auto dash = reason.find(" - "); dash != std::string::npos) {
      reason = reason.substr(dash + 3, reason.find("; last read") - dash - 3);
    } else {
      reason = "it is not valid JSON";
    }
    return fail(reason + " (at byte " + std::to_string(position) + ")");
  }

  const std::string& problem() const { return problem_; }

 private:
  json& root_;
  std::vector<json*> stack_;
  json* slot_ = nullptr;
  std::string problem_;

  bool fail(std::string why) {
    if (problem_.empty()) problem_ = std::move(why);
    return false;
  }
  json* put(json&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    *slot_ = std::move(v);
    return slot_;
  }
  bool place(json&& v) {
    put(std::move(v));
    return true;
  }
  bool open(json::value_t type) {
    if (stack_.size() >= max_depth) return fail("it is nested more than 64 levels deep");
    stack_.push_back(put(json(type)));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }
};

// ---------------------------------------------------------------------------------------------
// Reading command fields: the first problem becomes an INVALID_COMMAND naming the field.

class field_reader {
 public:
  field_reader(const json& object, std::string prefix, std::optional<rejection>& problem)
      : object_(object), prefix_(std::move(prefix)), problem_(problem) {}

  // The value under `key`, or nullptr when it is absent or null (null means absent).
  const json* find(const char* key) const {
    auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }

  std::string text(const char* key) {
    const json* v = find(key);
    if (!v || !v->is_string()) return wrong(key, v, "a string"), std::string();
    return v->get<std::string>();
  }
  std::optional<std::string> optional_text(const char* key) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) return wrong(key, v, "a string"), std::nullopt;
    return v->get<std::string>();
  }
  integer_field integer(const char* key) {
    const json* v = find(key);
    if (!v || !v->is_number()) return wrong(key, v, "a number"), integer_field{};
    return to_integer(*v);
  }
  std::optional<integer_field> optional_integer(const char* key) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_number()) return wrong(key, v, "a number"), std::nullopt;
    return to_integer(*v);
  }
  bool flag(const char* key) {
    const json* v = find(key);
    if (!v || !v->is_boolean()) return wrong(key, v, "true or false"), false;
    return v->get<bool>();
  }
  const json* object(const char* key) {
    const json* v = find(key);
    if (!v || !v->is_object()) return wrong(key, v, "an object"), nullptr;
    return v;
  }
  const json* array(const char* key) {
    const json* v = find(key);
    if (!v || !v->is_array()) return wrong(key, v, "an array"), nullptr;
    return v;
  }
  std::string path(const char* key) const { return prefix_ + key; }

  static integer_field to_integer(const json& v) {
    if (v.is_number_unsigned()) {
      const auto u = v.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return {false, 0};
      return {true, static_cast<std::int64_t>(u)};
    }
    if (v.is_number_integer()) return {true, v.get<std::int64_t>()};
    return {false, 0};  // a fraction, an exponent, or a number too large for 64 bits
  }

 private:
  const json& object_;
  std::string prefix_;
  std::optional<rejection>& problem_;

  void wrong(const char* key, const json* v, const char* expected) {
    if (problem_) return;
    const std::string field = prefix_ + key;
    problem_ = error(error_code::invalid_command,
                     v ? "\"" + field + "\" must be " + expected + "."
                       : "\"" + field + "\" is required.",
                     field);
  }
};

milestone_draft read_milestone(const json& object, std::string prefix,
                               std::optional<rejection>& problem) {
  field_reader r(object, std::move(prefix), problem);
  milestone_draft m;
  m.title = r.text("title");
  m.description = r.optional_text("description");
  m.amount = r.integer("amount");
  m.due_date = r.text("dueDate");
  return m;
}

std::optional<command_data> read_command(std::string_view type, field_reader& r,
                                         std::optional<rejection>& problem) {
  auto id = [&] { return r.text("milestoneId"); };
  if (type == "create_contract") {
    cmd::create_contract c;
    if (const json* o = r.object("contract")) {
      field_reader f(*o, "contract.", problem);
      contract_draft& d = c.contract;
      d.id = f.optional_text("id");
      d.title = f.text("title");
      d.account_type = f.text("accountType");
      d.currency = f.optional_text("currency");
      d.client = f.text("client");
      d.freelancer = f.text("freelancer");
      d.end_date = f.optional_text("endDate");
      if (const json* list = f.array("milestones")) {
        d.milestones.reserve(list->size());
        for (std::size_t i = 0; i < list->size() && !problem; ++i) {
          const std::string prefix = "contract.milestones[" + std::to_string(i) + "]";
          const json& item = (*list)[i];
          if (!item.is_object()) {
            problem = error(error_code::invalid_command, "\"" + prefix + "\" must be an object.",
                            prefix);
            break;
          }
          d.milestones.push_back(read_milestone(item, prefix + ".", problem));
        }
      }
      if (!problem && d.account_type == "enterprise_compliance" && !d.end_date) {
        problem = rejection{error_code::invalid_command, "R13",
                            "An enterprise_compliance contract needs an end date.",
                            "contract.endDate", std::nullopt};
      }
    }
    return c;
  }
  if (type == "add_milestone") {
    cmd::add_milestone c;
    if (const json* o = r.object("milestone")) c.milestone = read_milestone(*o, "milestone.", problem);
    return c;
  }
  if (type == "edit_milestone") {
    cmd::edit_milestone c;
    c.milestone_id = id();
    if (const json* o = r.object("changes")) {
      field_reader f(*o, "changes.", problem);
      c.title = f.optional_text("title");
      c.description = f.optional_text("description");
      c.amount = f.optional_integer("amount");
    }
    return c;
  }
  if (type == "delete_milestone") return cmd::delete_milestone{id()};
  if (type == "move_milestone") {
    cmd::move_milestone c;
    c.milestone_id = id();
    c.to_index = r.integer("toIndex");
    return c;
  }
  if (type == "reorder_milestones") {
    cmd::reorder_milestones c;
    if (const json* list = r.array("order")) {
      c.order.reserve(list->size());
      for (std::size_t i = 0; i < list->size(); ++i) {
        if (!(*list)[i].is_string()) {
          const std::string field = "order[" + std::to_string(i) + "]";
          problem = error(error_code::invalid_command, "\"" + field + "\" must be a string.", field);
          break;
        }
        c.order.push_back((*list)[i].get<std::string>());
      }
    }
    return c;
  }
  if (type == "activate_milestone") return cmd::activate_milestone{id()};
  if (type == "submit_work") {
    cmd::submit_work c;
    c.milestone_id = id();
    c.message = r.text("message");
    return c;
  }
  if (type == "request_changes") {
    cmd::request_changes c;
    c.milestone_id = id();
    c.message = r.text("message");
    return c;
  }
  if (type == "release_payment") {
    cmd::release_payment c;
    c.milestone_id = id();
    c.amount = r.optional_integer("amount");
    return c;
  }
  if (type == "propose_due_date") {
    cmd::propose_due_date c;
    c.milestone_id = id();
    c.due_date = r.text("dueDate");
    return c;
  }
  if (type == "respond_due_date") {
    cmd::respond_due_date c;
    c.milestone_id = id();
    c.accept = r.flag("accept");
    return c;
  }
  if (type == "extend_contract") return cmd::extend_contract{r.text("endDate")};
  if (type == "request_refund") {
    cmd::request_refund c;
    c.milestone_id = id();
    c.amount = r.integer("amount");
    c.reason = r.text("reason");
    return c;
  }
  if (type == "respond_refund") {
    cmd::respond_refund c;
    c.milestone_id = id();
    c.accept = r.flag("accept");
    c.amount = r.optional_integer("amount");
    return c;
  }
  if (type == "end_contract") return cmd::end_contract{};
  if (type == "leave_feedback") {
    cmd::leave_feedback c;
    c.rating = r.integer("rating");
    c.comment = r.text("comment");
    return c;
  }
  if (type == "tick") return cmd::tick{};
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Reading events (for `restore`): strict, any wrong shape makes the event unreadable.

// Both document kinds read the same way: the nlohmann document of parse_line, and the lite one.
const json* member(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}
const lite_value* member(const lite_value& object, const char* key) { return object.find(key); }
bool is_null(const json& v) { return v.is_null(); }
bool is_null(const lite_value& v) { return v.type == lite_value::kind::null; }
std::optional<std::string_view> string_of(const json& v) {
  if (!v.is_string()) return std::nullopt;
  return std::string_view(v.get_ref<const std::string&>());
}
std::optional<std::string_view> string_of(const lite_value& v) {
  if (!v.is_string()) return std::nullopt;
  return v.text;
}
// A number as the protocol reads it ({false, 0} for a fraction or one beyond 64 bits), or nullopt.
std::optional<integer_field> number_of(const json& v) {
  if (!v.is_number()) return std::nullopt;
  return field_reader::to_integer(v);
}
std::optional<integer_field> number_of(const lite_value& v) {
  if (v.type != lite_value::kind::integer) return std::nullopt;
  return integer_field{true, v.number};
}
std::optional<bool> flag_of(const json& v) {
  if (!v.is_boolean()) return std::nullopt;
  return v.get<bool>();
}
std::optional<bool> flag_of(const lite_value& v) {
  if (v.type != lite_value::kind::boolean) return std::nullopt;
  return v.flag;
}
// Visits the items of an array until `f` says stop.
template <class F>
void for_each_item(const json& array, F&& f) {
  for (const json& item : array) {
    if (!f(item)) return;
  }
}
template <class F>
void for_each_item(const lite_value& array, F&& f) {
  for (const lite_value* item = array.first; item; item = item->next) {
    if (!f(*item)) return;
  }
}
template <class V>
const V& empty_object();
template <>
const json& empty_object<json>() {
  static const json empty = json::object();
  return empty;
}
template <>
const lite_value& empty_object<lite_value>() {
  static const lite_value empty = [] {
    lite_value v;
    v.type = lite_value::kind::object;
    return v;
  }();
  return empty;
}

template <class V>
class event_reader {
 public:
  explicit event_reader(const V& object) : object_(object) {}

  bool ok() const { return ok_; }

  const V* find(const char* key) {
    const V* v = member(object_, key);
    if (!v) ok_ = false;
    return v;
  }
  std::string text(const char* key) {
    const V* v = find(key);
    auto s = v ? string_of(*v) : std::nullopt;
    if (!s) return ok_ = false, std::string();
    return std::string(*s);
  }
  std::int64_t integer(const char* key) {
    const V* v = find(key);
    if (!v) return 0;
    auto n = number_of(*v);
    if (!n || !n->integer) ok_ = false;
    return n ? n->value : 0;
  }
  cents money(const char* key) { return cents{integer(key)}; }
  bool flag(const char* key) {
    const V* v = find(key);
    auto f = v ? flag_of(*v) : std::nullopt;
    if (!f) return ok_ = false;
    return *f;
  }
  date day(const char* key) {
    auto d = date::parse(text(key));
    if (!d) ok_ = false;
    return d.value_or(date{});
  }
  std::optional<date> optional_day(const char* key) {
    const V* v = member(object_, key);
    if (!v || is_null(*v)) return std::nullopt;
    return day(key);
  }
  std::optional<std::string> optional_text(const char* key) {
    const V* v = member(object_, key);
    if (!v || is_null(*v)) return std::nullopt;
    return text(key);
  }
  std::optional<cents> optional_money(const char* key) {
    const V* v = member(object_, key);
    if (!v || is_null(*v)) return std::nullopt;
    return money(key);
  }
  milestone_number id(const char* key = "milestoneId") {
    const V* v = find(key);
    auto s = v ? string_of(*v) : std::nullopt;
    auto n = s ? parse_milestone_id(*s) : std::nullopt;
    if (!n) ok_ = false;
    return n.value_or(0);
  }
  party by() {
    auto p = parse_party(text("by"));
    if (!p || *p == party::system) ok_ = false;
    return p.value_or(party::client);
  }
  milestone_spec spec() {
    milestone_spec s;
    s.number = id("id");
    s.title = text("title");
    s.description = text("description");
    s.amount = money("amount");
    s.due = day("dueDate");
    return s;
  }
  event_reader sub(const char* key) {
    const V* v = find(key);
    if (!v || !v->is_object()) {
      ok_ = false;
      return event_reader(empty_object<V>());
    }
    return event_reader(*v);
  }
  void merge(const event_reader& inner) { ok_ = ok_ && inner.ok_; }

 private:
  const V& object_;
  bool ok_ = true;
};

template <class V>
std::optional<event_data> read_event(std::string_view type, event_reader<V>& r) {
  if (type == "contract_created") {
    ev::contract_created e;
    event_reader<V> c = r.sub("contract");
    e.id = c.text("id");
    e.title = c.text("title");
    auto account = parse_account_type(c.text("accountType"));
    if (!account) return std::nullopt;
    e.account = *account;
    e.currency = c.text("currency");
    e.client = c.text("client");
    e.freelancer = c.text("freelancer");
    e.end_date = c.optional_day("endDate");
    r.merge(c);
    const V* list = r.find("milestones");
    if (!list || !list->is_array()) return std::nullopt;
    bool objects = true;
    for_each_item(*list, [&](const V& item) {
      if (!item.is_object()) return objects = false;
      event_reader<V> m(item);
      e.milestones.push_back(m.spec());
      r.merge(m);
      return true;
    });
    if (!objects) return std::nullopt;
    return e;
  }
  if (type == "milestone_added") {
    event_reader<V> m = r.sub("milestone");
    ev::milestone_added e{m.spec()};
    r.merge(m);
    return e;
  }
  if (type == "milestone_edited") {
    ev::milestone_edited e;
    e.milestone = r.id();
    event_reader<V> c = r.sub("changes");
    e.title = c.optional_text("title");
    e.description = c.optional_text("description");
    e.amount = c.optional_money("amount");
    r.merge(c);
    return e;
  }
  if (type == "milestone_deleted") return ev::milestone_deleted{r.id()};
  if (type == "milestones_reordered") {
    ev::milestones_reordered e;
    const V* list = r.find("order");
    if (!list || !list->is_array()) return std::nullopt;
    bool ids = true;
    for_each_item(*list, [&](const V& item) {
      auto s = string_of(item);
      auto n = s ? parse_milestone_id(*s) : std::nullopt;
      if (!n) return ids = false;
      e.order.push_back(*n);
      return true;
    });
    if (!ids) return std::nullopt;
    return e;
  }
  if (type == "milestone_activated") {
    ev::milestone_activated e;
    e.milestone = r.id();
    e.amount = r.money("amount");
    e.from_credit = r.money("fromCredit");
    e.charged = r.money("charged");
    return e;
  }
  if (type == "work_submitted") {
    ev::work_submitted e;
    e.milestone = r.id();
    e.message = r.text("message");
    e.review_deadline = r.integer("reviewDeadline");
    return e;
  }
  if (type == "changes_requested") {
    ev::changes_requested e;
    e.milestone = r.id();
    e.message = r.text("message");
    return e;
  }
  if (type == "payment_released") {
    ev::payment_released e;
    e.milestone = r.id();
    e.amount = r.money("amount");
    e.returned = r.money("returned");
    e.extra = r.money("extra");
    e.automatic = r.flag("auto");
    return e;
  }
  if (type == "due_date_proposed") {
    ev::due_date_proposed e{r.id(), r.day("dueDate"), r.by()};
    return e;
  }
  if (type == "due_date_accepted") {
    ev::due_date_accepted e{r.id(), r.day("dueDate"), r.by()};
    return e;
  }
  if (type == "due_date_rejected") {
    ev::due_date_rejected e{r.id(), r.day("dueDate"), r.by()};
    return e;
  }
  if (type == "contract_extended") return ev::contract_extended{r.day("endDate")};
  if (type == "refund_requested") {
    ev::refund_requested e;
    e.milestone = r.id();
    e.amount = r.money("amount");
    e.reason = r.text("reason");
    return e;
  }
  if (type == "refund_accepted") {
    ev::refund_accepted e;
    e.milestone = r.id();
    e.amount = r.money("amount");
    return e;
  }
  if (type == "refund_declined") {
    ev::refund_declined e;
    e.milestone = r.id();
    e.amount = r.money("amount");
    return e;
  }
  if (type == "contract_ended") return ev::contract_ended{};
  if (type == "credit_returned") return ev::credit_returned{r.money("amount")};
  if (type == "feedback_left") {
    ev::feedback_left e;
    e.by = r.by();
    const std::int64_t rating = r.integer("rating");
    if (rating < std::numeric_limits<int>::min() || rating > std::numeric_limits<int>::max()) {
      return std::nullopt;
    }
    e.rating = static_cast<int>(rating);
    e.comment = r.text("comment");
    return e;
  }
  return std::nullopt;
}

void write_spec(json_writer& w, const milestone_spec& s) {
  w.begin_object()
      .key("id").value(milestone_id(s.number))
      .key("title").value(s.title)
      .key("description").value(s.description)
      .key("amount").value(s.amount)
      .key("dueDate").value(s.due.to_string())
      .end_object();
}

template <class T, class F>
void write_optional(json_writer& w, const std::optional<T>& v, F&& body) {
  if (v) {
    body(*v);
  } else {
    w.null();
  }
}

}  // namespace

// -----------------------------------------------------------------------------------------------

std::string_view type_name(const command_data& data) {
  static constexpr std::string_view names[] = {
      "create_contract",  "add_milestone",     "edit_milestone",     "delete_milestone",
      "move_milestone",   "reorder_milestones", "activate_milestone", "submit_work",
      "request_changes",  "release_payment",   "propose_due_date",   "respond_due_date",
      "extend_contract",  "request_refund",    "respond_refund",     "end_contract",
      "leave_feedback",   "tick"};
  static_assert(std::size(names) == std::variant_size_v<command_data>);
  return names[data.index()];
}

std::string_view type_name(const event_data& data) {
  static constexpr std::string_view names[] = {
      "contract_created",   "milestone_added",   "milestone_edited",  "milestone_deleted",
      "milestones_reordered", "milestone_activated", "work_submitted", "changes_requested",
      "payment_released",   "due_date_proposed", "due_date_accepted", "due_date_rejected",
      "contract_extended",  "refund_requested",  "refund_accepted",   "refund_declined",
      "contract_ended",     "credit_returned",   "feedback_left"};
  static_assert(std::size(names) == std::variant_size_v<event_data>);
  return names[data.index()];
}

std::string_view name_of(error_code code) {
  static constexpr std::string_view names[] = {
      "INVALID_JSON",         "INVALID_COMMAND",     "CLOCK_BACKWARDS",
      "NO_CONTRACT",          "CONTRACT_EXISTS",     "INVALID_AMOUNT",
      "INVALID_DATE",         "INVALID_FIELD",       "LIMIT_EXCEEDED",
      "NOT_PERMITTED",        "CONTRACT_ENDED",      "UNKNOWN_MILESTONE",
      "CONTRACT_LOCKED",      "MILESTONE_LOCKED",    "ANOTHER_MILESTONE_ACTIVE",
      "NOT_NEXT_MILESTONE",   "INVALID_STATE",       "REVIEW_WINDOW_CLOSED",
      "OUTSIDE_CONTRACT_SCOPE", "CONTRACT_INCOMPLETE", "DUPLICATE_FEEDBACK",
      "REFUND_TOO_LARGE",     "NO_OPEN_REQUEST",     "LOG_INVALID"};
  static_assert(std::size(names) == static_cast<std::size_t>(error_code::log_invalid) + 1);
  return names[static_cast<std::size_t>(code)];
}

std::variant<rejection, json> parse_line(std::string_view line) {
  if (line.size() > max_line_bytes) {
    return error(error_code::invalid_json, "The line is longer than 64 MiB.");
  }
  json document;
  guarded_builder builder(document);
  const bool parsed = json::sax_parse(line.begin(), line.end(), &builder,
                                      json::input_format_t::json, true, false);
  if (!parsed) {
    return error(error_code::invalid_json, "The line is not valid JSON: " + builder.problem() + ".");
  }
  if (!document.is_object()) {
    return error(error_code::invalid_json, "The line must be a JSON object.");
  }
  return document;
}

std::variant<rejection, command> command_from_json(const json& object) {
  std::optional<rejection> problem;
  field_reader r(object, "", problem);
  const json* type = r.find("type");
  if (!type || !type->is_string()) {
    return error(error_code::invalid_command,
                 type ? "\"type\" must be a string." : "\"type\" is required.", "type");
  }
  command c;
  const std::string actor = r.text("actor");
  c.actor = parse_party(actor);
  const json* at = r.find("at");
  integer_field at_value = at && at->is_number() ? field_reader::to_integer(*at) : integer_field{false, 0};
  if (!problem && (!at_value.integer || at_value.value < 0 || at_value.value > max_timestamp)) {
    problem = error(error_code::invalid_command,
                    "\"at\" must be an integer number of milliseconds from 0 to "
                    "253402300799999.",
                    "at");
  }
  c.at = at_value.value;
  std::optional<command_data> data = read_command(type->get<std::string>(), r, problem);
  if (!data) {
    return error(error_code::invalid_command,
                 "\"" + type->get<std::string>() + "\" is not a command type.", "type");
  }
  if (problem) return std::move(*problem);
  c.data = std::move(*data);
  return c;
}

namespace {
template <class V>
std::optional<event> read_event_object(const V& object) {
  if (!object.is_object()) return std::nullopt;
  event_reader<V> r(object);
  event e;
  e.seq = r.integer("seq");
  e.at = r.integer("at");
  const std::string type = r.text("type");
  if (!r.ok() || e.at < 0 || e.at > max_timestamp) return std::nullopt;
  std::optional<event_data> data = read_event(type, r);
  if (!data || !r.ok()) return std::nullopt;
  e.data = std::move(*data);
  return e;
}
}  // namespace

std::optional<event> event_from_json(const json& object) { return read_event_object(object); }
std::optional<event> event_from_json(const lite_value& object) { return read_event_object(object); }

namespace {
template <class V>
std::variant<rejection, log_read> read_log_of(const V& query) {
  const V* log = member(query, "log");
  if (!log || !log->is_object()) {
    return error(error_code::invalid_command, "\"log\" must be an object.", "log");
  }
  auto invalid = [](std::string message) {
    rejection r = error(error_code::log_invalid, std::move(message));
    r.rule = "R20";
    return r;
  };
  const V* format = member(*log, "format");
  const V* version = member(*log, "version");
  auto format_name = format ? string_of(*format) : std::nullopt;
  auto version_number = version ? number_of(*version) : std::nullopt;
  if (!format_name || *format_name != "milestone-log" || !version_number || !version_number->integer ||
      version_number->value != 1) {
    return invalid("This is not a version 1 milestone log (\"format\": \"milestone-log\", "
                   "\"version\": 1).");
  }
  const V* last_at = member(*log, "lastAt");
  auto clock = last_at ? number_of(*last_at) : std::nullopt;
  if (!clock || !clock->integer || clock->value < 0 || clock->value > max_timestamp) {
    return invalid("The log's lastAt must be an integer time in milliseconds.");
  }
  const V* list = member(*log, "events");
  if (!list || !list->is_array()) return invalid("The log's events must be a list.");
  log_read out;
  out.last_at = clock->value;
  out.events.reserve(list->size());
  for_each_item(*list, [&](const V& item) {
    std::optional<event> e = event_from_json(item);
    if (!e) {
      out.unreadable = out.events.size();
      return false;
    }
    out.events.push_back(std::move(*e));
    return true;
  });
  return out;
}
}  // namespace

std::variant<rejection, log_read> read_log(const json& query) { return read_log_of(query); }
std::variant<rejection, log_read> read_log(const lite_value& query) { return read_log_of(query); }

// ---------------------------------------------------------------------------------------------
// The banner config of R21, from either document: a bad config is INVALID_FIELD, never a crash.

namespace {
template <class V>
std::variant<rejection, banner_config> read_banner_config_of(const V& config) {
  auto bad = [](std::string message) {
    return rejection{error_code::invalid_field, "R21", std::move(message), "config", std::nullopt};
  };
  auto entry = [&](const V& o, const std::string& where,
                   banner_entry& e) -> std::optional<rejection> {
    // A missing or null text keeps its default; any other kind is refused.
    auto text = [&](const char* key, std::string& out) {
      const V* v = member(o, key);
      if (!v || is_null(*v)) return true;
      auto value = string_of(*v);
      if (!value) return false;
      out.assign(*value);
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
  if (const V* global = member(config, "global"); global && !is_null(*global)) {
    if (!global->is_object()) return bad("The banner config's global must be an object.");
    banner_entry e;
    if (auto r = entry(*global, "global", e)) return *r;
    result.global = std::move(e);
  }
  if (const V* list = member(config, "responsive"); list && !is_null(*list)) {
    if (!list->is_array()) return bad("The banner config's responsive must be an array.");
    std::optional<rejection> refused;
    std::size_t i = 0;
    for_each_item(*list, [&](const V& item) {
      const std::string where = "responsive[" + std::to_string(i++) + "]";
      if (!item.is_object()) {
        refused = bad(where + " must be an object.");
        return false;
      }
      banner_entry e;
      if ((refused = entry(item, where, e))) return false;
      result.responsive.push_back(std::move(e));
      return true;
    });
    if (refused) return *refused;
  }
  return result;
}
}  // namespace

std::variant<rejection, banner_config> read_banner_config(const json& config) {
  return read_banner_config_of(config);
}
std::variant<rejection, banner_config> read_banner_config(const lite_value& config) {
  return read_banner_config_of(config);
}

// -----------------------------------------------------------------------------------------------
// Writer

json_writer::json_writer() { out_.reserve(256); }  // most answers fit: no growing on the way

void json_writer::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;
  const std::uint64_t bit = std::uint64_t{1} << (depth_ - 1);
  if (!(empty_ & bit)) out_ += ',';
  empty_ &= ~bit;
}

void json_writer::open(char bracket) {
  separate();
  if (depth_ == 64) throw std::length_error("json_writer: nesting deeper than 64");
  out_ += bracket;
  empty_ |= std::uint64_t{1} << depth_;
  ++depth_;
}

json_writer& json_writer::begin_object() {
  open('{');
  return *this;
}
json_writer& json_writer::end_object() {
  out_ += '}';
  --depth_;
  return *this;
}
json_writer& json_writer::begin_array() {
  open('[');
  return *this;
}
json_writer& json_writer::end_array() {
  out_ += ']';
  --depth_;
  return *this;
}
json_writer& json_writer::key(std::string_view name) {
  // Keys are the protocol's own words (letters only): nothing to escape.
  separate();
  out_ += '"';
  out_.append(name);
  out_.append("\":", 2);
  after_key_ = true;
  return *this;
}
json_writer& json_writer::value(std::string_view text) {
  separate();
  static constexpr char hex[] = "0123456789abcdef";
  out_ += '"';
  std::size_t run = 0;  // start of the characters not yet written, none of which needs escaping
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out_.append("\\\"", 2); break;
      case '\\': out_.append("\\\\", 2); break;
      case '\b': out_.append("\\b", 2); break;
      case '\f': out_.append("\\f", 2); break;
      case '\n': out_.append("\\n", 2); break;
      case '\r': out_.append("\\r", 2); break;
      case '\t': out_.append("\\t", 2); break;
      default: {
        const char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
        out_.append(escape, 6);
      }
    }
  }
  out_.append(text.data() + run, text.size() - run);
  out_ += '"';
  return *this;
}
json_writer& json_writer::value(std::int64_t number) {
  separate();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  out_.append(digits, static_cast<std::size_t>(end - digits));
  return *this;
}
json_writer& json_writer::value(bool flag) {
  separate();
  out_ += flag ? "true" : "false";
  return *this;
}
json_writer& json_writer::null() {
  separate();
  out_ += "null";
  return *this;
}
void write(json_writer& w, const event& e) {
  w.begin_object().key("seq").value(e.seq).key("at").value(e.at).key("type").value(
      type_name(e.data));
  auto id = [&](milestone_number n) { w.key("milestoneId").value(milestone_id(n)); };
  visit_variant(
      overloaded{
          [&](const ev::contract_created& x) {
            w.key("contract").begin_object()
                .key("id").value(x.id)
                .key("title").value(x.title)
                .key("accountType").value(name_of(x.account))
                .key("currency").value(x.currency)
                .key("client").value(x.client)
                .key("freelancer").value(x.freelancer)
                .key("endDate");
            write_optional(w, x.end_date, [&](date d) { w.value(d.to_string()); });
            w.end_object().key("milestones").begin_array();
            for (const milestone_spec& s : x.milestones) write_spec(w, s);
            w.end_array();
          },
          [&](const ev::milestone_added& x) {
            w.key("milestone");
            write_spec(w, x.milestone);
          },
          [&](const ev::milestone_edited& x) {
            id(x.milestone);
            w.key("changes").begin_object();
            if (x.title) w.key("title").value(*x.title);
            if (x.description) w.key("description").value(*x.description);
            if (x.amount) w.key("amount").value(*x.amount);
            w.end_object();
          },
          [&](const ev::milestone_deleted& x) { id(x.milestone); },
          [&](const ev::milestones_reordered& x) {
            w.key("order").begin_array();
            for (milestone_number n : x.order) w.value(milestone_id(n));
            w.end_array();
          },
          [&](const ev::milestone_activated& x) {
            id(x.milestone);
            w.key("amount").value(x.amount).key("fromCredit").value(x.from_credit)
                .key("charged").value(x.charged);
          },
          [&](const ev::work_submitted& x) {
            id(x.milestone);
            w.key("message").value(x.message).key("reviewDeadline").value(x.review_deadline);
          },
          [&](const ev::changes_requested& x) {
            id(x.milestone);
            w.key("message").value(x.message);
          },
          [&](const ev::payment_released& x) {
            id(x.milestone);
            w.key("amount").value(x.amount).key("returned").value(x.returned)
                .key("extra").value(x.extra).key("auto").value(x.automatic);
          },
          [&](const ev::due_date_proposed& x) {
            id(x.milestone);
            w.key("dueDate").value(x.due.to_string()).key("by").value(name_of(x.by));
          },
          [&](const ev::due_date_accepted& x) {
            id(x.milestone);
            w.key("dueDate").value(x.due.to_string()).key("by").value(name_of(x.by));
          },
          [&](const ev::due_date_rejected& x) {
            id(x.milestone);
            w.key("dueDate").value(x.due.to_string()).key("by").value(name_of(x.by));
          },
          [&](const ev::contract_extended& x) { w.key("endDate").value(x.end_date.to_string()); },
          [&](const ev::refund_requested& x) {
            id(x.milestone);
            w.key("amount").value(x.amount).key("reason").value(x.reason);
          },
          [&](const ev::refund_accepted& x) {
            id(x.milestone);
            w.key("amount").value(x.amount);
          },
          [&](const ev::refund_declined& x) {
            id(x.milestone);
            w.key("amount").value(x.amount);
          },
          [&](const ev::contract_ended&) {},
          [&](const ev::credit_returned& x) { w.key("amount").value(x.amount); },
          [&](const ev::feedback_left& x) {
            w.key("by").value(name_of(x.by)).key("rating").value(std::int64_t{x.rating})
                .key("comment").value(x.comment);
          },
      },
      e.data);
  w.end_object();
}

namespace {

void write_note(json_writer& w, const std::optional<text_note>& note) {
  write_optional(w, note, [&](const text_note& n) {
    w.begin_object().key("message").value(n.message).key("at").value(n.at).end_object();
  });
}

void write_feedback(json_writer& w, const std::optional<feedback_entry>& f) {
  write_optional(w, f, [&](const feedback_entry& x) {
    w.begin_object()
        .key("rating").value(std::int64_t{x.rating})
        .key("comment").value(x.comment)
        .key("at").value(x.at)
        .end_object();
  });
}

void write_milestone(json_writer& w, const milestone& m) {
  w.begin_object()
      .key("id").value(milestone_id(m.number))
      .key("title").value(m.title)
      .key("description").value(m.description)
      .key("amount").value(m.amount)
      .key("dueDate").value(m.due.to_string())
      .key("status").value(name_of(m.status))
      .key("funded").value(m.funded)
      .key("escrow").value(m.escrow)
      .key("released").value(m.released)
      .key("returned").value(m.returned)
      .key("refunded").value(m.refunded)
      .key("submission");
  write_note(w, m.submission);
  w.key("reviewDeadline");
  write_optional(w, m.review_deadline, [&](timestamp t) { w.value(t); });
  w.key("revisions").value(std::int64_t{m.revisions})
      .key("autoReleased").value(m.auto_released)
      .key("changeRequest");
  write_note(w, m.change_request);
  w.key("dueDateProposal");
  write_optional(w, m.proposal, [&](const due_date_proposal& p) {
    w.begin_object().key("dueDate").value(p.due.to_string()).key("by").value(name_of(p.by))
        .end_object();
  });
  w.key("refundRequest");
  write_optional(w, m.refund, [&](const refund_request& r) {
    w.begin_object().key("amount").value(r.amount).key("reason").value(r.reason)
        .key("at").value(r.at).end_object();
  });
  w.end_object();
}

}  // namespace

void write(json_writer& w, const contract& c) {
  w.begin_object().key("contract").begin_object()
      .key("id").value(c.id)
      .key("title").value(c.title)
      .key("accountType").value(name_of(c.account))
      .key("currency").value(c.currency)
      .key("client").value(c.client)
      .key("freelancer").value(c.freelancer)
      .key("status").value(name_of(c.status))
      .key("createdAt").value(c.created_at)
      .key("endDate");
  write_optional(w, c.end_date, [&](date d) { w.value(d.to_string()); });
  w.key("endedAt");
  write_optional(w, c.ended_at, [&](timestamp t) { w.value(t); });
  w.end_object().key("milestones").begin_array();
  for (const milestone& m : c.milestones) write_milestone(w, m);
  const struct totals& t = c.totals;
  w.end_array().key("totals").begin_object()
      .key("budget").value(t.budget)
      .key("funded").value(t.funded)
      .key("escrow").value(t.escrow)
      .key("released").value(t.released)
      .key("returned").value(t.returned)
      .key("refunded").value(t.refunded)
      .key("charged").value(t.charged)
      .key("credit").value(t.credit)
      .key("creditReturned").value(t.credit_returned)
      .end_object()
      .key("feedback").begin_object().key("client");
  write_feedback(w, c.client_feedback);
  w.key("freelancer");
  write_feedback(w, c.freelancer_feedback);
  w.end_object().key("seq").value(c.seq).key("lastAt").value(c.last_at).end_object();
}

void write(json_writer& w, const rejection& r) {
  w.begin_object().key("code").value(name_of(r.code)).key("message").value(r.message);
  if (!r.rule.empty()) w.key("rule").value(r.rule);
  if (!r.field.empty()) w.key("field").value(r.field);
  if (r.index) w.key("index").value(*r.index);
  w.end_object();
}

void write_log(json_writer& w, const std::vector<event>& events, timestamp last_at) {
  w.begin_object()
      .key("format").value("milestone-log")
      .key("version").value(std::int64_t{1})
      .key("lastAt").value(last_at)
      .key("events").begin_array();
  for (const event& e : events) write(w, e);
  w.end_array().end_object();
}

void write_allowed(json_writer& w, const std::vector<allowed_command>& entries) {
  w.begin_array();
  for (const allowed_command& a : entries) {
    w.begin_object().key("type").value(a.type);
    if (a.milestone) w.key("milestoneId").value(milestone_id(*a.milestone));
    w.end_object();
  }
  w.end_array();
}

// -----------------------------------------------------------------------------------------------
// The fast path: most lines are flat commands with plain strings. They are read straight into a
// command without building a document. Anything unusual (a query, nesting, escapes, null, a
// fraction, an unknown or repeated key, a missing field) returns nullopt and the full parser
// above decides, so both paths always agree (checked by the property tests and the fuzzer).

namespace {

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > n) return false;
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return false;
    for (std::size_t k = 2; k < len; ++k) {
      const auto ck = static_cast<unsigned char>(s[i + k]);
      if (ck < 0x80 || ck > 0xBF) return false;
    }
    i += len;
  }
  return true;
}

enum class fast_key : std::uint8_t {
  type, actor, at, milestone_id, message, amount, due_date, accept, to_index, end_date, reason,
  rating, comment, count
};

struct fast_value {
  enum kind_t : std::uint8_t { none, text, integer, boolean } kind = none;
  std::string_view text_value;
  std::int64_t integer_value = 0;
  bool bool_value = false;
};

std::optional<fast_key> key_of(std::string_view k) {
  static constexpr std::pair<std::string_view, fast_key> keys[] = {
      {"type", fast_key::type},         {"actor", fast_key::actor},
      {"at", fast_key::at},             {"milestoneId", fast_key::milestone_id},
      {"message", fast_key::message},   {"amount", fast_key::amount},
      {"dueDate", fast_key::due_date},  {"accept", fast_key::accept},
      {"toIndex", fast_key::to_index},  {"endDate", fast_key::end_date},
      {"reason", fast_key::reason},     {"rating", fast_key::rating},
      {"comment", fast_key::comment}};
  for (const auto& [name, key] : keys) {
    if (name == k) return key;
  }
  return std::nullopt;
}

// The scanning both fast paths share: plain JSON only. Strings without escapes or control
// characters (valid UTF-8), integers of at most 18 digits without a leading zero or "-0";
// anything else answers false, and the full parser decides.
class plain_scanner {
 public:
  explicit plain_scanner(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

 protected:
  const char* p_;
  const char* end_;

  bool at_end() const { return p_ == end_; }
  char peek() const { return p_ < end_ ? *p_ : '\0'; }
  bool eat(char c) {
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  void skip() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\r' || *p_ == '\n')) ++p_;
  }
  bool word(std::string_view w) {
    if (static_cast<std::size_t>(end_ - p_) < w.size() || std::string_view(p_, w.size()) != w) return false;
    p_ += w.size();
    return true;
  }
  bool string(std::string_view& out) {
    if (!eat('"')) return false;
    const char* start = p_;
    bool ascii = true;
    while (p_ < end_ && *p_ != '"') {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '\\' || c < 0x20) return false;
      ascii = ascii && c < 0x80;
      ++p_;
    }
    if (p_ == end_) return false;
    out = std::string_view(start, static_cast<std::size_t>(p_ - start));
    ++p_;
    return ascii || valid_utf8(out);
  }
  bool integer(std::int64_t& out) {
    const bool negative = eat('-');
    if (peek() < '0' || peek() > '9') return false;
    if (peek() == '0' && p_ + 1 < end_ && p_[1] >= '0' && p_[1] <= '9') return false;  // leading zero
    std::uint64_t magnitude = 0;
    int digits = 0;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
      if (++digits > 18) return false;  // large numbers go the careful way
      magnitude = magnitude * 10 + static_cast<std::uint64_t>(*p_ - '0');
      ++p_;
    }
    const char next = peek();
    if (next == '.' || next == 'e' || next == 'E') return false;
    if (negative && magnitude == 0) return false;  // -0: the full parser's business
    out = negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
    return true;
  }
};

class flat_reader : plain_scanner {
 public:
  using plain_scanner::plain_scanner;

  bool read(fast_value (&values)[static_cast<int>(fast_key::count)]) {
    skip();
    if (!eat('{')) return false;
    skip();
    if (peek() == '}') return false;
    for (;;) {
      std::string_view name;
      if (!string(name)) return false;
      const auto key = key_of(name);
      if (!key) return false;
      fast_value& slot = values[static_cast<int>(*key)];
      if (slot.kind != fast_value::none) return false;  // a repeated key
      skip();
      if (!eat(':')) return false;
      skip();
      if (!value(slot)) return false;
      skip();
      if (eat(',')) {
        skip();
        continue;
      }
      if (!eat('}')) return false;
      break;
    }
    skip();
    return at_end();
  }

 private:
  bool value(fast_value& v) {
    const char c = peek();
    if (c == '"') {
      v.kind = fast_value::text;
      return string(v.text_value);
    }
    if (c == 't' || c == 'f') {
      v.kind = fast_value::boolean;
      v.bool_value = c == 't';
      return word(c == 't' ? "true" : "false");
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      v.kind = fast_value::integer;
      return integer(v.integer_value);
    }
    return false;  // null, objects and arrays take the full path
  }
};

}  // namespace

std::optional<command> fast_command(std::string_view line) {
  if (line.size() > 4096) return std::nullopt;
  fast_value v[static_cast<int>(fast_key::count)];
  if (!flat_reader(line).read(v)) return std::nullopt;
  auto get = [&](fast_key k) -> const fast_value& { return v[static_cast<int>(k)]; };
  auto text = [&](fast_key k, std::string& out) {
    if (get(k).kind != fast_value::text) return false;
    out.assign(get(k).text_value);
    return true;
  };
  auto integer = [&](fast_key k, integer_field& out) {
    if (get(k).kind != fast_value::integer) return false;
    out = integer_field{true, get(k).integer_value};
    return true;
  };
  auto flag = [&](fast_key k, bool& out) {
    if (get(k).kind != fast_value::boolean) return false;
    out = get(k).bool_value;
    return true;
  };
  // Optional integers: absent is fine, any other kind takes the full path.
  auto optional_integer = [&](fast_key k, std::optional<integer_field>& out) {
    if (get(k).kind == fast_value::none) return true;
    integer_field value;
    if (!integer(k, value)) return false;
    out = value;
    return true;
  };
  command c;
  std::string type, actor;
  integer_field at;
  if (!text(fast_key::type, type) || !text(fast_key::actor, actor) || !integer(fast_key::at, at)) {
    return std::nullopt;
  }
  if (at.value < 0 || at.value > max_timestamp) return std::nullopt;
  c.actor = parse_party(actor);
  c.at = at.value;
  std::string id;
  const bool has_id = text(fast_key::milestone_id, id);
  if (type == "activate_milestone" && has_id) {
    c.data = cmd::activate_milestone{std::move(id)};
  } else if (type == "delete_milestone" && has_id) {
    c.data = cmd::delete_milestone{std::move(id)};
  } else if ((type == "submit_work" || type == "request_changes") && has_id) {
    std::string message;
    if (!text(fast_key::message, message)) return std::nullopt;
    if (type == "submit_work") c.data = cmd::submit_work{std::move(id), std::move(message)};
    else c.data = cmd::request_changes{std::move(id), std::move(message)};
  } else if (type == "release_payment" && has_id) {
    cmd::release_payment r{std::move(id), std::nullopt};
    if (!optional_integer(fast_key::amount, r.amount)) return std::nullopt;
    c.data = std::move(r);
  } else if (type == "propose_due_date" && has_id) {
    cmd::propose_due_date p{std::move(id), {}};
    if (!text(fast_key::due_date, p.due_date)) return std::nullopt;
    c.data = std::move(p);
  } else if (type == "respond_due_date" && has_id) {
    cmd::respond_due_date r{std::move(id), false};
    if (!flag(fast_key::accept, r.accept)) return std::nullopt;
    c.data = std::move(r);
  } else if (type == "move_milestone" && has_id) {
    cmd::move_milestone m{std::move(id), {}};
    if (!integer(fast_key::to_index, m.to_index)) return std::nullopt;
    c.data = std::move(m);
  } else if (type == "request_refund" && has_id) {
    cmd::request_refund r{std::move(id), {}, {}};
    if (!integer(fast_key::amount, r.amount) || !text(fast_key::reason, r.reason)) return std::nullopt;
    c.data = std::move(r);
  } else if (type == "respond_refund" && has_id) {
    cmd::respond_refund r{std::move(id), false, std::nullopt};
    if (!flag(fast_key::accept, r.accept) || !optional_integer(fast_key::amount, r.amount)) return std::nullopt;
    c.data = std::move(r);
  } else if (type == "extend_contract") {
    cmd::extend_contract e;
    if (!text(fast_key::end_date, e.end_date)) return std::nullopt;
    c.data = std::move(e);
  } else if (type == "leave_feedback") {
    cmd::leave_feedback f;
    if (!integer(fast_key::rating, f.rating) || !text(fast_key::comment, f.comment)) return std::nullopt;
    c.data = std::move(f);
  } else if (type == "end_contract") {
    c.data = cmd::end_contract{};
  } else if (type == "tick") {
    c.data = cmd::tick{};
  } else {
    return std::nullopt;
  }
  return c;
}

// -----------------------------------------------------------------------------------------------
// The lite document (see json.hpp): a strict JSON parser that only says yes to plain JSON and
// leaves everything else to parse_line.

const lite_value* lite_value::find(std::string_view name) const {
  if (type != kind::object) return nullptr;
  for (const lite_value* m = first; m; m = m->next) {
    if (m->key == name) return m;
  }
  return nullptr;
}

lite_value* lite_document::make() {
  constexpr std::size_t chunk = 4096;
  if (chunks_.empty() || used_ == chunk) {
    chunks_.push_back(std::make_unique<lite_value[]>(chunk));
    used_ = 0;
  }
  return &chunks_.back()[used_++];
}

class lite_parser : plain_scanner {
 public:
  lite_parser(std::string_view text, lite_document& doc) : plain_scanner(text), doc_(doc) {}

  const lite_value* document() {
    skip();
    lite_value* root = doc_.make();
    if (!value(*root, 0)) return nullptr;
    skip();
    return at_end() ? root : nullptr;
  }

 private:
  static constexpr int max_lite_depth = 32;
  static constexpr std::uint32_t max_lite_members = 64;
  lite_document& doc_;

  bool value(lite_value& v, int depth) {
    switch (peek()) {
      case '{': return container(v, depth + 1, lite_value::kind::object);
      case '[': return container(v, depth + 1, lite_value::kind::array);
      case '"':
        v.type = lite_value::kind::string;
        return string(v.text);
      case 't':
        v.type = lite_value::kind::boolean;
        v.flag = true;
        return word("true");
      case 'f':
        v.type = lite_value::kind::boolean;
        return word("false");
      case 'n':
        v.type = lite_value::kind::null;
        return word("null");
      default:
        v.type = lite_value::kind::integer;
        return integer(v.number);
    }
  }
  // An object or an array: the members (with their keys) or items, linked in order.
  bool container(lite_value& v, int depth, lite_value::kind kind) {
    if (depth > max_lite_depth) return false;
    const bool object = kind == lite_value::kind::object;
    const char close = object ? '}' : ']';
    ++p_;
    v.type = kind;
    skip();
    if (eat(close)) return true;
    lite_value* last = nullptr;
    for (;;) {
      std::string_view name;
      if (object) {
        if (!string(name) || v.count >= max_lite_members) return false;
        for (const lite_value* m = v.first; m; m = m->next) {
          if (m->key == name) return false;  // a repeated key: parse_line refuses it in words
        }
        skip();
        if (!eat(':')) return false;
        skip();
      }
      lite_value* child = doc_.make();
      child->key = name;
      if (!value(*child, depth)) return false;
      (last ? last->next : v.first) = child;
      last = child;
      ++v.count;
      skip();
      if (eat(',')) {
        skip();
        continue;
      }
      return eat(close);
    }
  }
};

bool lite_document::parse(std::string_view text) {
  chunks_.clear();
  used_ = 0;
  root_ = nullptr;
  if (text.size() > max_line_bytes) return false;
  root_ = lite_parser(text, *this).document();
  return root_ != nullptr;
}

}  // namespace milestones
