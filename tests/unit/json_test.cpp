// The JSON edge: INVALID_JSON and INVALID_COMMAND, integer literals, and event round trips.
#include <cmath>
#include <cstdlib>

#include "support.hpp"
#include "../support/json_agreement.hpp"

using namespace test;

namespace {

std::string code_of(milestones::session& s, const std::string& line) {
  json r = json::parse(s.handle(line));
  return r["ok"] == true ? "OK" : r["error"]["code"].get<std::string>();
}

}  // namespace

TEST_CASE("INVALID_JSON: not JSON, not an object, not UTF-8, too deep, duplicate keys") {
  milestones::session s;
  CHECK(code_of(s, "{") == "INVALID_JSON");
  CHECK(code_of(s, "nonsense") == "INVALID_JSON");
  CHECK(code_of(s, "[1,2]") == "INVALID_JSON");
  CHECK(code_of(s, "\"text\"") == "INVALID_JSON");
  CHECK(code_of(s, "42") == "INVALID_JSON");
  CHECK(code_of(s, "{} {}") == "INVALID_JSON");
  CHECK(code_of(s, "{\"type\":\"tick\",\"x\":\"\xff\"}") == "INVALID_JSON");  // invalid UTF-8
  CHECK(code_of(s, "{\"type\":\"tick\",\"x\":\"\xc0\xaf\"}") == "INVALID_JSON");  // overlong form
  CHECK(code_of(s, R"({"type":"tick","x":"\ud800"})") == "INVALID_JSON");       // lone surrogate
  CHECK(code_of(s, R"({"type":"tick","x":"\udc00"})") == "INVALID_JSON");
  CHECK(code_of(s, "{\"type\":\"tick\",\"x\":\"a\x01\"}") == "INVALID_JSON");   // raw control char
  CHECK(code_of(s, R"({"a":1,"a":1})") == "INVALID_JSON");
  // Objects over 32 keys are checked by sorting the keys: a repeat anywhere among 200 is found.
  for (int repeat : {-1, 0, 57, 199}) {
    std::string line = R"({"type":"tick","actor":"system","at":1795651200000)";
    for (int k = 0; k < 200; ++k) line += ",\"k" + std::to_string((k * 7919) % 200) + "\":1";
    if (repeat >= 0) line += ",\"k" + std::to_string(repeat) + "\":2";
    CAPTURE(repeat);
    CHECK((code_of(s, line + "}") == "INVALID_JSON") == (repeat >= 0));
  }
  CHECK(code_of(s, "{\"type\":\"tick\"} // comment") == "INVALID_JSON");

  // Depth: the top-level object is depth 1; 64 is fine, 65 is not.
  auto nested = [](int depth) {
    std::string line = "{\"q\":";
    for (int i = 1; i < depth; ++i) line += "[";
    line += "1";
    for (int i = 1; i < depth; ++i) line += "]";
    return line + "}";
  };
  CHECK(code_of(s, nested(64)) == "INVALID_COMMAND");  // parsed fine: no "type"
  CHECK(code_of(s, nested(65)) == "INVALID_JSON");
  CHECK(code_of(s, std::string(100000, '[')) == "INVALID_JSON");
}

TEST_CASE("INVALID_JSON: a line over 64 MiB") {
  milestones::session s;
  std::string line = R"({"type":"tick","pad":")";
  line += std::string(milestones::max_line_bytes - line.size() - 2, 'x');
  line += "\"}";
  REQUIRE(line.size() == milestones::max_line_bytes);
  CHECK(code_of(s, line) == "INVALID_COMMAND");  // exactly 64 MiB parses (no actor)
  line.insert(line.size() - 2, "x");
  CHECK(code_of(s, line) == "INVALID_JSON");
}

