// The facts the state and the events give a page so that it decides nothing from a status or an
// account type: refundable (R14), deliveryDue, waitingOn, planLocked and the account_types query
// (R3, R13), the escrow a release came from (R10), and the milestones a state delta sends again.
#include <regex>

#include "rules/catalog.hpp"
#include "support.hpp"

using namespace test;

namespace {

json milestone_in(const json& state, const std::string& id) {
  for (const json& m : state["milestones"]) {
    if (m["id"] == id) return m;
  }
  FAIL("no milestone " << id);
  return json();
}

json turn(const char* party, const char* action, json by = nullptr) {
  return json{{"party", party}, {"action", action}, {"by", std::move(by)}};
}

// The ids of the milestones the state delta since event `since` lists again.
std::set<std::string> resent(contract_under_test& c, std::int64_t since) {
  json r = json::parse(c.raw().state_changes(since));
  std::set<std::string> ids;
  for (const json& m : r["state"]["milestones"]) ids.insert(m["id"].get<std::string>());
  return ids;
}

std::int64_t seq_of(contract_under_test& c) { return c.state()["seq"].get<std::int64_t>(); }

}  // namespace

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

TEST_CASE("newOfferBy: the client changes an open locked plan by a new contract offer (R3)") {
  contract_under_test locked;
  three_milestones(locked, "wpp");
  CHECK(locked.state()["contract"]["newOfferBy"] == "client");
  REQUIRE(locked.code(command("end_contract", "client", t0)) == "OK");
  CHECK(locked.state()["contract"]["newOfferBy"] == nullptr);  // ended: nothing left to change
  contract_under_test open;
  three_milestones(open, "standard");
  CHECK(open.state()["contract"]["newOfferBy"] == nullptr);  // its plan changes in place (R4)
  contract_under_test offer;
  json line = create(json::array({milestone("Design", 10000)}), "wpp");
  line["offer"] = true;
  REQUIRE(offer.code(line) == "OK");
  CHECK(offer.state()["contract"]["newOfferBy"] == nullptr);  // an offer still changes (R22)
}

TEST_CASE("refundable: released less refunded on a paid milestone, else 0 (R14)") {
  contract_under_test c;
  three_milestones(c);
  CHECK(milestone_in(c.state(), "m1")["refundable"] == 0);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  CHECK(milestone_in(c.state(), "m1")["refundable"] == 0);
  REQUIRE(c.code(act("release_payment", "m1", day(1), {{"amount", 12000}})) == "OK");
  CHECK(milestone_in(c.state(), "m1")["refundable"] == 12000);
  REQUIRE(c.code(act("request_refund", "m1", day(2), {{"amount", 5000}, {"reason", "late"}})) == "OK");
  REQUIRE(c.code(act("respond_refund", "m1", day(3), {{"accept", true}, {"amount", 2000}},
                     "freelancer")) == "OK");
  CHECK(milestone_in(c.state(), "m1")["refundable"] == 10000);
  // It is the rule's own cap: one cent more is too large, exactly it is taken.
  CHECK(c.code(act("request_refund", "m1", day(4), {{"amount", 10001}, {"reason", "r"}})) ==
        "REFUND_TOO_LARGE");
  CHECK(c.code(act("request_refund", "m1", day(4), {{"amount", 10000}, {"reason", "r"}})) == "OK");
  REQUIRE(c.code(act("respond_refund", "m1", day(5), {{"accept", true}}, "freelancer")) == "OK");
  CHECK(milestone_in(c.state(), "m1")["refundable"] == 0);
}

