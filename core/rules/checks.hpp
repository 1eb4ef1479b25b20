// Edge checks, all in one place: the time of a command, integers, amounts, dates, text lengths and
// characters. They need only the command, never the contract.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/commands.hpp"
#include "model/domain.hpp"
#include "model/rejection.hpp"

namespace milestones {

inline constexpr std::size_t max_title = 200;   // characters, after trimming
inline constexpr std::size_t max_name = 100;    // client, freelancer, contract id
inline constexpr std::size_t max_text = 5000;   // descriptions, messages, reasons, comments
inline constexpr std::size_t max_milestones = 1000;
inline constexpr std::size_t max_attachments = 20;         // R25: per submission
inline constexpr std::size_t max_attachment_name = 255;    // characters, after trimming
inline constexpr std::size_t max_url_rest = 2040;          // characters after "https://"
inline constexpr std::int64_t max_attachment_size = 9'007'199'254'740'991;  // 2^53 - 1 bytes

/// A code point as a refusal names it: "U+202E".
std::string code_point(char32_t c);

/// The refusal of an `at` that is not an integer in 0 … max_timestamp (INVALID_COMMAND).
rejection invalid_time();
/// nullopt when `at` is an integer the protocol takes, else invalid_time().
std::optional<rejection> check_time(const integer_field& at);

/// The name of a field, put together only when a check fails (most commands pass every check, so
/// no string is built for them): "contract.title", or "contract.milestones" [3] "title".
struct field_ref {
  std::string_view prefix;
  std::optional<std::size_t> index;
  std::string_view name;

  field_ref(const char* full) : name(full) {}  // NOLINT: a plain field name reads naturally
  field_ref(std::string_view prefix_, std::optional<std::size_t> index_, std::string_view name_)
      : prefix(prefix_), index(index_), name(name_) {}
  std::string str() const;
};

/// How text is kept: titles and names trimmed on one line, an id as sent on one line, messages
/// as sent over several lines (tab, line feed and carriage return allowed), and a posted message
/// (R24) trimmed over several lines.
enum class text_kind : std::uint8_t { trimmed_line, line, lines, trimmed_lines };

/// The field checks of one command. They keep the first failure of the highest precedence:
/// INVALID_AMOUNT / INVALID_DATE / INVALID_FIELD before LIMIT_EXCEEDED (PROTOCOL.md); given
/// `every`, they append every failure to it instead, in the order checked (the `check` query).
class field_checks {
 public:
  explicit field_checks(timestamp at, std::vector<rejection>* every = nullptr)
      : today_(earliest_day(at)), every_(every) {}

  void fail(error_code code, std::string rule, std::string message, std::string field);
  /// The same, with the refusal whole (its params too).
  void fail(rejection r);

  /// Required text: not empty after trimming, at most `limit` characters after trimming, and no
  /// forbidden character in what is kept (the trimmed text for `trimmed_line`).
  void required_text(std::string_view value, std::size_t limit, text_kind kind,
                     std::string_view what, const field_ref& field, const char* rule = "");
  /// Optional multi-line text (a description or a comment): at most max_text characters.
  void optional_text(std::string_view value, std::string_view what, const field_ref& field);
  /// A whole number of cents in [min, max] (INVALID_AMOUNT).
  void amount(const integer_field& value, cents min, cents max, const field_ref& field,
              const char* rule);
  /// A due date or end date: strict YYYY-MM-DD, not before the UTC day of the command.
  std::optional<date> future_date(const std::string& text, const field_ref& field,
                                  const char* rule);
  /// A milestone draft under `prefix` ("milestone.", or "contract.milestones" with an index): R1,
  /// R12 and the text limits.
  void milestone(const milestone_draft& m, std::string_view prefix,
                 std::optional<std::size_t> index);
  /// R25: a submission's attachments: at most max_attachments, each one's name, size, SHA-256 and
  /// link. Every problem is INVALID_FIELD naming its field ("attachments[3].sha256", "attachments"
  /// for the count), and each attachment is checked, so `check` lists them all.
  void attachments(const std::vector<attachment_draft>& list);
  /// R26: a party's Ed25519 public key: its 32 bytes in base64url without padding (43
  /// characters, the last one of 16 that end in four zero bits). INVALID_FIELD at `field`.
  void public_key(std::string_view key, const char* field);

  std::optional<rejection> result() { return std::move(found_); }
  /// Whether any check failed (either way of keeping them).
  bool failed() const { return found_.has_value() || failures_ > 0; }

 private:
  void text_length(std::size_t length, std::size_t limit, std::string_view what,
                   const field_ref& field, const char* rule);
  void characters(std::string_view value, bool multiline, std::string_view what,
                  const field_ref& field);
  void attachment(const attachment_draft& a, std::size_t index);

  date today_;
  std::vector<rejection>* every_;
  std::size_t failures_ = 0;
  std::optional<rejection> found_;
  int rank_ = 0;
};

}  // namespace milestones