TEST_CASE("INVALID_COMMAND: unknown type, missing fields, wrong JSON types") {
  milestones::session s;
  CHECK(code_of(s, R"({"actor":"client","at":0})") == "INVALID_COMMAND");
  CHECK(code_of(s, R"({"type":"fly","actor":"client","at":0})") == "INVALID_COMMAND");
  CHECK(code_of(s, R"({"type":7,"actor":"client","at":0})") == "INVALID_COMMAND");
  CHECK(code_of(s, R"({"type":"tick","at":0})") == "INVALID_COMMAND");
  CHECK(code_of(s, R"({"type":"tick","actor":1,"at":0})") == "INVALID_COMMAND");
  CHECK(code_of(s, R"({"type":"tick","actor":"system"})") == "INVALID_COMMAND");
  CHECK(code_of(s, R"({"type":"tick","actor":"system","at":"0"})") == "INVALID_COMMAND");
  CHECK(code_of(s, R"({"type":"tick","actor":"system","at":1.5})") == "INVALID_COMMAND");
  CHECK(code_of(s, R"({"type":"tick","actor":"system","at":1e3})") == "INVALID_COMMAND");
  CHECK(code_of(s, R"({"type":"tick","actor":"system","at":-1})") == "INVALID_COMMAND");
  CHECK(code_of(s, R"({"type":"tick","actor":"system","at":253402300800000})") == "INVALID_COMMAND");
  CHECK(code_of(s, R"({"type":"tick","actor":"system","at":18446744073709551616})") ==
        "INVALID_COMMAND");
  CHECK(code_of(s, R"({"type":"create_contract","actor":"client","at":0})") == "INVALID_COMMAND");
  CHECK(code_of(s, R"({"type":"create_contract","actor":"client","at":0,"contract":[]})") ==
        "INVALID_COMMAND");
  json r = json::parse(s.handle(
      R"({"type":"create_contract","actor":"client","at":0,"contract":{"title":"T","accountType":"standard","client":"A","freelancer":"B","milestones":[{"title":"x","amount":500}]}})"));
  CHECK(r["error"]["code"] == "INVALID_COMMAND");
  CHECK(r["error"]["field"] == "contract.milestones[0].dueDate");
  CHECK(code_of(s, R"({"type":"create_contract","actor":"client","at":0,"contract":{"title":"T","accountType":"standard","client":"A","freelancer":"B","milestones":[7]}})") ==
        "INVALID_COMMAND");
  // A present field with the wrong type names the type it should have.
  r = json::parse(s.handle(R"({"type":"respond_refund","actor":"freelancer","at":0,"milestoneId":"m1","accept":"yes"})"));
  CHECK(r["error"]["code"] == "INVALID_COMMAND");
  CHECK(r["error"]["field"] == "accept");
  CHECK(code_of(s, R"({"type":"reorder_milestones","actor":"client","at":0,"order":["m1",2]})") ==
        "INVALID_COMMAND");
  // null for an optional field means absent; for a required one, missing.
  CHECK(code_of(s, R"({"type":"release_payment","actor":"client","at":0,"milestoneId":"m1","amount":null})") ==
        "NO_CONTRACT");
  CHECK(code_of(s, R"({"type":"release_payment","actor":"client","at":0,"milestoneId":null})") ==
        "INVALID_COMMAND");
  // Unknown fields are ignored.
  CHECK(code_of(s, R"({"type":"tick","actor":"system","at":0,"extra":{"deep":[1,2,3]}})") ==
        "NO_CONTRACT");
}

TEST_CASE("NO_CONTRACT and CONTRACT_EXISTS") {
  contract_under_test c;
  json r = c.send(command("activate_milestone", "client", t0, {{"milestoneId", "m1"}}));
  CHECK(r["error"]["code"] == "NO_CONTRACT");
  CHECK(c.code(command("tick", "system", t0)) == "NO_CONTRACT");
  CHECK(json::parse(c.raw().handle(R"({"query":"state"})"))["error"]["code"] == "NO_CONTRACT");
  CHECK(json::parse(c.raw().handle(R"({"query":"log"})"))["error"]["code"] == "NO_CONTRACT");
  three_milestones(c);
  CHECK(c.code(create(json::array())) == "CONTRACT_EXISTS");
}

TEST_CASE("LIMIT_EXCEEDED: text lengths count code points; at most 1000 milestones") {
  contract_under_test c;
  const std::string e_acute = "\xC3\xA9";
  std::string title200;
  for (int i = 0; i < 200; ++i) title200 += e_acute;  // 400 bytes, 200 characters
  CHECK(c.code(create(json::array({milestone(title200, 500)}))) == "OK");
  contract_under_test d;
  json r = d.send(create(json::array({milestone(title200 + "x", 500)})));
  CHECK(r["error"]["code"] == "LIMIT_EXCEEDED");
  CHECK(r["error"]["field"] == "contract.milestones[0].title");
  CHECK(d.code(create(json::array({milestone("  ", 500)}))) == "INVALID_FIELD");
  json m = milestone("A", 500);
  m["description"] = std::string(5001, 'd');
  CHECK(d.code(create(json::array({m}))) == "LIMIT_EXCEEDED");
  m["description"] = std::string(5000, 'd');
  CHECK(d.code(create(json::array({m}))) == "OK");
  // Names 1–100, contract id 1–100.
  contract_under_test e;
  CHECK(e.code(create(json::array(), "standard", {{"client", std::string(101, 'a')}})) ==
        "LIMIT_EXCEEDED");
  CHECK(e.code(create(json::array(), "standard", {{"id", ""}})) == "INVALID_FIELD");
  CHECK(e.code(create(json::array(), "standard", {{"id", std::string(101, 'i')}})) ==
        "LIMIT_EXCEEDED");
  // Lengths are of the trimmed text, on the plain ASCII path and the Unicode one alike.
  const std::string pad = " \xC2\xA0";  // a space and a no-break space
  for (const std::string& around : {std::string("  "), pad}) {
    contract_under_test f;
    CHECK(f.code(create(json::array({milestone(around + std::string(201, 't') + around, 500)}))) ==
          "LIMIT_EXCEEDED");
    CHECK(f.code(create(json::array({milestone(around + std::string(200, 't') + around, 500)}))) ==
          "OK");
  }
  // Field errors come before length errors.
  json both = create(json::array({milestone(std::string(201, 't'), 1)}));
  CHECK(e.code(both) == "INVALID_AMOUNT");

  json many = json::array();
  for (int i = 0; i < 1001; ++i) many.push_back(milestone("M", 500));
  CHECK(e.code(create(many)) == "LIMIT_EXCEEDED");
  many.erase(many.size() - 1);
  milestones::session big;
  REQUIRE(code_of(big, create(many).dump()) == "OK");
  json r2 = json::parse(big.handle(
      command("add_milestone", "client", t0, {{"milestone", milestone("One more", 500)}}).dump()));
  CHECK(r2["error"]["code"] == "LIMIT_EXCEEDED");
  REQUIRE(code_of(big, command("delete_milestone", "client", t0, {{"milestoneId", "m5"}}).dump()) ==
          "OK");
  CHECK(code_of(big, command("add_milestone", "client", t0, {{"milestone", milestone("Fits", 500)}})
                         .dump()) == "OK");
}

