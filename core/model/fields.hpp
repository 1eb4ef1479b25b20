// Field lists: the members of a struct as data (`fields_of<T>::list`, given for every command, event
// and what they carry in json/schema.hpp), and the checks and the equality built on them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace milestones::schema {

/// How a member travels. `plain` follows its C++ type (an empty std::optional is written as
/// null); `milestone_id` writes a milestone number as its id ("m3"); `omit_empty` leaves an empty
/// std::optional out instead of writing null.
enum class codec : std::uint8_t { plain, milestone_id, omit_empty };

template <class Owner, class Member>
struct field {
  std::string_view key;
  Member Owner::*member;
  codec how = codec::plain;
};

/// fields_of<T>::list: a std::tuple of field<T, …>, in the order they are written.
template <class T>
struct fields_of;

template <class T, class = void>
struct has_fields : std::false_type {};
template <class T>
struct has_fields<T, std::void_t<decltype(fields_of<T>::list)>> : std::true_type {};

/// Calls f(field) for every field of T, in order.
template <class T, class F>
constexpr void for_each_field(F&& f) {
  std::apply([&](const auto&... each) { (f(each), ...); }, fields_of<T>::list);
}

/// True when every member of `a` equals the same member of `b`, for the members T's list names.
/// The list is a constant: this compiles to the same member-by-member test a hand-written one
/// would.
template <class T>
bool fields_equal(const T& a, const T& b) {
  return std::apply([&](const auto&... f) { return ((a.*(f.member) == b.*(f.member)) && ...); },
                    fields_of<T>::list);
}

// ---- checks of a list against its struct (json/schema.hpp runs them on every list) -----------

namespace detail {
// Converts to any member type; only named in unevaluated contexts.
struct any_member {
  template <class T>
  operator T() const;
};
template <class T, class Indices, class = void>
struct braces_take : std::false_type {};
template <class T, std::size_t... I>
struct braces_take<T, std::index_sequence<I...>,
                   std::void_t<decltype(T{(void(I), any_member{})...})>> : std::true_type {};
}  // namespace detail

/// How many members the aggregate T has: the most initialisers `T{…}` takes.
template <class T, std::size_t N = 0>
constexpr std::size_t member_count() {
  static_assert(std::is_aggregate_v<T>, "member_count counts the members of an aggregate");
  if constexpr (detail::braces_take<T, std::make_index_sequence<N + 1>>::value) {
    return member_count<T, N + 1>();
  } else {
    return N;
  }
}

/// How many fields T's list has.
template <class T>
constexpr std::size_t field_count() {
  return std::tuple_size_v<std::remove_const_t<decltype(fields_of<T>::list)>>;
}

namespace detail {
template <class A, class B>
constexpr int same_member(const A& a, const B& b) {
  if constexpr (std::is_same_v<A, B>) {
    return a.member == b.member ? 1 : 0;
  } else {
    return 0;
  }
}
// True when T's list names a's member once, and a's key once.
template <class T, class A>
constexpr bool named_once(const A& a) {
  return std::apply(
      [&](const auto&... b) {
        return (0 + ... + same_member(a, b)) == 1 && (0 + ... + (a.key == b.key ? 1 : 0)) == 1;
      },
      fields_of<T>::list);
}
}  // namespace detail

/// True when no member is named twice in T's list (nor two keys the same).
template <class T>
constexpr bool members_once() {
  return std::apply([](const auto&... a) { return (true && ... && detail::named_once<T>(a)); },
                    fields_of<T>::list);
}

/// T's list names each of its members exactly once: a member added to the struct and not to the
/// list does not compile (it would be neither read, written nor compared).
template <class T>
constexpr bool lists_every_member() {
  return field_count<T>() == member_count<T>() && members_once<T>();
}

}  // namespace milestones::schema
