// R21: the site banner picked for a viewer from the source article's config shape.
#include "rules/banner.hpp"
#include "support.hpp"

using namespace test;

namespace {

json banner_query(const json& config, const char* country, const char* user_type, std::int64_t at) {
  milestones::session s;
  return json::parse(s.handle(
      json{{"query", "banner"}, {"config", config}, {"country", country}, {"userType", user_type}, {"at", at}}
          .dump()));
}

json entry(const char* message, const char* country, const char* user_type, const char* start = "",
           const char* end = "", const char* icon = "warning") {
  return json{{"message", message}, {"country", country}, {"usertype", user_type},
              {"icon", icon}, {"start", start}, {"end", end}};
}

// The config at the end of the source article.
const json article = json::parse(R"({"global":{"message":"We are aware of reports of inaccurate withdrawal schedule notification emails, and have taken steps to rectify the issue. Your withdrawal schedule has not changed. You can confirm your withdrawal schedule by visiting the Get Paid section in your account settings.","icon":"info","start":"","end":""},"responsive":[{"message":"","country":"All","usertype":"all","icon":"info","start":"","end":""},{"message":"","country":"All","usertype":"all","icon":"info","start":"","end":""}]})");

}  // namespace

TEST_CASE("R21: the article's config shows its global message to everyone") {
  json r = banner_query(article, "US", "client", t0);
  REQUIRE(r["ok"] == true);
  CHECK(r["banner"]["message"].get<std::string>().find("withdrawal schedule") != std::string::npos);
  CHECK(r["banner"]["icon"] == "info");
  CHECK(banner_query(article, "DE", "freelancer", 0)["banner"]["icon"] == "info");
}

TEST_CASE("R21: responsive beats global; exact beats All") {
  json config = article;
  config["responsive"] = json::array({
      entry("everyone", "All", "all"),
      entry("all clients", "all", "client"),
      entry("US", "us", "All"),
      entry("US clients", "US", "client"),
      entry("US clients again", "US", "client"),
  });
  CHECK(banner_query(config, "US", "client", t0)["banner"]["message"] == "US clients");
  CHECK(banner_query(config, "US", "freelancer", t0)["banner"]["message"] == "US");
  CHECK(banner_query(config, "FR", "client", t0)["banner"]["message"] == "all clients");
  CHECK(banner_query(config, "FR", "freelancer", t0)["banner"]["message"] == "everyone");
  CHECK(banner_query(config, "us", "client", t0)["banner"]["icon"] == "warning");
  config["responsive"] = json::array({entry("only DE", "DE", "all")});
  CHECK(banner_query(config, "US", "client", t0)["banner"]["message"] ==
        article["global"]["message"]);
}

TEST_CASE("R21: windows are start <= at < end, in ISO 8601 UTC") {
  json config{{"responsive", json::array({entry("soon", "All", "all", "2026-11-27T00:00:00Z",
                                                "2026-11-28")})}};
  CHECK(banner_query(config, "US", "client", day(1) - 1)["banner"].is_null());
  CHECK(banner_query(config, "US", "client", day(1))["banner"]["message"] == "soon");
  CHECK(banner_query(config, "US", "client", day(2) - 1)["banner"]["message"] == "soon");
  CHECK(banner_query(config, "US", "client", day(2))["banner"].is_null());
  CHECK(milestones::parse_iso_time("2026-11-26T00:00:01.5Z") == t0 + 1500);
  CHECK(milestones::parse_iso_time("2026-11-26T00:00:01.123Z") == t0 + 1123);
  CHECK_FALSE(milestones::parse_iso_time("2026-11-26T24:00:00Z"));
  CHECK_FALSE(milestones::parse_iso_time("2026-11-26 00:00:00Z"));
  CHECK_FALSE(milestones::parse_iso_time("2026-11-26T00:00:00"));
  CHECK_FALSE(milestones::parse_iso_time("2026-11-26T00:00:00.1234Z"));
  CHECK_FALSE(milestones::parse_iso_time("yesterday"));
}