TEST_CASE("UNKNOWN_MILESTONE: ids that are not there") {
  contract_under_test c;
  three_milestones(c);
  for (const char* id : {"m4", "m0", "x", "", "m01", "m1 "}) {
    CAPTURE(id);
    json r = c.send(command("activate_milestone", "client", t0, {{"milestoneId", id}}));
    CHECK(r["error"]["code"] == "UNKNOWN_MILESTONE");
    CHECK(r["error"]["field"] == "milestoneId");
  }
  REQUIRE(c.code(command("delete_milestone", "client", t0, {{"milestoneId", "m2"}})) == "OK");
  CHECK(c.code(command("edit_milestone", "client", t0,
                       {{"milestoneId", "m2"}, {"changes", {{"title", "Back"}}}})) ==
        "UNKNOWN_MILESTONE");
}

TEST_CASE("events: JSON round trip of every event type") {
  // A contract that produces every event type, then each logged event read back and written.
  contract_under_test c;
  three_milestones(c, "enterprise_compliance", {{"endDate", "2027-06-30"}});
  auto on = [](const char* type, const char* id, std::int64_t at, json extra = json::object(),
               const char* actor = "client") {
    extra["milestoneId"] = id;
    return command(type, actor, at, std::move(extra));
  };
  contract_under_test s;
  REQUIRE(s.code(create(json::array({milestone("A", 1000), milestone("B", 2000)}))) == "OK");
  const json steps[] = {
      command("add_milestone", "client", day(0), {{"milestone", milestone("C", 3000)}}),
      on("edit_milestone", "m3", day(0), {{"changes", {{"title", "C2"}, {"description", "d"}, {"amount", 3500}}}}),
      on("delete_milestone", "m3", day(0)),
      on("move_milestone", "m2", day(0), {{"toIndex", 0}}),
      command("reorder_milestones", "client", day(0), {{"order", {"m1", "m2"}}}),
      on("move_milestone", "m2", day(0), {{"toIndex", 0}}),
      on("propose_due_date", "m1", day(0), {{"dueDate", "2027-01-15"}}, "freelancer"),
      on("respond_due_date", "m1", day(0), {{"accept", true}}),
      on("propose_due_date", "m1", day(0), {{"dueDate", "2027-01-20"}}),
      on("respond_due_date", "m1", day(0), {{"accept", false}}, "freelancer"),
      on("activate_milestone", "m2", day(0)),
      on("submit_work", "m2", day(1), {{"message", "Here"}}, "freelancer"),
      on("request_changes", "m2", day(2), {{"message", "Tweak"}}),
      on("release_payment", "m2", day(3), {{"amount", 500}}),
      on("activate_milestone", "m1", day(3)),
      on("submit_work", "m1", day(4),
         {{"message", "Done"},
          {"attachments", {{{"name", "a.pdf"}, {"size", 12}, {"sha256", std::string(64, 'f')}},
                           {{"name", "b \"c\".zip"}, {"size", 0}, {"sha256", std::string(64, '0')},
                            {"url", "https://x.example/b"}}}}},
         "freelancer"),
      command("tick", "system", day(20)),
      on("request_refund", "m1", day(21), {{"amount", 100}, {"reason", "Typo"}}),
      on("respond_refund", "m1", day(21), {{"accept", true}}, "freelancer"),
      on("request_refund", "m1", day(21), {{"amount", 100}, {"reason", "Typo"}}),
      on("respond_refund", "m1", day(21), {{"accept", false}}, "freelancer"),
      command("end_contract", "client", day(22)),
      command("leave_feedback", "freelancer", day(22), {{"rating", 4}, {"comment", "Fine \"client\"\n"}}),
  };
  for (const json& step : steps) {
    CAPTURE(step.dump());
    REQUIRE(s.code(step) == "OK");
  }
  REQUIRE(c.code(command("extend_contract", "client", day(0), {{"endDate", "2027-07-31"}})) == "OK");
  // R22, R23, R23′, R24, R15′: an offer accepted, proposals accepted, declined and withdrawn,
  // messages, an end that closes; and an offer declined.
  contract_under_test o;
  json offered = create(json::array({milestone("A", 1000), milestone("B", 2000)}));
  offered["offer"] = true;
  const json agreement[] = {
      offered,
      command("respond_offer", "freelancer", day(0), {{"accept", true}}),
      command("propose_milestone", "freelancer", day(0), {{"milestone", milestone("C", 3000)}}),
      command("respond_milestone_proposal", "client", day(0), {{"accept", true}}),
      command("propose_milestone", "freelancer", day(0), {{"milestone", milestone("D", 4000)}}),
      command("respond_milestone_proposal", "client", day(0), {{"accept", false}}),
      command("propose_milestone", "freelancer", day(0), {{"milestone", milestone("E", 5000)}}),
      command("withdraw_milestone_proposal", "freelancer", day(0)),
      command("post_message", "freelancer", day(0), {{"text", "On the plan"}}),
      command("post_message", "client", day(0), {{"text", "On B \"quoted\"\n"}, {"milestoneId", "m2"}}),
      command("end_contract", "client", day(1)),
  };
  for (const json& step : agreement) {
    CAPTURE(step.dump());
    REQUIRE(o.code(step) == "OK");
  }
  contract_under_test declined;
  REQUIRE(declined.code(offered) == "OK");
  REQUIRE(declined.code(command("respond_offer", "freelancer", day(0), {{"accept", false}})) == "OK");
  std::set<std::string> types;
  for (contract_under_test* x : {&s, &c, &o, &declined}) {
    const json log = x->log();
    for (const json& e : log["events"]) {
      types.insert(e["type"].get<std::string>());
      auto parsed = event_of(e);
      REQUIRE(parsed);
      const std::string text = milestones::to_json_text(*parsed);
      CHECK(json::parse(text) == e);                                     // JSON -> event -> JSON
      CHECK(event_of(json::parse(text)) == parsed);  // event -> JSON -> event
    }
  }
  CHECK(types.size() == std::variant_size_v<milestones::event_data>);
}

