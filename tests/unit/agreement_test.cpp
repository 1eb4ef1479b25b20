// The two parties' agreement and a way out of every contract: R15′ (ending with pending
// milestones), R22 (offers), R23 (milestone proposals) and R23′ (withdrawing one).
#include "support.hpp"

using namespace test;

namespace {

json offer(json milestones, const std::string& account = "standard", json extra = json::object()) {
  json c = create(std::move(milestones), account, std::move(extra));
  c["offer"] = true;
  return c;
}

json respond_offer(bool accept, std::int64_t at, const std::string& actor = "freelancer") {
  return command("respond_offer", actor, at, {{"accept", accept}});
}

json propose(const json& m, std::int64_t at, const std::string& actor = "freelancer") {
  return command("propose_milestone", actor, at, {{"milestone", m}});
}

json answer(bool accept, std::int64_t at, const std::string& actor = "client") {
  return command("respond_milestone_proposal", actor, at, {{"accept", accept}});
}

json withdraw(std::int64_t at, const std::string& actor = "freelancer") {
  return command("withdraw_milestone_proposal", actor, at);
}

/// The types `allowed` lists for an actor at a time, with their milestone ids.
std::set<std::string> allowed_types(contract_under_test& c, const char* actor, std::int64_t at) {
  const json r = json::parse(
      c.raw().handle(json{{"query", "allowed"}, {"actor", actor}, {"at", at}}.dump()));
  std::set<std::string> out;
  for (const json& a : r["allowed"]) {
    out.insert(a["type"].get<std::string>() +
               (a.contains("milestoneId") ? " " + a["milestoneId"].get<std::string>() : ""));
  }
  return out;
}

}  // namespace

TEST_CASE("R15′: the client ends when no milestone holds escrow; pending ones close unfunded") {
  contract_under_test c;
  three_milestones(c);  // Design $100, Build $200, Launch $300
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  json r = c.send(command("end_contract", "client", day(1)));
  CHECK(r["error"]["code"] == "CONTRACT_INCOMPLETE");
  CHECK(r["error"]["message"] ==
        "“Design” holds $100.00 in escrow (active); it must be released before the contract can end.");
  REQUIRE(c.code(act("release_payment", "m1", day(1), {{"amount", 6000}})) == "OK");  // $40 credit
  r = c.send(command("end_contract", "client", day(2)));
  REQUIRE(r["ok"] == true);
  CHECK(r["events"][0]["type"] == "contract_ended");
  CHECK(r["events"][0]["closed"] == json::array({"m2", "m3"}));
  CHECK(r["events"][1]["type"] == "credit_returned");
  const json s = c.state();
  CHECK(s["contract"]["status"] == "ended");
  CHECK(s["milestones"][1]["status"] == "closed");
  CHECK(s["milestones"][2]["status"] == "closed");
  CHECK(s["totals"]["budget"] == 10000);  // closed milestones leave every total
  CHECK(s["totals"]["charged"] == 10000);
  CHECK(s["totals"]["creditReturned"] == 4000);
  // A closed milestone takes nothing; refunds and feedback go on as after any end.
  CHECK(c.code(act("activate_milestone", "m2", day(3))) == "CONTRACT_ENDED");
  CHECK(c.code(act("request_refund", "m2", day(3), {{"amount", 100}, {"reason", "x"}})) == "INVALID_STATE");
  CHECK(c.code(command("leave_feedback", "freelancer", day(3), {{"rating", 4}, {"comment", ""}})) == "OK");
  SUBCASE("an open refund request still holds the end") {
    contract_under_test d;
    REQUIRE(d.code(create(json::array({milestone("Only", 10000)}))) == "OK");
    REQUIRE(d.code(act("activate_milestone", "m1", day(0))) == "OK");
    REQUIRE(d.code(act("release_payment", "m1", day(0))) == "OK");
    REQUIRE(d.code(act("request_refund", "m1", day(1), {{"amount", 100}, {"reason", "Late"}})) == "OK");
    CHECK(d.code(command("end_contract", "client", day(1))) == "CONTRACT_INCOMPLETE");
  }
  SUBCASE("a closed milestone's open due-date proposal closes with it") {
    contract_under_test d;
    three_milestones(d);
    REQUIRE(d.code(act("propose_due_date", "m3", day(0), {{"dueDate", "2027-01-10"}}, "freelancer")) == "OK");
    REQUIRE(d.state()["milestones"][2]["dueDateProposal"]["dueDate"] == "2027-01-10");
    REQUIRE(d.code(command("end_contract", "client", day(1))) == "OK");
    CHECK(d.state()["milestones"][2]["status"] == "closed");
    CHECK(d.state()["milestones"][2]["dueDateProposal"].is_null());
    CHECK(d.state()["milestones"][2]["dueDate"] == "2026-12-31");  // the proposal never applied
    CHECK(d.code(act("respond_due_date", "m3", day(1), {{"accept", true}})) == "CONTRACT_ENDED");
  }
  SUBCASE("a locked plan winds down: its pending milestones close") {
    contract_under_test d;
    REQUIRE(d.code(create(json::array({milestone("A", 10000), milestone("B", 20000)}), "wpp")) == "OK");
    CHECK(d.code(act("delete_milestone", "m2", day(0))) == "CONTRACT_LOCKED");
    REQUIRE(d.code(command("end_contract", "client", day(0))) == "OK");
    CHECK(d.state()["totals"]["budget"] == 0);
  }
}

