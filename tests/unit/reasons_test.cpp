// `allowed` with `"reasons": true`: `blocked` says why each other command of the actor's role is
// refused, in decide's own words, and allowed ∪ blocked covers every command and site once.
#include <chrono>
#include <cstdio>

#include "engine/judge.hpp"
#include "rules/catalog.hpp"
#include "support.hpp"

using namespace test;

namespace {

json reasons(contract_under_test& c, const char* actor, std::int64_t at) {
  json r = json::parse(c.raw().handle(
      json{{"query", "allowed"}, {"actor", actor}, {"at", at}, {"reasons", true}}.dump()));
  REQUIRE(r["ok"] == true);
  return r;
}

std::string key(const json& entry) {
  return entry["type"].get<std::string>() +
         (entry.contains("milestoneId") ? " " + entry["milestoneId"].get<std::string>() : "");
}

// The error of the blocked entry `type` on `milestone` ("" for the contract), or null.
json blocked(const json& answer, const std::string& type, const std::string& milestone = "") {
  for (const json& b : answer["blocked"]) {
    if (key(b) == (milestone.empty() ? type : type + " " + milestone)) return b["error"];
  }
  return nullptr;
}

std::string code_of(const json& answer, const std::string& type, const std::string& m = "") {
  const json error = blocked(answer, type, m);
  return error.is_null() ? "not blocked" : error["code"].get<std::string>();
}

// Every pair (command of the actor's role, site), each once: the answer's allowed and blocked
// cover them exactly, `allowed` is the plain query's, and each blocked entry's error is what
// decide gives the payload a person would send there (the probe's, asked why not).
void check_covers(contract_under_test& c, milestones::party actor, std::int64_t at) {
  using namespace milestones;
  const char* name = name_of(actor).data();
  CAPTURE(name);
  CAPTURE(at);
  const json answer = reasons(c, name, at);
  const json plain = json::parse(
      c.raw().handle(json{{"query", "allowed"}, {"actor", name}, {"at", at}}.dump()));
  CHECK(answer["allowed"] == plain["allowed"]);

  const std::optional<contract>& current = c.raw().state();
  std::optional<contract> scratch;
  std::optional<event> released;
  const std::optional<contract>& now =
      clock_check(current, at) ? current : advance(current, at, scratch, released);
  // The expected pairs, in order, with the refusal decide gives each attempt (nullopt: accepted).
  std::vector<std::pair<std::string, std::optional<rejection>>> expected;
  auto each_row = [&](scope where, const probe_site& site) {
    for (std::size_t i = 0; i < command_count; ++i) {
      const command_row& row = command_row_at(i);
      if (row.where != where) continue;
      if (!may_issue(actor, row)) continue;  // never another role's command, never tick
      std::optional<command_data> attempt = row.candidate(site);
      REQUIRE(attempt);  // asked why not, a probe always builds one
      const std::string k =
          std::string(row.name) + (site.m ? " " + milestone_id(site.m->number) : "");
      expected.emplace_back(k, decide(current, milestones::command{actor, at, std::move(*attempt)}).error);
    }
  };
  if (!now) {
    each_row(scope::creation, probe_site{nullptr, nullptr, 0, at, true});
  } else {
    for (std::size_t i = 0; i < now->milestones.size(); ++i) {
      each_row(scope::milestone, probe_site{&*now, &now->milestones[i], i, at, true});
    }
    each_row(scope::contract, probe_site{&*now, nullptr, 0, at, true});
  }
  std::vector<std::string> listed, refused;
  for (const json& a : answer["allowed"]) listed.push_back(key(a));
  for (const json& b : answer["blocked"]) refused.push_back(key(b));
  std::size_t next_allowed = 0, next_blocked = 0;
  for (const auto& entry : expected) {
    const std::string& k = entry.first;  // not a structured binding: doctest's CAPTURE takes it in a lambda
    const auto& error = entry.second;
    CAPTURE(k);
    if (!error) {
      REQUIRE(next_allowed < listed.size());
      CHECK(listed[next_allowed++] == k);
      continue;
    }
    REQUIRE(next_blocked < refused.size());
    CHECK(refused[next_blocked] == k);
    CHECK(answer["blocked"][next_blocked]["error"] == json::parse(to_json_text(*error)));
    ++next_blocked;
  }
  CHECK(next_allowed == listed.size());  // nothing else, nothing twice
  CHECK(next_blocked == refused.size());
}

void check_all(contract_under_test& c, std::int64_t at) {
  for (auto actor : {milestones::party::client, milestones::party::freelancer,
                     milestones::party::system}) {
    check_covers(c, actor, at);
  }
}

}  // namespace

