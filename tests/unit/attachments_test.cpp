// R25: the files a submission delivers: named, sized and hashed, and optionally where to get them.
#include "support.hpp"

using namespace test;

namespace {

const std::string hash_a = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const std::string hash_b = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

json file(const std::string& name, json size = 1024, const std::string& sha256 = hash_a) {
  return json{{"name", name}, {"size", std::move(size)}, {"sha256", sha256}};
}

json submit(json attachments, std::int64_t at = day(1), const std::string& message = "Done") {
  json extra{{"message", message}};
  if (!attachments.is_null()) extra["attachments"] = std::move(attachments);
  return act("submit_work", "m1", at, std::move(extra), "freelancer");
}

/// A standard contract with Design funded: the freelancer may submit.
void funded(contract_under_test& c) {
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
}

/// The refusal of a submission with these attachments on a funded contract.
json refusal(json attachments, const std::string& message = "Done") {
  contract_under_test c;
  funded(c);
  json r = c.send(submit(std::move(attachments), day(1), message));
  REQUIRE(r["ok"] == false);
  return r["error"];
}

/// Every problem `check` finds in a submission with these attachments.
json problems(json attachments, const std::string& message = "Done") {
  contract_under_test c;
  funded(c);
  json query{{"query", "check"}, {"at", day(1)}, {"command", submit(std::move(attachments), day(1), message)}};
  query["command"].erase("at");
  const json r = json::parse(c.raw().handle(query.dump()));
  REQUIRE(r["ok"] == true);
  return r["problems"];
}

}  // namespace

TEST_CASE("R25: a submission carries its attachments into its event and the milestone's submission") {
  contract_under_test c;
  funded(c);
  json with_url = file("  mockups.pdf ", 1'234'567, hash_b);
  with_url["url"] = "https://files.example/mockups.pdf?v=2";
  json r = c.send(submit(json::array({file("notes.txt", 0), with_url})));
  REQUIRE(r["ok"] == true);
  const json event = r["events"][0];
  CHECK(event["type"] == "work_submitted");
  // Written after the fields older logs have; the name trimmed; `url` only where there is one.
  const json expected = json::array(
      {{{"name", "notes.txt"}, {"size", 0}, {"sha256", hash_a}},
       {{"name", "mockups.pdf"}, {"size", 1'234'567}, {"sha256", hash_b},
        {"url", "https://files.example/mockups.pdf?v=2"}}});
  CHECK(event["attachments"] == expected);
  const std::string log = c.raw().handle(R"({"query":"log"})");  // as written, in its order
  CHECK(log.find(R"("reviewDeadline":)" + std::to_string(day(15)) + R"(,"attachments":[{"name")") !=
        std::string::npos);
  json submission = c.state()["milestones"][0]["submission"];
  CHECK(submission == json{{"message", "Done"}, {"at", day(1)}, {"attachments", expected}});
  // The latest submission is the one shown: one with no files has no attachments.
  REQUIRE(c.code(act("request_changes", "m1", day(2), {{"message", "Smaller"}})) == "OK");
  r = c.send(submit(json::array(), day(3), "Again"));
  REQUIRE(r["ok"] == true);
  CHECK_FALSE(r["events"][0].contains("attachments"));  // an empty list is none: nothing written
  submission = c.state()["milestones"][0]["submission"];
  CHECK(submission == json{{"message", "Again"}, {"at", day(3)}});
  // null is none, too.
  REQUIRE(c.code(act("request_changes", "m1", day(4), {{"message", "More"}})) == "OK");
  r = c.send(submit(nullptr, day(5)));
  REQUIRE(r["ok"] == true);
  CHECK_FALSE(r["events"][0].contains("attachments"));
  CHECK(c.code(act("submit_work", "m1", day(5), {{"message", "x"}, {"attachments", nullptr}},
                   "freelancer")) == "INVALID_STATE");  // read as none; the milestone is submitted
}

TEST_CASE("R25: at most 20 attachments; a 21st is INVALID_FIELD naming the list") {
  json twenty = json::array();
  for (int i = 0; i < 20; ++i) twenty.push_back(file("part-" + std::to_string(i) + ".zip"));
  contract_under_test c;
  funded(c);
  json r = c.send(submit(twenty));
  REQUIRE(r["ok"] == true);
  CHECK(r["events"][0]["attachments"].size() == 20);
  json more = twenty;
  more.push_back(file("one-too-many.zip"));
  const json error = refusal(more);
  CHECK(error["code"] == "INVALID_FIELD");
  CHECK(error["rule"] == "R25");
  CHECK(error["field"] == "attachments");
  CHECK(error["params"] == json{{"limit", 20}, {"count", 21}});
  CHECK(error["message"] == "At most 20 files can go with a submission; this one has 21.");
}

