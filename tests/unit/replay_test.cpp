// R20: the log, its replay, and the re-check that refuses any event that could not have happened.
#include "support.hpp"

using namespace test;

namespace {

json on(const char* type, const char* id, std::int64_t at, json extra = json::object(),
        const char* actor = "client") {
  extra["milestoneId"] = id;
  return command(type, actor, at, std::move(extra));
}

// A log with activation, submission, an automatic release, a partial release and the end.
json sample_log() {
  contract_under_test c;
  REQUIRE(c.code(create(json::array({milestone("Design", 10000), milestone("Build", 20000)}))) ==
          "OK");
  REQUIRE(c.code(on("activate_milestone", "m1", day(0))) == "OK");                       // 1
  REQUIRE(c.code(on("submit_work", "m1", day(1), {{"message", "v1"}}, "freelancer")) == "OK");  // 2
  REQUIRE(c.code(on("activate_milestone", "m2", day(20))) == "OK");  // 3 auto release, 4 activation
  REQUIRE(c.code(on("release_payment", "m2", day(21), {{"amount", 15000}})) == "OK");      // 5
  REQUIRE(c.code(command("end_contract", "client", day(22))) == "OK");  // 6 ended, 7 credit back
  REQUIRE(c.code(command("tick", "system", day(30))) == "OK");
  return c.log();
}

// A restore read three ways must get one answer: as a line small enough for the session's reused
// document, as a line padded past it (its events read as they are parsed), and from the log's text.
json restore(milestones::session& s, const json& log) {
  const std::string answer = s.handle(json{{"query", "restore"}, {"log", log}}.dump());
  milestones::session padded, text;
  CHECK(padded.handle(json{{"query", "restore"}, {"pad", std::string(70'000, ' ')}, {"log", log}}
                          .dump()) == answer);
  CHECK(text.restore_text(log.dump()) == answer);
  return json::parse(answer);
}

void expect_invalid(const json& log, std::optional<std::int64_t> index) {
  milestones::session s;
  json r = restore(s, log);
  REQUIRE(r["ok"] == false);
  CHECK(r["error"]["code"] == "LOG_INVALID");
  CHECK(r["error"]["rule"] == "R20");
  if (index) {
    CHECK(r["error"]["index"] == *index);
  } else {
    CHECK_FALSE(r["error"].contains("index"));
  }
}

}  // namespace

TEST_CASE("R20: log: shape and clock") {
  json log = sample_log();
  CHECK(log["format"] == "milestone-log");
  CHECK(log["version"] == 1);
  CHECK(log["lastAt"] == day(30));
  REQUIRE(log["events"].size() == 8);
  for (std::size_t i = 0; i < log["events"].size(); ++i) CHECK(log["events"][i]["seq"] == i + 1);
  CHECK(log["events"][3]["auto"] == true);
  CHECK(log["events"][3]["at"] == day(15));
}

TEST_CASE("R20: restore: replaying a log gives the byte-identical state, and work continues") {
  json log = sample_log();
  milestones::session a, b;
  json r = restore(a, log);
  REQUIRE(r["ok"] == true);
  CHECK(r["state"]["lastAt"] == day(30));
  CHECK(json::parse(a.handle(R"({"query":"state"})")) == r);
  REQUIRE(restore(b, json::parse(a.handle(R"({"query":"log"})"))["log"])["ok"] == true);
  CHECK(a.handle(R"({"query":"state"})") == b.handle(R"({"query":"state"})"));
  // The clock came back too: earlier commands are refused, later ones get the next seq.
  json late = json::parse(a.handle(command("tick", "system", day(29)).dump()));
  CHECK(late["error"]["code"] == "CLOCK_BACKWARDS");
  json fb = json::parse(
      a.handle(command("leave_feedback", "client", day(31), {{"rating", 5}, {"comment", ""}}).dump()));
  CHECK(fb["events"][0]["seq"] == 9);
}

TEST_CASE("R20: restore: every impossible event is LOG_INVALID at its index, and nothing is loaded") {
  const json log = sample_log();
  SUBCASE("wrong format or version has no index") {
    json l = log;
    l["format"] = "other";
    expect_invalid(l, std::nullopt);
    l = log;
    l["version"] = 2;
    expect_invalid(l, std::nullopt);
    l = log;
    l.erase("lastAt");
    expect_invalid(l, std::nullopt);
  }
  SUBCASE("an empty list is index 0") {
    json l = log;
    l["events"] = json::array();
    expect_invalid(l, 0);
  }
  SUBCASE("the first event must create the contract") {
    json l = log;
    l["events"].erase(0);
    expect_invalid(l, 0);
  }
  SUBCASE("a tampered amount") {
    json l = log;
    l["events"][1]["charged"] = 9000;
    expect_invalid(l, 1);
  }
  SUBCASE("a tampered release: money that vanishes instead of becoming credit") {
    json l = log;
    l["events"][5]["returned"] = 0;
    expect_invalid(l, 5);
  }
  SUBCASE("a gap in seq") {
    json l = log;
    l["events"][2]["seq"] = 4;
    expect_invalid(l, 2);
  }
  SUBCASE("time going backwards") {
    json l = log;
    l["events"][2]["at"] = day(0) - 1;
    expect_invalid(l, 2);
  }
  SUBCASE("a missing automatic release") {
    json l = log;
    l["events"].erase(3);
    for (std::size_t i = 3; i < l["events"].size(); ++i) l["events"][i]["seq"] = i + 1;
    expect_invalid(l, 3);
  }
  SUBCASE("an automatic release at the wrong time") {
    json l = log;
    l["events"][3]["at"] = day(15) + 1;
    expect_invalid(l, 3);
  }
  SUBCASE("an automatic release that was not due") {
    json l = log;
    l["events"][2]["auto"] = true;
    l["events"][2]["type"] = "payment_released";
    l["events"][2]["amount"] = 10000;
    l["events"][2]["returned"] = 0;
    l["events"][2]["extra"] = 0;
    expect_invalid(l, 2);
  }
  SUBCASE("contract_ended without its credit_returned") {
    json l = log;
    l["events"].erase(7);
    expect_invalid(l, 7);
  }
  SUBCASE("a credit_returned on its own") {
    json l = log;
    l["events"].erase(6);
    l["events"][6]["seq"] = 7;
    expect_invalid(l, 6);
  }
  SUBCASE("an event of the wrong party: a feedback by the system") {
    json l = log;
    l["events"].push_back(json{{"seq", 9}, {"at", day(30)}, {"type", "feedback_left"},
                               {"by", "system"}, {"rating", 5}, {"comment", ""}});
    expect_invalid(l, 8);
  }
  SUBCASE("an unreadable event after good ones") {
    json l = log;
    l["events"][4] = json{{"seq", 5}, {"type", "teleport"}};
    expect_invalid(l, 4);
  }
  SUBCASE("an impossible event before an unreadable one wins") {
    json l = log;
    l["events"][1]["amount"] = 1;
    l["events"][4] = 7;
    expect_invalid(l, 1);
  }
  SUBCASE("lastAt before the last event: LOG_INVALID at the number of events") {
    json l = log;
    l["lastAt"] = l["events"].back()["at"].get<std::int64_t>() - 1;
    expect_invalid(l, static_cast<std::int64_t>(l["events"].size()));
  }
  SUBCASE("lastAt past a deadline whose automatic release is missing") {
    json l = log;
    l["events"] = json::array({log["events"][0], log["events"][1], log["events"][2]});
    l["lastAt"] = day(15);
    expect_invalid(l, 3);
    l["lastAt"] = day(15) - 1;
    milestones::session s;
    CHECK(restore(s, l)["ok"] == true);
  }
  SUBCASE("a failed restore leaves the current contract as it was") {
    contract_under_test c;
    three_milestones(c);
    const std::string before = c.state_text();
    json l = log;
    l["events"][1]["charged"] = 1;
    json r = json::parse(c.raw().handle(json{{"query", "restore"}, {"log", l}}.dump()));
    CHECK(r["error"]["code"] == "LOG_INVALID");
    CHECK(c.state_text() == before);
  }
  SUBCASE("what is not JSON is INVALID_JSON, however much of it was read before") {
    std::string text = log.dump();
    text.insert(text.size() - 1, std::string(70'000, ' ') + ",\"lastAt\":0");  // a repeated key
    milestones::session s;
    CHECK(json::parse(s.restore_text(text))["error"]["code"] == "INVALID_JSON");
    CHECK(json::parse(s.handle(R"({"query":"restore","log":)" + text + "}"))["error"]["code"] ==
          "INVALID_JSON");
    text = log.dump();
    // After the events (nlohmann writes "events" first): "version": ,1,1}
    text.insert(text.size() - 2, std::string(70'000, ' ') + ",1,");
    CHECK(json::parse(s.restore_text(text))["error"]["code"] == "INVALID_JSON");
  }
  SUBCASE("restore needs a log object") {
    milestones::session s;
    CHECK(json::parse(s.handle(R"({"query":"restore"})"))["error"]["code"] == "INVALID_COMMAND");
    CHECK(json::parse(s.handle(R"({"query":"restore","log":[]})"))["error"]["code"] ==
          "INVALID_COMMAND");
  }
}

TEST_CASE("R20: restore: a field an event's type does not have is LOG_INVALID at its index") {
  // A log is an audit trail: what the engine does not understand is refused, never dropped.
  const json log = sample_log();
  const json cases[] = {
      json{{"path", json::array({6})}, {"key", "amount"}, {"value", 1}},          // contract_ended
      json{{"path", json::array({1})}, {"key", "note"}, {"value", "extra"}},      // milestone_activated
      json{{"path", json::array({0, "contract"})}, {"key", "region"}, {"value", "EU"}},
      json{{"path", json::array({0, "milestones", 1})}, {"key", "status"}, {"value", "paid"}},
  };
  for (const json& c : cases) {
    CAPTURE(c.dump());
    json l = log;
    json* target = &l["events"][c["path"][0].get<std::size_t>()];
    for (std::size_t i = 1; i < c["path"].size(); ++i) {
      target = c["path"][i].is_string() ? &(*target)[c["path"][i].get<std::string>()]
                                        : &(*target)[c["path"][i].get<std::size_t>()];
    }
    (*target)[c["key"].get<std::string>()] = c["value"];
    expect_invalid(l, c["path"][0].get<std::int64_t>());
    milestones::session s;
    const json r = restore(s, l);
    CHECK(r["error"]["detail"].get<std::string>().find("has no field") != std::string::npos);
  }
  // milestone_edited: a field beside `changes` is as foreign as one inside it.
  contract_under_test c;
  REQUIRE(c.code(create(json::array({milestone("Design", 10000)}))) == "OK");
  REQUIRE(c.code(on("edit_milestone", "m1", day(0), {{"changes", {{"title", "Art"}}}})) == "OK");
  for (const char* where : {"beside", "inside"}) {
    CAPTURE(where);
    json l = c.log();
    json& edited = l["events"][1];
    (std::string(where) == "beside" ? edited : edited["changes"])["amount"] = 900;
    if (std::string(where) == "inside") {
      // amount is a field of changes: this log is well formed, and the rules re-check it.
      milestones::session s;
      CHECK(restore(s, l)["ok"] == true);
      CHECK(s.state()->milestones[0].amount == milestones::cents{900});
    } else {
      expect_invalid(l, 1);
    }
  }
}

TEST_CASE("R20: a move is logged as the move; logs that wrote moves as the whole order still restore") {
  contract_under_test c;
  REQUIRE(c.code(create(json::array({milestone("A", 1000), milestone("B", 2000), milestone("C", 3000),
                                     milestone("D", 4000)}))) == "OK");
  const json moved = c.send(on("move_milestone", "m4", day(0), {{"toIndex", 1}}));
  REQUIRE(moved["ok"] == true);
  CHECK(moved["events"][0] == json{{"seq", 2}, {"at", day(0)}, {"type", "milestone_moved"},
                                   {"milestoneId", "m4"}, {"toIndex", 1}});
  REQUIRE(c.code(on("move_milestone", "m1", day(0), {{"toIndex", 3}})) == "OK");
  const json state = c.state();
  // The same two moves, written the way older logs wrote them: every pending id in order.
  json old = c.log();
  old["events"][1] = json{{"seq", 2}, {"at", day(0)}, {"type", "milestones_reordered"},
                          {"order", {"m1", "m4", "m2", "m3"}}};
  old["events"][2] = json{{"seq", 3}, {"at", day(0)}, {"type", "milestones_reordered"},
                          {"order", {"m4", "m2", "m3", "m1"}}};
  milestones::session s;
  REQUIRE(restore(s, old)["ok"] == true);
  CHECK(json::parse(s.handle(R"({"query":"state"})"))["state"] == state);
  // A move's cost is the move: its event does not grow with the list.
  std::vector<json> many;
  for (int i = 0; i < 300; ++i) many.push_back(milestone("M" + std::to_string(i), 500));
  contract_under_test big;
  REQUIRE(big.code(create(json(many))) == "OK");
  const json answer = big.send(on("move_milestone", "m300", day(0), {{"toIndex", 0}}));
  CHECK(answer.dump().size() < 200);
  CHECK(big.state()["milestones"][0]["id"] == "m300");
  CHECK(big.state()["milestones"][1]["id"] == "m1");
}

TEST_CASE("R20: replay (C++ API): the log folds back into the same contract") {
  milestones::session s;
  REQUIRE(restore(s, sample_log())["ok"] == true);
  std::optional<milestones::contract> again;
  REQUIRE_FALSE(milestones::replay(s.events(), s.state()->last_at, again));
  CHECK(again == s.state());
}

// A log written before R23′–R25: none of their events or fields. It restores, and `log` gives it
// back byte for byte (its release without `escrow` too); the counts the new rules add are 0.
TEST_CASE("R20: a log from before withdrawn proposals, messages and attachments restores byte for byte") {
  const std::string older =
    R"({"format":"milestone-log","version":1,"lastAt":1797811200000,"events":[)"
    R"({"seq":1,"at":1795651200000,"type":"contract_created","contract":{"id":"c1","title":"Website","accountType":"standard","currency":"USD","client":"Acme","freelancer":"Jo","endDate":null},"milestones":[{"id":"m1","title":"Design","description":"","amount":10000,"dueDate":"2026-12-20"},{"id":"m2","title":"Build","description":"Pages","amount":20000,"dueDate":"2026-12-31"},{"id":"m3","title":"Launch","description":"","amount":5000,"dueDate":"2027-01-10"}],"offer":true},)"
    R"({"seq":2,"at":1795651260000,"type":"offer_accepted"},)"
    R"({"seq":3,"at":1795651320000,"type":"milestone_proposed","milestone":{"title":"Extra","description":"","amount":7000,"dueDate":"2027-01-05"}},)"
    R"({"seq":4,"at":1795651380000,"type":"milestone_proposal_declined"},)"
    R"({"seq":5,"at":1795651440000,"type":"due_date_proposed","milestoneId":"m2","dueDate":"2027-01-02","by":"freelancer"},)"
    R"({"seq":6,"at":1795651500000,"type":"due_date_accepted","milestoneId":"m2","dueDate":"2027-01-02","by":"client"},)"
    R"({"seq":7,"at":1795651560000,"type":"milestone_moved","milestoneId":"m3","toIndex":1},)"
    R"({"seq":8,"at":1795737600000,"type":"milestone_activated","milestoneId":"m1","amount":10000,"fromCredit":0,"charged":10000},)"
    R"({"seq":9,"at":1795824000000,"type":"work_submitted","milestoneId":"m1","message":"Mockups\nattached","reviewDeadline":1797033600000},)"
    R"({"seq":10,"at":1795910400000,"type":"changes_requested","milestoneId":"m1","message":"Colours"},)"
    R"({"seq":11,"at":1795996800000,"type":"work_submitted","milestoneId":"m1","message":"Fixed","reviewDeadline":1797206400000},)"
    R"({"seq":12,"at":1796083200000,"type":"payment_released","milestoneId":"m1","amount":8000,"returned":2000,"extra":0,"auto":false},)"
    R"({"seq":13,"at":1796169600000,"type":"refund_requested","milestoneId":"m1","amount":1000,"reason":"Late"},)"
    R"({"seq":14,"at":1796256000000,"type":"refund_accepted","milestoneId":"m1","amount":500},)"
    R"({"seq":15,"at":1796342400000,"type":"milestone_activated","milestoneId":"m3","amount":5000,"fromCredit":2000,"charged":3000},)"
    R"({"seq":16,"at":1796428800000,"type":"work_submitted","milestoneId":"m3","message":"Live","reviewDeadline":1797638400000},)"
    R"({"seq":17,"at":1797638400000,"type":"payment_released","milestoneId":"m3","escrow":5000,"amount":5000,"returned":0,"extra":0,"auto":true},)"
    R"({"seq":18,"at":1797724800000,"type":"contract_ended","closed":["m2"]},)"
    R"({"seq":19,"at":1797811200000,"type":"feedback_left","by":"freelancer","rating":5,"comment":"Thanks"}])"
    R"(})";
  milestones::session s;
  const json restored = json::parse(s.restore_text(older));
  REQUIRE(restored["ok"] == true);
  const std::string log = s.handle(R"({"query":"log"})");
  CHECK(log == R"({"ok":true,"log":)" + older + "}");
  const json state = restored["state"];
  CHECK(state["contract"]["messages"] == 0);
  for (const json& m : state["milestones"]) {
    CAPTURE(m["id"]);
    CHECK(m["messages"] == 0);
    if (!m["submission"].is_null()) CHECK_FALSE(m["submission"].contains("attachments"));
  }
  CHECK(json::parse(s.handle(json{{"query", "restore"}, {"log", json::parse(older)}}.dump())) ==
        restored);
}