TEST_CASE("deliveryDue: the due date while the work is owed, else null") {
  contract_under_test c;
  three_milestones(c);
  CHECK(milestone_in(c.state(), "m1")["deliveryDue"] == "2026-12-31");
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  CHECK(milestone_in(c.state(), "m1")["deliveryDue"] == "2026-12-31");
  REQUIRE(c.code(act("submit_work", "m1", day(1), {{"message", "v1"}}, "freelancer")) == "OK");
  CHECK(milestone_in(c.state(), "m1")["deliveryDue"] == nullptr);
  REQUIRE(c.code(act("request_changes", "m1", day(2), {{"message", "more"}})) == "OK");
  CHECK(milestone_in(c.state(), "m1")["deliveryDue"] == "2026-12-31");
  REQUIRE(c.code(act("release_payment", "m1", day(3))) == "OK");
  CHECK(milestone_in(c.state(), "m1")["deliveryDue"] == nullptr);
  REQUIRE(c.code(command("end_contract", "client", day(4))) == "OK");
  CHECK(milestone_in(c.state(), "m2")["status"] == "closed");
  CHECK(milestone_in(c.state(), "m2")["deliveryDue"] == nullptr);
  SUBCASE("a declined offer owes nothing, and every milestone is sent again") {
    contract_under_test o;
    json line = create(json::array({milestone("Design", 10000), milestone("Build", 20000)}));
    line["offer"] = true;
    REQUIRE(o.code(line) == "OK");
    CHECK(milestone_in(o.state(), "m2")["deliveryDue"] == "2026-12-31");
    const std::int64_t before = seq_of(o);
    REQUIRE(o.code(command("respond_offer", "freelancer", t0, {{"accept", false}})) == "OK");
    CHECK(resent(o, before) == std::set<std::string>{"m1", "m2"});
    CHECK(milestone_in(o.state(), "m2")["deliveryDue"] == nullptr);
  }
}

TEST_CASE("waitingOn: each milestone says who acts next, with which command and by when") {
  contract_under_test c;
  three_milestones(c);
  json s = c.state();
  CHECK(s["contract"]["waitingOn"] == nullptr);
  CHECK(milestone_in(s, "m1")["waitingOn"] == turn("client", "activate_milestone", "2026-12-31"));
  CHECK(milestone_in(s, "m2")["waitingOn"] == nullptr);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  CHECK(milestone_in(c.state(), "m1")["waitingOn"] == turn("freelancer", "submit_work", "2026-12-31"));
  CHECK(milestone_in(c.state(), "m2")["waitingOn"] == nullptr);  // R6: m1 holds escrow
  REQUIRE(c.code(act("submit_work", "m1", day(1), {{"message", "v1"}}, "freelancer")) == "OK");
  CHECK(milestone_in(c.state(), "m1")["waitingOn"] ==
        turn("client", "release_payment", day(1) + 14 * day_ms));
  REQUIRE(c.code(act("request_changes", "m1", day(2), {{"message", "more"}})) == "OK");
  CHECK(milestone_in(c.state(), "m1")["waitingOn"] == turn("freelancer", "submit_work", "2026-12-31"));
  // A due-date proposal on a pending milestone: the other party answers (before an activation).
  REQUIRE(c.code(act("propose_due_date", "m2", day(2), {{"dueDate", "2027-01-10"}}, "freelancer")) ==
          "OK");
  CHECK(milestone_in(c.state(), "m2")["waitingOn"] == turn("client", "respond_due_date"));
  REQUIRE(c.code(act("release_payment", "m1", day(3))) == "OK");
  CHECK(milestone_in(c.state(), "m1")["waitingOn"] == nullptr);
  CHECK(milestone_in(c.state(), "m2")["waitingOn"] == turn("client", "respond_due_date"));
  REQUIRE(c.code(act("respond_due_date", "m2", day(3), {{"accept", true}})) == "OK");
  CHECK(milestone_in(c.state(), "m2")["waitingOn"] == turn("client", "activate_milestone", "2027-01-10"));
  REQUIRE(c.code(act("propose_due_date", "m3", day(3), {{"dueDate", "2027-01-20"}})) == "OK");
  CHECK(milestone_in(c.state(), "m3")["waitingOn"] == turn("freelancer", "respond_due_date"));
  REQUIRE(c.code(act("request_refund", "m1", day(4), {{"amount", 100}, {"reason", "r"}})) == "OK");
  CHECK(milestone_in(c.state(), "m1")["waitingOn"] == turn("freelancer", "respond_refund"));
  REQUIRE(c.code(act("respond_refund", "m1", day(4), {{"accept", false}}, "freelancer")) == "OK");
  CHECK(milestone_in(c.state(), "m1")["waitingOn"] == nullptr);
}

