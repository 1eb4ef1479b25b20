// The words of INVALID_JSON: where and why a line is not JSON, worded as nlohmann_json's parser
// words it (the protocol's words since its first version). Only ever run on a line json_document
// refused, so the parser of every other line stays small and fast.
//
// This is nlohmann's lexer and SAX parser (3.11.2, strict, no comments) cut down to what an error
// needs: the same reads byte by byte, the same count of bytes read (it counts the end of the text
// each time it reads it, and gives back what it reads ahead), the same token names and messages.
// It words exactly as nlohmann does: the unit, property and fuzz tests compare the two on every
// line they refuse (tests/support/json_agreement.hpp), and the module carries no second parser.
#include <set>
#include <string>
#include <vector>

#include "json/document.hpp"
#include "model/text.hpp"

namespace milestones {

namespace {

enum class token {
  uninitialized, literal_true, literal_false, literal_null, value_string, value_number,
  begin_array, begin_object, end_array, end_object, name_separator, value_separator,
  parse_error, end_of_input, literal_or_value
};

const char* name_of(token t) {
  switch (t) {
    case token::literal_true: return "true literal";
    case token::literal_false: return "false literal";
    case token::literal_null: return "null literal";
    case token::value_string: return "string literal";
    case token::value_number: return "number literal";
    case token::begin_array: return "'['";
    case token::begin_object: return "'{'";
    case token::end_array: return "']'";
    case token::end_object: return "'}'";
    case token::name_separator: return "':'";
    case token::value_separator: return "','";
    case token::end_of_input: return "end of input";
    case token::literal_or_value: return "'[', '{', or a literal";
    default: return "<parse error>";
  }
}

constexpr int eof = -1;

class lexer {
 public:
  explicit lexer(std::string_view text) : text_(text) {}

  std::size_t position() const { return read_; }
  const std::string& error() const { return error_; }
  const std::string& string() const { return buffer_; }
  std::string_view number() const { return number_; }

  token scan() {
    if (read_ == 0 && !skip_bom()) return fail("invalid BOM; must be 0xEF 0xBB 0xBF if given");
    do {
      get();
    } while (current_ == ' ' || current_ == '\t' || current_ == '\n' || current_ == '\r');
    switch (current_) {
      case '[': return token::begin_array;
      case ']': return token::end_array;
      case '{': return token::begin_object;
      case '}': return token::end_object;
      case ':': return token::name_separator;
      case ',': return token::value_separator;
      case 't': return literal("true", token::literal_true);
      case 'f': return literal("false", token::literal_false);
      case 'n': return literal("null", token::literal_null);
      case '"': return scan_string();
      case '\0':
      case eof: return token::end_of_input;
      default:
        if (current_ == '-' || digit(current_)) return scan_number();
        return fail("invalid literal");
    }
  }

 private:
  std::string_view text_;
  std::size_t next_ = 0;  // the next byte of the text to read
  std::size_t read_ = 0;  // bytes read, as nlohmann counts them
  int current_ = eof;
  bool again_ = false;  // the next read gives `current_` again
  std::string_view number_;  // the last number read
  std::string buffer_;       // the last string read, decoded
  std::string error_;

  static bool digit(int c) { return c >= '0' && c <= '9'; }

  int get() {
    ++read_;
    if (again_) {
      again_ = false;
    } else {
      current_ = next_ < text_.size() ? static_cast<unsigned char>(text_[next_++]) : eof;
    }
    return current_;
  }
  void unget() {
    again_ = true;
    --read_;
  }
  token fail(std::string why) {
    error_ = std::move(why);
    return token::parse_error;
  }

  bool skip_bom() {
    if (get() == 0xEF) return get() == 0xBB && get() == 0xBF;
    unget();
    return true;
  }

  token literal(std::string_view word, token kind) {
    for (std::size_t i = 1; i < word.size(); ++i) {
      if (get() != static_cast<unsigned char>(word[i])) return fail("invalid literal");
    }
    return kind;
  }