TEST_CASE("events: malformed event JSON is not an event") {
  const json good = json::parse(
      R"({"seq":2,"at":5,"type":"payment_released","milestoneId":"m1","amount":100,"returned":0,"extra":0,"auto":false})");
  REQUIRE(event_of(good));
  for (const char* key : {"seq", "at", "type", "milestoneId", "amount", "returned", "extra", "auto"}) {
    json missing = good;
    missing.erase(key);
    CAPTURE(key);
    CHECK_FALSE(event_of(missing));
    json wrong = good;
    wrong[key] = json::array();
    CHECK_FALSE(event_of(wrong));
  }
  json fraction = good;
  fraction["amount"] = 1.5;
  CHECK_FALSE(event_of(fraction));
  json bad_type = good;
  bad_type["type"] = "payment_teleported";
  CHECK_FALSE(event_of(bad_type));
  CHECK_FALSE(event_of(json::array()));
}

TEST_CASE("text: control characters and bidi overrides are refused; Unicode is kept") {
  contract_under_test c;
  const std::pair<std::string, bool> titles[] = {
      {"Design \xF0\x9F\x8E\xA8 \"q\" \\ \xD7\xA2\xD7\x91\xD7\xA8\xD7\x99\xD7\xAA", true},  // emoji, quotes, Hebrew
      {"Invoice \xE2\x80\xAE" "fdp.exe", false},  // U+202E RIGHT-TO-LEFT OVERRIDE
      {"Isolate \xE2\x81\xA6x\xE2\x81\xA9", false},  // U+2066 … U+2069
      {"Tab\tin title", false},
      {"Bell\x07", false},
      {"C1 \xC2\x85 inside", false},  // U+0085 NEXT LINE
      {"Delete\x7F", false},
      {"Mark \xE2\x80\x8F ok", true},  // U+200F RIGHT-TO-LEFT MARK is fine
  };
  for (const auto& entry : titles) {
    CAPTURE(entry.first);
    json r = c.send(create(json::array({milestone(entry.first, 500)})));
    if (entry.second) {
      CHECK(r["ok"] == true);
      CHECK(c.state()["milestones"][0]["title"] == entry.first);
      c = contract_under_test();
    } else {
      CHECK(r["error"]["code"] == "INVALID_FIELD");
      CHECK(r["error"]["field"] == "contract.milestones[0].title");
      CHECK(r["error"]["message"].get<std::string>().find("U+") != std::string::npos);
    }
  }
  json m = milestone("Multi-line", 500);
  m["description"] = "Line one\n\tLine two\r\n";
  CHECK(c.code(create(json::array({m}))) == "OK");
  contract_under_test d;
  m["description"] = std::string("nul\0byte", 8);
  CHECK(d.code(create(json::array({m}))) == "INVALID_FIELD");
  CHECK(d.code(create(json::array(), "standard", {{"client", "Ac\xE2\x80\xAEme"}})) == "INVALID_FIELD");
}

