// The one JSON parser of the protocol (see document.hpp).
#include "json/document.hpp"

#include <algorithm>
#include <array>
#include <new>

#include "model/text.hpp"

namespace milestones {

const json_value* json_value::find(std::string_view name) const {
  if (type != kind::object || !(static_cast<std::uint64_t>(integer) & key_bit(name))) return nullptr;
  for (const json_value* m = first; m; m = m->next) {
    if (same_text(m->key, name)) return m;
  }
  return nullptr;
}

const json_value* json_value::find(std::string_view name, const json_value* hint) const {
  return hint && same_text(hint->key, name) ? hint : find(name);
}

namespace {

// Chunks grow from 32 nodes (a command) to 4,096 (a log), and a document keeps its first ones
// between parses (up to about 16,000 nodes).
constexpr std::size_t chunk_nodes(std::size_t chunk) { return std::size_t{32} << std::min<std::size_t>(chunk, 7); }
constexpr std::size_t kept_chunks = 10;
constexpr std::uint32_t linear_key_check = 32;  // bigger objects check repeated keys by sorting

// The ASCII bytes a string holds as they are: all but control characters, '"' and '\\'.
constexpr std::array<bool, 256> plain_bytes() {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x80; ++c) table[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return table;
}
constexpr std::array<bool, 256> plain_byte = plain_bytes();

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

class json_parser {
 public:
  json_parser(std::string_view text, json_document& doc, const json_item_sink* sink)
      : p_(text.data()), end_(text.data() + text.size()), stop_(last_stop(text)), doc_(doc),
        sink_(sink) {}

  const json_value* document() {
    if (end_ - p_ >= 3 && std::string_view(p_, 3) == "\xEF\xBB\xBF") p_ += 3;
    skip();
    json_value* root = doc_.make();
    if (sink_ && sink_->outer.empty()) outer_ = root;
    if (!value(*root, 0)) return nullptr;
    skip();
    return p_ == end_ ? root : nullptr;
  }

 private:
  const char* p_;
  const char* end_;
  // The last byte of the text that ends a run of plain string bytes (a quote, mostly): a scan
  // that starts at or before it needs no end check, as it stops there at the latest.
  const char* stop_;
  json_document& doc_;
  const json_item_sink* sink_;
  const json_value* outer_ = nullptr;   // the object that holds the sink's array, once met
  const json_value* stream_ = nullptr;  // the sink's array, once met

  static const char* last_stop(std::string_view text) {
    const char* p = text.data() + text.size();
    while (p != text.data()) {
      if (!plain_byte[static_cast<unsigned char>(*--p)]) return p;
    }
    return nullptr;
  }

