// Edge checks, all in one place (see checks.hpp).
#include "rules/checks.hpp"

#include "engine/signatures.hpp"
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

// "U+202E"
std::string code_point(char32_t c) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string code = "U+";
  for (int shift = c > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4) code += hex[(c >> shift) & 0xF];
  return code;
}

// Control characters and bidirectional overrides are refused: they hide or disguise text.
void field_checks::characters(std::string_view value, bool multiline, std::string_view what,
                              const field_ref& field) {
  if (auto c = forbidden_character(value, multiline)) {
    const std::string code = code_point(*c);
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

void field_checks::attachments(const std::vector<attachment_draft>& list) {
  if (list.size() > max_attachments) {
    fail(reject(error_code::invalid_field, "R25",
                "At most 20 files can go with a submission; this one has " +
                    std::to_string(list.size()) + ".",
                "attachments")
             .with("limit", static_cast<std::int64_t>(max_attachments))
             .with("count", static_cast<std::int64_t>(list.size())));
  }
  for (std::size_t i = 0; i < list.size(); ++i) attachment(list[i], i);
}

namespace {

bool is_sha256(std::string_view hex) {
  if (hex.size() != 64) return false;
  for (char c : hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

void field_checks::public_key(std::string_view key, const char* field) {
  if (is_public_key(key)) return;
  fail(reject(error_code::invalid_field, "R26",
              "A signing key must be an Ed25519 public key: 43 characters of base64url.", field)
           .with("length", static_cast<std::int64_t>(key.size())));
}

// R25: one attachment, at `index` of the list; its words name it from 1 ("attachment 4"). Words
// and field names are put together only for a problem.
void field_checks::attachment(const attachment_draft& a, std::size_t index) {
  auto which = [&] { return "attachment " + std::to_string(index + 1); };
  auto bad = [&](std::string message, std::string_view name) {
    return reject(error_code::invalid_field, "R25", std::move(message),
                  field_ref("attachments", index, name).str());
  };
  // The name: trimmed, 1–255 characters, one line, the text rules.
  const std::string_view name = trim(a.name);
  const std::size_t length = name.empty() ? 0 : code_points(name);
  if (length == 0) {
    fail(bad("The name of " + which() + " must not be empty.", "name"));
  } else if (length > max_attachment_name) {
    fail(bad("The name of " + which() + " is too long: at most 255 characters are allowed.",
             "name")
             .with("limit", static_cast<std::int64_t>(max_attachment_name))
             .with("length", static_cast<std::int64_t>(length)));
  }
  if (auto c = forbidden_character(name, false)) {
    fail(bad("The name of " + which() + " contains the invisible control character " +
                 code_point(*c) + "; remove it.",
             "name")
             .with("character", code_point(*c)));
  }
  // The size: whole bytes, 0 … 2^53 − 1.
  if (!a.size.integer || a.size.value < 0 || a.size.value > max_attachment_size) {
    rejection r = bad("The size of " + which() + " must be a whole number of bytes from 0 to " +
                          grouped(max_attachment_size) + ".",
                      "size")
                      .with("min", std::int64_t{0})
                      .with("max", max_attachment_size);
    if (a.size.integer) {
      r.params.add("size", a.size.value);
    } else {
      r.params.add_null("size");
    }
    fail(std::move(r));
  }
  // The SHA-256: exactly 64 lowercase hexadecimal digits.
  if (!is_sha256(a.sha256)) {
    fail(bad("The SHA-256 of " + which() +
                 " must be 64 lowercase hexadecimal digits (0-9, a-f).",
             "sha256"));
  }
  // The link, if any: https:// and 1–2,040 characters with no white space or control character
  // (nor, as in all stored text, a bidirectional control).
  if (a.url) {
    constexpr std::string_view scheme = "https://";
    const std::string_view url = *a.url;
    const bool secure = url.size() > scheme.size() && url.substr(0, scheme.size()) == scheme;
    const std::size_t rest = secure ? code_points(url.substr(scheme.size())) : 0;
    if (!secure) {
      fail(bad("The link of " + which() + " must be an address that starts with https://.",
               "url"));
    } else if (rest > max_url_rest) {
      fail(bad("The link of " + which() +
                   " is too long: at most 2,040 characters after https:// are allowed.",
               "url")
               .with("limit", static_cast<std::int64_t>(max_url_rest))
               .with("length", static_cast<std::int64_t>(rest)));
    }
    if (auto c = space_or_forbidden(url)) {
      fail(bad("The link of " + which() + " contains a space or an invisible character (" +
                   code_point(*c) + "); remove it.",
               "url")
               .with("character", code_point(*c)));
    }
  }
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