TEST_CASE("text: trimming comes first, then the checks (a name pasted with a trailing tab)") {
  contract_under_test c;
  json m = milestone("Design\t", 500);
  REQUIRE(c.code(create(json::array({m}), "standard",
                        {{"client", "  Acme Corp\t"}, {"freelancer", "\tJo \xC2\xA0"}, {"title", "Site\r\n"}})) == "OK");
  const json state = c.state();
  CHECK(state["contract"]["client"] == "Acme Corp");
  CHECK(state["contract"]["freelancer"] == "Jo");
  CHECK(state["contract"]["title"] == "Site");
  CHECK(state["milestones"][0]["title"] == "Design");
  REQUIRE(c.code(command("edit_milestone", "client", t0,
                         {{"milestoneId", "m1"}, {"changes", {{"title", "Art\t"}}}})) == "OK");
  CHECK(c.state()["milestones"][0]["title"] == "Art");
  // Inside the text a tab is still refused; an id is kept as sent, so a tab in it is refused.
  contract_under_test d;
  CHECK(d.code(create(json::array(), "standard", {{"client", "Acme\tCorp"}})) == "INVALID_FIELD");
  CHECK(d.code(create(json::array(), "standard", {{"id", "c1\t"}})) == "INVALID_FIELD");
}

TEST_CASE("output is valid JSON that escapes control characters") {
  contract_under_test c;
  json m = milestone("Design \"q\" \\", 500);
  m["description"] = "tab\there\nnext line";
  REQUIRE(c.code(create(json::array({m}))) == "OK");
  const std::string text = c.state_text();
  CHECK(text.find("tab\\there\\nnext line") != std::string::npos);
  CHECK(text.find("Design \\\"q\\\" \\\\") != std::string::npos);
  json s = c.state();
  CHECK(s["milestones"][0]["title"] == "Design \"q\" \\");
  CHECK(s["milestones"][0]["description"] == "tab\there\nnext line");
}

TEST_CASE("JSON parser: reads exactly what nlohmann reads, or refuses exactly what it refuses") {
  // A real log, with text in several scripts, as restore carries it.
  milestones::session s;
  s.handle(R"({"type":"create_contract","actor":"client","at":1795651200000,"contract":{"title":"Site ✓ — Ünïcode 日本","accountType":"enterprise_compliance","endDate":"2030-01-01","client":"Acme","freelancer":"Jo","milestones":[{"title":"A","amount":1000,"dueDate":"2029-01-01"},{"title":"B","description":"two","amount":2500,"dueDate":"2029-02-01"}]}})");
  REQUIRE(s.state());
  s.handle(R"({"type":"activate_milestone","actor":"client","at":1795651200001,"milestoneId":"m1"})");
  s.handle(R"({"type":"propose_due_date","actor":"freelancer","at":1795651200002,"milestoneId":"m2","dueDate":"2029-03-01"})");
  const std::string log = json::parse(s.handle(R"({"query":"log"})"))["log"].dump();
  const std::string restore = R"({"query":"restore","log":)" + log + "}";
  std::string deep64, deep65;
  for (int i = 0; i < 64; ++i) deep64 += "[";
  for (int i = 0; i < 64; ++i) deep64 += "]";
  deep65 = "[" + deep64 + "]";
  std::string wide = "{", wide_twice = "{";
  for (int i = 0; i < 100; ++i) wide += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
  wide += "}";
  for (int i = 0; i < 100; ++i) wide_twice += (i ? ",\"k" : "\"k") + std::to_string(i % 99) + "\":0";
  wide_twice += "}";
  const std::string accepted[] = {
      restore,
      " \t\r\n{ \"a\" : [ 1 , -2 , 0 , 123456789012345678 , true , false , null , { } , [ ] ] } \n",
      R"({"nested":{"deeper":{"list":[[[]]],"text":"déjà"}}})",
      R"({"a":"with \"escape\" \\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00 \u0000"})",
      R"({"a":1.5,"b":1e3,"c":-0,"d":1E-400,"e":-1.0e+2,"f":0.0})",
      R"({"a":9223372036854775807,"b":-9223372036854775808,"c":9223372036854775808,"d":18446744073709551616})",
      R"({"\u0061":1,"b":2})",
      "\xef\xbb\xbf{}",
      "\"just a string\"",
      deep64,
      wide,
      R"({"type":"activate_milestone","actor":"client","at":1,"milestoneId":"m1"})",
      R"( { "type" : "submit_work" , "actor":"freelancer","at":0,"milestoneId":"m2","message":"Déjà vu ✓"} )",
      R"({"type":"release_payment","actor":"client","at":5,"milestoneId":"m1","amount":-7})",
      R"({"type":"respond_refund","actor":"freelancer","at":5,"milestoneId":"m1","accept":false})",
      R"({"type":"leave_feedback","actor":"boss","at":5,"rating":9,"comment":""})",
      R"({"type":"tick","actor":"system","at":253402300799999,"amount":3})",
      R"({"type":"move_milestone","actor":"client","at":1,"milestoneId":"m3","toIndex":0})",
      R"({"type":"extend_contract","actor":"client","at":1,"endDate":"2027-01-01","milestoneId":5})",
  };
  for (const std::string& line : accepted) {
    CAPTURE(line);
    milestones::json_document doc;
    REQUIRE(doc.parse(line));
    CHECK_FALSE(milestones::testing::parsers_disagree(line));
  }
  const std::string refused[] = {
      R"({"a":01})", R"({"a":1,"a":2})", R"({"a":1,"\u0061":2})", R"({"a":1,})", R"({"a":1} x)",
      R"({"a":)", R"({"a":"open)", R"({'a':1})", R"({"a":tru})", "{\"a\":\"\xff\"}",
      "{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"tab\tinside\"}", R"({"a":"\ud800"})",
      R"({"a":"\udc00x"})", R"({"a":"\ud800\u0041"})", R"({"a":"\x"})", R"({"a":"\u12"})",
      R"({"a":1e999})", R"({"a":-})", R"({"a":1.})", R"({"a":.5})", R"({"a":1e})", R"({"a":+1})",
      "\xef\xbb{}", deep65, wide_twice, "", "   ", R"({"a":1}{})", "{\"a\":1}\x01",
  };
  for (const std::string& line : refused) {
    CAPTURE(line);
    milestones::json_document doc;
    CHECK_FALSE(doc.parse(line));
    CHECK_FALSE(milestones::testing::parsers_disagree(line));
  }
  milestones::session again;
  const json restored = json::parse(again.handle(restore));
  CHECK(restored["ok"] == true);
  CHECK(restored["state"] == json::parse(s.handle(R"({"query":"state"})"))["state"]);
}

