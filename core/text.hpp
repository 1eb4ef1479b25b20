// Unicode-aware text helpers: lengths in code points and trimming of Unicode white space.
#pragma once

#include <cstddef>
#include <string_view>

namespace milestones {

/// Number of Unicode code points in valid UTF-8 text (the JSON edge guarantees validity).
std::size_t code_points(std::string_view utf8);

/// `utf8` without leading and trailing Unicode white space (the White_Space property).
std::string_view trim(std::string_view utf8);

}  // namespace milestones
