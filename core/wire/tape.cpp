// Reading the compact command form (see tape.hpp) from the field lists of json/schema.hpp.
#include "wire/tape.hpp"

#include <cmath>
#include <cstring>
#include <type_traits>

#include "json/schema.hpp"
#include "json/write.hpp"
#include "model/text.hpp"
#include "rules/catalog.hpp"

namespace milestones {

namespace {

enum tag : std::uint8_t { absent = 0, text = 1, number = 2, yes = 3, no = 4, object = 5, array = 6 };

constexpr double max_safe_integer = 9007199254740991.0;  // 2^53 - 1

using schema::is_optional;
using schema::is_vector;

class tape_reader {
 public:
  explicit tape_reader(std::string_view& tape) : tape_(tape) {}

  bool ok() const { return ok_; }

  std::uint8_t byte() {
    if (tape_.empty()) return fail(), 0;
    const auto b = static_cast<std::uint8_t>(tape_.front());
    tape_.remove_prefix(1);
    return b;
  }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    take(&v, sizeof v);
    return v;
  }
  double f64() {
    double v = 0;
    take(&v, sizeof v);
    return v;
  }
  // A number the writer sent as a safe integer.
  std::int64_t integer() {
    const double v = f64();
    if (!(std::fabs(v) <= max_safe_integer) || std::trunc(v) != v) return fail(), 0;
    return static_cast<std::int64_t>(v);
  }

  template <class T>
  void fields(T& out) {
    schema::for_each_field<T>([&](const auto& f) {
      if (ok_) member(out.*(f.member));
    });
  }

 private:
  std::string_view& tape_;
  bool ok_ = true;

  void fail() { ok_ = false; }
  void take(void* out, std::size_t n) {
    if (tape_.size() < n) return fail();
    std::memcpy(out, tape_.data(), n);  // the tape is little-endian, like WebAssembly
    tape_.remove_prefix(n);
  }

  template <class M>
  void member(M& out) {
    const std::uint8_t t = byte();
    if constexpr (is_optional<M>::value) {
      if (t == absent) return;
      out.emplace();
      value(t, *out);
    } else {
      value(t, out);
    }
  }

  void value(std::uint8_t t, std::string& out) {
    if (t != text) return fail();
    const std::uint32_t n = u32();
    if (!ok_ || tape_.size() < n) return fail();
    out.assign(tape_.data(), n);
    tape_.remove_prefix(n);
    if (!valid_utf8(out)) fail();
  }
  void value(std::uint8_t t, integer_field& out) {
    if (t != number) return fail();
    out = integer_field{true, integer()};
  }
  void value(std::uint8_t t, bool& out) {
    if (t != yes && t != no) return fail();
    out = t == yes;
  }
  template <class T, std::enable_if_t<schema::has_fields<T>::value, int> = 0>
  void value(std::uint8_t t, T& out) {
    if (t != object) return fail();
    fields(out);
  }
  template <class T>
  void value(std::uint8_t t, std::vector<T>& out) {
    if (t != array) return fail();
    const std::uint32_t n = u32();
    if (!ok_ || n > tape_.size()) return fail();  // every item takes a byte at least
    out.reserve(n);
    for (std::uint32_t i = 0; i < n && ok_; ++i) value(byte(), out.emplace_back());
  }
};

template <std::size_t I = 0>
void read_data(std::size_t index, tape_reader& r, command_data& out) {
  if constexpr (I < std::variant_size_v<command_data>) {
    if (index != I) return read_data<I + 1>(index, r, out);
    r.fields(out.emplace<I>());
  }
}

template <class T>
void write_order(json_writer& w);

// The field order of what a member holds (an object, or the objects of a list), else null.
template <class M>
void write_nested(json_writer& w) {
  if constexpr (is_optional<M>::value) {
    write_nested<typename M::value_type>(w);
  } else if constexpr (schema::has_fields<M>::value) {
    write_order<M>(w);
  } else if constexpr (is_vector<M>::value) {
    write_nested<typename M::value_type>(w);
  } else {
    w.null();
  }
}

// The writer's field order of T.
template <class T>
void write_order(json_writer& w) {
  w.begin_array();
  schema::for_each_field<T>([&](const auto& f) {
    using member = std::remove_reference_t<decltype(std::declval<T&>().*(f.member))>;
    w.begin_array().value(f.key);
    write_nested<member>(w);
    w.end_array();
  });
  w.end_array();
}

template <std::size_t I = 0>
void visit_each_command(json_writer& w) {
  if constexpr (I < std::variant_size_v<command_data>) {
    w.begin_array().value(command_row_at(I).name);
    write_order<std::variant_alternative_t<I, command_data>>(w);
    w.end_array();
    visit_each_command<I + 1>(w);
  }
}

}  // namespace

bool read_tape(std::string_view& tape, command& out) {
  tape_reader r(tape);
  const std::uint8_t type = r.byte();
  const std::uint8_t actor = r.byte();
  const std::int64_t at = r.integer();
  if (!r.ok() || type >= command_count || actor > 3 || !valid_time(at)) return false;
  out.actor = actor < 3 ? std::optional<party>(static_cast<party>(actor)) : std::nullopt;
  out.at = at;
  read_data(type, r, out.data);
  return r.ok();
}

std::string tape_schema() {
  json_writer w;
  w.begin_object().key("commands").begin_array();
  visit_each_command(w);
  w.end_array().end_object();
  return w.take();
}

}  // namespace milestones
