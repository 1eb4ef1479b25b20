// Running out of memory at any allocation of a command: the session answers in words, and the
// contract and its log stay exactly as they were (no half-applied command, nothing lost).
#include <cstdlib>
#include <new>

#include "support.hpp"

namespace {
long allocations_left = -1;  // the allocation after this many fails (only that one); -1: none
}  // namespace

// This test binary's global operator new, so a test can make any one allocation fail. (GCC warns
// that free() meets new; here both are ours and new is malloc.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t size) {
  if (allocations_left == 0) {
    allocations_left = -1;  // only this one: the rejection that follows may allocate
    throw std::bad_alloc();
  }
  if (allocations_left > 0) --allocations_left;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace test {
namespace {

TEST_CASE("out of memory anywhere in a command leaves the contract and its log untouched") {
  // Submitted on day 1, so on day 20 activating the second milestone first records the automatic
  // release of the first (R9): two events from one command, the case where half could be kept.
  // Then a submission whose message the contract copies as it takes the event.
  std::vector<json> setup = {
      create(json::array({milestone("One", 500), milestone("Two", 700)})),
      command("activate_milestone", "client", day(0), {{"milestoneId", "m1"}}),
      command("submit_work", "freelancer", day(1), {{"milestoneId", "m1"}, {"message", "Done, see the attached files."}}),
  };
  const std::vector<std::pair<json, std::size_t>> targets = {
      {command("activate_milestone", "client", day(20), {{"milestoneId", "m2"}}), 2},
      {command("submit_work", "freelancer", day(21), {{"milestoneId", "m2"}, {"message", "The second part, with the sources."}}), 1},
  };
  for (const auto& [target, events] : targets) {
    const std::string line = target.dump();
    int failures = 0;
    for (long k = 0;; ++k) {
      REQUIRE(k < 10'000);
      milestones::session s;
      for (const json& c : setup) REQUIRE(json::parse(s.handle(c.dump()))["ok"] == true);
      const std::string state_before = s.handle(R"({"query":"state"})");
      const std::size_t events_before = s.events().size();
      allocations_left = k;
      const std::string answer = s.handle(line);
      allocations_left = -1;
      const json result = json::parse(answer);
      if (result["ok"] == true) {
        CHECK(result["events"].size() == events);
        CHECK(s.events().size() == events_before + events);
        break;  // every allocation before this one has failed once
      }
      ++failures;
      INFO(line << ": allocation " << k << " failed: " << answer);
      CHECK(result["error"]["code"] == "INVALID_COMMAND");
      CHECK(result["error"]["message"].get<std::string>().find("ran out of memory") != std::string::npos);
      CHECK(s.events().size() == events_before);
      CHECK(s.handle(R"({"query":"state"})") == state_before);
      // ...and the session still works.
      CHECK(json::parse(s.handle(line))["ok"] == true);
    }
    CHECK(failures >= 3);  // the command allocates; the loop above did fail it several ways
    MESSAGE(line << ": " << failures << " allocations failed in turn");
    setup.push_back(target);
  }
}

TEST_CASE("out of memory anywhere in a restore leaves the session on its old contract") {
  milestones::session other;
  REQUIRE(json::parse(other.handle(create(json::array({milestone("Logo", 900)})).dump()))["ok"] == true);
  REQUIRE(json::parse(other.handle(command("activate_milestone", "client", day(1), {{"milestoneId", "m1"}}).dump()))["ok"] == true);
  const json log = json::parse(other.handle(R"({"query":"log"})"))["log"];
  // As a small line, and padded past the session's reused document (then its events are read as
  // they are parsed).
  for (const std::string& restore_line :
       {json{{"query", "restore"}, {"log", log}}.dump(),
        json{{"query", "restore"}, {"pad", std::string(70'000, ' ')}, {"log", log}}.dump()}) {
    int failures = 0;
    for (long k = 0;; ++k) {
      REQUIRE(k < 10'000);
      milestones::session s;
      REQUIRE(json::parse(s.handle(create(json::array({milestone("One", 500)})).dump()))["ok"] == true);
      const std::string state_before = s.handle(R"({"query":"state"})");
      allocations_left = k;
      const std::string answer = s.handle(restore_line);
      allocations_left = -1;
      const json result = json::parse(answer);
      if (result["ok"] == true) {
        CHECK(result["state"]["milestones"][0]["title"] == "Logo");
        break;
      }
      ++failures;
      INFO("allocation " << k << " failed");
      CHECK(result["error"]["message"].get<std::string>().find("ran out of memory") != std::string::npos);
      CHECK(s.handle(R"({"query":"state"})") == state_before);
    }
    CHECK(failures > 5);
  }
}

}  // namespace
}  // namespace test
