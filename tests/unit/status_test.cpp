// The milestone status machine, transition by transition.
#include "support.hpp"

using namespace test;
using milestones::milestone_action;
using milestones::milestone_status;

TEST_CASE("status table: which action may act in which status") {
  using S = milestone_status;
  using A = milestone_action;
  const S all[] = {S::pending, S::active, S::submitted, S::changes_requested, S::paid};
  struct row {
    A action;
    std::vector<S> allowed;
  };
  const row table[] = {
      {A::edit, {S::pending}},
      {A::remove, {S::pending}},
      {A::move, {S::pending}},
      {A::activate, {S::pending}},
      {A::submit, {S::active, S::changes_requested}},
      {A::request_changes, {S::submitted}},
      {A::release, {S::active, S::submitted, S::changes_requested}},
      {A::propose_due_date, {S::pending}},
      {A::request_refund, {S::paid}},
  };
  for (const row& r : table) {
    for (S s : all) {
      const bool expected = std::find(r.allowed.begin(), r.allowed.end(), s) != r.allowed.end();
      CAPTURE(static_cast<int>(r.action));
      CAPTURE(milestones::name_of(s));
      CHECK(milestones::may_act(r.action, s) == expected);
    }
  }
}

namespace {

json on_m1(const std::string& type, std::int64_t at, json extra = json::object(),
           const std::string& actor = "client") {
  extra["milestoneId"] = "m1";
  return command(type, actor, at, std::move(extra));
}

std::string status_of_m1(contract_under_test& c) {
  return c.state()["milestones"][0]["status"].get<std::string>();
}

}  // namespace

TEST_CASE("transitions: every accepted edge of the status machine") {
  contract_under_test c;
  three_milestones(c);
  CHECK(status_of_m1(c) == "pending");
  REQUIRE(c.code(on_m1("activate_milestone", day(0))) == "OK");
  CHECK(status_of_m1(c) == "active");  // pending -> active
  REQUIRE(c.code(on_m1("submit_work", day(1), {{"message", "v1"}}, "freelancer")) == "OK");
  CHECK(status_of_m1(c) == "submitted");  // active -> submitted
  REQUIRE(c.code(on_m1("request_changes", day(2), {{"message", "fix"}})) == "OK");
  CHECK(status_of_m1(c) == "changes_requested");  // submitted -> changes_requested
  REQUIRE(c.code(on_m1("submit_work", day(3), {{"message", "v2"}}, "freelancer")) == "OK");
  CHECK(status_of_m1(c) == "submitted");  // changes_requested -> submitted
  REQUIRE(c.code(on_m1("release_payment", day(4))) == "OK");
  CHECK(status_of_m1(c) == "paid");  // submitted -> paid (approve)

  SUBCASE("active -> paid") {
    contract_under_test d;
    three_milestones(d);
    REQUIRE(d.code(on_m1("activate_milestone", day(0))) == "OK");
    REQUIRE(d.code(on_m1("release_payment", day(0))) == "OK");
    CHECK(status_of_m1(d) == "paid");
  }
  SUBCASE("changes_requested -> paid") {
    contract_under_test d;
    three_milestones(d);
    REQUIRE(d.code(on_m1("activate_milestone", day(0))) == "OK");
    REQUIRE(d.code(on_m1("submit_work", day(0), {{"message", "v1"}}, "freelancer")) == "OK");
    REQUIRE(d.code(on_m1("request_changes", day(0), {{"message", "fix"}})) == "OK");
    REQUIRE(d.code(on_m1("release_payment", day(0))) == "OK");
    CHECK(status_of_m1(d) == "paid");
  }
  SUBCASE("submitted -> paid by time (R9)") {
    contract_under_test d;
    three_milestones(d);
    REQUIRE(d.code(on_m1("activate_milestone", day(0))) == "OK");
    REQUIRE(d.code(on_m1("submit_work", day(0), {{"message", "v1"}}, "freelancer")) == "OK");
    REQUIRE(d.code(command("tick", "system", day(14))) == "OK");
    CHECK(status_of_m1(d) == "paid");
  }
}

TEST_CASE("transitions: every refused edge leaves the status as it was") {
  // For each status, every milestone command that the table refuses.
  struct probe {
    const char* type;
    json extra;
    const char* actor;
  };
  const probe probes[] = {
      {"edit_milestone", {{"changes", {{"title", "T"}}}}, "client"},
      {"delete_milestone", json::object(), "client"},
      {"activate_milestone", json::object(), "client"},
      {"submit_work", {{"message", "m"}}, "freelancer"},
      {"request_changes", {{"message", "m"}}, "client"},
      {"release_payment", json::object(), "client"},
      {"propose_due_date", {{"dueDate", "2027-01-01"}}, "client"},
      {"request_refund", {{"amount", 1}, {"reason", "r"}}, "client"},
  };
  // Which probes each status accepts (the others must be refused).
  const std::map<std::string, std::set<std::string>> accepts = {
      {"pending", {"edit_milestone", "delete_milestone", "activate_milestone", "propose_due_date"}},
      {"active", {"submit_work", "release_payment"}},
      {"submitted", {"request_changes", "release_payment"}},
      {"changes_requested", {"submit_work", "release_payment"}},
      {"paid", {"request_refund"}},
  };
  const std::vector<json> to_reach = {
      on_m1("activate_milestone", day(0)),
      on_m1("submit_work", day(0), {{"message", "v"}}, "freelancer"),
      on_m1("request_changes", day(0), {{"message", "c"}}),
  };
  for (const auto& entry : accepts) {
    const std::string& status = entry.first;
    const std::set<std::string>& accepted = entry.second;
    for (const probe& p : probes) {
      contract_under_test c;
      three_milestones(c);
      if (status == "active" || status == "submitted" || status == "changes_requested" ||
          status == "paid") {
        REQUIRE(c.code(to_reach[0]) == "OK");
      }
      if (status == "submitted" || status == "changes_requested") REQUIRE(c.code(to_reach[1]) == "OK");
      if (status == "changes_requested") REQUIRE(c.code(to_reach[2]) == "OK");
      if (status == "paid") REQUIRE(c.code(on_m1("release_payment", day(0))) == "OK");
      REQUIRE(status_of_m1(c) == status);
      CAPTURE(status);
      CAPTURE(p.type);
      const std::string code = c.code(on_m1(p.type, day(1), p.extra, p.actor));
      CHECK((code == "OK") == (accepted.count(p.type) == 1));
      if (code != "OK") {
        CHECK((code == "INVALID_STATE" || code == "MILESTONE_LOCKED"));
        CHECK(status_of_m1(c) == status);
      }
    }
  }
}