TEST_CASE("waitingOn: the contract's own turn: an offer, then an open milestone proposal first") {
  contract_under_test c;
  json line = create(json::array({milestone("Design", 10000)}));
  line["offer"] = true;
  REQUIRE(c.code(line) == "OK");
  CHECK(c.state()["contract"]["waitingOn"] == turn("freelancer", "respond_offer"));
  CHECK(milestone_in(c.state(), "m1")["waitingOn"] == nullptr);  // R22: nothing is funded yet
  const json proposal{{"milestone", milestone("Extra", 5000)}};
  REQUIRE(c.code(command("propose_milestone", "freelancer", t0, proposal)) == "OK");
  CHECK(c.state()["contract"]["waitingOn"] == turn("client", "respond_milestone_proposal"));
  REQUIRE(c.code(command("respond_milestone_proposal", "client", t0, {{"accept", false}})) == "OK");
  CHECK(c.state()["contract"]["waitingOn"] == turn("freelancer", "respond_offer"));
  const std::int64_t before = seq_of(c);
  REQUIRE(c.code(command("respond_offer", "freelancer", t0, {{"accept", true}})) == "OK");
  CHECK(c.state()["contract"]["waitingOn"] == nullptr);
  // Accepted, the first milestone can be funded: it is sent again though no event names it.
  CHECK(resent(c, before) == std::set<std::string>{"m1"});
  CHECK(milestone_in(c.state(), "m1")["waitingOn"] == turn("client", "activate_milestone", "2026-12-31"));
}

TEST_CASE("state delta: a milestone whose turn another milestone's event changed is sent again") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  std::int64_t before = seq_of(c);
  REQUIRE(c.code(act("release_payment", "m1", day(1))) == "OK");
  CHECK(resent(c, before) == std::set<std::string>{"m1", "m2"});  // m2 is next now
  before = seq_of(c);
  REQUIRE(c.code(act("delete_milestone", "m2", day(1))) == "OK");
  CHECK(resent(c, before) == std::set<std::string>{"m3"});  // m3 is next now
  REQUIRE(c.code(command("add_milestone", "client", day(1), {{"milestone", milestone("QA", 900)}})) ==
          "OK");
  before = seq_of(c);
  REQUIRE(c.code(act("move_milestone", "m4", day(1), {{"toIndex", 1}})) == "OK");
  CHECK(resent(c, before) == std::set<std::string>{"m3", "m4"});
  CHECK(milestone_in(c.state(), "m4")["waitingOn"] == turn("client", "activate_milestone", "2026-12-31"));
  CHECK(milestone_in(c.state(), "m3")["waitingOn"] == nullptr);
  before = seq_of(c);
  REQUIRE(c.code(act("activate_milestone", "m4", day(2))) == "OK");
  CHECK(resent(c, before) == std::set<std::string>{"m4"});  // m3 waits as it did
  SUBCASE("an automatic release (R9) sends the next one again too") {
    REQUIRE(c.code(act("submit_work", "m4", day(2), {{"message", "v1"}}, "freelancer")) == "OK");
    before = seq_of(c);
    REQUIRE(c.code(command("tick", "system", day(17))) == "OK");
    CHECK(resent(c, before) == std::set<std::string>{"m3", "m4"});
  }
}

