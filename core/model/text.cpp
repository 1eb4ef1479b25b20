// Unicode-aware text helpers.
#include "text.hpp"

#include <cstdint>

namespace milestones {

bool valid_utf8(std::string_view s) {
  const std::size_t n = s.size();
  std::size_t i = 0;
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

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::size_t code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;  // count every byte that starts a sequence
  return n;
}

bool printable_ascii(std::string_view s) {
  // No early exit, so the compiler can check many bytes per instruction.
  unsigned char outside = 0;
  for (unsigned char c : s) outside |= static_cast<unsigned char>(c - 0x20) >= 0x5F;
  return outside == 0;
}

namespace {

bool is_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

// C0 and C1 controls, DEL, and the bidirectional embedding, override and isolate controls.
bool is_forbidden(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// Decodes the code point starting at `i`; sets `len` to its byte length.
char32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) { len = 1; return b; }
  std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  if (i + n > s.size()) { len = 1; return 0xFFFD; }
  char32_t c = b & (0x3F >> (n - 1));
  for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  len = n;
  return c;
}

}  // namespace

std::string_view trim(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size()) {
    std::size_t len = 0;
    if (!is_space(decode(s, begin, len))) break;
    begin += len;
  }
  std::size_t end = s.size();
  while (end > begin) {
    std::size_t start = end - 1;  // step back to the first byte of the last code point
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    std::size_t len = 0;
    if (!is_space(decode(s, start, len))) break;
    end = start;
  }
  return s.substr(begin, end - begin);
}

std::optional<char32_t> forbidden_character(std::string_view s, bool multiline) {
  for (std::size_t i = 0; i < s.size();) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte >= 0x20 && byte < 0x7F) {  // printable ASCII, the common case
      ++i;
      continue;
    }
    std::size_t len = 0;
    const char32_t c = decode(s, i, len);
    i += len;
    if (multiline && (c == '\t' || c == '\n' || c == '\r')) continue;
    if (is_forbidden(c)) return c;
  }
  return std::nullopt;
}

std::optional<char32_t> space_or_forbidden(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    const char32_t c = decode(s, i, len);
    i += len;
    if (is_space(c) || is_forbidden(c)) return c;
  }
  return std::nullopt;
}

}  // namespace milestones
