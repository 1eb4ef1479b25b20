// The `allowed` query: exactly what each actor could have accepted, derived from decide.
#include "support.hpp"

using namespace test;

namespace {

std::set<std::string> allowed(contract_under_test& c, const char* actor, std::int64_t at) {
  json r = json::parse(
      c.raw().handle(json{{"query", "allowed"}, {"actor", actor}, {"at", at}}.dump()));
  REQUIRE(r["ok"] == true);
  std::set<std::string> out;
  for (const json& a : r["allowed"]) {
    out.insert(a["type"].get<std::string>() +
               (a.contains("milestoneId") ? " " + a["milestoneId"].get<std::string>() : ""));
  }
  return out;
}

}  // namespace

TEST_CASE("allowed: before a contract, the client may create one") {
  contract_under_test c;
  CHECK(allowed(c, "client", t0) == std::set<std::string>{"create_contract"});
  CHECK(allowed(c, "freelancer", t0).empty());
}

TEST_CASE("allowed: a fresh standard contract") {
  contract_under_test c;
  three_milestones(c);
  const std::set<std::string> client = {
      "edit_milestone m1",   "delete_milestone m1", "move_milestone m1", "activate_milestone m1",
      "propose_due_date m1", "edit_milestone m2",   "delete_milestone m2", "move_milestone m2",
      "propose_due_date m2", "edit_milestone m3",   "delete_milestone m3", "move_milestone m3",
      "propose_due_date m3", "add_milestone",       "reorder_milestones", "end_contract",
      "post_message"};
  CHECK(allowed(c, "client", t0) == client);  // R15′: nothing in escrow, so it may end
  CHECK(allowed(c, "freelancer", t0) ==
        std::set<std::string>{"propose_due_date m1", "propose_due_date m2", "propose_due_date m3",
                              "propose_milestone", "post_message"});
  CHECK(allowed(c, "system", t0) == std::set<std::string>{"tick"});
  CHECK(allowed(c, "client", t0 - 1).empty());  // the past is not open to anyone
  json bad = json::parse(c.raw().handle(R"({"query":"allowed","actor":"boss","at":0})"));
  CHECK(bad["error"]["code"] == "INVALID_FIELD");
  bad = json::parse(c.raw().handle(R"({"query":"allowed","actor":"client"})"));
  CHECK(bad["error"]["code"] == "INVALID_COMMAND");
}

TEST_CASE("allowed: follows the lifecycle, including the automatic release") {
  contract_under_test c;
  three_milestones(c, "wpp");
  auto on = [](const char* type, const char* id, std::int64_t at, json extra = json::object(),
               const char* actor = "client") {
    extra["milestoneId"] = id;
    return command(type, actor, at, std::move(extra));
  };
  std::set<std::string> client = allowed(c, "client", t0);
  CHECK(client.count("add_milestone") == 0);  // locked plan
  CHECK(client.count("edit_milestone m1") == 0);
  CHECK(client.count("reorder_milestones") == 1);
  REQUIRE(c.code(on("activate_milestone", "m1", day(0))) == "OK");
  client = allowed(c, "client", day(0));
  CHECK(client.count("release_payment m1") == 1);
  CHECK(client.count("activate_milestone m2") == 0);
  CHECK(client.count("move_milestone m1") == 0);
  CHECK(client.count("move_milestone m2") == 1);
  CHECK(allowed(c, "freelancer", day(0)).count("submit_work m1") == 1);
  REQUIRE(c.code(on("submit_work", "m1", day(1), {{"message", "v"}}, "freelancer")) == "OK");
  client = allowed(c, "client", day(14));
  CHECK(client.count("request_changes m1") == 1);
  CHECK(client.count("release_payment m1") == 1);
  // At the deadline the milestone is paid: the next one can be activated, m1 can be refunded.
  client = allowed(c, "client", day(15) + 1);
  CHECK(client.count("request_changes m1") == 0);
  CHECK(client.count("release_payment m1") == 0);
  CHECK(client.count("activate_milestone m2") == 1);
  CHECK(client.count("request_refund m1") == 1);
  // The query changed nothing.
  CHECK(c.state()["milestones"][0]["status"] == "submitted");
}

TEST_CASE("allowed: moves need two pending milestones; extensions need compliance") {
  contract_under_test c;
  REQUIRE(c.code(create(json::array({milestone("Only", 500)}), "enterprise_compliance",
                        {{"endDate", "2027-01-01"}})) == "OK");
  std::set<std::string> client = allowed(c, "client", t0);
  CHECK(client.count("move_milestone m1") == 0);
  CHECK(client.count("reorder_milestones") == 0);
  CHECK(client.count("extend_contract") == 1);
  // After the end date has passed, no due date fits the scope.
  CHECK(allowed(c, "client", day(60)).count("propose_due_date m1") == 0);
}