TEST_CASE("payment_released: carries the escrow it came from (R10)") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  json less = c.send(act("release_payment", "m1", day(1), {{"amount", 6000}}));
  CHECK(less["events"][0]["escrow"] == 10000);
  CHECK(less["events"][0]["returned"] == 4000);
  REQUIRE(c.code(act("activate_milestone", "m2", day(1))) == "OK");
  json more = c.send(act("release_payment", "m2", day(2), {{"amount", 25000}}));
  CHECK(more["events"][0]["escrow"] == 20000);
  CHECK(more["events"][0]["extra"] == 5000);
  REQUIRE(c.code(act("activate_milestone", "m3", day(2))) == "OK");
  REQUIRE(c.code(act("submit_work", "m3", day(2), {{"message", "v1"}}, "freelancer")) == "OK");
  json automatic = c.send(command("tick", "system", day(20)));
  CHECK(automatic["events"][0]["auto"] == true);
  CHECK(automatic["events"][0]["escrow"] == 30000);
}

TEST_CASE("payment_released: a log from before escrow was written restores unchanged") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  REQUIRE(c.code(act("release_payment", "m1", day(1), {{"amount", 6000}})) == "OK");
  REQUIRE(c.code(act("activate_milestone", "m2", day(1))) == "OK");
  REQUIRE(c.code(act("submit_work", "m2", day(1), {{"message", "v1"}}, "freelancer")) == "OK");
  REQUIRE(c.code(command("tick", "system", day(16))) == "OK");  // the automatic release
  json log = c.log();
  std::vector<std::size_t> releases;
  for (std::size_t i = 0; i < log["events"].size(); ++i) {
    if (log["events"][i]["type"] == "payment_released") releases.push_back(i);
  }
  REQUIRE(releases.size() == 2);
  // The log as the engine wrote it, without the two escrows: as an older engine wrote it.
  const std::string prefix = R"({"ok":true,"log":)";
  const std::string answer = c.raw().handle(R"({"query":"log"})");
  const std::string written = answer.substr(prefix.size(), answer.size() - prefix.size() - 1);
  const std::string older_text = std::regex_replace(written, std::regex(R"("escrow":[0-9]+,)"), "");
  REQUIRE(older_text.size() + 2 * std::string(R"("escrow":10000,)").size() == written.size());
  milestones::session s;
  json restored = json::parse(s.handle(R"({"query":"restore","log":)" + older_text + "}"));
  REQUIRE(restored["ok"] == true);
  CHECK(restored["state"] == c.state());  // the same state as the log that has it
  // The log given back is the one restored, byte for byte, also through restore_text.
  CHECK(s.handle(R"({"query":"log"})") == prefix + older_text + "}");
  milestones::session t;
  REQUIRE(json::parse(t.restore_text(older_text))["ok"] == true);
  CHECK(t.handle(R"({"query":"log"})") == s.handle(R"({"query":"log"})"));
  // Work continues on it: a new release carries its escrow.
  REQUIRE(json::parse(s.handle(act("activate_milestone", "m3", day(17)).dump()))["ok"] == true);
  json next = json::parse(s.handle(act("release_payment", "m3", day(18)).dump()));
  CHECK(next["events"][0]["escrow"] == 30000);
  SUBCASE("an escrow that is not the rules' own is LOG_INVALID at that event") {
    for (std::size_t i : releases) {
      json wrong = log;
      wrong["events"][i]["escrow"] = wrong["events"][i]["escrow"].get<std::int64_t>() + 1;
      milestones::session bad;
      json r = json::parse(bad.handle(json{{"query", "restore"}, {"log", wrong}}.dump()));
      REQUIRE(r["ok"] == false);
      CHECK(r["error"]["code"] == "LOG_INVALID");
      CHECK(r["error"]["index"] == i);
    }
  }
  SUBCASE("escrow of the wrong JSON type is not a well-formed event") {
    json wrong = log;
    wrong["events"][releases[0]]["escrow"] = "10000";
    milestones::session bad;
    json r = json::parse(bad.handle(json{{"query", "restore"}, {"log", wrong}}.dump()));
    REQUIRE(r["ok"] == false);
    CHECK(r["error"]["code"] == "LOG_INVALID");
    CHECK(r["error"]["index"] == releases[0]);
  }
}
