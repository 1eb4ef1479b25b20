// R24: messages between the parties, on the contract or on one of its milestones.
#include "support.hpp"

using namespace test;

namespace {

json post(const std::string& text, std::int64_t at, const std::string& actor = "client",
          json extra = json::object()) {
  extra["text"] = text;
  return command("post_message", actor, at, std::move(extra));
}

json post_on(const std::string& id, const std::string& text, std::int64_t at,
             const std::string& actor = "client") {
  return post(text, at, actor, {{"milestoneId", id}});
}

/// How often `allowed` lists post_message for an actor, and on which sites.
std::vector<std::string> message_sites(contract_under_test& c, const char* actor, std::int64_t at) {
  const json r = json::parse(
      c.raw().handle(json{{"query", "allowed"}, {"actor", actor}, {"at", at}}.dump()));
  std::vector<std::string> out;
  for (const json& a : r["allowed"]) {
    if (a["type"] == "post_message") out.push_back(a.value("milestoneId", "contract"));
  }
  return out;
}

/// The state without R24's counts: what a message must leave as it was.
json without_counts(json state) {
  state["contract"].erase("messages");
  for (json& m : state["milestones"]) m.erase("messages");
  state.erase("seq");
  state.erase("lastAt");
  return state;
}

}  // namespace

TEST_CASE("R24: either party posts a message on the contract or on a milestone; it is counted there") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  const json before = c.state();
  CHECK(before["contract"]["messages"] == 0);
  json r = c.send(post("  Welcome aboard.\n", day(1)));
  REQUIRE(r["ok"] == true);
  REQUIRE(r["events"].size() == 1);
  // Kept trimmed; no milestoneId when it names none.
  CHECK(r["events"][0] == json{{"seq", 3}, {"at", day(1)}, {"type", "message_posted"},
                               {"by", "client"}, {"text", "Welcome aboard."}});
  r = c.send(post_on("m2", "Can the build start\tearly?\r\nThanks", day(1), "freelancer"));
  REQUIRE(r["ok"] == true);
  CHECK(r["events"][0] == json{{"seq", 4}, {"at", day(1)}, {"type", "message_posted"},
                               {"by", "freelancer"}, {"text", "Can the build start\tearly?\r\nThanks"},
                               {"milestoneId", "m2"}});
  REQUIRE(c.code(post_on("m2", "Yes.", day(2))) == "OK");
  const json after = c.state();
  CHECK(after["contract"]["messages"] == 1);
  CHECK(after["milestones"][0]["messages"] == 0);
  CHECK(after["milestones"][1]["messages"] == 2);
  CHECK(after["milestones"][2]["messages"] == 0);
  // It moves no money and changes no status, no turn, no deadline.
  CHECK(without_counts(after) == without_counts(before));
  // The system only moves the clock.
  json refused = c.send(post("Hello", day(2), "system"));
  CHECK(refused["error"]["code"] == "NOT_PERMITTED");
  CHECK(refused["error"]["params"]["allowed"] == "either");
  CHECK(c.code(post("Hello", day(2), "boss")) == "INVALID_FIELD");
}

TEST_CASE("R24: an offered, open or ended contract takes messages; a declined one is CONTRACT_ENDED") {
  contract_under_test offer;
  json line = create(json::array({milestone("A", 10000)}));
  line["offer"] = true;
  REQUIRE(offer.code(line) == "OK");
  CHECK(offer.code(post("Questions before I accept?", day(0), "freelancer")) == "OK");
  CHECK(offer.code(post_on("m1", "What is in scope?", day(0), "freelancer")) == "OK");
  REQUIRE(offer.code(command("respond_offer", "freelancer", day(0), {{"accept", false}})) == "OK");
  json r = offer.send(post("Too bad.", day(1)));
  CHECK(r["error"]["code"] == "CONTRACT_ENDED");
  CHECK(offer.code(post_on("m1", "Too bad.", day(1), "freelancer")) == "CONTRACT_ENDED");
  CHECK(message_sites(offer, "client", day(1)).empty());

  contract_under_test ended;
  three_milestones(ended);
  REQUIRE(ended.code(command("end_contract", "client", day(0))) == "OK");
  CHECK(ended.state()["milestones"][1]["status"] == "closed");
  CHECK(ended.code(post("Thanks for everything.", day(1), "freelancer")) == "OK");
  // A closed milestone can still be talked about.
  CHECK(ended.code(post_on("m2", "Maybe next year.", day(1))) == "OK");
  CHECK(ended.state()["milestones"][1]["messages"] == 1);
}

