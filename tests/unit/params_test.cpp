// Refusal params (PROTOCOL.md, "Refusal params"): every error code with the values its words use,
// and the words themselves where they used to speak protocol.
#include <set>

#include "rules/catalog.hpp"
#include "rules/words.hpp"
#include "support.hpp"

using namespace test;

namespace {

// The refusal of `line`, its code noted in `seen`.
json refused(contract_under_test& c, const json& line, std::set<std::string>& seen) {
  const json r = c.send(line);
  REQUIRE(r["ok"] == false);
  REQUIRE(r["error"]["params"].is_object());
  seen.insert(r["error"]["code"].get<std::string>());
  return r["error"];
}

bool has(const json& error, const std::string& words) {
  return error["message"].get<std::string>().find(words) != std::string::npos;
}

}  // namespace

TEST_CASE("Refusal params: every error code carries the values its words use") {
  std::set<std::string> seen;
  contract_under_test c;
  json e = refused(c, act("activate_milestone", "m1", t0), seen);
  CHECK(e["code"] == "NO_CONTRACT");
  CHECK(e["params"] == json::object());

  // INVALID_JSON: plain words; the parser's account (nlohmann's words) in `detail`.
  {
    milestones::session s;
    const json r = json::parse(s.handle("{x"));
    seen.insert(r["error"]["code"].get<std::string>());
    CHECK(r["error"]["code"] == "INVALID_JSON");
    CHECK(r["error"]["message"] == "This is not valid JSON.");
    CHECK(r["error"]["params"] == json::object());
    CHECK(r["error"]["detail"] == milestones::invalid_json_reason("{x"));
    CHECK(r["error"]["detail"] == "invalid literal (at byte 2)");
  }

  e = refused(c, command("fly", "client", t0), seen);
  CHECK(e["code"] == "INVALID_COMMAND");
  CHECK(e["params"] == json{{"type", "fly"}});
  e = refused(c, command("create_contract", "client", t0), seen);
  CHECK(e["params"] == json{{"name", "contract"}});
  e = refused(c, create(json::array({milestone("Audit", 10000)}), "enterprise_compliance"), seen);
  CHECK(e["code"] == "INVALID_COMMAND");
  CHECK(e["params"] == json{{"accountType", "enterprise_compliance"}});
  CHECK(has(e, "Enterprise Compliance"));
  CHECK_FALSE(has(e, "enterprise_compliance"));

  three_milestones(c);  // Design $100, Build $200, Launch $300, due 2026-12-31
  e = refused(c, create(json::array({milestone("Again", 10000)})), seen);
  CHECK(e["code"] == "CONTRACT_EXISTS");
  CHECK(e["params"] == json::object());
  e = refused(c, command("tick", "system", t0 - 1), seen);
  CHECK(e["code"] == "CLOCK_BACKWARDS");
  CHECK(e["params"] == json{{"at", t0 - 1}, {"lastAt", t0}});

  // $4 as a milestone amount: the range in dollars, $10 million at most.
  e = refused(c, command("add_milestone", "client", t0, {{"milestone", milestone("Extra", 400)}}), seen);
  CHECK(e["code"] == "INVALID_AMOUNT");
  CHECK(e["params"] == json{{"min", 500}, {"max", 1'000'000'000}, {"amount", 400}});
  CHECK(has(e, "$5.00"));
  CHECK(has(e, "$10,000,000.00"));
  CHECK(has(e, "$4.00"));
  json fraction = milestone("Extra", 0);
  fraction["amount"] = 600.5;
  e = refused(c, command("add_milestone", "client", t0, {{"milestone", fraction}}), seen);
  CHECK(e["params"] == json{{"min", 500}, {"max", 1'000'000'000}, {"amount", nullptr}});

  // A past date: readable, the ISO form only in params.
  e = refused(c, command("add_milestone", "client", t0,
                         {{"milestone", milestone("Extra", 1000, "2026-11-20")}}), seen);
  CHECK(e["code"] == "INVALID_DATE");
  CHECK(e["params"] == json{{"date", "2026-11-20"}, {"earliest", "2026-11-25"}});
  CHECK(e["message"] == "Nov 20, 2026 is in the past; choose Nov 25, 2026 or later.");
  CHECK_FALSE(has(e, "2026-"));

  e = refused(c, command("add_milestone", "client", t0,
                         {{"milestone", milestone(std::string(201, 'x'), 1000)}}), seen);
  CHECK(e["code"] == "LIMIT_EXCEEDED");
  CHECK(e["params"] == json{{"limit", 200}, {"length", 201}});
  e = refused(c, act("move_milestone", "m1", t0, {{"toIndex", 7}}), seen);
  CHECK(e["code"] == "INVALID_FIELD");
  CHECK(e["params"] == json{{"toIndex", 7}, {"max", 2}});
  e = refused(c, act("submit_work", "m1", t0, {{"message", "x"}}), seen);
  CHECK(e["code"] == "NOT_PERMITTED");
  CHECK(e["params"] == json{{"actor", "client"}, {"allowed", "freelancer"}, {"command", "submit_work"}});
  CHECK(e["message"] == "Only the freelancer can submit work; the client cannot.");
  e = refused(c, act("activate_milestone", "m9", t0), seen);
  CHECK(e["code"] == "UNKNOWN_MILESTONE");
  CHECK(e["params"] == json{{"milestoneId", "m9"}});
  e = refused(c, act("activate_milestone", "m2", t0), seen);
  CHECK(e["code"] == "NOT_NEXT_MILESTONE");
  CHECK(e["params"] ==
        json{{"milestoneId", "m2"}, {"title", "Build"}, {"nextId", "m1"}, {"nextTitle", "Design"}});

  REQUIRE(c.code(act("activate_milestone", "m1", t0)) == "OK");
  e = refused(c, act("activate_milestone", "m2", t0), seen);
  CHECK(e["code"] == "ANOTHER_MILESTONE_ACTIVE");
  CHECK(e["params"] ==
        json{{"milestoneId", "m2"}, {"title", "Build"}, {"activeId", "m1"}, {"activeTitle", "Design"}});
  e = refused(c, act("edit_milestone", "m1", t0, {{"changes", {{"title", "D"}}}}), seen);
  CHECK(e["code"] == "MILESTONE_LOCKED");
  CHECK(e["params"] == json{{"milestoneId", "m1"}, {"title", "Design"}, {"status", "active"}});
  e = refused(c, act("request_changes", "m1", t0, {{"message", "x"}}), seen);
  CHECK(e["code"] == "INVALID_STATE");
  CHECK(e["params"] == json{{"milestoneId", "m1"}, {"title", "Design"}, {"status", "active"}});
  e = refused(c, command("end_contract", "client", t0), seen);
  CHECK(e["code"] == "CONTRACT_INCOMPLETE");
  CHECK(e["params"] == json{{"milestoneId", "m1"}, {"title", "Design"}, {"escrow", 10000},
                            {"status", "active"}});

  REQUIRE(c.code(act("submit_work", "m1", day(1), {{"message", "v1"}}, "freelancer")) == "OK");
  REQUIRE(c.code(act("release_payment", "m1", day(2))) == "OK");
  e = refused(c, act("request_refund", "m1", day(2), {{"amount", 20000}, {"reason", "r"}}), seen);
  CHECK(e["code"] == "REFUND_TOO_LARGE");
  CHECK(e["params"] ==
        json{{"milestoneId", "m1"}, {"title", "Design"}, {"amount", 20000}, {"refundable", 10000}});
  e = refused(c, act("respond_refund", "m1", day(2), {{"accept", true}}, "freelancer"), seen);
  CHECK(e["code"] == "NO_OPEN_REQUEST");
  CHECK(e["params"] == json{{"milestoneId", "m1"}, {"title", "Design"}});

  // R9: fifteen days after the submission the release fell due; the review window is closed.
  REQUIRE(c.code(act("activate_milestone", "m2", day(2))) == "OK");
  REQUIRE(c.code(act("submit_work", "m2", day(3), {{"message", "v1"}}, "freelancer")) == "OK");
  e = refused(c, act("request_changes", "m2", day(18), {{"message", "late"}}), seen);
  CHECK(e["code"] == "REVIEW_WINDOW_CLOSED");
  CHECK(e["params"] == json{{"milestoneId", "m2"}, {"title", "Build"}});

  REQUIRE(c.code(command("end_contract", "client", day(18))) == "OK");
  e = refused(c, command("add_milestone", "client", day(18), {{"milestone", milestone("More", 1000, "2027-01-31")}}), seen);
  CHECK(e["code"] == "CONTRACT_ENDED");
  CHECK(e["params"] == json::object());
  REQUIRE(c.code(command("leave_feedback", "client", day(18), {{"rating", 5}, {"comment", ""}})) == "OK");
  e = refused(c, command("leave_feedback", "client", day(18), {{"rating", 4}, {"comment", ""}}), seen);
  CHECK(e["code"] == "DUPLICATE_FEEDBACK");
  CHECK(e["params"] == json{{"actor", "client"}});

  contract_under_test locked;
  REQUIRE(locked.code(create(json::array({milestone("Only", 10000)}), "wpp")) == "OK");
  e = refused(locked, command("add_milestone", "client", t0, {{"milestone", milestone("More", 1000)}}), seen);
  CHECK(e["code"] == "CONTRACT_LOCKED");
  CHECK(e["params"] == json{{"accountType", "wpp"}});
  CHECK(has(e, "Work Protection Program (WPP)"));

  contract_under_test bounded;
  three_milestones(bounded, "enterprise_compliance", {{"endDate", "2027-01-31"}});
  e = refused(bounded, act("propose_due_date", "m2", t0, {{"dueDate", "2027-02-15"}}), seen);
  CHECK(e["code"] == "OUTSIDE_CONTRACT_SCOPE");
  CHECK(e["params"] == json{{"dueDate", "2027-02-15"}, {"endDate", "2027-01-31"}});
  CHECK(has(e, "Feb 15, 2027"));
  CHECK(has(e, "Jan 31, 2027"));

  // LOG_INVALID: the index in params; the log's own terms in `detail`.
  {
    milestones::session s;
    json log = c.log();
    log["lastAt"] = t0 - 1;
    const json r = json::parse(s.handle(json{{"query", "restore"}, {"log", log}}.dump()));
    seen.insert(r["error"]["code"].get<std::string>());
    CHECK(r["error"]["code"] == "LOG_INVALID");
    CHECK(r["error"]["params"] == json{{"index", log["events"].size()}});
    CHECK(r["error"]["detail"] == "lastAt is earlier than the last event.");
    CHECK_FALSE(has(r["error"], "lastAt"));
  }

  CHECK(seen.size() == 24);  // every code of PROTOCOL.md's table
}

TEST_CASE("Refusal params: the writer puts params after the other fields, and detail last") {
  milestones::session s;
  CHECK(s.handle("[1e]") ==
        R"x({"ok":false,"error":{"code":"INVALID_JSON","message":"This is not valid JSON.","params":{},)x"
        R"x("detail":"invalid number; expected '+', '-', or digit after exponent (at byte 4)"}})x");
}

TEST_CASE("Refusal words: every command has words of its own for NOT_PERMITTED") {
  milestones::session s;
  const json names = json::parse(s.handle(R"({"query":"names"})"));
  for (const json& name : names["commands"]) {
    const std::string command = name.get<std::string>();
    CAPTURE(command);
    CHECK(milestones::command_words(command) != command);
    CHECK(milestones::command_words(command).find('_') == std::string_view::npos);
  }
}