  char peek() const { return p_ < end_ ? *p_ : '\0'; }
  bool eat(char c) {
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  void skip() {
    while (p_ < end_ && static_cast<unsigned char>(*p_) <= ' ' &&
           (*p_ == ' ' || *p_ == '\t' || *p_ == '\r' || *p_ == '\n')) {
      ++p_;
    }
  }
  bool word(std::string_view w) {
    if (static_cast<std::size_t>(end_ - p_) < w.size() || std::string_view(p_, w.size()) != w) {
      return false;
    }
    p_ += w.size();
    return true;
  }

  bool value(json_value& v, std::size_t depth) {
    switch (peek()) {
      case '{': return container(v, depth + 1, json_value::kind::object);
      case '[': return container(v, depth + 1, json_value::kind::array);
      case '"':
        v.type = json_value::kind::string;
        return string(v.text);
      case 't':
        v.type = json_value::kind::boolean;
        v.flag = true;
        return word("true");
      case 'f':
        v.type = json_value::kind::boolean;
        return word("false");
      case 'n':
        v.type = json_value::kind::null;
        return word("null");
      default: return number(v);
    }
  }

  // An object or an array: the members (with their keys) or items, linked in order; or, for the
  // sink's array, handed to the sink one by one.
  bool container(json_value& v, std::size_t depth, json_value::kind kind) {
    if (depth > max_depth) return false;
    const bool object = kind == json_value::kind::object;
    // The sink's array: each item is handed over once parsed and its nodes reused; only the
    // count stays.
    const bool streamed = &v == stream_ && !object;
    const json_document::mark start = streamed ? doc_.here() : json_document::mark{};
    const char close = object ? '}' : ']';
    ++p_;
    v.type = kind;
    skip();
    if (eat(close)) return true;
    json_value* last = nullptr;
    std::uint64_t seen = 0;  // a bit per key hash: only a key whose bit is taken is compared
    for (;;) {
      std::string_view name;
      if (object) {
        if (!string(name)) return false;
        const std::uint64_t bit = json_value::key_bit(name);
        if (v.count < linear_key_check && (seen & bit)) {
          for (const json_value* m = v.first; m; m = m->next) {
            if (same_text(m->key, name)) return false;
          }
        }
        seen |= bit;
        skip();
        if (!eat(':')) return false;
        skip();
      }
      json_value* child = doc_.make();
      child->key = name;
      if (sink_ && depth <= 2 && object) find_stream(v, depth, *child);
      if (!value(*child, depth)) return false;
      if (streamed) {
        sink_->take(sink_->context, *child);
        doc_.rewind(start);
      } else {
        (last ? last->next : v.first) = child;
        last = child;
      }
      ++v.count;
      skip();
      if (eat(',')) {
        skip();
        continue;
      }
      if (!eat(close)) return false;
      v.integer = static_cast<std::int64_t>(seen);  // the key mask find() checks first
      return !object || v.count <= linear_key_check || distinct_keys(v);
    }
  }

  // Notes a member on the way to the sink's array: the root's member `outer`, its member `key`.
  void find_stream(const json_value& object, std::size_t depth, const json_value& member) {
    if (depth == 1 && !outer_ && member.key == sink_->outer) outer_ = &member;
    if (&object == outer_ && member.key == sink_->key) stream_ = &member;
  }

  // Sorted, equal keys are neighbours. A heap sort: n log n for any object, and a fraction of
  // std::sort's code in the WebAssembly module (this runs only on objects with many keys).
  static bool distinct_keys(const json_value& object) {
    std::vector<std::string_view> keys;
    keys.reserve(object.count);
    for (const json_value* m = object.first; m; m = m->next) keys.push_back(m->key);
    const std::size_t n = keys.size();
    auto sift = [&](std::size_t root, std::size_t end) {
      for (std::size_t child; (child = 2 * root + 1) < end; root = child) {
        if (child + 1 < end && keys[child] < keys[child + 1]) ++child;
        if (!(keys[root] < keys[child])) return;
        std::swap(keys[root], keys[child]);
      }
    };
    for (std::size_t i = n / 2; i-- > 0;) sift(i, n);
    for (std::size_t end = n; end > 1;) {
      std::swap(keys[0], keys[--end]);
      sift(0, end);
    }
    return std::adjacent_find(keys.begin(), keys.end()) == keys.end();
  }

  // A string: most have no escapes and stay a view into the line.
  bool string(std::string_view& out) {
    if (!eat('"')) return false;
    const char* start = p_;
    bool ascii = true;
    while (p_ < end_) {
      // ASCII but control characters, the quote and the backslash: one table look-up a byte.
      if (stop_ && p_ <= stop_) {
        while (plain_byte[static_cast<unsigned char>(*p_)]) ++p_;
      } else {
        while (p_ < end_ && plain_byte[static_cast<unsigned char>(*p_)]) ++p_;
      }
      if (p_ == end_) break;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return ascii || valid_utf8(out);
      }
      if (c == '\\') return escaped(start, out);
      if (c < 0x20) return false;
      ascii = false;  // a byte of a multi-byte character: the whole string is checked at its end
      ++p_;
    }
    return false;
  }

