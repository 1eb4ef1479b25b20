// The `check` query: every problem of a command at once, nothing applied. Its list is empty
// exactly when decide accepts, and decide's refusal is always among its problems.
#include "engine/judge.hpp"
#include "json/write.hpp"
#include "rules/catalog.hpp"
#include "support.hpp"

using namespace test;

namespace {

json check_query(contract_under_test& c, const json& cmd, json extra = json::object()) {
  extra["query"] = "check";
  extra["command"] = cmd;
  const std::string before = c.state_text();
  json answer = json::parse(c.raw().handle(extra.dump()));
  CHECK(c.state_text() == before);  // a check changes nothing
  return answer;
}

// "CODE field" of each problem, in order.
std::vector<std::string> found(const json& answer) {
  REQUIRE(answer["ok"] == true);
  std::vector<std::string> out;
  for (const json& p : answer["problems"]) {
    out.push_back(p["code"].get<std::string>() + " " + p.value("field", ""));
  }
  return out;
}

// For every command of every role on every site (the probes `allowed` asks why not with), the
// check is empty exactly when decide accepts, and decide's refusal is one of its problems.
void agrees_with_decide(contract_under_test& c, std::int64_t at) {
  using namespace milestones;
  const std::optional<contract>& current = c.raw().state();
  std::optional<contract> scratch;
  std::optional<event> released;
  const std::optional<contract>& now =
      clock_check(current, at) ? current : advance(current, at, scratch, released);
  auto each_row = [&](scope where, const probe_site& site) {
    for (std::size_t i = 0; i < command_count; ++i) {
      const command_row& row = command_row_at(i);
      if (row.where != where) continue;
      for (party actor : {party::client, party::freelancer, party::system}) {
        std::optional<command_data> attempt = row.candidate(site);
        REQUIRE(attempt);
        const milestones::command cmd{actor, at, std::move(*attempt)};
        const decision d = decide(current, cmd);
        const std::vector<rejection> problems = milestones::check(current, cmd);
        const std::string name(row.name);
        CAPTURE(name);
        CHECK(problems.empty() == d.ok());
        if (d.ok()) continue;
        const std::string refusal = to_json_text(*d.error);
        bool among = false;
        for (const rejection& p : problems) among = among || to_json_text(p) == refusal;
        CHECK_MESSAGE(among, refusal);
      }
    }
  };
  if (!now) {
    each_row(scope::creation, probe_site{nullptr, nullptr, 0, at, true});
    return;
  }
  for (std::size_t i = 0; i < now->milestones.size(); ++i) {
    each_row(scope::milestone, probe_site{&*now, &now->milestones[i], i, at, true});
  }
  each_row(scope::contract, probe_site{&*now, nullptr, 0, at, true});
}

}  // namespace

TEST_CASE("check: a new contract with several problems names each one at its field") {
  contract_under_test c;
  json bad = create(json::array({milestone("", 400, "2020-01-01"), milestone("Build", 1000, "")}),
                    "enterprise_compliance");
  bad["contract"]["title"] = " ";
  bad["contract"]["freelancer"] = "";
  const json answer = check_query(c, bad);
  CHECK(found(answer) == std::vector<std::string>{
                             "INVALID_COMMAND contract.endDate",  // R13: compliance needs one
                             "INVALID_FIELD contract.title",
                             "INVALID_FIELD contract.freelancer",
                             "INVALID_FIELD contract.milestones[0].title",
                             "INVALID_AMOUNT contract.milestones[0].amount",
                             "INVALID_DATE contract.milestones[0].dueDate",
                             "INVALID_DATE contract.milestones[1].dueDate",
                         });
  // Each problem is the refusal decide would give had it been the only one: words and params.
  const json amount = answer["problems"][4];
  CHECK(amount["message"] == "The amount must be from $5.00 to $10,000,000.00; $4.00 is not.");
  CHECK(amount["params"] == json{{"min", 500}, {"max", 1000000000}, {"amount", 400}});
  CHECK(amount["rule"] == "R1");
  CHECK(answer["problems"][5]["params"]["earliest"] == "2026-11-25");  // R12′: any time zone
  // decide itself gives the first.
  CHECK(c.send(bad)["error"] == answer["problems"][0]);
}

