// R21: picking the site banner for a viewer from the banner config of the source article.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/domain.hpp"

namespace milestones {

/// One message of the config. Empty `start`/`end` (nullopt here) leave the window open.
struct banner_entry {
  std::string message;
  std::string icon = "info";
  std::string country = "All";
  std::string user_type = "all";
  std::optional<timestamp> start, end;
};

struct banner_config {
  std::optional<banner_entry> global;
  std::vector<banner_entry> responsive;
};

struct banner {
  std::string message;
  std::string icon;
  auto tie() const { return std::tie(message, icon); }
};

/// Parses an ISO 8601 UTC time: `YYYY-MM-DD` (its midnight), `YYYY-MM-DDTHH:MM:SSZ` or with
/// 1–3 fraction digits before the `Z`. Anything else is nullopt.
std::optional<timestamp> parse_iso_time(std::string_view text);

/// The banner to show `country`/`user_type` at `at`: among non-empty messages whose window
/// `start <= at < end` holds, the best matching responsive entry (exact country and user type,
/// then exact country, then exact user type, then All/all; first listed wins ties), else the
/// global message, else none. Comparisons ignore ASCII case.
std::optional<banner> pick_banner(const banner_config& config, std::string_view country,
                                  std::string_view user_type, timestamp at);

}  // namespace milestones