TEST_CASE("JSON parser: a refusal is worded as nlohmann words it, at the byte it gives") {
  // Each of nlohmann's messages, and each place a token can be unexpected.
  const std::pair<std::string, std::string> worded[] = {
      {"", "unexpected end of input; expected '[', '{', or a literal (at byte 1)"},
      {"   ", "unexpected end of input; expected '[', '{', or a literal (at byte 4)"},
      {"{\"a\":tru}", "invalid literal (at byte 9)"},
      {"{\"a\":x}", "invalid literal (at byte 6)"},
      {"{\"a\":1,}", "unexpected '}'; expected string literal (at byte 8)"},
      {"{\"a\" 1}", "unexpected number literal; expected ':' (at byte 6)"},
      {"{\"a\":1 \"b\":2}", "unexpected string literal; expected '}' (at byte 10)"},
      {"[1 2]", "unexpected number literal; expected ']' (at byte 4)"},
      {"{\"a\":1} x", "invalid literal (at byte 9)"},
      {"{\"a\":1}{}", "unexpected '{'; expected end of input (at byte 8)"},
      {"[,]", "unexpected ','; expected '[', '{', or a literal (at byte 2)"},
      {"{1:2}", "unexpected number literal; expected string literal (at byte 2)"},
      {"{\"a\":\"open", "invalid string: missing closing quote (at byte 11)"},
      {"{\"a\":\"tab\tin\"}", "invalid string: control character U+0009 (HT) must be escaped to \\u0009 or \\t (at byte 10)"},
      {std::string("[\"\x01\"]"), "invalid string: control character U+0001 (SOH) must be escaped to \\u0001 (at byte 3)"},
      {std::string("[\"\0\"]", 5), "invalid string: control character U+0000 (NUL) must be escaped to \\u0000 (at byte 3)"},
      {"[\"\\x\"]", "invalid string: forbidden character after backslash (at byte 4)"},
      {"[\"\\u12\"]", "invalid string: '\\u' must be followed by 4 hex digits (at byte 7)"},
      {"[\"\\ud800\"]", "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF (at byte 9)"},
      {"[\"\\ud800\\u0041\"]", "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF (at byte 14)"},
      {"[\"\\ud800\\u00\"]", "invalid string: '\\u' must be followed by 4 hex digits (at byte 13)"},
      {"[\"\\udc00\"]", "invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF (at byte 8)"},
      {"[\"\xff\"]", "invalid string: ill-formed UTF-8 byte (at byte 3)"},
      {"[\"\xed\xa0\x80\"]", "invalid string: ill-formed UTF-8 byte (at byte 4)"},
      {"[\"\xf0\x9f\x98\"]", "invalid string: ill-formed UTF-8 byte (at byte 6)"},
      {"[-]", "invalid number; expected digit after '-' (at byte 3)"},
      {"[1.]", "invalid number; expected digit after '.' (at byte 4)"},
      {"[1e]", "invalid number; expected '+', '-', or digit after exponent (at byte 4)"},
      {"[1e+]", "invalid number; expected digit after exponent sign (at byte 5)"},
      {"[01]", "unexpected number literal; expected ']' (at byte 3)"},
      {"[1e999]", "a number is too large to represent (at byte 6)"},
      {"\xef\xbb{}", "invalid BOM; must be 0xEF 0xBB 0xBF if given (at byte 3)"},
      {"\xef{}", "invalid BOM; must be 0xEF 0xBB 0xBF if given (at byte 2)"},
      {"{\"a\":1,\"\\u0061\":2}", "a key appears twice in one object"},
      {std::string("{\"a\":1}\0x", 9), "a NUL byte stands outside a string (at byte 8)"},
      {std::string("[1,\0]", 5), "unexpected end of input; expected '[', '{', or a literal (at byte 4)"},
  };
  for (const auto& [text, words] : worded) {
    const std::string& line = text;  // a binding cannot be captured (CAPTURE) in C++17
    CAPTURE(line);
    milestones::json_document doc;
    REQUIRE_FALSE(doc.parse(line));
    CHECK(milestones::invalid_json_reason(line) == words);
    CHECK(milestones::testing::nlohmann_words(line) == words);
  }
  std::string deep(65, '['), deep_and_broken = std::string(64, '[') + "x";
  CHECK(milestones::invalid_json_reason(deep) == "it is nested more than 64 levels deep");
  CHECK(milestones::invalid_json_reason(deep_and_broken) == "invalid literal (at byte 65)");

  // Every prefix of real lines, and every one-byte change of them, as nlohmann words it.
  milestones::session s;
  s.handle(R"({"type":"create_contract","actor":"client","at":1795651200000,"contract":{"title":"Site ✓ — \"Ünï\" 😀","accountType":"standard","client":"Acme","freelancer":"Jo","milestones":[{"title":"A\tB","amount":1000,"dueDate":"2029-01-01"},{"title":"B","amount":2500,"dueDate":"2029-02-01"}]}})");
  const std::string seeds[] = {
      json::parse(s.handle(R"({"query":"log"})"))["log"].dump(),
      R"({"a":[1.5e-3,-0,true,false,null,{"\u00e9\ud83d\ude00":"\/\b\f\n\r"}],"b":-12.25E+2})",
  };
  const std::string bytes = std::string("\0\x01\t\n \"\\/,:[]{}01-+.eEtrufalsn\x7f\x80\xbf\xc2\xe0\xed\xef\xf0\xf4\xff", 39);
  std::uint32_t random = 12345;
  auto next = [&](std::uint32_t n) {
    random = random * 1664525u + 1013904223u;
    return (random >> 8) % n;
  };
  std::size_t checked = 0;
  std::set<std::string> reasons;  // what the changed lines were refused for, without the position
  auto check_line = [&](const std::string& line) {
    if (auto disagreement = milestones::testing::parsers_disagree(line)) FAIL(line << ": " << *disagreement);
    if (milestones::json_document doc; !doc.parse(line)) {
      const std::string reason = milestones::invalid_json_reason(line);
      reasons.insert(reason.substr(0, reason.find(" (at byte")));
    }
    ++checked;
  };
  for (const std::string& seed : seeds) {
    for (std::size_t n = 0; n < seed.size(); ++n) {
      check_line(seed.substr(0, n));
    }
    for (int k = 0; k < 6000; ++k) {
      std::string line = seed;
      const std::size_t at = next(static_cast<std::uint32_t>(line.size()));
      const char b = bytes[next(static_cast<std::uint32_t>(bytes.size()))];
      switch (next(3)) {
        case 0: line[at] = b; break;
        case 1: line.insert(line.begin() + static_cast<std::ptrdiff_t>(at), b); break;
        default: line.erase(at, 1);
      }
      check_line(line);
    }
  }
  CHECK(checked > 12000);
  CHECK(reasons.size() >= 50);  // most of nlohmann's messages, and unexpected tokens in most places
}