  // The rest of a string from its first backslash, decoded into the document.
  bool escaped(const char* start, std::string_view& out) {
    std::string text(start, static_cast<std::size_t>(p_ - start));
    const char* run = p_;  // raw bytes not yet copied
    auto flush = [&] {
      if (!valid_utf8(std::string_view(run, static_cast<std::size_t>(p_ - run)))) return false;
      text.append(run, static_cast<std::size_t>(p_ - run));
      return true;
    };
    if (!valid_utf8(text)) return false;
    while (p_ < end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        if (!flush()) return false;
        ++p_;
        out = doc_.keep(std::move(text));
        return true;
      }
      if (c < 0x20) return false;
      if (c != '\\') {
        ++p_;
        continue;
      }
      if (!flush()) return false;
      ++p_;
      const char e = peek();
      ++p_;
      switch (e) {
        case '"': text += '"'; break;
        case '\\': text += '\\'; break;
        case '/': text += '/'; break;
        case 'b': text += '\b'; break;
        case 'f': text += '\f'; break;
        case 'n': text += '\n'; break;
        case 'r': text += '\r'; break;
        case 't': text += '\t'; break;
        case 'u': {
          char32_t unit = 0;
          if (!hex4(unit)) return false;
          if (unit >= 0xDC00 && unit <= 0xDFFF) return false;  // a lone low surrogate
          if (unit >= 0xD800 && unit <= 0xDBFF) {
            char32_t low = 0;
            if (!word("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(text, unit);
          break;
        }
        default: return false;
      }
      run = p_;
    }
    return false;
  }

  bool hex4(char32_t& out) {
    if (end_ - p_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const int d = hex_digit(p_[i]);
      if (d < 0) return false;
      out = out * 16 + static_cast<char32_t>(d);
    }
    p_ += 4;
    return true;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?  An integer within 64 bits keeps its value.
  bool number(json_value& v) {
    const char* start = p_;
    const bool negative = eat('-');
    auto digit = [&] { return p_ < end_ && *p_ >= '0' && *p_ <= '9'; };
    if (!digit()) return false;
    std::uint64_t magnitude = 0;
    bool overflow = false;
    if (*p_ == '0') {
      ++p_;
    } else {
      const char* first = p_;
      while (digit()) {
        magnitude = magnitude * 10 + static_cast<std::uint64_t>(*p_ - '0');  // wraps past 19 digits
        ++p_;
      }
      // 19 digits always fit in 64 bits; 20 or more (no leading zero) are at least 10^19, beyond
      // any integer the protocol keeps.
      overflow = p_ - first > 19;
    }
    bool whole = true;
    if (eat('.')) {
      whole = false;
      if (!digit()) return false;
      while (digit()) ++p_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++p_;
      whole = false;
      if (!eat('+')) eat('-');
      if (!digit()) return false;
      while (digit()) ++p_;
    }
    const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
    if (whole && !overflow && magnitude <= limit) {
      v.type = json_value::kind::integer;
      v.integer = negative ? static_cast<std::int64_t>(0 - magnitude)
                           : static_cast<std::int64_t>(magnitude);
      return true;
    }
    // Like nlohmann: any other number is read as a double, and one too large for it is refused.
    v.type = json_value::kind::number;
    return finite_double(std::string_view(start, static_cast<std::size_t>(p_ - start)));
  }
};

bool finite_double(std::string_view number) {
  // 2^1024 - 2^970: half way between DBL_MAX and the next power of two, where rounding to nearest
  // (even) first gives infinity.
  static constexpr std::string_view limit =
      "17976931348623158079372897140530341507993413271003782693617377898044496829276475094664901797"
      "75872070963302864166928879109465555478519404026306574886715058206819089020007083836762738548"
      "45817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711"
      "559699508093042880177904174497792";
  // The value is 0.digits × 10^scale, digits without leading zeros.
  std::string digits;
  std::int64_t scale = 0;
  std::size_t i = number.size() && number[0] == '-' ? 1 : 0;
  bool fraction = false;
  for (; i < number.size() && number[i] != 'e' && number[i] != 'E'; ++i) {
    if (number[i] == '.') {
      fraction = true;
    } else if (digits.empty() && number[i] == '0') {
      scale -= fraction;
    } else {
      digits += number[i];
      scale += !fraction;
    }
  }
  if (digits.empty()) return true;  // zero
  std::int64_t exponent = 0;
  const bool down = i + 1 < number.size() && number[i + 1] == '-';
  for (++i; i < number.size(); ++i) {
    if (number[i] >= '0' && number[i] <= '9') exponent = std::min<std::int64_t>(exponent * 10 + (number[i] - '0'), std::int64_t{1} << 40);
  }
  scale += down ? -exponent : exponent;
  return scale < 309 || (scale == 309 && std::string_view(digits) < limit);
}

json_document::json_document() = default;
json_document::~json_document() = default;

json_value* json_document::make() {
  if (used_ == chunk_nodes(chunk_)) {
    ++chunk_;
    used_ = 0;
  }
  if (chunk_ == chunks_.size()) {
    // Owned before the list grows: if growing runs out of memory, the chunk is freed.
    std::unique_ptr<json_value, chunk_deleter> chunk(
        static_cast<json_value*>(::operator new(chunk_nodes(chunk_) * sizeof(json_value))));
    chunks_.push_back(std::move(chunk));
  }
  return new (chunks_[chunk_].get() + used_++) json_value{};
}

void json_document::rewind(const mark& m) {
  chunk_ = m.chunk;
  used_ = m.used;
  while (decoded_.size() > m.decoded) decoded_.pop_back();
}

std::string_view json_document::keep(std::string&& decoded) {
  decoded_.push_back(std::move(decoded));
  return decoded_.back();
}

bool json_document::parse(std::string_view text, const json_item_sink* sink) {
  if (chunks_.size() > kept_chunks) chunks_.resize(kept_chunks);
  chunk_ = 0;
  used_ = 0;
  decoded_.clear();
  root_ = nullptr;
  if (text.size() > max_line_bytes) return false;
  root_ = json_parser(text, *this, sink).document();
  return root_ != nullptr;
}

}  // namespace milestones
