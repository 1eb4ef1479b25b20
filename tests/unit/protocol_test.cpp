// The protocol entry point: queries, precedence of error codes, and JSON Lines framing.
#include <set>

#include "rules/catalog.hpp"
#include "support.hpp"

using namespace test;

TEST_CASE("queries: unknown or malformed queries are INVALID_COMMAND and change nothing") {
  contract_under_test c;
  three_milestones(c);
  const std::string before = c.state_text();
  for (const char* line : {R"({"query":"everything"})", R"({"query":5})", R"({"query":null})"}) {
    CAPTURE(line);
    CHECK(json::parse(c.raw().handle(line))["error"]["code"] == "INVALID_COMMAND");
  }
  CHECK(c.state_text() == before);
}

TEST_CASE("queries: an allowed query gets one answer, read plainly or through a JSON document") {
  // Plain JSON takes the path without a document; the same line with an escaped "y" in "query"
  // (\u0079) or "at" written 1e0-style can only be read by the full parser. Both must agree,
  // refusals included.
  contract_under_test c;
  three_milestones(c);
  const std::string at = std::to_string(day(2));
  const std::vector<std::string> tails = {
      R"("actor":"client","at":)" + at,
      R"("actor":"freelancer","at":)" + at,
      R"("actor":"system","at":)" + at,
      R"("at":)" + at + R"(,"actor":"client")",
      R"("actor":"client","at":)" + at + R"(,"extra":[1,{"a":null}])",
      R"("actor":"boss","at":)" + at,
      R"("actor":"client")",
      R"("actor":"client","at":-1)",
      R"("actor":"client","at":253402300800000)",
      R"("actor":"client","at":"5")",
      R"("actor":5,"at":)" + at,
      R"("at":)" + at,
  };
  for (const std::string& tail : tails) {
    const std::string plain = R"({"query":"allowed",)" + tail + "}";
    const std::string escaped = R"({"quer\u0079":"allowed",)" + tail + "}";
    const std::string spaced = R"({ "query" : "allowed" , )" + tail + " }";
    CAPTURE(plain);
    const std::string answer = c.raw().handle(plain);
    CHECK(json::parse(answer).is_object());
    CHECK(c.raw().handle(escaped) == answer);
    CHECK(c.raw().handle(spaced) == answer);
  }
  CHECK(json::parse(c.raw().handle(R"({"query":"allowed","actor":"client","at":)" + at +
                                   "}"))["ok"] == true);
  CHECK(json::parse(c.raw().handle(R"({"query":"allowed","actor":"boss","at":)" + at +
                                   "}"))["error"]["code"] == "INVALID_FIELD");
  // A title that reads "query" is still a command (the query path hands it on).
  CHECK(c.code(command("add_milestone", "client", day(2),
                       {{"milestone", milestone("query", 500)}})) == "OK");
}

TEST_CASE("queries: names lists every command and event type, each once, and changes nothing") {
  const auto check = [](milestones::session& s) {
    const json answer = json::parse(s.handle(R"({"query":"names"})"));
    REQUIRE(answer["ok"] == true);
    const json& commands = answer["commands"];
    const json& events = answer["events"];
    REQUIRE(commands.size() == milestones::command_count);
    REQUIRE(events.size() == milestones::event_count);
    CHECK(commands.front() == "create_contract");
    CHECK(events.front() == "contract_created");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < milestones::command_count; ++i) {
      const std::string name = commands[i].get<std::string>();
      CHECK(milestones::command_index(name) == std::optional<std::size_t>(i));
      CHECK(seen.insert(name).second);
    }
    for (std::size_t i = 0; i < milestones::event_count; ++i) {
      const std::string name = events[i].get<std::string>();
      CHECK(milestones::event_index(name) == std::optional<std::size_t>(i));
      CHECK(seen.insert(name).second);
    }
  };
  milestones::session before_a_contract;
  check(before_a_contract);
  contract_under_test c;
  three_milestones(c);
  const std::string state = c.state_text();
  check(c.raw());
  CHECK(c.state_text() == state);
  CHECK(json::parse(c.raw().handle(R"({"query":"names","extra":1})"))["ok"] == true);
}