TEST_CASE("JSON parser: a number is refused exactly where it rounds to infinity as a double") {
  const std::string limit =  // 2^1024 - 2^970: the first value strtod rounds to infinity
      "17976931348623158079372897140530341507993413271003782693617377898044496829276475094664901797"
      "75872070963302864166928879109465555478519404026306574886715058206819089020007083836762738548"
      "45817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711"
      "559699508093042880177904174497792";
  std::string below = limit;
  below.back() = '1';
  const std::string finite[] = {
      "1.7976931348623158e308", "1.79769313486231580793e308", "-1.7976931348623157e308", below, "-" + below,
      below + ".999999", "0." + below + "e309", "1e-99999", "0.0e99999", "-0", "0.000000e400",
      "12345678901234567890123", "1e308", "0.1e309", "100e306", "0.00001797e313",
  };
  const std::string infinite[] = {
      limit, "-" + limit, limit + ".0", "0." + limit + "e309", limit + "0e-1", "1.7976931348623159e308", "1.797693134862315808e308",
      "1e309", "0.18e310", "10e308", "1e99999999999999999999", "-2e308", "0.0001e313",
  };
  for (const std::string& n : finite) {
    CAPTURE(n);
    CHECK(milestones::finite_double(n));
    CHECK(std::isfinite(std::strtod(n.c_str(), nullptr)));
    CHECK_FALSE(milestones::testing::parsers_disagree("[" + n + "]"));
  }
  for (const std::string& n : infinite) {
    CAPTURE(n);
    CHECK_FALSE(milestones::finite_double(n));
    CHECK_FALSE(std::isfinite(std::strtod(n.c_str(), nullptr)));
    CHECK_FALSE(milestones::testing::parsers_disagree("[" + n + "]"));
  }
}

