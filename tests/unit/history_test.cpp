// Looking back: the state and `allowed` right after any event of the log ("after" in the state
// and allowed queries), against what the session answered at that moment.
#include "support.hpp"

using namespace test;

namespace {

struct moment {
  std::size_t events;     // the log's length right after the command
  std::string state;      // the state query's answer then
  std::string client;     // the allowed query's answer for the client then
  std::int64_t at;
};

std::string ask(milestones::session& s, const json& line) { return s.handle(line.dump()); }

// A contract whose history passes several of the kept copies (history::every events each):
// due dates proposed and rejected, moves, then a milestone funded, submitted and released.
std::vector<moment> long_history(milestones::session& s) {
  std::vector<moment> seen;
  auto record = [&](const json& line) {
    const json r = json::parse(s.handle(line.dump()));
    REQUIRE_MESSAGE(r["ok"] == true, r.dump());
    const std::int64_t at = line["at"].get<std::int64_t>();
    seen.push_back({s.events().size(), ask(s, {{"query", "state"}}),
                    ask(s, {{"query", "allowed"}, {"actor", "client"}, {"at", at}}), at});
  };
  record(create(json::array({milestone("Design", 10000), milestone("Build", 20000),
                             milestone("Launch", 30000)})));
  std::int64_t at = t0;
  for (int k = 0; k < 700; ++k) {
    at += 60'000;
    if (k % 3 == 2) {
      record(command("move_milestone", "client", at, {{"milestoneId", "m3"}, {"toIndex", k % 2}}));
    } else if (k % 3 == 0) {
      record(command("propose_due_date", "freelancer", at,
                     {{"milestoneId", "m2"}, {"dueDate", "2027-01-15"}}));
    } else {
      record(command("respond_due_date", "client", at, {{"milestoneId", "m2"}, {"accept", false}}));
    }
  }
  record(command("move_milestone", "client", at += 1000, {{"milestoneId", "m3"}, {"toIndex", 2}}));
  record(command("activate_milestone", "client", at += 1000, {{"milestoneId", "m1"}}));
  record(command("submit_work", "freelancer", at += 1000, {{"milestoneId", "m1"}, {"message", "Done"}}));
  record(command("release_payment", "client", at += 1000, {{"milestoneId", "m1"}, {"amount", 6000}}));
  return seen;
}

json state_after(milestones::session& s, json k) {
  return json::parse(ask(s, {{"query", "state"}, {"after", std::move(k)}}));
}

}  // namespace

TEST_CASE("history: the state after event k is the state the session had then, in any order") {
  milestones::session s;
  const std::vector<moment> seen = long_history(s);
  REQUIRE(s.events().size() > 2 * milestones::history::every);
  // Forwards, backwards, then jumps across the kept copies and back to the same event.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < seen.size(); ++i) order.push_back(i);
  for (std::size_t i = seen.size(); i-- > 0;) order.push_back(i);
  for (std::size_t i : {std::size_t{0}, seen.size() - 1, seen.size() / 2, std::size_t{1},
                        seen.size() - 2, seen.size() / 2, seen.size() / 2}) {
    order.push_back(i);
  }
  for (std::size_t i : order) {
    const moment& m = seen[i];
    CAPTURE(m.events);
    CHECK(ask(s, {{"query", "state"}, {"after", m.events}}) == m.state);
    CHECK(ask(s, {{"query", "allowed"}, {"actor", "client"}, {"after", m.events}}) == m.client);
    CHECK(ask(s, {{"query", "allowed"}, {"actor", "client"}, {"at", m.at}, {"after", m.events}}) ==
          m.client);
  }
  // Looking back changes nothing now.
  CHECK(ask(s, {{"query", "state"}}) == seen.back().state);
}

TEST_CASE("history: the event numbers at the edges, and the ones that are not events") {
  milestones::session s;
  CHECK(state_after(s, 1)["error"]["code"] == "NO_CONTRACT");
  const std::vector<moment> seen = long_history(s);
  const std::size_t n = s.events().size();
  CHECK(state_after(s, 1)["state"]["milestones"].size() == 3);
  CHECK(state_after(s, 1)["state"]["contract"] == json::parse(seen.front().state)["state"]["contract"]);
  CHECK(state_after(s, n).dump() == json::parse(seen.back().state).dump());
  const std::string why = "Choose an event of the history, from 1 to " + std::to_string(n) + ".";
  for (const json& bad : {json(n + 1), json(0), json(-1), json(1.5), json("3"), json(nullptr),
                          json::array({1})}) {
    CAPTURE(bad);
    const json r = state_after(s, bad);
    CHECK(r["error"]["code"] == "INVALID_FIELD");
    CHECK(r["error"]["field"] == "after");
    CHECK(r["error"]["message"] == why);
    const json a = json::parse(ask(s, {{"query", "allowed"}, {"actor", "client"}, {"after", bad}}));
    CHECK(a["error"]["field"] == "after");
  }
}

TEST_CASE("history: an auto-release's own step, and a restore that replaces the log") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(command("activate_milestone", "client", day(1), {{"milestoneId", "m1"}})) == "OK");
  REQUIRE(c.code(command("submit_work", "freelancer", day(2), {{"milestoneId", "m1"}, {"message", "Done"}})) == "OK");
  // The release falls due 14 days later and is recorded before the next command's own event.
  REQUIRE(c.code(command("activate_milestone", "client", day(20), {{"milestoneId", "m2"}})) == "OK");
  milestones::session& s = c.raw();
  REQUIRE(s.events().size() == 5);
  const json released = state_after(s, 4)["state"];
  CHECK(released["milestones"][0]["status"] == "paid");
  CHECK(released["milestones"][1]["status"] == "pending");
  CHECK(released["lastAt"] == s.events()[3].at);
  CHECK(released["seq"] == 4);
  CHECK(state_after(s, 5)["state"]["milestones"][1]["status"] == "active");
  // A restore of another log: looking back reads the new one.
  milestones::session other;
  REQUIRE(json::parse(other.handle(create(json::array({milestone("Only", 500)})).dump()))["ok"] == true);
  const json restore{{"query", "restore"}, {"log", json::parse(other.handle(R"({"query":"log"})"))["log"]}};
  REQUIRE(json::parse(s.handle(restore.dump()))["ok"] == true);
  CHECK(state_after(s, 1)["state"]["milestones"].size() == 1);
  CHECK(state_after(s, 2)["error"]["field"] == "after");
}