TEST_CASE("R24: the text is trimmed, required, at most 5,000 characters, with the text rules of a description") {
  contract_under_test c;
  three_milestones(c);
  json r = c.send(post(" \t\n ", day(0)));
  CHECK(r["error"]["code"] == "INVALID_FIELD");
  CHECK(r["error"]["field"] == "text");
  CHECK(r["error"]["rule"] == "R24");
  CHECK(c.code(post("", day(0))) == "INVALID_FIELD");
  // 5,000 characters after trimming (each "é" one character) are fine; one more is too long.
  std::string longest;
  for (int i = 0; i < 5000; ++i) longest += "\xC3\xA9";
  CHECK(c.code(post("  " + longest + "\n", day(0))) == "OK");
  r = c.send(post(longest + "x", day(0)));
  CHECK(r["error"]["code"] == "LIMIT_EXCEEDED");
  CHECK(r["error"]["field"] == "text");
  CHECK(r["error"]["params"] == json{{"limit", 5000}, {"length", 5001}});
  // Control characters and bidirectional overrides are refused, as in a description.
  r = c.send(post("Invoice\xE2\x80\xAE" "fdp.exe", day(0)));
  CHECK(r["error"]["code"] == "INVALID_FIELD");
  CHECK(r["error"]["params"]["character"] == "U+202E");
  CHECK(c.code(post("Bell\x07", day(0))) == "INVALID_FIELD");
  CHECK(c.code(post("Tabs\tand\nlines\r\nare fine", day(0))) == "OK");
  // The wire: text must be text; a milestoneId of null means none.
  CHECK(c.code(command("post_message", "client", day(0), {{"text", 5}})) == "INVALID_COMMAND");
  CHECK(c.code(command("post_message", "client", day(0))) == "INVALID_COMMAND");
  CHECK(c.code(command("post_message", "client", day(0), {{"text", "x"}, {"milestoneId", 1}})) ==
        "INVALID_COMMAND");
  r = c.send(command("post_message", "client", day(0), {{"text", "x"}, {"milestoneId", nullptr}}));
  REQUIRE(r["ok"] == true);
  CHECK_FALSE(r["events"][0].contains("milestoneId"));
}

TEST_CASE("R24: an unknown milestoneId is UNKNOWN_MILESTONE, whatever the milestone's status") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(act("delete_milestone", "m3", day(0))) == "OK");
  for (const char* id : {"m3", "m9", "m0", "x", ""}) {
    CAPTURE(id);
    json r = c.send(post_on(id, "About this one", day(0)));
    CHECK(r["error"]["code"] == "UNKNOWN_MILESTONE");
    CHECK(r["error"]["field"] == "milestoneId");
    CHECK(r["error"]["params"]["milestoneId"] == id);
  }
  // The text is checked first (PROTOCOL.md's order); `check` lists both problems.
  CHECK(c.code(post_on("m9", "", day(0))) == "INVALID_FIELD");
  const json problems = json::parse(c.raw().handle(
      json{{"query", "check"}, {"at", day(0)},
           {"command", {{"type", "post_message"}, {"actor", "client"}, {"text", " "},
                        {"milestoneId", "m9"}}}}
          .dump()))["problems"];
  REQUIRE(problems.size() == 2);
  CHECK(problems[0]["code"] == "INVALID_FIELD");
  CHECK(problems[1]["code"] == "UNKNOWN_MILESTONE");
}

TEST_CASE("R24: allowed lists post_message once, contract-wide, for each party") {
  contract_under_test c;
  std::vector<json> many;
  for (int i = 0; i < 50; ++i) many.push_back(milestone("M" + std::to_string(i), 500));
  REQUIRE(c.code(create(json(many))) == "OK");
  CHECK(message_sites(c, "client", day(0)) == std::vector<std::string>{"contract"});
  CHECK(message_sites(c, "freelancer", day(0)) == std::vector<std::string>{"contract"});
  CHECK(message_sites(c, "system", day(0)).empty());
  // And a message may name any of them.
  CHECK(c.code(post_on("m50", "The last one", day(0), "freelancer")) == "OK");
  CHECK(c.state()["milestones"][49]["messages"] == 1);
}
