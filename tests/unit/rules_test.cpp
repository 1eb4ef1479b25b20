// Every rule of core/RULES.md (R1–R19), each pinned by tests that fail if the rule is broken.
#include "support.hpp"

using namespace test;

namespace {

// Activates m1, submits it and returns the contract in `submitted` at day 1.
void submitted_design(contract_under_test& c) {
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  REQUIRE(c.code(act("submit_work", "m1", day(1), {{"message", "Mockups attached"}}, "freelancer")) ==
          "OK");
}

void pay_all(contract_under_test& c, int from_day = 0) {
  for (const char* id : {"m1", "m2", "m3"}) {
    REQUIRE(c.code(act("activate_milestone", id, day(from_day))) == "OK");
    REQUIRE(c.code(act("release_payment", id, day(from_day))) == "OK");
  }
}

}  // namespace

TEST_CASE("R1: amounts are whole cents from 500 to 1,000,000,000") {
  contract_under_test c;
  SUBCASE("the bounds are accepted") {
    CHECK(c.code(create(json::array({milestone("Min", 500), milestone("Max", 1'000'000'000)}))) ==
          "OK");
  }
  SUBCASE("below the $5 minimum") {
    json r = c.send(create(json::array({milestone("Cheap", 499)})));
    CHECK(r["error"]["code"] == "INVALID_AMOUNT");
    CHECK(r["error"]["rule"] == "R1");
    CHECK(r["error"]["field"] == "contract.milestones[0].amount");
  }
  SUBCASE("above USD 10 million") {
    CHECK(c.code(create(json::array({milestone("Huge", 1'000'000'001)}))) == "INVALID_AMOUNT");
  }
  SUBCASE("negative, fraction, exponent") {
    CHECK(c.code(create(json::array({milestone("Neg", -500)}))) == "INVALID_AMOUNT");
    for (const char* literal : {"500.5", "500.0", "5e2", "18446744073709551616"}) {
      std::string line = create(json::array({milestone("Frac", 777)})).dump();
      line.replace(line.find("777"), 3, literal);
      CAPTURE(literal);
      CHECK(c.send_text(line)["error"]["code"] == "INVALID_AMOUNT");
    }
  }
  SUBCASE("a non-number is INVALID_COMMAND") {
    json m = milestone("Text", 500);
    m["amount"] = "500";
    CHECK(c.code(create(json::array({m}))) == "INVALID_COMMAND");
  }
  SUBCASE("currency other than USD") {
    CHECK(c.code(create(json::array({milestone("A", 500)}), "standard", {{"currency", "EUR"}})) ==
          "INVALID_FIELD");
    CHECK(c.code(create(json::array({milestone("A", 500)}), "standard", {{"currency", "USD"}})) ==
          "OK");
  }
  SUBCASE("add and edit check the same range") {
    three_milestones(c);
    CHECK(c.code(command("add_milestone", "client", day(0), {{"milestone", milestone("X", 1)}})) ==
          "INVALID_AMOUNT");
    CHECK(c.code(act("edit_milestone", "m1", day(0), {{"changes", {{"amount", 499}}}})) ==
          "INVALID_AMOUNT");
  }
}

TEST_CASE("R2: the account type is one of four and fixed at creation") {
  for (const char* type : {"standard", "enterprise", "wpp"}) {
    contract_under_test c;
    CHECK(c.code(create(json::array({milestone("A", 500)}), type)) == "OK");
    CHECK(c.state()["contract"]["accountType"] == type);
  }
  contract_under_test c;
  CHECK(c.code(create(json::array({milestone("A", 500)}), "premium")) == "INVALID_FIELD");
}

TEST_CASE("R3: compliance and WPP plans are fixed at the start") {
  for (const char* type : {"enterprise_compliance", "wpp"}) {
    CAPTURE(type);
    contract_under_test c;
    json extra{{"endDate", "2027-06-30"}};
    SUBCASE("creating without milestones is refused") {
      json r = c.send(create(json::array(), type, extra));
      CHECK(r["error"]["code"] == "INVALID_FIELD");
      CHECK(r["error"]["rule"] == "R3");
    }
    SUBCASE("add, edit and delete are CONTRACT_LOCKED and say to create a new offer") {
      three_milestones(c, type, extra);
      json r = c.send(command("add_milestone", "client", day(1), {{"milestone", milestone("X", 500)}}));
      CHECK(r["error"]["code"] == "CONTRACT_LOCKED");
      CHECK(r["error"]["rule"] == "R3");
      CHECK(r["error"]["message"].get<std::string>().find("new contract offer") != std::string::npos);
      CHECK(c.code(act("edit_milestone", "m1", day(1), {{"changes", {{"title", "New"}}}})) ==
            "CONTRACT_LOCKED");
      CHECK(c.code(act("delete_milestone", "m2", day(1))) == "CONTRACT_LOCKED");
      // Reordering stays possible on every account type (R5).
      CHECK(c.code(act("move_milestone", "m3", day(1), {{"toIndex", 0}})) == "OK");
    }
  }
}

TEST_CASE("R4: standard and enterprise plans can grow and change while pending") {
  for (const char* type : {"standard", "enterprise"}) {
    CAPTURE(type);
    contract_under_test c;
    three_milestones(c, type);
    json r = c.send(command("add_milestone", "client", day(1),
                            {{"milestone", {{"title", "  Extra  "}, {"description", "More"},
                                            {"amount", 700}, {"dueDate", "2027-01-10"}}}}));
    REQUIRE(r["ok"] == true);
    json s = c.state();
    CHECK(s["milestones"][3]["id"] == "m4");
    CHECK(s["milestones"][3]["title"] == "Extra");  // stored trimmed
    CHECK(s["milestones"][3]["status"] == "pending");
    CHECK(s["totals"]["budget"] == 60700);

    CHECK(c.code(act("edit_milestone", "m2", day(1),
                     {{"changes", {{"title", "Build v2"}, {"amount", 25000}}}})) == "OK");
    s = c.state();
    CHECK(s["milestones"][1]["title"] == "Build v2");
    CHECK(s["milestones"][1]["amount"] == 25000);
    CHECK(s["totals"]["budget"] == 65700);

    CHECK(c.code(act("delete_milestone", "m3", day(1))) == "OK");
    s = c.state();
    CHECK(s["milestones"].size() == 3);
    CHECK(s["totals"]["budget"] == 35700);
    // Ids are never reused.
    CHECK(c.code(command("add_milestone", "client", day(1), {{"milestone", milestone("Y", 500)}})) ==
          "OK");
    CHECK(c.state()["milestones"][3]["id"] == "m5");

    // Activated milestones are locked.
    REQUIRE(c.code(act("activate_milestone", "m1", day(2))) == "OK");
    json locked = c.send(act("edit_milestone", "m1", day(2), {{"changes", {{"title", "Z"}}}}));
    CHECK(locked["error"]["code"] == "MILESTONE_LOCKED");
    CHECK(locked["error"]["rule"] == "R4");
    CHECK(c.code(act("delete_milestone", "m1", day(2))) == "MILESTONE_LOCKED");
    // An edit must change something.
    CHECK(c.code(act("edit_milestone", "m2", day(2), {{"changes", json::object()}})) ==
          "INVALID_FIELD");
  }
}

TEST_CASE("R5: only pending milestones are reordered, behind the activated ones") {
  contract_under_test c;
  three_milestones(c);
  SUBCASE("move_milestone rotates within the list") {
    CHECK(c.code(act("move_milestone", "m3", day(0), {{"toIndex", 0}})) == "OK");
    json s = c.state();
    CHECK(s["milestones"][0]["id"] == "m3");
    CHECK(s["milestones"][1]["id"] == "m1");
    CHECK(s["milestones"][2]["id"] == "m2");
    CHECK(c.code(act("move_milestone", "m3", day(0), {{"toIndex", 2}})) == "OK");
    s = c.state();
    CHECK(s["milestones"][2]["id"] == "m3");
    CHECK(c.code(act("move_milestone", "m3", day(0), {{"toIndex", 2}})) == "INVALID_FIELD");
    CHECK(c.code(act("move_milestone", "m3", day(0), {{"toIndex", 3}})) == "INVALID_FIELD");
    CHECK(c.code(act("move_milestone", "m3", day(0), {{"toIndex", -1}})) == "INVALID_FIELD");
  }
  SUBCASE("nothing moves above an activated milestone, which never moves") {
    REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
    json r = c.send(act("move_milestone", "m3", day(0), {{"toIndex", 0}}));
    CHECK(r["error"]["code"] == "MILESTONE_LOCKED");
    CHECK(r["error"]["rule"] == "R5");
    CHECK(c.code(act("move_milestone", "m1", day(0), {{"toIndex", 2}})) == "MILESTONE_LOCKED");
    CHECK(c.code(act("move_milestone", "m3", day(0), {{"toIndex", 1}})) == "OK");
    CHECK(c.state()["milestones"][1]["id"] == "m3");
  }
  SUBCASE("reorder_milestones takes exactly the pending ids") {
    REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
    CHECK(c.code(command("reorder_milestones", "client", day(0), {{"order", {"m3", "m2"}}})) == "OK");
    CHECK(c.state()["milestones"][1]["id"] == "m3");
    CHECK(c.code(command("reorder_milestones", "client", day(0), {{"order", {"m3", "m2"}}})) ==
          "INVALID_FIELD");  // changes nothing
    CHECK(c.code(command("reorder_milestones", "client", day(0), {{"order", {"m2"}}})) ==
          "INVALID_FIELD");
    CHECK(c.code(command("reorder_milestones", "client", day(0), {{"order", {"m2", "m2"}}})) ==
          "INVALID_FIELD");
    CHECK(c.code(command("reorder_milestones", "client", day(0), {{"order", {"m1", "m2", "m3"}}})) ==
          "MILESTONE_LOCKED");
    CHECK(c.code(command("reorder_milestones", "client", day(0), {{"order", {"m9", "m2"}}})) ==
          "UNKNOWN_MILESTONE");
  }
  SUBCASE("reordering works on locked plans too") {
    contract_under_test w;
    three_milestones(w, "wpp");
    CHECK(w.code(command("reorder_milestones", "client", day(0), {{"order", {"m3", "m2", "m1"}}})) ==
          "OK");
  }
}

TEST_CASE("R6: one milestone at a time, in list order, paid from credit first") {
  contract_under_test c;
  three_milestones(c);
  json r = c.send(act("activate_milestone", "m2", day(0)));
  CHECK(r["error"]["code"] == "NOT_NEXT_MILESTONE");
  CHECK(r["error"]["rule"] == "R6");
  r = c.send(act("activate_milestone", "m1", day(0)));
  REQUIRE(r["ok"] == true);
  CHECK(r["events"][0]["fromCredit"] == 0);
  CHECK(r["events"][0]["charged"] == 10000);
  json s = c.state();
  CHECK(s["milestones"][0]["status"] == "active");
  CHECK(s["milestones"][0]["escrow"] == 10000);
  CHECK(s["totals"]["charged"] == 10000);

  SUBCASE("a second activation names the milestone to release first") {
    for (const char* status : {"active", "submitted", "changes_requested"}) {
      CAPTURE(status);
      if (std::string(status) == "submitted") {
        REQUIRE(c.code(act("submit_work", "m1", day(1), {{"message", "x"}}, "freelancer")) == "OK");
      }
      if (std::string(status) == "changes_requested") {
        REQUIRE(c.code(act("request_changes", "m1", day(1), {{"message", "y"}})) == "OK");
      }
      r = c.send(act("activate_milestone", "m2", day(1)));
      CHECK(r["error"]["code"] == "ANOTHER_MILESTONE_ACTIVE");
      CHECK(r["error"]["message"].get<std::string>().find("Design") != std::string::npos);
    }
  }
  SUBCASE("activating an activated milestone is INVALID_STATE, before the other checks") {
    CHECK(c.code(act("activate_milestone", "m1", day(0))) == "INVALID_STATE");
  }
  SUBCASE("credit from a partial release pays the next activation first") {
    REQUIRE(c.code(act("release_payment", "m1", day(1), {{"amount", 4000}})) == "OK");
    CHECK(c.state()["totals"]["credit"] == 6000);
    r = c.send(act("activate_milestone", "m2", day(1)));
    REQUIRE(r["ok"] == true);
    CHECK(r["events"][0]["fromCredit"] == 6000);
    CHECK(r["events"][0]["charged"] == 14000);
    s = c.state();
    CHECK(s["totals"]["credit"] == 0);
    CHECK(s["totals"]["charged"] == 24000);
  }
  SUBCASE("credit larger than the next amount is used only up to it") {
    REQUIRE(c.code(act("edit_milestone", "m2", day(1), {{"changes", {{"amount", 500}}}})) == "OK");
    REQUIRE(c.code(act("release_payment", "m1", day(1), {{"amount", 1000}})) == "OK");
    r = c.send(act("activate_milestone", "m2", day(1)));
    CHECK(r["events"][0]["fromCredit"] == 500);
    CHECK(r["events"][0]["charged"] == 0);
    CHECK(c.state()["totals"]["credit"] == 8500);
  }
}

TEST_CASE("R7: the freelancer submits work and a 14-day window opens") {
  contract_under_test c;
  three_milestones(c);
  CHECK(c.code(act("submit_work", "m1", day(0), {{"message", "x"}}, "freelancer")) ==
        "INVALID_STATE");  // still pending
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  CHECK(c.code(act("submit_work", "m1", day(1), {{"message", "  "}}, "freelancer")) ==
        "INVALID_FIELD");
  CHECK(c.code(act("submit_work", "m1", day(1), {{"message", "x"}}, "client")) == "NOT_PERMITTED");
  json r = c.send(act("submit_work", "m1", day(1), {{"message", "Draft"}}, "freelancer"));
  REQUIRE(r["ok"] == true);
  CHECK(r["events"][0]["reviewDeadline"] == day(15));
  json m = c.state()["milestones"][0];
  CHECK(m["status"] == "submitted");
  CHECK(m["reviewDeadline"] == day(15));
  CHECK(m["submission"]["message"] == "Draft");
  CHECK(m["submission"]["at"] == day(1));
  CHECK(c.code(act("submit_work", "m1", day(2), {{"message", "again"}}, "freelancer")) ==
        "INVALID_STATE");
  // A resubmission after changes starts a new window.
  REQUIRE(c.code(act("request_changes", "m1", day(10), {{"message", "Fix it"}})) == "OK");
  REQUIRE(c.code(act("submit_work", "m1", day(12), {{"message", "Fixed"}}, "freelancer")) == "OK");
  CHECK(c.state()["milestones"][0]["reviewDeadline"] == day(26));
}

TEST_CASE("R8: inside the window the client approves or requests changes, any number of times") {
  contract_under_test c;
  submitted_design(c);
  for (int round = 1; round <= 3; ++round) {
    CHECK(c.code(act("request_changes", "m1", day(1 + round), {{"message", ""}})) == "INVALID_FIELD");
    json r = c.send(act("request_changes", "m1", day(1 + round), {{"message", "Round"}}));
    REQUIRE(r["ok"] == true);
    json m = c.state()["milestones"][0];
    CHECK(m["status"] == "changes_requested");
    CHECK(m["reviewDeadline"].is_null());
    CHECK(m["revisions"] == round);
    CHECK(m["changeRequest"]["message"] == "Round");
    CHECK(c.code(act("request_changes", "m1", day(1 + round), {{"message", "Again"}})) ==
          "INVALID_STATE");
    REQUIRE(c.code(act("submit_work", "m1", day(1 + round), {{"message", "v"}}, "freelancer")) ==
          "OK");
  }
  // One millisecond before the deadline the client can still act.
  const std::int64_t deadline = c.state()["milestones"][0]["reviewDeadline"].get<std::int64_t>();
  CHECK(c.code(act("release_payment", "m1", deadline - 1)) == "OK");
  CHECK(c.state()["milestones"][0]["autoReleased"] == false);
}

TEST_CASE("R9: at the deadline the escrow is released automatically") {
  contract_under_test c;
  submitted_design(c);
  const std::int64_t deadline = day(15);
  SUBCASE("a later command records the release first, at the deadline time") {
    json r = c.send(command("add_milestone", "client", day(20), {{"milestone", milestone("More", 500)}}));
    REQUIRE(r["ok"] == true);
    REQUIRE(r["events"].size() == 2);
    CHECK(r["events"][0]["type"] == "payment_released");
    CHECK(r["events"][0]["auto"] == true);
    CHECK(r["events"][0]["at"] == deadline);
    CHECK(r["events"][0]["amount"] == 10000);
    CHECK(r["events"][1]["type"] == "milestone_added");
    CHECK(r["events"][1]["at"] == day(20));
    json m = c.state()["milestones"][0];
    CHECK(m["status"] == "paid");
    CHECK(m["autoReleased"] == true);
    CHECK(m["released"] == 10000);
  }
  SUBCASE("a tick exactly at the deadline releases") {
    json r = c.send(command("tick", "system", deadline - 1));
    CHECK(r["events"].empty());
    r = c.send(command("tick", "system", deadline));
    REQUIRE(r["events"].size() == 1);
    CHECK(r["events"][0]["auto"] == true);
  }
  SUBCASE("approve or request changes after the deadline is REVIEW_WINDOW_CLOSED") {
    json r = c.send(act("release_payment", "m1", deadline));
    CHECK(r["error"]["code"] == "REVIEW_WINDOW_CLOSED");
    CHECK(r["error"]["rule"] == "R9");
    CHECK(c.code(act("request_changes", "m1", day(16), {{"message", "late"}})) ==
          "REVIEW_WINDOW_CLOSED");
    // The rejection recorded nothing, not even the auto-release or the clock.
    CHECK(c.state()["milestones"][0]["status"] == "submitted");
    CHECK(c.state()["lastAt"] == day(1));
  }
  SUBCASE("a command is judged on the advanced contract: the next activation is allowed") {
    json r = c.send(act("activate_milestone", "m2", day(16)));
    REQUIRE(r["ok"] == true);
    CHECK(r["events"][0]["type"] == "payment_released");
    CHECK(r["events"][1]["type"] == "milestone_activated");
    CHECK(r["events"][0]["seq"] == 4);
    CHECK(r["events"][1]["seq"] == 5);
  }
  SUBCASE("a rejected command after the deadline does not record the release") {
    CHECK(c.code(act("activate_milestone", "m3", day(16))) == "NOT_NEXT_MILESTONE");
    CHECK(c.state()["seq"] == 3);
  }
}

TEST_CASE("R10: releasing less makes credit, more charges extra") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  SUBCASE("the default is the escrow") {
    json r = c.send(act("release_payment", "m1", day(1)));
    CHECK(r["events"][0]["amount"] == 10000);
    CHECK(r["events"][0]["returned"] == 0);
    CHECK(r["events"][0]["extra"] == 0);
  }
  SUBCASE("less: the rest becomes client credit") {
    json r = c.send(act("release_payment", "m1", day(1), {{"amount", 6000}}));
    CHECK(r["events"][0]["returned"] == 4000);
    json s = c.state();
    CHECK(s["milestones"][0]["released"] == 6000);
    CHECK(s["milestones"][0]["returned"] == 4000);
    CHECK(s["milestones"][0]["escrow"] == 0);
    CHECK(s["milestones"][0]["status"] == "paid");
    CHECK(s["totals"]["credit"] == 4000);
  }
  SUBCASE("more: the difference is charged as extra funding") {
    json r = c.send(act("release_payment", "m1", day(1), {{"amount", 15000}}));
    CHECK(r["events"][0]["extra"] == 5000);
    json s = c.state();
    CHECK(s["milestones"][0]["funded"] == 15000);
    CHECK(s["milestones"][0]["released"] == 15000);
    CHECK(s["totals"]["charged"] == 15000);
  }
  SUBCASE("a partial payment of a $5 milestone works down to one cent") {
    contract_under_test small;
    REQUIRE(small.code(create(json::array({milestone("Tiny", 500)}))) == "OK");
    REQUIRE(small.code(act("activate_milestone", "m1", day(0))) == "OK");
    CHECK(small.code(act("release_payment", "m1", day(0), {{"amount", 0}})) == "INVALID_AMOUNT");
    CHECK(small.code(act("release_payment", "m1", day(0), {{"amount", 1'000'000'001}})) ==
          "INVALID_AMOUNT");
    CHECK(small.code(act("release_payment", "m1", day(0), {{"amount", 1}})) == "OK");
    CHECK(small.state()["totals"]["credit"] == 499);
  }
  SUBCASE("release works from active, submitted and changes_requested, never twice") {
    REQUIRE(c.code(act("submit_work", "m1", day(1), {{"message", "x"}}, "freelancer")) == "OK");
    REQUIRE(c.code(act("request_changes", "m1", day(2), {{"message", "y"}})) == "OK");
    CHECK(c.code(act("release_payment", "m1", day(3))) == "OK");
    CHECK(c.code(act("release_payment", "m1", day(3))) == "INVALID_STATE");
    CHECK(c.code(act("release_payment", "m2", day(3))) == "INVALID_STATE");
  }
}

TEST_CASE("R11: released money stays released; only a refund moves it back") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  REQUIRE(c.code(act("release_payment", "m1", day(0))) == "OK");
  CHECK(c.code(act("request_changes", "m1", day(1), {{"message", "undo"}})) == "INVALID_STATE");
  CHECK(c.code(act("release_payment", "m1", day(1), {{"amount", 500}})) == "INVALID_STATE");
  CHECK(c.state()["milestones"][0]["released"] == 10000);
  REQUIRE(c.code(act("request_refund", "m1", day(1), {{"amount", 1000}, {"reason", "Late"}})) == "OK");
  REQUIRE(c.code(act("respond_refund", "m1", day(1), {{"accept", true}}, "freelancer")) == "OK");
  CHECK(c.state()["milestones"][0]["released"] == 10000);
  CHECK(c.state()["milestones"][0]["refunded"] == 1000);
}

TEST_CASE("R12: due dates of pending milestones change by agreement") {
  contract_under_test c;
  three_milestones(c);
  SUBCASE("propose then accept") {
    REQUIRE(c.code(act("propose_due_date", "m2", day(0), {{"dueDate", "2027-02-01"}}, "freelancer")) ==
          "OK");
    CHECK(c.state()["milestones"][1]["dueDateProposal"]["by"] == "freelancer");
    json r = c.send(act("respond_due_date", "m2", day(1), {{"accept", true}}, "freelancer"));
    CHECK(r["error"]["code"] == "NOT_PERMITTED");
    CHECK(r["error"]["rule"] == "R12");
    REQUIRE(c.code(act("respond_due_date", "m2", day(1), {{"accept", true}})) == "OK");
    CHECK(c.state()["milestones"][1]["dueDate"] == "2027-02-01");
    CHECK(c.state()["milestones"][1]["dueDateProposal"].is_null());
    CHECK(c.code(act("respond_due_date", "m2", day(1), {{"accept", true}})) == "NO_OPEN_REQUEST");
  }
  SUBCASE("reject keeps the date; a new proposal replaces an open one") {
    REQUIRE(c.code(act("propose_due_date", "m2", day(0), {{"dueDate", "2027-02-01"}})) == "OK");
    REQUIRE(c.code(act("propose_due_date", "m2", day(0), {{"dueDate", "2027-03-01"}}, "freelancer")) ==
          "OK");
    CHECK(c.state()["milestones"][1]["dueDateProposal"]["dueDate"] == "2027-03-01");
    REQUIRE(c.code(act("respond_due_date", "m2", day(0), {{"accept", false}})) == "OK");
    CHECK(c.state()["milestones"][1]["dueDate"] == "2026-12-31");
  }
  SUBCASE("dates in the past and impossible dates are INVALID_DATE") {
    json r = c.send(act("propose_due_date", "m2", day(0) + day_ms / 2, {{"dueDate", "2026-11-25"}}));
    CHECK(r["error"]["code"] == "INVALID_DATE");
    CHECK(r["error"]["message"] == "Nov 25, 2026 is in the past; choose Nov 26, 2026 or later.");
    CHECK(r["error"]["params"] == json{{"date", "2026-11-25"}, {"earliest", "2026-11-26"}});
    CHECK(c.code(act("propose_due_date", "m2", day(0), {{"dueDate", "2026-11-26"}})) == "OK");
    CHECK(c.code(act("propose_due_date", "m2", day(0), {{"dueDate", "2027-02-29"}})) ==
          "INVALID_DATE");
    CHECK(c.code(act("propose_due_date", "m2", day(0), {{"dueDate", "2027-2-1"}})) == "INVALID_DATE");
  }
  SUBCASE("an accept re-checks the date and leaves the proposal open when it fails") {
    REQUIRE(c.code(act("propose_due_date", "m2", day(0), {{"dueDate", "2026-11-27"}})) == "OK");
    // R12′: at 12:00 UTC on the 28th, the 27th is over everywhere on Earth.
    CHECK(c.code(act("respond_due_date", "m2", day(2) + day_ms / 2, {{"accept", true}}, "freelancer")) ==
          "INVALID_DATE");
    CHECK(c.state()["milestones"][1]["dueDateProposal"]["dueDate"] == "2026-11-27");
  }
  SUBCASE("active milestones keep their date; activation voids an open proposal") {
    REQUIRE(c.code(act("propose_due_date", "m1", day(0), {{"dueDate", "2027-02-01"}})) == "OK");
    REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
    CHECK(c.state()["milestones"][0]["dueDateProposal"].is_null());
    json r = c.send(act("propose_due_date", "m1", day(0), {{"dueDate", "2027-02-01"}}));
    CHECK(r["error"]["code"] == "MILESTONE_LOCKED");
    CHECK(r["error"]["rule"] == "R12");
    CHECK(c.code(act("respond_due_date", "m1", day(0), {{"accept", true}}, "freelancer")) ==
          "NO_OPEN_REQUEST");
  }
}

TEST_CASE("R13: compliance due dates stay within the contract's end date") {
  contract_under_test c;
  SUBCASE("the end date is required") {
    CHECK(c.code(create(json::array({milestone("A", 500)}), "enterprise_compliance")) ==
          "INVALID_COMMAND");
  }
  SUBCASE("a milestone after the end date at creation") {
    json r = c.send(create(json::array({milestone("A", 500, "2027-07-01")}), "enterprise_compliance",
                           {{"endDate", "2027-06-30"}}));
    CHECK(r["error"]["code"] == "OUTSIDE_CONTRACT_SCOPE");
    CHECK(r["error"]["rule"] == "R13");
  }
  SUBCASE("proposals outside scope, then an extension") {
    three_milestones(c, "enterprise_compliance", {{"endDate", "2027-01-31"}});
    json r = c.send(act("propose_due_date", "m2", day(0), {{"dueDate", "2027-02-15"}}));
    CHECK(r["error"]["code"] == "OUTSIDE_CONTRACT_SCOPE");
    CHECK(r["error"]["message"].get<std::string>().find("extend the contract") != std::string::npos);
    CHECK(c.code(command("extend_contract", "client", day(0), {{"endDate", "2027-01-31"}})) ==
          "INVALID_DATE");
    CHECK(c.code(command("extend_contract", "freelancer", day(0), {{"endDate", "2027-03-31"}})) ==
          "NOT_PERMITTED");
    REQUIRE(c.code(command("extend_contract", "client", day(0), {{"endDate", "2027-03-31"}})) == "OK");
    CHECK(c.state()["contract"]["endDate"] == "2027-03-31");
    CHECK(c.code(act("propose_due_date", "m2", day(0), {{"dueDate", "2027-02-15"}})) == "OK");
  }
  SUBCASE("an end date on other accounts is kept but limits nothing") {
    three_milestones(c, "standard", {{"endDate", "2027-01-31"}});
    CHECK(c.state()["contract"]["endDate"] == "2027-01-31");
    CHECK(c.code(act("propose_due_date", "m2", day(0), {{"dueDate", "2027-05-01"}})) == "OK");
    CHECK(c.code(command("extend_contract", "client", day(0), {{"endDate", "2027-03-31"}})) ==
          "INVALID_STATE");
  }
  SUBCASE("an end date before the start is INVALID_DATE") {
    CHECK(c.code(create(json::array({milestone("A", 500)}), "enterprise_compliance",
                        {{"endDate", "2026-11-01"}})) == "INVALID_DATE");
  }
}

TEST_CASE("R14: refunds of paid milestones, answered by the freelancer") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  CHECK(c.code(act("request_refund", "m1", day(0), {{"amount", 100}, {"reason", "x"}})) ==
        "INVALID_STATE");  // not paid yet
  REQUIRE(c.code(act("release_payment", "m1", day(0), {{"amount", 8000}})) == "OK");
  CHECK(c.code(act("request_refund", "m1", day(1), {{"amount", 0}, {"reason", "x"}})) ==
        "INVALID_AMOUNT");
  json r = c.send(act("request_refund", "m1", day(1), {{"amount", 8001}, {"reason", "x"}}));
  CHECK(r["error"]["code"] == "REFUND_TOO_LARGE");
  CHECK(r["error"]["rule"] == "R14");
  CHECK(c.code(act("request_refund", "m1", day(1), {{"amount", 100}, {"reason", " "}})) ==
        "INVALID_FIELD");
  REQUIRE(c.code(act("request_refund", "m1", day(1), {{"amount", 5000}, {"reason", "Bugs"}})) == "OK");
  CHECK(c.state()["milestones"][0]["refundRequest"]["amount"] == 5000);
  CHECK(c.code(act("request_refund", "m1", day(1), {{"amount", 100}, {"reason", "More"}})) ==
        "INVALID_STATE");
  CHECK(c.code(act("respond_refund", "m1", day(2), {{"accept", true}})) == "NOT_PERMITTED");
  CHECK(c.code(act("respond_refund", "m1", day(2), {{"accept", true}, {"amount", 5001}},
                   "freelancer")) == "REFUND_TOO_LARGE");
  REQUIRE(c.code(act("respond_refund", "m1", day(2), {{"accept", true}, {"amount", 3000}},
                     "freelancer")) == "OK");
  json s = c.state();
  CHECK(s["milestones"][0]["refunded"] == 3000);
  CHECK(s["milestones"][0]["refundRequest"].is_null());
  CHECK(s["totals"]["refunded"] == 3000);
  // Only released − refunded is left to refund.
  CHECK(c.code(act("request_refund", "m1", day(3), {{"amount", 5001}, {"reason", "x"}})) ==
        "REFUND_TOO_LARGE");
  REQUIRE(c.code(act("request_refund", "m1", day(3), {{"amount", 5000}, {"reason", "x"}})) == "OK");
  REQUIRE(c.code(act("respond_refund", "m1", day(3), {{"accept", false}}, "freelancer")) == "OK");
  CHECK(c.state()["milestones"][0]["refunded"] == 3000);
  CHECK(c.code(act("respond_refund", "m1", day(3), {{"accept", false}}, "freelancer")) ==
        "NO_OPEN_REQUEST");
}

TEST_CASE("R15: the contract ends when everything is paid, and credit goes back") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  json r = c.send(command("end_contract", "client", day(0)));  // R15′: escrow is held
  CHECK(r["error"]["code"] == "CONTRACT_INCOMPLETE");
  CHECK(r["error"]["rule"] == "R15");
  REQUIRE(c.code(act("release_payment", "m1", day(0), {{"amount", 9000}})) == "OK");
  REQUIRE(c.code(act("activate_milestone", "m2", day(0))) == "OK");
  REQUIRE(c.code(act("release_payment", "m2", day(0))) == "OK");
  REQUIRE(c.code(act("activate_milestone", "m3", day(0))) == "OK");
  REQUIRE(c.code(act("release_payment", "m3", day(0), {{"amount", 29000}})) == "OK");
  CHECK(c.state()["totals"]["credit"] == 1000);
  SUBCASE("an open refund request blocks the end") {
    REQUIRE(c.code(act("request_refund", "m2", day(1), {{"amount", 100}, {"reason", "x"}})) == "OK");
    CHECK(c.code(command("end_contract", "client", day(1))) == "CONTRACT_INCOMPLETE");
  }
  SUBCASE("ending returns the credit; afterwards only refunds, feedback and ticks") {
    CHECK(c.code(command("end_contract", "freelancer", day(1))) == "NOT_PERMITTED");
    r = c.send(command("end_contract", "client", day(1)));
    REQUIRE(r["ok"] == true);
    REQUIRE(r["events"].size() == 2);
    CHECK(r["events"][0]["type"] == "contract_ended");
    CHECK(r["events"][1]["type"] == "credit_returned");
    CHECK(r["events"][1]["amount"] == 1000);
    json s = c.state();
    CHECK(s["contract"]["status"] == "ended");
    CHECK(s["contract"]["endedAt"] == day(1));
    CHECK(s["totals"]["credit"] == 0);
    CHECK(s["totals"]["creditReturned"] == 1000);
    json e = c.send(command("add_milestone", "client", day(2), {{"milestone", milestone("X", 500)}}));
    CHECK(e["error"]["code"] == "CONTRACT_ENDED");
    CHECK(e["error"]["rule"] == "R15");
    CHECK(c.code(command("end_contract", "client", day(2))) == "CONTRACT_ENDED");
    CHECK(c.code(act("move_milestone", "m1", day(2), {{"toIndex", 1}})) == "CONTRACT_ENDED");
    CHECK(c.code(command("tick", "system", day(3))) == "OK");
    CHECK(c.code(act("request_refund", "m1", day(3), {{"amount", 100}, {"reason", "x"}})) == "OK");
    CHECK(c.code(act("respond_refund", "m1", day(3), {{"accept", true}}, "freelancer")) == "OK");
  }
  SUBCASE("no credit, no credit_returned event") {
    contract_under_test z;
    three_milestones(z);
    pay_all(z);
    r = z.send(command("end_contract", "client", day(1)));
    CHECK(r["events"].size() == 1);
  }
  SUBCASE("a contract with no milestones can end") {
    contract_under_test z;
    REQUIRE(z.code(create(json::array())) == "OK");
    CHECK(z.code(command("end_contract", "client", day(0))) == "OK");
  }
}

TEST_CASE("R16: each party leaves feedback once, after the end") {
  contract_under_test c;
  three_milestones(c);
  json r = c.send(command("leave_feedback", "client", day(0), {{"rating", 5}, {"comment", ""}}));
  CHECK(r["error"]["code"] == "INVALID_STATE");
  CHECK(r["error"]["rule"] == "R16");
  pay_all(c);
  REQUIRE(c.code(command("end_contract", "client", day(1))) == "OK");
  CHECK(c.code(command("leave_feedback", "client", day(1), {{"rating", 6}, {"comment", ""}})) ==
        "INVALID_FIELD");
  CHECK(c.code(command("leave_feedback", "client", day(1), {{"rating", 0}, {"comment", ""}})) ==
        "INVALID_FIELD");
  CHECK(c.code(command("leave_feedback", "system", day(1), {{"rating", 3}, {"comment", ""}})) ==
        "NOT_PERMITTED");
  REQUIRE(c.code(command("leave_feedback", "client", day(1), {{"rating", 5}, {"comment", "Great"}})) ==
          "OK");
  REQUIRE(c.code(command("leave_feedback", "freelancer", day(1), {{"rating", 4}, {"comment", ""}})) ==
          "OK");
  r = c.send(command("leave_feedback", "client", day(2), {{"rating", 1}, {"comment", "Changed"}}));
  CHECK(r["error"]["code"] == "DUPLICATE_FEEDBACK");
  json f = c.state()["feedback"];
  CHECK(f["client"]["rating"] == 5);
  CHECK(f["client"]["comment"] == "Great");
  CHECK(f["freelancer"]["rating"] == 4);
}

TEST_CASE("R17: each command has its party") {
  contract_under_test c;
  json as_freelancer = create(json::array({milestone("A", 500)}));
  as_freelancer["actor"] = "freelancer";
  json r = c.send(as_freelancer);
  CHECK(r["error"]["code"] == "NOT_PERMITTED");
  CHECK(r["error"]["rule"] == "R17");
  as_freelancer["actor"] = "boss";
  CHECK(c.code(as_freelancer) == "INVALID_FIELD");
  three_milestones(c);
  const std::pair<json, const char*> wrong[] = {
      {command("add_milestone", "freelancer", day(0), {{"milestone", milestone("X", 500)}}), ""},
      {act("edit_milestone", "m1", day(0), {{"changes", {{"title", "X"}}}}, "freelancer"), ""},
      {act("delete_milestone", "m1", day(0), {}, "freelancer"), ""},
      {act("move_milestone", "m3", day(0), {{"toIndex", 0}}, "freelancer"), ""},
      {command("reorder_milestones", "freelancer", day(0), {{"order", {"m3", "m2", "m1"}}}), ""},
      {act("activate_milestone", "m1", day(0), {}, "freelancer"), ""},
      {act("request_changes", "m1", day(0), {{"message", "x"}}, "freelancer"), ""},
      {act("release_payment", "m1", day(0), {}, "freelancer"), ""},
      {act("propose_due_date", "m1", day(0), {{"dueDate", "2027-01-01"}}, "system"), ""},
      {act("respond_due_date", "m1", day(0), {{"accept", true}}, "system"), ""},
      {command("extend_contract", "freelancer", day(0), {{"endDate", "2027-01-01"}}), ""},
      {act("request_refund", "m1", day(0), {{"amount", 1}, {"reason", "x"}}, "freelancer"), ""},
      {act("respond_refund", "m1", day(0), {{"accept", true}}, "client"), ""},
      {command("end_contract", "freelancer", day(0)), ""},
      {command("tick", "client", day(0)), ""},
  };
  for (const auto& entry : wrong) {
    const json& line = entry.first;
    CAPTURE(line.dump());
    CHECK(c.code(line) == "NOT_PERMITTED");
  }
}

TEST_CASE("R18: time never goes backwards") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(command("tick", "system", day(3))) == "OK");
  CHECK(c.state()["lastAt"] == day(3));
  json r = c.send(act("activate_milestone", "m1", day(3) - 1));
  CHECK(r["error"]["code"] == "CLOCK_BACKWARDS");
  CHECK(r["error"]["rule"] == "R18");
  CHECK(c.code(act("activate_milestone", "m1", day(3))) == "OK");  // the same instant is fine
  // CLOCK_BACKWARDS comes before the field checks.
  CHECK(c.code(command("add_milestone", "client", day(1), {{"milestone", milestone("", 1)}})) ==
        "CLOCK_BACKWARDS");
}

TEST_CASE("R19: money is conserved through a whole contract") {
  // contract_under_test checks the invariants after every accepted command; this walks every
  // kind of money movement and then checks the totals by hand.
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  REQUIRE(c.code(act("release_payment", "m1", day(1), {{"amount", 7000}})) == "OK");   // 3000 credit
  REQUIRE(c.code(act("activate_milestone", "m2", day(1))) == "OK");                     // uses it
  REQUIRE(c.code(act("release_payment", "m2", day(2), {{"amount", 25000}})) == "OK");  // 5000 extra
  REQUIRE(c.code(act("activate_milestone", "m3", day(2))) == "OK");
  REQUIRE(c.code(act("submit_work", "m3", day(3), {{"message", "x"}}, "freelancer")) == "OK");
  REQUIRE(c.code(command("tick", "system", day(30))) == "OK");  // auto-release
  REQUIRE(c.code(act("request_refund", "m2", day(31), {{"amount", 2000}, {"reason", "x"}})) == "OK");
  REQUIRE(c.code(act("respond_refund", "m2", day(31), {{"accept", true}}, "freelancer")) == "OK");
  REQUIRE(c.code(command("end_contract", "client", day(32))) == "OK");
  json t = c.state()["totals"];
  CHECK(t["budget"] == 60000);
  CHECK(t["released"] == 7000 + 25000 + 30000);
  CHECK(t["returned"] == 3000);
  CHECK(t["funded"] == 10000 + 25000 + 30000);
  CHECK(t["refunded"] == 2000);
  CHECK(t["charged"] == 10000 + 17000 + 5000 + 30000);
  CHECK(t["charged"].get<std::int64_t>() ==
        t["released"].get<std::int64_t>() + t["escrow"].get<std::int64_t>() +
            t["credit"].get<std::int64_t>() + t["creditReturned"].get<std::int64_t>());
}

TEST_CASE("invariant checker: each broken invariant is reported") {
  milestones::session s;
  s.handle(create(json::array({milestone("A", 500), milestone("B", 600)})).dump());
  s.handle(command("activate_milestone", "client", t0, {{"milestoneId", "m1"}}).dump());
  const milestones::contract good = *s.state();
  REQUIRE(!milestones::check_invariants(good));
  auto broken = [&](auto&& edit) {
    milestones::contract c = good;
    edit(c);
    return milestones::check_invariants(c).has_value();
  };
  using milestones::cents;
  CHECK(broken([](auto& c) { c.milestones[0].escrow = cents{499}; }));
  CHECK(broken([](auto& c) { c.milestones[0].refunded = cents{1}; }));
  CHECK(broken([](auto& c) { c.totals.charged += cents{1}; }));
  CHECK(broken([](auto& c) { c.totals.budget += cents{1}; }));
  CHECK(broken([](auto& c) { std::swap(c.milestones[0], c.milestones[1]); }));
  CHECK(broken([](auto& c) {
    c.milestones[1].status = milestones::milestone_status::active;
    c.milestones[1].escrow = c.milestones[1].funded = cents{600};
  }));
  CHECK(broken([](auto& c) { c.milestones[1].number = 1; }));
}

TEST_CASE("R12′: the past is past everywhere on Earth: before the UTC date of at − 12 h") {
  contract_under_test c;
  three_milestones(c);  // created at 2026-11-26T00:00Z
  const std::int64_t hour = 3'600'000;
  // 2026-11-27, 11:59 UTC: still the 26th in UTC−12 (and UTC−8), so the 26th is nobody's past.
  const std::int64_t before_noon = day(1) + 12 * hour - 60'000;
  CHECK(c.code(act("propose_due_date", "m2", before_noon, {{"dueDate", "2026-11-26"}})) == "OK");
  CHECK(c.code(act("propose_due_date", "m2", before_noon, {{"dueDate", "2026-11-25"}})) == "INVALID_DATE");
  // From 12:00 UTC, the 26th is over everywhere.
  json r = c.send(act("propose_due_date", "m2", day(1) + 12 * hour, {{"dueDate", "2026-11-26"}}));
  CHECK(r["error"]["code"] == "INVALID_DATE");
  CHECK(r["error"]["params"]["earliest"] == "2026-11-27");
  // The same edge for a new milestone and at creation.
  CHECK(c.code(command("add_milestone", "client", day(1) + 12 * hour,
                       {{"milestone", milestone("Late", 500, "2026-11-27")}})) == "OK");
  contract_under_test fresh;
  CHECK(fresh.code(command("create_contract", "client", day(1) + 11 * hour,
                           {{"contract", {{"title", "W"}, {"accountType", "standard"}, {"client", "A"},
                                          {"freelancer", "J"},
                                          {"milestones", json::array({milestone("Today west", 500, "2026-11-26")})}}}})) ==
        "OK");
}