TEST_CASE("check: an accepted command has no problems, and nothing is applied") {
  contract_under_test c;
  const json good = create(json::array({milestone("Design", 10000)}));
  CHECK(found(check_query(c, good)).empty());
  CHECK(c.raw().events().empty());
  REQUIRE(c.code(good) == "OK");
  // On the contract now: the milestone's rule speaks once the fields are sound.
  CHECK(found(check_query(c, act("release_payment", "m1", day(1)))) ==
        std::vector<std::string>{"INVALID_STATE "});
  // Field problems and standing together: the freelancer may not add milestones, and the
  // title and amount are wrong too.
  const json add = command("add_milestone", "freelancer", day(1),
                           {{"milestone", milestone("", 1, "2026-12-31")}});
  CHECK(found(check_query(c, add)) == std::vector<std::string>{
                                          "INVALID_FIELD milestone.title",
                                          "INVALID_AMOUNT milestone.amount",
                                          "NOT_PERMITTED ",
                                      });
}

TEST_CASE("check: the query's at, a command it cannot read, no command") {
  contract_under_test c;
  json undated = create(json::array({milestone("Design", 10000)}));
  undated.erase("at");
  CHECK(found(check_query(c, undated, {{"at", t0}})).empty());
  CHECK(found(check_query(c, undated)) == std::vector<std::string>{"INVALID_COMMAND at"});
  // The command's own time wins over the query's.
  json past = undated;
  past["at"] = t0;
  CHECK(found(check_query(c, past, {{"at", day(400)}})).empty());
  // A command the edge cannot read is its one problem.
  json unread = undated;
  unread["contract"]["milestones"][0]["amount"] = "10";
  CHECK(found(check_query(c, unread, {{"at", t0}})) ==
        std::vector<std::string>{"INVALID_COMMAND contract.milestones[0].amount"});
  const json none = json::parse(c.raw().handle(R"({"query":"check"})"));
  CHECK(none["ok"] == false);
  CHECK(none["error"]["code"] == "INVALID_COMMAND");
  CHECK(none["error"]["field"] == "command");
  // Before the contract's clock, the clock is the one problem.
  REQUIRE(c.code(create(json::array({milestone("Design", 10000)}))) == "OK");
  REQUIRE(c.code(act("activate_milestone", "m1", day(2))) == "OK");
  CHECK(found(check_query(c, act("submit_work", "m1", day(1), {{"message", ""}}, "freelancer"))) ==
        std::vector<std::string>{"CLOCK_BACKWARDS at"});
}

TEST_CASE("check: empty exactly when decide accepts, for every command and site through a contract's life") {
  contract_under_test c;
  agrees_with_decide(c, t0);
  three_milestones(c, "enterprise_compliance", {{"endDate", "2027-03-01"}});
  const std::vector<json> script = {
      act("activate_milestone", "m1", day(0)),
      act("propose_due_date", "m2", day(0), {{"dueDate", "2027-01-10"}}, "freelancer"),
      act("submit_work", "m1", day(1), {{"message", "v1"}}, "freelancer"),
      act("request_changes", "m1", day(2), {{"message", "more"}}),
      act("submit_work", "m1", day(3), {{"message", "v2"}}, "freelancer"),
      act("release_payment", "m1", day(4)),
      act("request_refund", "m1", day(5), {{"amount", 100}, {"reason", "r"}}),
      act("activate_milestone", "m2", day(5)),
      act("submit_work", "m2", day(6), {{"message", "v"}}, "freelancer"),
      command("tick", "system", day(21)),
      act("respond_refund", "m1", day(22), {{"accept", false}}, "freelancer"),
      command("end_contract", "client", day(23)),
  };
  for (const json& line : script) {
    CAPTURE(line.dump());
    agrees_with_decide(c, line["at"].get<std::int64_t>());
    REQUIRE(c.code(line) == "OK");
  }
  agrees_with_decide(c, day(24));
}