TEST_CASE("R25: a name is trimmed, 1–255 characters on one line, with the text rules") {
  std::string longest;
  for (int i = 0; i < 255; ++i) longest += "\xC3\xA9";  // "é": one character, two bytes
  contract_under_test c;
  funded(c);
  json r = c.send(submit(json::array({file(" " + longest + "\t")})));
  REQUIRE(r["ok"] == true);
  CHECK(r["events"][0]["attachments"][0]["name"] == longest);
  json error = refusal(json::array({file("a.txt"), file(longest + "x")}));
  CHECK(error["code"] == "INVALID_FIELD");  // not LIMIT_EXCEEDED: R25 says INVALID_FIELD
  CHECK(error["field"] == "attachments[1].name");
  CHECK(error["params"] == json{{"limit", 255}, {"length", 256}});
  CHECK(error["message"] == "The name of attachment 2 is too long: at most 255 characters are allowed.");
  for (const char* name : {"", "   ", "\t\n"}) {
    CAPTURE(name);
    error = refusal(json::array({file(name)}));
    CHECK(error["code"] == "INVALID_FIELD");
    CHECK(error["field"] == "attachments[0].name");
    CHECK(error["message"] == "The name of attachment 1 must not be empty.");
  }
  for (const char* name : {"report\x07.pdf", "two\nlines.txt", "a\tb.txt", "Invoice\xE2\x80\xAE" "fdp.exe"}) {
    CAPTURE(name);
    error = refusal(json::array({file(name)}));
    CHECK(error["code"] == "INVALID_FIELD");
    CHECK(error["field"] == "attachments[0].name");
    CHECK(error["params"].contains("character"));
  }
}

