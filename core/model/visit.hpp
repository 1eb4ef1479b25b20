// Visiting variants: `overloaded{…}` visitors, and visit_variant(f, v), std::visit for one
// variant as a chain of index tests that the optimizer turns into one switch and inlines. libc++
// (the WebAssembly build's library) implements std::visit as an indirect call through a table of
// function pointers, which nothing can inline; the rules visit a command or an event several
// times per command.
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
