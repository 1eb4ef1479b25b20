// How the rules speak: titles in quotes, money in dollars, dates and times as a person reads them.
#include "rules/words.hpp"

#include <utility>

namespace milestones {

std::string quoted(std::string_view title) { return "\u201C" + std::string(title) + "\u201D"; }

std::string grouped(std::int64_t n) {
  std::string digits = std::to_string(n);
  const int first = digits[0] == '-' ? 1 : 0;
  for (int i = static_cast<int>(digits.size()) - 3; i > first; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

std::string dollars(cents amount) {
  std::int64_t v = amount.value;
  std::string sign = v < 0 ? "-" : "";
  if (v < 0) v = -v;
  std::int64_t rest = v % 100;
  return sign + "$" + grouped(v / 100) + "." + char('0' + rest / 10) + char('0' + rest % 10);
}

namespace {

std::string two(timestamp v) { return std::string(1, char('0' + v / 10)) + char('0' + v % 10); }

// hh:mm:ss of the day that holds `at`, and the milliseconds.
std::string clock_of(timestamp at, bool millis) {
  timestamp ms = at - date::of(at).start();
  const std::string fraction = std::to_string(1000 + ms % 1000).substr(1);
  ms /= 1000;
  return two(ms / 3600) + ":" + two(ms / 60 % 60) + ":" + two(ms % 60) +
         (millis ? "." + fraction : "");
}

}  // namespace

std::string iso_time(timestamp at) {
  return date::of(at).to_string() + "T" + clock_of(at, true) + "Z";
}

std::string readable(date day) {
  static constexpr std::string_view months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string iso = day.to_string();  // YYYY-MM-DD
  const int month = (iso[5] - '0') * 10 + (iso[6] - '0');
  const std::string d = iso[8] == '0' ? iso.substr(9, 1) : iso.substr(8, 2);
  std::string year = iso.substr(0, 4);
  year.erase(0, year.find_first_not_of('0'));
  return std::string(months[month - 1]) + " " + d + ", " + year;
}

std::string readable_time(timestamp at) {
  const timestamp ms = at - date::of(at).start();
  return readable(date::of(at)) + ", " + clock_of(at, ms % 1000 != 0) + " UTC";
}

std::string_view display_name(account_type t) {
  switch (t) {
    case account_type::standard: return "Standard";
    case account_type::enterprise: return "Enterprise";
    case account_type::enterprise_compliance: return "Enterprise Compliance";
    case account_type::wpp: return "Work Protection Program (WPP)";
  }
  return "";
}

std::string with_article(account_type t) {
  const bool vowel = t == account_type::enterprise || t == account_type::enterprise_compliance;
  return std::string(vowel ? "An " : "A ") + std::string(display_name(t));
}

}  // namespace milestones