TEST_CASE("R25: a size is a whole number of bytes from 0 to 2^53 − 1") {
  contract_under_test c;
  funded(c);
  REQUIRE(c.code(submit(json::array({file("empty", 0), file("huge", 9'007'199'254'740'991)}))) == "OK");
  CHECK(c.state()["milestones"][0]["submission"]["attachments"][1]["size"] == 9'007'199'254'740'991);
  for (const json& size : {json(-1), json(9'007'199'254'740'992), json(1.5), json(1e3)}) {
    CAPTURE(size.dump());
    const json error = refusal(json::array({file("a", size)}));
    CHECK(error["code"] == "INVALID_FIELD");
    CHECK(error["field"] == "attachments[0].size");
    CHECK(error["params"]["min"] == 0);
    CHECK(error["params"]["max"] == 9'007'199'254'740'991);
    CHECK(error["params"]["size"] == (size.is_number_integer() ? size : json(nullptr)));
  }
  // The JSON edge: a size that is not a number, an attachment that is not an object, a list that
  // is not a list, a name missing: the command cannot be read (INVALID_COMMAND), as for any field.
  CHECK(refusal(json::array({file("a", "12")}))["code"] == "INVALID_COMMAND");
  CHECK(refusal(json::array({"a.pdf"}))["code"] == "INVALID_COMMAND");
  CHECK(refusal(file("a"))["code"] == "INVALID_COMMAND");
  json nameless = file("a");
  nameless.erase("name");
  const json error = refusal(json::array({file("b"), nameless}));
  CHECK(error["code"] == "INVALID_COMMAND");
  CHECK(error["field"] == "attachments[1].name");
}

TEST_CASE("R25: a sha256 is exactly 64 lowercase hexadecimal digits") {
  std::string upper = hash_a;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  for (const std::string& sha : {upper, hash_a.substr(1), hash_a + "0", std::string(63, 'a') + "g",
                                 std::string(), " " + hash_a.substr(1)}) {
    CAPTURE(sha);
    const json error = refusal(json::array({file("a"), file("b"), file("c"), file("d", 1, sha)}));
    CHECK(error["code"] == "INVALID_FIELD");
    CHECK(error["field"] == "attachments[3].sha256");
    CHECK(error["message"] ==
          "The SHA-256 of attachment 4 must be 64 lowercase hexadecimal digits (0-9, a-f).");
  }
}

TEST_CASE("R25: a url is https:// and 1–2,040 characters with no white space or control character") {
  auto with_url = [](const std::string& url) {
    json f = file("a.zip");
    f["url"] = url;
    return json::array({f});
  };
  contract_under_test c;
  funded(c);
  const std::string longest = "https://example.com/" + std::string(2040 - 12, 'x');
  REQUIRE(c.code(submit(with_url(longest))) == "OK");
  REQUIRE(c.code(act("request_changes", "m1", day(2), {{"message", "m"}})) == "OK");
  REQUIRE(c.code(submit(with_url("https://d\xC3\xA9p\xC3\xB4t.example/fichier"), day(3))) == "OK");
  for (const std::string& url :
       {std::string("http://example.com/a.zip"), std::string("https://"), std::string("HTTPS://x.y"),
        std::string("ftp://x"), std::string("example.com"), std::string(),
        std::string(" https://x.y")}) {
    CAPTURE(url);
    const json error = refusal(with_url(url));
    CHECK(error["code"] == "INVALID_FIELD");
    CHECK(error["field"] == "attachments[0].url");
  }
  json error = refusal(with_url(longest + "x"));
  CHECK(error["field"] == "attachments[0].url");
  CHECK(error["params"] == json{{"limit", 2040}, {"length", 2041}});
  for (const std::string& url : {std::string("https://x.y/a b"), std::string("https://x.y/a\tb"),
                                 std::string("https://x.y/\x7F"), std::string("https://x.y/\xC2\xA0"),
                                 std::string("https://x.y/\xE2\x80\xAE" "fdp.exe")}) {
    CAPTURE(url);
    error = refusal(with_url(url));
    CHECK(error["code"] == "INVALID_FIELD");
    CHECK(error["field"] == "attachments[0].url");
    CHECK(error["params"].contains("character"));
  }
  CHECK(refusal(with_url("https://x.y/a b"))["params"]["character"] == "U+0020");
}

TEST_CASE("R25: check lists every problem of every attachment; decide gives the first") {
  json list = json::array();
  for (int i = 0; i < 21; ++i) list.push_back(file("f" + std::to_string(i)));
  list[2] = file("", -5, "XYZ");
  list[2]["url"] = "http://x";
  list[7]["sha256"] = "nope";
  const json found = problems(list);
  std::vector<std::string> fields;
  for (const json& p : found) {
    CHECK(p["code"] == "INVALID_FIELD");
    fields.push_back(p["field"].get<std::string>());
  }
  CHECK(fields == std::vector<std::string>{"attachments", "attachments[2].name", "attachments[2].size",
                                           "attachments[2].sha256", "attachments[2].url",
                                           "attachments[7].sha256"});
  CHECK(refusal(list)["field"] == "attachments");
  // The message's own problems come first; a message too long (LIMIT_EXCEEDED) ranks after them.
  CHECK(problems(json::array({file("", 1)}), "")[0]["field"] == "message");
  CHECK(refusal(json::array({file("", 1)}), "")["field"] == "message");
  CHECK(refusal(json::array({file("", 1)}), std::string(5001, 'm'))["field"] == "attachments[0].name");
  CHECK(problems(json::array({file("ok.pdf")})).empty());
}

TEST_CASE("R25: restore re-checks a log's attachments; a log that differs is LOG_INVALID at that event") {
  contract_under_test c;
  funded(c);
  REQUIRE(c.code(submit(json::array({file("a.pdf", 10, hash_b)}))) == "OK");
  const json log = c.log();
  REQUIRE(log["events"][2]["attachments"].size() == 1);
  auto index_of_refusal = [](const json& l) {
    milestones::session s;
    const json r = json::parse(s.handle(json{{"query", "restore"}, {"log", l}}.dump()));
    return r["ok"] == true ? json(nullptr) : r["error"]["index"];
  };
  CHECK(index_of_refusal(log).is_null());
  json tampered = log;
  tampered["events"][2]["attachments"][0]["sha256"] = hash_a;  // still well formed, but not submitted
  CHECK(index_of_refusal(tampered).is_null());  // a log is only as trusted as the rules: a hash is data
  tampered["events"][2]["attachments"][0]["sha256"] = "ABC";
  CHECK(index_of_refusal(tampered) == 2);  // no command could have submitted it
  tampered = log;
  tampered["events"][2]["attachments"] = json::array();  // the engine never writes an empty list
  CHECK(index_of_refusal(tampered) == 2);
  tampered = log;
  tampered["events"][2]["attachments"][0]["note"] = "x";  // a field attachments do not have
  CHECK(index_of_refusal(tampered) == 2);
}
