// Rejections: why a command was refused, as data (code, rule, message, field, params).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace milestones {

/// Every error code of PROTOCOL.md.
enum class error_code : std::uint8_t {
  invalid_json,
  invalid_command,
  clock_backwards,
  no_contract,
  contract_exists,
  invalid_amount,
  invalid_date,
  invalid_field,
  limit_exceeded,
  not_permitted,
  contract_ended,
  unknown_milestone,
  contract_locked,
  milestone_locked,
  another_milestone_active,
  not_next_milestone,
  invalid_state,
  review_window_closed,
  outside_contract_scope,
  contract_incomplete,
  duplicate_feedback,
  refund_too_large,
  no_open_request,
  log_invalid,
};

/// The code as it appears on the wire, e.g. "ANOTHER_MILESTONE_ACTIVE".
std::string_view name_of(error_code code);

/// One value a refusal's words use, under its key (PROTOCOL.md, "Refusal params"): a whole
/// number (cents, milliseconds, a count), a text (an id, a title, an ISO date) or null.
struct param {
  enum class kind : std::uint8_t { number, text, null };

  std::string_view key;  // always a string literal
  kind type = kind::null;
  std::int64_t number = 0;
  std::string text;

  auto tie() const { return std::tie(key, type, number, text); }
  bool operator==(const param& o) const { return tie() == o.tie(); }
};

/// The params of a refusal, in the order they are written. Held in place (a refusal names at
/// most a few values): `allowed` builds refusals by the hundred, and they cost no allocation
/// beyond the texts' own.
class param_list {
 public:
  static constexpr std::size_t capacity = 5;

  param_list& add(std::string_view key, std::int64_t number) {
    param& p = next(key);
    p.type = param::kind::number;
    p.number = number;
    return *this;
  }
  param_list& add(std::string_view key, std::string text) {
    param& p = next(key);
    p.type = param::kind::text;
    p.text = std::move(text);
    return *this;
  }
  param_list& add(std::string_view key, const char* text) { return add(key, std::string(text)); }
  param_list& add(std::string_view key, std::string_view text) {
    return add(key, std::string(text));
  }
  param_list& add_null(std::string_view key) {
    next(key);
    return *this;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const param* begin() const { return items_.data(); }
  const param* end() const { return items_.data() + size_; }
  /// The param under `key`, or nullptr.
  const param* find(std::string_view key) const {
    for (const param& p : *this) {
      if (p.key == key) return &p;
    }
    return nullptr;
  }

  bool operator==(const param_list& o) const {
    if (size_ != o.size_) return false;
    for (std::size_t i = 0; i < size_; ++i) {
      if (!(items_[i] == o.items_[i])) return false;
    }
    return true;
  }
  bool operator!=(const param_list& o) const { return !(*this == o); }

 private:
  param& next(std::string_view key);

  std::array<param, capacity> items_;
  std::uint8_t size_ = 0;
};

/// A refused command or query. `rule` ("R6") and `field` ("amount") are empty where they do not
/// apply; `index` is set only for LOG_INVALID with a bad event. `message` is plain words for a
/// person; `params` the values those words use, for a host that words refusals itself; `detail`
/// (often empty) a technical account for developers (a JSON parser's words).
struct rejection {
  error_code code = error_code::invalid_command;
  std::string rule;
  std::string message;
  std::string field;
  std::optional<std::int64_t> index;
  param_list params;
  std::string detail;

  auto tie() const { return std::tie(code, rule, message, field, index, params, detail); }

  /// Adds a param: `return reject(…).with("title", t).with("amount", a);`
  template <class V>
  rejection&& with(std::string_view key, V&& value) && {
    params.add(key, std::forward<V>(value));
    return std::move(*this);
  }
  rejection&& with_null(std::string_view key) && {
    params.add_null(key);
    return std::move(*this);
  }
  rejection&& with_detail(std::string text) && {
    detail = std::move(text);
    return std::move(*this);
  }
};

/// The one way to build a rejection: `rule` and `field` may be empty.
inline rejection reject(error_code code, std::string rule, std::string message,
                        std::string field = {}) {
  return rejection{code,         std::move(rule), std::move(message), std::move(field),
                   std::nullopt, param_list{},    std::string{}};
}

}  // namespace milestones
