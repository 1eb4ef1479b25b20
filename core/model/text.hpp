// Unicode-aware text helpers: lengths in code points and trimming of Unicode white space.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace milestones {

/// `a == b`, written out. Names and keys are short and mostly differ in length: at -Oz, `==` on
/// string views is three calls down to a byte loop (memcmp), which the WebAssembly build pays
/// for every field and event type it reads.
inline bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

/// True for well-formed UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
bool valid_utf8(std::string_view bytes);

/// Appends code point `c` (at most U+10FFFF, not a surrogate) to `out` as UTF-8.
void append_utf8(std::string& out, char32_t c);

/// Number of Unicode code points in valid UTF-8 text (the JSON edge guarantees validity).
std::size_t code_points(std::string_view utf8);

/// True when every byte is printable ASCII (U+0020 to U+007E): text that needs no Unicode work
/// (its length in code points is its size, it holds nothing forbidden, only ' ' trims).
bool printable_ascii(std::string_view utf8);

/// `utf8` without leading and trailing Unicode white space (the White_Space property).
std::string_view trim(std::string_view utf8);

/// The first code point that has no place in stored text, or nullopt: C0 and C1 control
/// characters and DEL (tab, line feed and carriage return are fine in multi-line text), and the
/// bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), which
/// can make text read differently from what it says.
std::optional<char32_t> forbidden_character(std::string_view utf8, bool multiline);

/// The first code point that has no place in a link: white space, or what forbidden_character
/// refuses on one line; or nullopt.
std::optional<char32_t> space_or_forbidden(std::string_view utf8);

}  // namespace milestones
