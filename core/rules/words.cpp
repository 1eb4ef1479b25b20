// How the rules speak: titles in quotes, money in dollars, times in ISO 8601.
#include "rules/words.hpp"

namespace milestones {

std::string quoted(std::string_view title) { return "\u201C" + std::string(title) + "\u201D"; }

std::string dollars(cents amount) {
  std::int64_t v = amount.value;
  std::string sign = v < 0 ? "-" : "";
  if (v < 0) v = -v;
  std::string whole = std::to_string(v / 100);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) {
    whole.insert(static_cast<std::size_t>(i), ",");
  }
  std::int64_t rest = v % 100;
  return sign + "$" + whole + "." + char('0' + rest / 10) + char('0' + rest % 10);
}

std::string iso_time(timestamp at) {
  const date day = date::of(at);
  timestamp ms = at - day.start();
  auto two = [](timestamp v) { return std::string(1, char('0' + v / 10)) + char('0' + v % 10); };
  const std::string millis = std::to_string(1000 + ms % 1000).substr(1);
  ms /= 1000;
  return day.to_string() + "T" + two(ms / 3600) + ":" + two(ms / 60 % 60) + ":" + two(ms % 60) +
         "." + millis + "Z";
}

}  // namespace milestones