TEST_CASE("reasons: allowed and blocked cover every command of the role on every site, in decide's words") {
  SUBCASE("before a contract") {
    contract_under_test c;
    check_all(c, t0);
  }
  SUBCASE("a standard contract through its life") {
    contract_under_test c;
    three_milestones(c);
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
        command("propose_milestone", "freelancer", day(6),
                {{"milestone", milestone("Extra", 500, "2027-02-01")}}),
        command("tick", "system", day(21)),  // m2's automatic release
        act("respond_refund", "m1", day(22), {{"accept", false}}, "freelancer"),
        command("end_contract", "client", day(23)),
        command("leave_feedback", "client", day(24), {{"rating", 5}, {"comment", ""}}),
    };
    for (const json& line : script) {
      CAPTURE(line.dump());
      check_all(c, line["at"].get<std::int64_t>());
      REQUIRE(c.code(line) == "OK");
    }
    check_all(c, day(25));
    check_all(c, day(20));  // before the clock: CLOCK_BACKWARDS for every one
  }
  SUBCASE("an automatic release that fell due is judged first (R9)") {
    contract_under_test c;
    three_milestones(c);
    REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
    REQUIRE(c.code(act("submit_work", "m1", day(1), {{"message", "v"}}, "freelancer")) == "OK");
    check_all(c, day(30));
  }
  SUBCASE("a locked plan, an offer, a declined offer, one pending milestone") {
    contract_under_test c;
    REQUIRE(c.code(create(json::array({milestone("Only", 500)}), "enterprise_compliance",
                          {{"endDate", "2027-01-01"}})) == "OK");
    check_all(c, t0);
    check_all(c, day(60));  // past the end date
    contract_under_test offered;
    json line = create(json::array({milestone("Design", 10000), milestone("Build", 2000)}), "wpp");
    line["offer"] = true;
    REQUIRE(offered.code(line) == "OK");
    check_all(offered, t0);
    REQUIRE(offered.code(command("respond_offer", "freelancer", day(1), {{"accept", false}})) == "OK");
    check_all(offered, day(2));
  }
}

TEST_CASE("reasons: the refusals a page shows") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  const json client = reasons(c, "client", day(0));
  CHECK(code_of(client, "end_contract") == "CONTRACT_INCOMPLETE");  // R15′: m1 holds escrow
  CHECK(code_of(client, "activate_milestone", "m2") == "ANOTHER_MILESTONE_ACTIVE");
  CHECK(code_of(client, "move_milestone", "m1") == "MILESTONE_LOCKED");  // R5: pinned
  CHECK(code_of(client, "edit_milestone", "m1") == "MILESTONE_LOCKED");
  CHECK(code_of(client, "move_milestone", "m2") == "not blocked");
  CHECK(code_of(client, "respond_refund", "m1") == "not blocked");  // the freelancer's, not listed
  CHECK(code_of(client, "tick") == "not blocked");                  // the system's
  CHECK(code_of(client, "create_contract") == "not blocked");       // not a site of a contract
  CHECK(blocked(client, "end_contract")["rule"] == "R15");
  const json freelancer = reasons(c, "freelancer", day(0));
  CHECK(code_of(freelancer, "respond_refund", "m1") == "NO_OPEN_REQUEST");
  CHECK(code_of(freelancer, "submit_work", "m2") == "INVALID_STATE");
  CHECK(code_of(freelancer, "respond_offer") == "INVALID_STATE");
  CHECK(code_of(freelancer, "activate_milestone", "m2") == "not blocked");  // the client's
  for (const json& b : freelancer["blocked"]) {
    CHECK(b["error"]["code"] != "NOT_PERMITTED");
  }
  // One pending milestone left: no move and no reorder, each with the engine's reason.
  REQUIRE(c.code(act("delete_milestone", "m3", day(0))) == "OK");
  const json after = reasons(c, "client", day(0));
  CHECK(code_of(after, "move_milestone", "m2") == "INVALID_FIELD");
  CHECK(code_of(after, "reorder_milestones") == "INVALID_FIELD");
  CHECK(code_of(after, "extend_contract") == "INVALID_STATE");  // R13: no end date
}