TEST_CASE("JSON parser: find() sees every key of small and wide objects, and no other") {
  // find() checks an object's key mask first: each key present must still be found, wherever it
  // stands, and keys that share a mask bit with a present one are told apart by comparison.
  std::string wide = "{";
  for (int i = 0; i < 100; ++i) wide += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
  wide += "}";
  for (const std::string& line : {std::string(R"({"by":1,"at":2,"seq":3,"":4,"dueDate":5})"), wide}) {
    CAPTURE(line);
    milestones::json_document doc;
    REQUIRE(doc.parse(line));
    const json expected = json::parse(line);
    for (const auto& [key, value] : expected.items()) {
      const milestones::json_value* found = doc.root().find(key);
      REQUIRE(found);
      CHECK(found->integer == value.get<std::int64_t>());
    }
    for (const char* absent : {"b", "ay", "k", "k100", "sequence", "dueDatE", "milestoneId"}) {
      CHECK(doc.root().find(absent) == nullptr);
    }
  }
  milestones::json_document empty;
  REQUIRE(empty.parse("{}"));
  CHECK(empty.root().find("") == nullptr);
  CHECK(empty.root().find("a") == nullptr);
}

TEST_CASE("JSON parser: a NUL byte ends nothing; the whole line is read") {
  milestones::session s;
  const std::string line("{\"query\":\"state\"}\0junk", 22);
  const json r = json::parse(s.handle(line));
  CHECK(r["error"]["code"] == "INVALID_JSON");
  CHECK(r["error"]["message"] == "This is not valid JSON.");
  CHECK(r["error"]["detail"] == "a NUL byte stands outside a string (at byte 18)");
}

TEST_CASE("JSON parser: a sink takes the items of its array as they are parsed, and only those") {
  struct taken {
    std::vector<std::string> items;
    static void take(void* self, const milestones::json_value& v) {
      auto& t = *static_cast<taken*>(self);
      const milestones::json_value* text = v.find("t");
      t.items.push_back(text ? std::string(text->text) : v.is_array() ? "[]" : "?");
    }
  };
  const std::string line =
      R"({"events":[{"events":[1]}],"log":{"x":{"events":[9]},"events":[{"t":"a\u00e9"},{"t":"b"},)"
      R"([],{"t":"\"c\""}]},"after":{"t":"d"}})";
  taken t;
  const milestones::json_item_sink sink{"log", "events", &taken::take, &t};
  milestones::json_document doc;
  REQUIRE(doc.parse(line, &sink));
  CHECK(t.items == std::vector<std::string>{"a\xc3\xa9", "b", "[]", "\"c\""});
  const milestones::json_value* events = doc.root().find("log")->find("events");
  CHECK(events->count == 4);
  CHECK(events->first == nullptr);                                 // only the count is kept
  CHECK(doc.root().find("events")->first->find("events")->count == 1);  // elsewhere: linked
  CHECK(doc.root().find("after")->find("t")->text == "d");  // what follows is read as usual

  // At the root (no outer object); a text that turns out not to be JSON is refused all the same.
  taken u;
  const milestones::json_item_sink root_sink{"", "events", &taken::take, &u};
  CHECK(doc.parse(R"({"events":[{"t":"x"},{"t":"y"}]})", &root_sink));
  CHECK(u.items == std::vector<std::string>{"x", "y"});
  u.items.clear();
  CHECK_FALSE(doc.parse(R"({"events":[{"t":"x"},{"t":"y"}],"events":[]})", &root_sink));
  CHECK_FALSE(doc.parse(R"({"events":[{"t":"x"},{"t":"y"})", &root_sink));
}
