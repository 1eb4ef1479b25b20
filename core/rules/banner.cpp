// R21: picking the site banner for a viewer.
#include "rules/banner.hpp"

namespace milestones {

namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool two_digits(std::string_view s, std::size_t pos, int max, int& out) {
  if (s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' || s[pos + 1] > '9') return false;
  out = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
  return out <= max;
}

bool in_window(const banner_entry& e, timestamp at) {
  return (!e.start || *e.start <= at) && (!e.end || at < *e.end);
}

}  // namespace

std::optional<timestamp> parse_iso_time(std::string_view text) {
  if (text.size() < 10) return std::nullopt;
  std::optional<date> day = date::parse(text.substr(0, 10));
  if (!day) return std::nullopt;
  if (text.size() == 10) return day->start();
  // YYYY-MM-DDTHH:MM:SS[.f{1,3}]Z
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text.back() != 'Z') {
    return std::nullopt;
  }
  int h = 0, m = 0, s = 0;
  if (!two_digits(text, 11, 23, h) || !two_digits(text, 14, 59, m) || !two_digits(text, 17, 59, s)) {
    return std::nullopt;
  }
  timestamp ms = 0;
  const std::string_view fraction = text.substr(19, text.size() - 20);
  if (!fraction.empty()) {
    if (fraction[0] != '.' || fraction.size() < 2 || fraction.size() > 4) return std::nullopt;
    int scale = 100;
    for (char c : fraction.substr(1)) {
      if (c < '0' || c > '9') return std::nullopt;
      ms += (c - '0') * scale;
      scale /= 10;
    }
  }
  return day->start() + ((h * 60 + m) * 60 + s) * timestamp{1000} + ms;
}

std::optional<banner> pick_banner(const banner_config& config, std::string_view country,
                                  std::string_view user_type, timestamp at) {
  const banner_entry* best = nullptr;
  int best_score = -1;
  for (const banner_entry& e : config.responsive) {
    if (e.message.empty() || !in_window(e, at)) continue;
    const bool any_country = same_ignoring_case(e.country, "all");
    const bool any_type = same_ignoring_case(e.user_type, "all");
    const bool exact_country = !any_country && same_ignoring_case(e.country, country);
    const bool exact_type = !any_type && same_ignoring_case(e.user_type, user_type);
    if (!(any_country || exact_country) || !(any_type || exact_type)) continue;
    const int score = (exact_country ? 2 : 0) + (exact_type ? 1 : 0);
    if (score > best_score) {
      best = &e;
      best_score = score;
    }
  }
  if (!best && config.global && !config.global->message.empty() && in_window(*config.global, at)) {
    best = &*config.global;
  }
  if (!best) return std::nullopt;
  return banner{best->message, best->icon};
}

}  // namespace milestones