TEST_CASE("R22: an offer is accepted or declined by the freelancer; nothing is funded before") {
  contract_under_test c;
  REQUIRE(c.code(offer(json::array({milestone("Design", 10000), milestone("Build", 20000)}), "wpp")) == "OK");
  CHECK(c.state()["contract"]["status"] == "offered");
  CHECK(c.log()["events"][0]["offer"] == true);
  json r = c.send(act("activate_milestone", "m1", day(0)));
  CHECK(r["error"]["code"] == "INVALID_STATE");
  CHECK(r["error"]["rule"] == "R22");
  // Before acceptance even a locked plan changes; due dates by agreement.
  CHECK(c.code(command("add_milestone", "client", day(0), {{"milestone", milestone("Launch", 5000)}})) == "OK");
  CHECK(c.code(act("edit_milestone", "m1", day(0), {{"changes", {{"amount", 12000}}}})) == "OK");
  CHECK(c.code(act("delete_milestone", "m2", day(0))) == "OK");
  CHECK(c.code(act("propose_due_date", "m1", day(0), {{"dueDate", "2027-01-10"}}, "freelancer")) == "OK");
  CHECK(c.code(act("respond_due_date", "m1", day(0), {{"accept", true}})) == "OK");
  CHECK(c.code(respond_offer(true, day(1), "client")) == "NOT_PERMITTED");
  REQUIRE(c.code(respond_offer(true, day(1))) == "OK");
  CHECK(c.state()["contract"]["status"] == "open");
  CHECK(c.state()["contract"]["planLocked"] == true);
  CHECK(c.code(command("add_milestone", "client", day(1), {{"milestone", milestone("More", 5000)}})) == "CONTRACT_LOCKED");
  CHECK(c.code(respond_offer(true, day(1))) == "INVALID_STATE");
  CHECK(c.code(act("activate_milestone", "m1", day(1))) == "OK");

  contract_under_test d;
  REQUIRE(d.code(offer(json::array({milestone("Design", 10000)}))) == "OK");
  REQUIRE(d.code(respond_offer(false, day(0))) == "OK");
  CHECK(d.state()["contract"]["status"] == "declined");
  for (const json& line : {act("activate_milestone", "m1", day(1)), respond_offer(true, day(1)),
                           command("end_contract", "client", day(1)),
                           command("leave_feedback", "client", day(1), {{"rating", 3}, {"comment", ""}}),
                           propose(milestone("X", 500), day(1))}) {
    CAPTURE(line);
    json refused = d.send(line);
    CHECK(refused["error"]["code"] == "CONTRACT_ENDED");
  }
  CHECK(d.code(command("tick", "system", day(2))) == "OK");
  // Without "offer" the contract opens at once, as before.
  contract_under_test e;
  REQUIRE(e.code(create(json::array({milestone("Design", 10000)}))) == "OK");
  CHECK(e.state()["contract"]["status"] == "open");
  CHECK(!e.log()["events"][0].contains("offer"));
  CHECK(e.code(respond_offer(true, day(0))) == "INVALID_STATE");
}

TEST_CASE("R23: the freelancer proposes a milestone; the client accepts (re-checked) or declines") {
  contract_under_test c;
  three_milestones(c);
  CHECK(c.code(propose(milestone("Extra", 5000), day(0), "client")) == "NOT_PERMITTED");
  CHECK(c.code(answer(true, day(0))) == "NO_OPEN_REQUEST");
  REQUIRE(c.code(propose(milestone("Extra", 5000, "2026-11-28"), day(0))) == "OK");
  CHECK(c.state()["contract"]["milestoneProposal"]["title"] == "Extra");
  // A new proposal replaces the open one.
  REQUIRE(c.code(propose(milestone("Extra pages", 7000, "2026-11-28"), day(0))) == "OK");
  CHECK(c.state()["contract"]["milestoneProposal"]["amount"] == 7000);
  CHECK(c.code(answer(true, day(0), "freelancer")) == "NOT_PERMITTED");
  // Re-checked at the answer's time: past its due date the accept is refused, the proposal stays.
  json r = c.send(answer(true, day(3) + day_ms / 2));  // the 28th is over everywhere (R12′)
  CHECK(r["error"]["code"] == "INVALID_DATE");
  CHECK(c.state()["contract"]["milestoneProposal"]["title"] == "Extra pages");
  REQUIRE(c.code(answer(false, day(4))) == "OK");
  CHECK(c.state()["contract"]["milestoneProposal"].is_null());
  REQUIRE(c.code(propose(milestone("Extra pages", 7000, "2027-01-05"), day(4))) == "OK");
  r = c.send(answer(true, day(5)));
  REQUIRE(r["ok"] == true);
  CHECK(r["events"][0]["type"] == "milestone_proposal_accepted");
  CHECK(r["events"][0]["milestone"]["id"] == "m4");
  const json s = c.state();
  CHECK(s["milestones"].size() == 4);
  CHECK(s["milestones"][3]["title"] == "Extra pages");
  CHECK(s["totals"]["budget"] == 10000 + 20000 + 30000 + 7000);
  CHECK(s["contract"]["milestoneProposal"].is_null());
  // Checked like add_milestone.
  CHECK(c.code(propose(milestone("Tiny", 499), day(5))) == "INVALID_AMOUNT");
  // A locked plan once open takes none; an offer on one does.
  contract_under_test locked;
  REQUIRE(locked.code(create(json::array({milestone("A", 10000)}), "enterprise_compliance",
                             {{"endDate", "2027-06-30"}})) == "OK");
  json refused = locked.send(propose(milestone("B", 500), day(0)));
  CHECK(refused["error"]["code"] == "CONTRACT_LOCKED");
  CHECK(refused["error"]["rule"] == "R23");
  contract_under_test offered;
  REQUIRE(offered.code(offer(json::array({milestone("A", 10000)}), "enterprise_compliance",
                             {{"endDate", "2027-06-30"}})) == "OK");
  CHECK(offered.code(propose(milestone("B", 500, "2027-07-01"), day(0))) == "OUTSIDE_CONTRACT_SCOPE");
  REQUIRE(offered.code(propose(milestone("B", 500), day(0))) == "OK");
  REQUIRE(offered.code(respond_offer(true, day(1))) == "OK");
  // Accepting after the plan locked is what add_milestone would say: refused, the proposal stays.
  CHECK(offered.code(answer(true, day(1))) == "CONTRACT_LOCKED");
  CHECK(!offered.state()["contract"]["milestoneProposal"].is_null());
}

