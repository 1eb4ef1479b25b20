// Edge checks, all in one place (see checks.hpp).
#include "rules/checks.hpp"

#include "model/text.hpp"
#include "rules/words.hpp"

namespace milestones {

rejection invalid_time() {
  return reject(error_code::invalid_command, "",
                "The time of a command must be a whole number of milliseconds from 0 to "
                "253402300799999.",
                "at")
      .with("min", std::int64_t{0})
      .with("max", max_timestamp);
}

std::optional<rejection> check_time(const integer_field& at) {
  if (at.integer && valid_time(at.value)) return std::nullopt;
  return invalid_time();
}

std::string field_ref::str() const {
  std::string out(prefix);
  if (index) out += "[" + std::to_string(*index) + "].";
  out += name;
  return out;
}

void field_checks::fail(error_code code, std::string rule, std::string message,
                        std::string field) {
  fail(reject(code, std::move(rule), std::move(message), std::move(field)));
}

void field_checks::fail(rejection r) {
  if (every_) {
    every_->push_back(std::move(r));
    ++failures_;
    return;
  }
  const int rank = r.code == error_code::limit_exceeded ? 1 : 0;
  if (found_ && rank_ <= rank) return;
  found_ = std::move(r);
  rank_ = rank;
}

void field_checks::required_text(std::string_view value, std::size_t limit, text_kind kind,
                                 std::string_view what, const field_ref& field,
                                 const char* rule) {
  if (printable_ascii(value)) {  // the common case, without decoding: only ' ' trims
    const std::size_t first = value.find_first_not_of(' ');
    const std::size_t size =
        first == std::string_view::npos ? 0 : value.find_last_not_of(' ') + 1 - first;
    text_length(size, limit, what, field, rule);
    return;
  }
  // Trimming comes first, then the checks: "Acme\t" pasted from a spreadsheet is "Acme".
  const std::string_view trimmed = trim(value);
  text_length(trimmed.empty() ? 0 : code_points(trimmed), limit, what, field, rule);
  const bool trimmed_kept = kind == text_kind::trimmed_line || kind == text_kind::trimmed_lines;
  const bool multiline = kind == text_kind::lines || kind == text_kind::trimmed_lines;
  characters(trimmed_kept ? trimmed : value, multiline, what, field);
}

void field_checks::text_length(std::size_t length, std::size_t limit, std::string_view what,
                               const field_ref& field, const char* rule) {
  if (length == 0) {
    fail(error_code::invalid_field, rule, std::string(what) + " must not be empty.", field.str());
  } else if (length > limit) {
    fail(reject(error_code::limit_exceeded, rule,
                std::string(what) + " is too long: at most " + std::to_string(limit) +
                    " characters are allowed.",
                field.str())
             .with("limit", static_cast<std::int64_t>(limit))
             .with("length", static_cast<std::int64_t>(length)));
  }
}

void field_checks::optional_text(std::string_view value, std::string_view what,
                                 const field_ref& field) {
  if (const std::size_t length = code_points(value); length > max_text) {
    fail(reject(error_code::limit_exceeded, "",
                std::string(what) + " is too long: at most 5000 characters are allowed.",
                field.str())
             .with("limit", static_cast<std::int64_t>(max_text))
             .with("length", static_cast<std::int64_t>(length)));
  }
  characters(value, true, what, field);
}

// Control characters and bidirectional overrides are refused: they hide or disguise text.
void field_checks::characters(std::string_view value, bool multiline, std::string_view what,
                              const field_ref& field) {
  if (auto c = forbidden_character(value, multiline)) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string code = "U+";
    for (int shift = *c > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4) {
      code += hex[(*c >> shift) & 0xF];
    }
    fail(reject(error_code::invalid_field, "",
                std::string(what) + " contains the invisible control character " + code +
                    "; remove it.",
                field.str())
             .with("character", code));
  }
}

void field_checks::amount(const integer_field& value, cents min, cents max,
                          const field_ref& field, const char* rule) {
  if (!value.integer || value.value < min.value || value.value > max.value) {
    const std::string range = "from " + dollars(min) + " to " + dollars(max);
    rejection r = reject(error_code::invalid_amount, rule,
                         value.integer ? "The amount must be " + range + "; " +
                                             dollars(cents{value.value}) + " is not."
                                       : "The amount must be in whole cents, " + range + ".",
                         field.str())
                      .with("min", min.value)
                      .with("max", max.value);
    if (value.integer) {
      r.params.add("amount", value.value);
    } else {
      r.params.add_null("amount");
    }
    fail(std::move(r));
  }
}

std::optional<date> field_checks::future_date(const std::string& text, const field_ref& field,
                                              const char* rule) {
  std::optional<date> d = date::parse(text);
  if (!d) {
    fail(reject(error_code::invalid_date, rule,
                text.empty() ? "Choose a date." : quoted(text) + " is not a date on the calendar.",
                field.str())
             .with("date", text)
             .with("earliest", today_.to_string()));
  } else if (*d < today_) {
    fail(reject(error_code::invalid_date, rule,
                readable(*d) + " is in the past; choose " + readable(today_) + " or later.",
                field.str())
             .with("date", text)
             .with("earliest", today_.to_string()));
    return std::nullopt;
  }
  return d;
}

// R1 (amount), R12 (a due date not in the past) and the text limits of a milestone.
void field_checks::milestone(const milestone_draft& m, std::string_view prefix,
                             std::optional<std::size_t> index) {
  required_text(m.title, max_title, text_kind::trimmed_line, "The milestone title",
                field_ref(prefix, index, "title"));
  if (m.description) {
    optional_text(*m.description, "The description", field_ref(prefix, index, "description"));
  }
  amount(m.amount, min_milestone_amount, max_amount, field_ref(prefix, index, "amount"), "R1");
  future_date(m.due_date, field_ref(prefix, index, "dueDate"), "R12");
}

}  // namespace milestones