TEST_CASE("allowed: a compliance plan whose end date has passed can still be extended") {
  // The client whose plan ran out of time is the one who needs "Extend contract" most.
  contract_under_test c;
  REQUIRE(c.code(create(json::array({milestone("Only", 500, "2026-12-15")}), "enterprise_compliance",
                        {{"endDate", "2026-12-31"}})) == "OK");
  auto on = [](const char* type, std::int64_t at, json extra = json::object(),
               const char* actor = "client") {
    extra["milestoneId"] = "m1";
    return command(type, actor, at, std::move(extra));
  };
  REQUIRE(c.code(on("activate_milestone", day(0))) == "OK");
  REQUIRE(c.code(on("submit_work", day(1), {{"message", "v"}}, "freelancer")) == "OK");
  REQUIRE(c.code(on("release_payment", day(2))) == "OK");
  const std::int64_t late = day(100);  // 2027-03-06, two months past the end date
  CHECK(allowed(c, "client", late).count("extend_contract") == 1);
  CHECK(c.code(command("extend_contract", "client", late, {{"endDate", "2028-03-06"}})) == "OK");
  // Extending to a date that is past as well is refused; the listed entry is not such a date.
  CHECK(c.code(command("extend_contract", "client", day(101), {{"endDate", "2027-01-15"}})) ==
        "INVALID_DATE");
}

TEST_CASE("allowed agrees with dispatch for every listed and unlisted command") {
  // Brute force on a contract in many states: every listed entry is accepted with its canonical
  // payload; no payload from a broad sample is accepted for an unlisted type/milestone.
  contract_under_test c;
  three_milestones(c);
  const std::vector<json> script = {
      command("activate_milestone", "client", day(0), {{"milestoneId", "m1"}}),
      command("submit_work", "freelancer", day(1), {{"milestoneId", "m1"}, {"message", "v"}}),
      command("propose_due_date", "client", day(1), {{"milestoneId", "m3"}, {"dueDate", "2027-01-01"}}),
      command("tick", "system", day(16)),
      command("request_refund", "client", day(16), {{"milestoneId", "m1"}, {"amount", 10}, {"reason", "r"}}),
  };
  auto samples = [](const std::string& id, std::int64_t at) {
    auto on = [&](const char* type, const char* actor, json extra = json::object()) {
      extra["milestoneId"] = id;
      return command(type, actor, at, std::move(extra));
    };
    std::vector<json> out;
    for (const char* actor : {"client", "freelancer", "system"}) {
      out.push_back(on("edit_milestone", actor, {{"changes", {{"description", "x"}}}}));
      out.push_back(on("delete_milestone", actor));
      for (int i = 0; i < 4; ++i) out.push_back(on("move_milestone", actor, {{"toIndex", i}}));
      out.push_back(on("activate_milestone", actor));
      out.push_back(on("submit_work", actor, {{"message", "w"}}));
      out.push_back(on("request_changes", actor, {{"message", "w"}}));
      out.push_back(on("release_payment", actor, {{"amount", 1}}));
      out.push_back(on("propose_due_date", actor, {{"dueDate", "2027-06-01"}}));
      out.push_back(on("respond_due_date", actor, {{"accept", true}}));
      out.push_back(on("request_refund", actor, {{"amount", 5}, {"reason", "r"}}));
      out.push_back(on("respond_refund", actor, {{"accept", true}}));
    }
    return out;
  };
  for (std::size_t step = 0; step <= script.size(); ++step) {
    const std::int64_t at = step < script.size() ? script[step]["at"].get<std::int64_t>() : day(20);
    for (const char* actor : {"client", "freelancer", "system"}) {
      const std::set<std::string> listed = allowed(c, actor, at);
      for (const char* id : {"m1", "m2", "m3"}) {
        for (const json& probe : samples(id, at)) {
          if (probe["actor"] != actor) continue;
          milestones::session scratch;
          REQUIRE(json::parse(scratch.handle(json{{"query", "restore"}, {"log", c.log()}}.dump()))["ok"] ==
                  true);
          const bool accepted = json::parse(scratch.handle(probe.dump()))["ok"] == true;
          const std::string key = probe["type"].get<std::string>() + " " + id;
          CAPTURE(probe.dump());
          if (accepted) CHECK(listed.count(key) == 1);
        }
      }
    }
    if (step < script.size()) REQUIRE(c.code(script[step]) == "OK");
  }
}
