// How the rules speak: titles in quotes, money in dollars, dates and times as a person reads them.
#pragma once

#include <string>
#include <string_view>

#include "model/domain.hpp"

namespace milestones {

/// “Design”, with typographic quotes.
std::string quoted(std::string_view title);
/// $1,234.50
std::string dollars(cents amount);
/// 1,234,567: a whole number with its thousands grouped
std::string grouped(std::int64_t n);
/// 2026-11-26T09:30:00.000Z (the statement's times)
std::string iso_time(timestamp at);
/// Dec 20, 2026
std::string readable(date day);
/// Dec 20, 2026, 09:30:00 UTC
std::string readable_time(timestamp at);
/// "Enterprise Compliance", "Work Protection Program (WPP)"
std::string_view display_name(account_type t);
/// "An Enterprise", "A Standard": the name with its article, to begin a sentence
std::string with_article(account_type t);

}  // namespace milestones
