// The facts the state and the engine give a page so that it decides nothing from a status or an
// account type: planLocked and the account_types query (R3, R13).
#include "rules/catalog.hpp"
#include "support.hpp"

using namespace test;

TEST_CASE("account_types: R2's order, R3's lock and R13's end date, before any contract") {
  milestones::session s;
  CHECK(s.handle(R"({"query":"account_types"})") ==
        R"({"ok":true,"accountTypes":[)"
        R"({"id":"standard","locksPlan":false,"needsEndDate":false},)"
        R"({"id":"enterprise","locksPlan":false,"needsEndDate":false},)"
        R"({"id":"enterprise_compliance","locksPlan":true,"needsEndDate":true},)"
        R"({"id":"wpp","locksPlan":true,"needsEndDate":false}]})");
  // The same with a contract, and what it says is what the rules do.
  contract_under_test c;
  three_milestones(c, "wpp");
  CHECK(c.raw().handle(R"({"query":"account_types"})") == s.handle(R"({"query":"account_types"})"));
  CHECK(c.code(act("delete_milestone", "m1", t0)) == "CONTRACT_LOCKED");
  contract_under_test compliance;
  CHECK(compliance.code(create(json::array({milestone("Design", 10000)}), "enterprise_compliance")) ==
        "INVALID_COMMAND");
}

TEST_CASE("planLocked: a locked plan says so in the state, and allowed lists only commands") {
  contract_under_test c;
  three_milestones(c, "enterprise_compliance", json{{"endDate", "2027-03-01"}});
  CHECK(c.state()["contract"]["planLocked"] == true);
  json r = json::parse(c.raw().handle(
      json{{"query", "allowed"}, {"actor", "client"}, {"at", t0}}.dump()));
  REQUIRE(r["ok"] == true);
  REQUIRE_FALSE(r["allowed"].empty());
  for (const json& a : r["allowed"]) {
    CHECK(milestones::command_index(a["type"].get<std::string>()).has_value());
  }
  CHECK(json::parse(milestones::session::allowed_type_names()).size() ==
        milestones::command_count);
  SUBCASE("an offer on a locked account is not locked until accepted (R22)") {
    contract_under_test o;
    json line = create(json::array({milestone("Design", 10000)}), "wpp");
    line["offer"] = true;
    REQUIRE(o.code(line) == "OK");
    CHECK(o.state()["contract"]["planLocked"] == false);
    REQUIRE(o.code(command("respond_offer", "freelancer", t0, {{"accept", true}})) == "OK");
    CHECK(o.state()["contract"]["planLocked"] == true);
  }
}
