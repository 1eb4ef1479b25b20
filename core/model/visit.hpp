// Visiting variants: `overloaded{…}` visitors, `alternative_index` (a type's place in a variant),
// and visit_variant(f, v), std::visit for one variant as a chain of index tests that the optimizer
// turns into one switch and inlines. libc++ (the WebAssembly build's library) implements
// std::visit as an indirect call through a table of function pointers, which nothing can inline;
// the rules visit a command or an event several times per command.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>
#include <variant>

namespace milestones {

/// A visitor from lambdas: a variant alternative without a handler is a compile error.
template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

/// The index of T among the alternatives of the variant V; a compile error unless T is one of them
/// exactly once.
template <class T, class V>
struct alternative_index;
template <class T, class... Ts>
struct alternative_index<T, std::variant<Ts...>> {
  static constexpr std::size_t value = [] {
    constexpr bool same[] = {std::is_same_v<T, Ts>...};
    std::size_t found = sizeof...(Ts), count = 0;
    for (std::size_t i = 0; i < sizeof...(Ts); ++i) {
      if (same[i]) found = i, ++count;
    }
    return count == 1 ? found : sizeof...(Ts);
  }();
  static_assert(value < sizeof...(Ts), "T is not an alternative of the variant, or is one twice");
};
template <class T, class V>
inline constexpr std::size_t alternative_index_v = alternative_index<T, V>::value;

template <std::size_t I = 0, class F, class V>
decltype(auto) visit_variant(F&& f, V& v) {
  if constexpr (I + 1 == std::variant_size_v<std::remove_const_t<V>>) {
    return std::forward<F>(f)(*std::get_if<I>(&v));
  } else {
    if (v.index() == I) return std::forward<F>(f)(*std::get_if<I>(&v));
    return visit_variant<I + 1>(std::forward<F>(f), v);
  }
}

}  // namespace milestones