TEST_CASE("precedence: codes come in PROTOCOL.md's order when several apply") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(command("tick", "system", day(5))) == "OK");
  // Everything wrong at once: JSON shape first, then command shape, then clock, then fields...
  CHECK(c.code(command("activate_milestone", "client", day(4))) == "INVALID_COMMAND");
  CHECK(c.code(command("activate_milestone", "client", day(4), {{"milestoneId", "m9"}})) ==
        "CLOCK_BACKWARDS");
  CHECK(c.code(command("release_payment", "freelancer", day(5), {{"milestoneId", "m9"}, {"amount", 0}})) ==
        "INVALID_AMOUNT");
  CHECK(c.code(command("submit_work", "client", day(5), {{"milestoneId", "m9"}, {"message", std::string(5001, 'x')}})) ==
        "LIMIT_EXCEEDED");
  CHECK(c.code(command("submit_work", "client", day(5), {{"milestoneId", "m9"}, {"message", "x"}})) ==
        "NOT_PERMITTED");
  CHECK(c.code(command("submit_work", "freelancer", day(5), {{"milestoneId", "m9"}, {"message", "x"}})) ==
        "UNKNOWN_MILESTONE");
  // A date in the past is a field check: before NOT_PERMITTED.
  CHECK(c.code(command("propose_due_date", "system", day(5), {{"milestoneId", "m9"}, {"dueDate", "2026-01-01"}})) ==
        "INVALID_DATE");
  // toIndex beyond the list needs the contract: after UNKNOWN_MILESTONE.
  CHECK(c.code(command("move_milestone", "client", day(5), {{"milestoneId", "m9"}, {"toIndex", 99}})) ==
        "UNKNOWN_MILESTONE");
}

TEST_CASE("json_lines: one result per line, blank lines skipped, a last line without newline") {
  milestones::session s;
  milestones::json_lines lines(s);
  std::string out;
  const std::string create_line = create(json::array({milestone("A", 500)})).dump();
  lines.feed(create_line.substr(0, 10), out);
  CHECK(out.empty());
  lines.feed(create_line.substr(10) + "\n\n  \t\r\n{\"query\":\"st", out);
  CHECK(std::count(out.begin(), out.end(), '\n') == 1);
  lines.feed("ate\"}\r\n[1]", out);
  CHECK(std::count(out.begin(), out.end(), '\n') == 2);
  lines.finish(out);
  CHECK(std::count(out.begin(), out.end(), '\n') == 3);
  std::istringstream results(out);
  std::string line;
  std::getline(results, line);
  CHECK(json::parse(line)["ok"] == true);
  std::getline(results, line);
  CHECK(json::parse(line)["state"]["seq"] == 1);
  std::getline(results, line);
  CHECK(json::parse(line)["error"]["code"] == "INVALID_JSON");
}

TEST_CASE("json_lines: a line over 64 MiB is refused while it streams, and the next line works") {
  milestones::session s;
  milestones::json_lines lines(s);
  std::string out;
  const std::string chunk(1 << 20, ' ');
  lines.feed("{\"query\":\"state\"", out);
  for (int i = 0; i < 65; ++i) lines.feed(chunk, out);
  lines.feed("}\n{\"query\":\"state\"}\n", out);
  std::istringstream results(out);
  std::string line;
  std::getline(results, line);
  json first = json::parse(line);
  CHECK(first["error"]["code"] == "INVALID_JSON");
  CHECK(first["error"]["message"].get<std::string>().find("64 MiB") != std::string::npos);
  std::getline(results, line);
  CHECK(json::parse(line)["error"]["code"] == "NO_CONTRACT");
}