  int hex4() {
    int unit = 0;
    for (int i = 0; i < 4; ++i) {
      const int c = get();
      const int d = digit(c) ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return -1;
      unit = unit * 16 + d;
    }
    return unit;
  }

  // The bytes after a UTF-8 lead byte, each within its range: {low, high} pairs.
  bool continuation(std::initializer_list<int> ranges) {
    for (auto r = ranges.begin(); r != ranges.end(); r += 2) {
      if (get() < r[0] || current_ > r[1]) return false;
    }
    return true;
  }

  token scan_string() {
    static const char* const controls[] = {
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF",
        "VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
        "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
    static const char hex[] = "0123456789ABCDEF";
    const std::string_view escapes = "\"\"\\\\//b\bf\fn\nr\rt\t";
    buffer_.clear();
    for (;;) {
      const int c = get();
      if (c == eof) return fail("invalid string: missing closing quote");
      if (c == '"') return token::value_string;
      if (c < 0x20) {
        std::string code = std::string("00") + hex[c >> 4] + hex[c & 15];
        std::string why = "invalid string: control character U+" + code + " (" + controls[c] +
                          ") must be escaped to \\u" + code;
        const std::size_t short_form = std::string_view("\b\f\n\r\t").find(static_cast<char>(c));
        if (short_form != std::string_view::npos) (why += " or \\") += "bfnrt"[short_form];
        return fail(why);
      }
      if (c == '\\') {
        const int e = get();
        if (e == 'u') {
          int unit = hex4();
          if (unit < 0) return fail("invalid string: '\\u' must be followed by 4 hex digits");
          if (unit >= 0xD800 && unit <= 0xDBFF) {
            if (get() != '\\' || get() != 'u') return fail(surrogates_high());
            const int low = hex4();
            if (low < 0) return fail("invalid string: '\\u' must be followed by 4 hex digits");
            if (low < 0xDC00 || low > 0xDFFF) return fail(surrogates_high());
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
          } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            return fail("invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF");
          }
          append_utf8(buffer_, static_cast<char32_t>(unit));
          continue;
        }
        std::size_t at = std::string_view::npos;
        for (std::size_t i = 0; e != eof && i < escapes.size(); i += 2) {
          if (escapes[i] == e) at = i;
        }
        if (at == std::string_view::npos) return fail("invalid string: forbidden character after backslash");
        buffer_ += escapes[at + 1];
        continue;
      }
      const std::size_t first = next_ - 1;
      bool ok = c < 0x80;
      if (c >= 0xC2 && c <= 0xDF) {
        ok = continuation({0x80, 0xBF});
      } else if (c == 0xE0) {
        ok = continuation({0xA0, 0xBF, 0x80, 0xBF});
      } else if (c == 0xED) {
        ok = continuation({0x80, 0x9F, 0x80, 0xBF});
      } else if (c >= 0xE1 && c <= 0xEF) {
        ok = continuation({0x80, 0xBF, 0x80, 0xBF});
      } else if (c == 0xF0) {
        ok = continuation({0x90, 0xBF, 0x80, 0xBF, 0x80, 0xBF});
      } else if (c >= 0xF1 && c <= 0xF3) {
        ok = continuation({0x80, 0xBF, 0x80, 0xBF, 0x80, 0xBF});
      } else if (c == 0xF4) {
        ok = continuation({0x80, 0x8F, 0x80, 0xBF, 0x80, 0xBF});
      }
      if (!ok) return fail("invalid string: ill-formed UTF-8 byte");
      buffer_.append(text_.substr(first, next_ - first));
    }
  }

