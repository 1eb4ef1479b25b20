// The one JSON parser of the protocol: a strict, read-only document whose strings are views into
// the line (or into the document, where a string had escapes to decode).
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace milestones {

/// Protocol limits at the JSON edge (PROTOCOL.md, "JSON edge").
inline constexpr std::size_t max_line_bytes = 64u * 1024u * 1024u;
inline constexpr std::size_t max_depth = 64;

/// One value of a parsed document. Members of an object keep their order and their keys.
struct json_value {
  /// `number` is any JSON number that is not an integer within 64 bits (a fraction, an exponent,
  /// or a bigger integer): the protocol refuses those by name and never needs their value.
  enum class kind : std::uint8_t { null, boolean, integer, number, string, object, array };

  kind type = kind::null;
  bool flag = false;                  // a boolean's value
  std::uint32_t count = 0;            // members or items
  std::int64_t integer = 0;           // an integer's value; an object's key mask (key_bit)
  std::string_view text;              // a string's decoded UTF-8
  std::string_view key;               // the member name, inside an object
  const json_value* first = nullptr;  // first member or item
  const json_value* next = nullptr;   // next member or item of the parent

  bool is_null() const { return type == kind::null; }
  bool is_object() const { return type == kind::object; }
  bool is_array() const { return type == kind::array; }
  bool is_string() const { return type == kind::string; }
  bool is_number() const { return type == kind::integer || type == kind::number; }
  /// The member named `name`, or nullptr (also for anything that is not an object).
  const json_value* find(std::string_view name) const;
  /// The same, looking at `hint` first (where a writer puts the member): for reading members in
  /// the order they were written, one comparison each.
  const json_value* find(std::string_view name, const json_value* hint) const;
  /// A bit of 64 for a key: an object holds the bits of its keys, so that most keys it does not
  /// hold are told apart without a comparison.
  static std::uint64_t key_bit(std::string_view key) {
    if (key.empty()) return 1;
    return std::uint64_t{1} << ((static_cast<unsigned>(key.size()) * 7u +
                                 static_cast<unsigned char>(key.front()) * 3u +
                                 static_cast<unsigned char>(key.back())) & 63u);
  }
};

/// Takes the items of one array of a document as they are parsed (json_document::parse): each item's
/// nodes are reused for the next one, so that a long list (a log's events) is read in the memory of
/// one item. The array is the member `key` of the root object, or of the root's member `outer`
/// when `outer` is not empty; in the document it keeps its count, but not its items. `take` gets
/// each item, valid until it returns, before the text is known to be JSON: the parse goes on to
/// the end of the text either way.
struct json_item_sink {
  std::string_view outer;
  std::string_view key;
  void (*take)(void* context, const json_value& item);
  void* context;
};

/// A parsed line. Reuse one document for many lines: its memory is kept for the next parse.
class json_document {
 public:
  json_document();
  ~json_document();
  json_document(const json_document&) = delete;
  json_document& operator=(const json_document&) = delete;

  /// Parses strict JSON (RFC 8259): valid UTF-8 with no lone surrogates, at most 64 MiB and 64
  /// containers deep, no key twice in one object; a UTF-8 byte order mark at the start is skipped.
  /// Exactly the JSON that nlohmann's parser accepts under the same limits (the fuzz and unit
  /// tests compare the two). False for anything else; `invalid_json_reason` words why.
  /// With a sink, the items of its array go to it as they are parsed (see json_item_sink).
  bool parse(std::string_view text, const json_item_sink* sink = nullptr);
  const json_value& root() const { return *root_; }

 private:
  friend class json_parser;
  json_value* make();
  std::string_view keep(std::string&& decoded);
  // Where the nodes and decoded strings in use end: what a streamed item used is given back.
  struct mark {
    std::size_t chunk, used, decoded;
  };
  mark here() const { return {chunk_, used_, decoded_.size()}; }
  void rewind(const mark& m);

  const json_value* root_ = nullptr;
  // Raw storage: each node is constructed when it is handed out, not when its chunk is made.
  struct chunk_deleter {
    void operator()(json_value* p) const { ::operator delete(p); }
  };
  std::vector<std::unique_ptr<json_value, chunk_deleter>> chunks_;
  std::size_t chunk_ = 0;  // the chunk in use
  std::size_t used_ = 0;   // nodes used in it
  std::deque<std::string> decoded_;  // strings that had escapes (a deque never moves them)
};

/// Why `text` is not JSON the protocol takes, in nlohmann_json's words with the byte position,
/// e.g. "invalid literal (at byte 2)". Asked only after json_document refused the text.
std::string invalid_json_reason(std::string_view text);

/// Whether a JSON number (text that matches the grammar) is finite as a double: what strtod, which
/// rounds to nearest, makes of it is finite below 2^1024 - 2^970. nlohmann refuses a number that is
/// not; so does the protocol.
bool finite_double(std::string_view number);

}  // namespace milestones