TEST_CASE("R23′: the freelancer withdraws its open milestone proposal; with none open, NO_OPEN_REQUEST") {
  contract_under_test c;
  three_milestones(c);
  json r = c.send(withdraw(day(0)));
  CHECK(r["error"]["code"] == "NO_OPEN_REQUEST");
  CHECK(r["error"]["rule"] == "R23′");
  CHECK(r["error"]["params"] == json::object());
  CHECK(allowed_types(c, "freelancer", day(0)).count("withdraw_milestone_proposal") == 0);
  REQUIRE(c.code(propose(milestone("Extra", 5000), day(0))) == "OK");
  CHECK(allowed_types(c, "freelancer", day(0)).count("withdraw_milestone_proposal") == 1);
  CHECK(allowed_types(c, "client", day(0)).count("withdraw_milestone_proposal") == 0);
  // Only the freelancer: the client answers it instead.
  r = c.send(withdraw(day(0), "client"));
  CHECK(r["error"]["code"] == "NOT_PERMITTED");
  CHECK(r["error"]["params"]["allowed"] == "freelancer");
  const json before = c.state();
  r = c.send(withdraw(day(1)));
  REQUIRE(r["ok"] == true);
  REQUIRE(r["events"].size() == 1);
  CHECK(r["events"][0] == json{{"seq", 3}, {"at", day(1)}, {"type", "milestone_proposal_withdrawn"}});
  const json s = c.state();
  CHECK(s["contract"]["milestoneProposal"].is_null());
  CHECK(s["contract"]["waitingOn"].is_null());
  // It moves nothing else: the plan and the money are as they were.
  CHECK(s["milestones"] == before["milestones"]);
  CHECK(s["totals"] == before["totals"]);
  CHECK(c.code(answer(true, day(1))) == "NO_OPEN_REQUEST");  // nothing left to answer
  CHECK(c.code(withdraw(day(1))) == "NO_OPEN_REQUEST");
  // A new proposal may follow, and be accepted as any.
  REQUIRE(c.code(propose(milestone("Extra", 6000), day(2))) == "OK");
  REQUIRE(c.code(answer(true, day(2))) == "OK");
  CHECK(c.state()["milestones"].size() == 4);
  SUBCASE("on an offer, before the freelancer answers it") {
    contract_under_test d;
    REQUIRE(d.code(offer(json::array({milestone("A", 10000)}))) == "OK");
    REQUIRE(d.code(propose(milestone("B", 5000), day(0))) == "OK");
    REQUIRE(d.code(withdraw(day(0))) == "OK");
    CHECK(d.state()["contract"]["status"] == "offered");
    CHECK(d.state()["contract"]["waitingOn"]["action"] == "respond_offer");
  }
  SUBCASE("an ended or declined contract takes none") {
    contract_under_test d;
    REQUIRE(d.code(offer(json::array({milestone("A", 10000)}))) == "OK");
    REQUIRE(d.code(respond_offer(false, day(0))) == "OK");
    CHECK(d.code(withdraw(day(1))) == "CONTRACT_ENDED");
    contract_under_test e;
    three_milestones(e);
    REQUIRE(e.code(propose(milestone("B", 5000), day(0))) == "OK");
    REQUIRE(e.code(command("end_contract", "client", day(1))) == "OK");  // clears the proposal
    CHECK(e.code(withdraw(day(1))) == "CONTRACT_ENDED");
  }
}
