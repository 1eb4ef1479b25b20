// How the rules speak: titles in quotes, money in dollars, times in ISO 8601.
#pragma once

#include <string>
#include <string_view>

#include "model/domain.hpp"

namespace milestones {

/// “Design”, with typographic quotes.
std::string quoted(std::string_view title);
/// $1,234.50
std::string dollars(cents amount);
/// 2026-11-26T09:30:00.000Z
std::string iso_time(timestamp at);

}  // namespace milestones