TEST_CASE("R21: empty messages and no match mean no banner; a missing icon means info") {
  json config{{"global", {{"message", ""}}},
              {"responsive", json::array({json{{"message", "x"}, {"country", "JP"}}})}};
  CHECK(banner_query(config, "US", "client", t0)["banner"].is_null());
  CHECK(banner_query(config, "JP", "client", t0)["banner"]["icon"] == "info");
  CHECK(banner_query(json::object(), "US", "client", t0)["banner"].is_null());
}

TEST_CASE("R21: a bad config is INVALID_FIELD, never a crash") {
  const json bad[] = {
      json::array(),
      json{{"global", "text"}},
      json{{"responsive", json::object()}},
      json{{"responsive", json::array({1})}},
      json{{"global", {{"message", 5}}}},
      json{{"global", {{"message", "m"}, {"start", "tomorrow"}}}},
      json{{"responsive", json::array({entry("m", "All", "all", "", "2026-13-01")})}},
      json{{"responsive", json::array({json{{"message", "m"}, {"country", 1}}})}},
  };
  for (const json& config : bad) {
    CAPTURE(config.dump());
    json r = banner_query(config, "US", "client", t0);
    CHECK(r["error"]["code"] == "INVALID_FIELD");
    CHECK(r["error"]["rule"] == "R21");
  }
  milestones::session s;
  CHECK(json::parse(s.handle(R"({"query":"banner","country":"US","userType":"client","at":0})"))
            ["error"]["code"] == "INVALID_COMMAND");
  CHECK(json::parse(s.handle(R"({"query":"banner","config":{},"userType":"client","at":0})"))
            ["error"]["code"] == "INVALID_COMMAND");
}

TEST_CASE("R21: a banner query gets one answer, read plainly or through a JSON document") {
  // Plain JSON takes the path without a document; with "query" spelled with an escape (\u0079)
  // only the full parser can read the line. Both must agree, refusals included.
  const json good = {{"global", entry("For everyone", "", "", "", "", "info")},
                     {"responsive", json::array({entry("Britain", "GB", "client"),
                                                 entry("Later", "All", "all", "2031-01-01")})}};
  const std::vector<std::string> tails = {
      R"("config":)" + good.dump() + R"(,"country":"GB","userType":"client","at":0)",
      R"("config":)" + good.dump() +
          R"(,"country":"US","userType":"freelancer","at":1924992000000)",
      R"("config":{},"country":"GB","userType":"client","at":0)",
      R"("config":{"global":null,"responsive":null},"country":"GB","userType":"client","at":0)",
      R"("config":[],"country":"GB","userType":"client","at":0)",
      R"("config":{"global":5},"country":"GB","userType":"client","at":0)",
      R"("config":{"responsive":{}},"country":"GB","userType":"client","at":0)",
      R"("config":{"responsive":[{"message":"x"},7]},"country":"GB","userType":"client","at":0)",
      R"("config":{"responsive":[{"message":"x","icon":3}]},"country":"GB","userType":"client","at":0)",
      R"("config":{"global":{"message":"x","start":"yesterday"}},"country":"GB","userType":"client","at":0)",
      R"("config":{"global":{"message":"x","end":"2030-01-01T00:00:00.5Z"}},"country":"GB","userType":"client","at":0)",
      R"("config":{},"userType":"client","at":0)",
      R"("config":{},"country":"GB","userType":7,"at":0)",
      R"("config":{},"country":"GB","userType":"client","at":-5)",
      R"("config":{},"country":"GB","userType":"client")",
      R"("country":"GB","userType":"client","at":0)",
  };
  milestones::session s;
  for (const std::string& tail : tails) {
    const std::string plain = R"({"query":"banner",)" + tail + "}";
    const std::string escaped = R"({"quer\u0079":"banner",)" + tail + "}";
    CAPTURE(plain);
    const std::string answer = s.handle(plain);
    CHECK(json::parse(answer).is_object());
    CHECK(s.handle(escaped) == answer);
  }
  CHECK(json::parse(s.handle(R"({"query":"banner",)" + tails[0] + "}"))["banner"]["message"] ==
        "Britain");
}