  static std::string surrogates_high() {
    return "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF";
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, read as nlohmann's state machine reads it.
  token scan_number() {
    const std::size_t start = next_ - 1;
    int c = current_;
    if (c == '-' && !digit(c = get())) return fail("invalid number; expected digit after '-'");
    if (c != '0') {
      while (digit(get())) {
      }
    } else {
      get();
    }
    if (current_ == '.') {
      if (!digit(get())) return fail("invalid number; expected digit after '.'");
      while (digit(get())) {
      }
    }
    if (current_ == 'e' || current_ == 'E') {
      if (get() == '+' || current_ == '-') {
        if (!digit(get())) return fail("invalid number; expected digit after exponent sign");
      } else if (!digit(current_)) {
        return fail("invalid number; expected '+', '-', or digit after exponent");
      }
      while (digit(get())) {
      }
    }
    number_ = text_.substr(start, next_ - (current_ == eof ? 0 : 1) - start);
    unget();
    return token::value_number;
  }
};

// nlohmann's SAX parser over the lexer, with the protocol's two limits in its callbacks.
class words {
 public:
  explicit words(std::string_view text) : lex_(text) {}

  // The first problem, or "" where nlohmann reads the text to its end.
  std::string problem() {
    next();
    if (!values()) return problem_;
    if (next() != token::end_of_input) return unexpected(token::end_of_input);
    return "";
  }

 private:
  lexer lex_;
  token last_ = token::uninitialized;
  std::vector<std::set<std::string>> keys_;  // per open container
  std::string problem_;

  token next() { return last_ = lex_.scan(); }

  bool stop(std::string why) {
    problem_ = std::move(why);
    return false;
  }
  std::string unexpected(token expected) {
    const std::string why = last_ == token::parse_error
                                ? lex_.error()
                                : std::string("unexpected ") + name_of(last_) + "; expected " + name_of(expected);
    return why + " (at byte " + std::to_string(lex_.position()) + ")";
  }
  bool open() {
    if (keys_.size() >= max_depth) return stop("it is nested more than 64 levels deep");
    keys_.emplace_back();
    return true;
  }
  // A key (the current token) and its ':'.
  bool key() {
    if (!keys_.back().insert(lex_.string()).second) return stop("a key appears twice in one object");
    if (next() != token::name_separator) return stop(unexpected(token::name_separator));
    next();
    return true;
  }

  bool values() {
    std::vector<bool> arrays;  // per open container: an array, or an object
    bool closed = false;       // a container just closed: go on with the one around it
    for (;;) {
      if (!closed) {
        switch (last_) {
          case token::begin_object:
            if (!open()) return false;
            if (next() == token::end_object) {
              keys_.pop_back();
              break;
            }
            if (last_ != token::value_string) return stop(unexpected(token::value_string));
            if (!key()) return false;
            arrays.push_back(false);
            continue;
          case token::begin_array:
            if (!open()) return false;
            if (next() == token::end_array) {
              keys_.pop_back();
              break;
            }
            arrays.push_back(true);
            continue;
          case token::value_number:
            if (!finite_double(lex_.number())) {
              return stop("a number is too large to represent (at byte " + std::to_string(lex_.position()) + ")");
            }
            break;
          case token::literal_true:
          case token::literal_false:
          case token::literal_null:
          case token::value_string: break;
          case token::parse_error: return stop(unexpected(token::uninitialized));
          default: return stop(unexpected(token::literal_or_value));
        }
      }
      closed = false;
      if (arrays.empty()) return true;
      const bool array = arrays.back();
      if (next() == token::value_separator) {
        if (!array) {
          if (next() != token::value_string) return stop(unexpected(token::value_string));
          if (!key()) return false;
        } else {
          next();
        }
        continue;
      }
      if (last_ != (array ? token::end_array : token::end_object)) {
        return stop(unexpected(array ? token::end_array : token::end_object));
      }
      keys_.pop_back();
      arrays.pop_back();
      closed = true;
    }
  }
};

}  // namespace

std::string invalid_json_reason(std::string_view text) {
  if (text.size() > max_line_bytes) return "it is longer than 64 MiB";
  std::string problem = words(text).problem();
  if (!problem.empty()) return problem;
  // nlohmann stops at a NUL byte as if the text ended there; the protocol reads the whole line.
  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    return "a NUL byte stands outside a string (at byte " + std::to_string(nul + 1) + ")";
  }
  return "it is not valid JSON";
}

}  // namespace milestones