TEST_CASE("reasons: the query's flag") {
  contract_under_test c;
  three_milestones(c);
  const std::string plain = c.raw().handle(R"({"query":"allowed","actor":"client","at":1795651200000})");
  CHECK(c.raw().handle(R"({"query":"allowed","actor":"client","at":1795651200000,"reasons":false})") == plain);
  CHECK(c.raw().handle(R"({"query":"allowed","actor":"client","at":1795651200000,"reasons":null})") == plain);
  json bad = json::parse(c.raw().handle(R"({"query":"allowed","actor":"client","at":1795651200000,"reasons":1})"));
  CHECK(bad["error"]["code"] == "INVALID_COMMAND");
  CHECK(bad["error"]["field"] == "reasons");
  // Looking back: what was blocked right after event 1 (the creation), at its time.
  json back = json::parse(c.raw().handle(R"({"query":"allowed","actor":"client","after":1,"reasons":true})"));
  REQUIRE(back["ok"] == true);
  CHECK(back["blocked"].is_array());
}

TEST_CASE("reasons: the cost of a 1,000-milestone contract (printed, not asserted)") {
  contract_under_test c;
  json list = json::array();
  for (int i = 0; i < 1000; ++i) list.push_back(milestone("Milestone " + std::to_string(i + 1), 1000));
  REQUIRE(c.code(create(list)) == "OK");
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  for (const char* actor : {"client", "freelancer"}) {
    const std::string reasons_line =
        json{{"query", "allowed"}, {"actor", actor}, {"at", day(1)}, {"reasons", true}}.dump();
    const std::string plain_line = json{{"query", "allowed"}, {"actor", actor}, {"at", day(1)}}.dump();
    auto time = [&](const std::string& line, std::size_t& bytes) {
      constexpr int runs = 20;
      double best = 1e30;
      for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        bytes = c.raw().handle(line).size();
        const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
        best = std::min(best, took.count());
      }
      return best;
    };
    std::size_t reasons_bytes = 0, plain_bytes = 0;
    const double with = time(reasons_line, reasons_bytes);
    const double without = time(plain_line, plain_bytes);
    double judged = 1e30;
    for (int run = 0; run < 20; ++run) {
      const auto start = std::chrono::steady_clock::now();
      auto r = milestones::allowed_with_reasons(c.raw().state(), *milestones::parse_party(actor), day(1));
      const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
      judged = std::min(judged, took.count());
    }
    std::printf("allowed, 1,000 milestones, %s: %.2f ms with reasons (%zu bytes; judging %.2f ms), %.2f ms without (%zu bytes)\n",
                actor, with, reasons_bytes, judged, without, plain_bytes);
  }
}

TEST_CASE("reasons: a site narrows both lists to the contract's commands or one milestone's") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(1))) == "OK");
  for (const char* actor : {"client", "freelancer"}) {
    CAPTURE(actor);
    const json all = reasons(c, actor, day(2));
    for (const std::string site : {"contract", "m1", "m2", "m3"}) {
      CAPTURE(site);
      json narrowed = json::parse(c.raw().handle(json{{"query", "allowed"}, {"actor", actor},
                                                      {"at", day(2)}, {"reasons", true},
                                                      {"site", site}}
                                                     .dump()));
      REQUIRE(narrowed["ok"] == true);
      for (const char* list : {"allowed", "blocked"}) {
        json expected = json::array();
        for (const json& e : all[list]) {
          if (e.value("milestoneId", "contract") == site) expected.push_back(e);
        }
        CHECK(!expected.empty());
        CHECK(narrowed[list] == expected);
      }
      const json plain = json::parse(c.raw().handle(
          json{{"query", "allowed"}, {"actor", actor}, {"at", day(2)}, {"site", site}}.dump()));
      CHECK(plain["allowed"] == narrowed["allowed"]);
    }
  }
  const json unknown = json::parse(c.raw().handle(
      R"({"query":"allowed","actor":"client","at":0,"reasons":true,"site":"m7"})"));
  CHECK(unknown["error"]["code"] == "UNKNOWN_MILESTONE");
  CHECK(unknown["error"]["field"] == "site");
  const json wrong = json::parse(
      c.raw().handle(R"({"query":"allowed","actor":"client","at":0,"site":3})"));
  CHECK(wrong["error"]["code"] == "INVALID_COMMAND");
}
