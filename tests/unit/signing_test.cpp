// R26: signed contracts. The Ed25519 arithmetic is the hosts' (tests/signed: real signatures
// through the native runner, Node.js and Chromium); here a stand-in verifier checks that the
// engine hands a host exactly the bytes the scheme says, binds the keys, and judges what it is
// told, event by event.
#include <cstring>

#include "engine/signatures.hpp"
#include "model/sha256.hpp"
#include "support.hpp"

using namespace test;

namespace {

// Two Ed25519 public keys (RFC 8032's test vectors 1 and 2), and a third, in base64url.
const std::string client_key = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
const std::string freelancer_key = "PUAXw-hDiVqStwqnTRt-vJyYLM8uxJaMwM1V8Sr0Zgw";
const std::string third_key = "A7pCzSTcFwMTZ_XOV9u2OXBW-NvdrTxXiIv5RU5DUOg";

std::string base64url(const std::string& bytes) {
  static const char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t bits = 0;
  int held = 0;
  for (unsigned char c : bytes) {
    bits = bits << 8 | c;
    held += 8;
    while (held >= 6) {
      held -= 6;
      out.push_back(alphabet[(bits >> held) & 63]);
    }
  }
  if (held > 0) out.push_back(alphabet[(bits << (6 - held)) & 63]);
  return out;
}

// The stand-in for Ed25519: 64 bytes from SHA-256 of the key and the message.
std::string stand_in_signature(const std::string& key_bytes, std::string_view message) {
  std::string out;
  for (const char* salt : {"one", "two"}) {
    const milestones::sha256_digest d =
        milestones::sha256(std::string(salt) + key_bytes + std::string(message));
    out.append(d.begin(), d.end());
  }
  return out;
}
std::string sign_as(const std::string& key, std::string_view message) {
  return base64url(stand_in_signature(milestones::from_base64url(key), message));
}
bool stand_in_verify(const std::uint8_t* key, std::string_view message, const std::uint8_t* sig) {
  const std::string expected =
      stand_in_signature(std::string(reinterpret_cast<const char*>(key), 32), message);
  return std::memcmp(expected.data(), sig, 64) == 0;
}

// The stand-in checks signatures for the length of a test.
struct verifier_in_place {
  verifier_in_place() { milestones::session::set_verifier(stand_in_verify); }
  ~verifier_in_place() { milestones::session::set_verifier(nullptr); }
  verifier_in_place(const verifier_in_place&) = delete;
  verifier_in_place& operator=(const verifier_in_place&) = delete;
};

json ask(milestones::session& s, const json& line) { return json::parse(s.handle(line.dump())); }

// Signs every event that waits for a signature, as a host does after each command.
void sign_all(milestones::session& s) {
  json next = ask(s, {{"query", "to_sign"}})["next"];
  while (!next.is_null()) {
    const std::string key = next["by"] == "client" ? client_key : freelancer_key;
    json line{{"query", "add_signature"},
              {"index", next["index"]},
              {"sig", sign_as(key, next["message"].get<std::string>())}};
    if (next["bindsKey"] == true) line["key"] = key;
    const json answer = ask(s, line);
    REQUIRE_MESSAGE(answer["ok"] == true, answer.dump());
    next = answer["next"];
  }
}

json create_signed(const std::string& key = client_key) {
  json c = create(json::array({milestone("Design", 10000), milestone("Build", 20000)}));
  c["clientKey"] = key;
  return c;
}

json post(const std::string& actor, std::int64_t at, const std::string& text) {
  return command("post_message", actor, at, {{"text", text}});
}

// A signed contract through a life: creation, a message each, funding, a submission, an
// automatic release, the next funding, a message.
void signed_life(contract_under_test& c) {
  c.sign_with(sign_all);
  REQUIRE(c.code(create_signed()) == "OK");                                         // 0
  REQUIRE(c.code(post("freelancer", day(1), "Hello")) == "OK");                     // 1
  REQUIRE(c.code(post("client", day(1), "Welcome")) == "OK");                       // 2
  REQUIRE(c.code(act("activate_milestone", "m1", day(2))) == "OK");                 // 3
  REQUIRE(c.code(act("submit_work", "m1", day(3), {{"message", "Done"}}, "freelancer")) == "OK");  // 4
  REQUIRE(c.code(command("tick", "system", day(20))) == "OK");                      // 5: automatic
  REQUIRE(c.code(act("activate_milestone", "m2", day(21))) == "OK");                // 6
  REQUIRE(c.code(post("freelancer", day(22), "Starting")) == "OK");                 // 7
}

json restore_in(milestones::session& s, const json& log, json extra = json::object()) {
  json line{{"query", "restore"}, {"log", log}};
  for (auto& [k, v] : extra.items()) line[k] = v;
  return ask(s, line);
}

// The refusal of restoring `log` in a fresh session (with the stand-in verifier in place).
json refusal(const json& log, json extra = json::object()) {
  milestones::session fresh;
  const json answer = restore_in(fresh, log, std::move(extra));
  REQUIRE_MESSAGE(answer["ok"] == false, answer.dump().substr(0, 300));
  CHECK(fresh.state() == std::nullopt);  // nothing kept
  return answer["error"];
}

void check_refused(const json& log, int index, const std::string& problem,
                   const std::string& party = "") {
  const json e = refusal(log);
  CHECK(e["code"] == "LOG_INVALID");
  CHECK(e["rule"] == "R26");
  CHECK(e["index"] == index);
  CHECK(e["params"]["problem"] == problem);
  if (!party.empty()) CHECK(e["params"]["party"] == party);
  CHECK(e["message"].get<std::string>().rfind("Event " + std::to_string(index) + " of the log", 0) == 0);
}

}  // namespace

TEST_CASE("R26: a contract created with the client's key is signed; the state names the key") {
  contract_under_test c;
  c.sign_with(sign_all);
  const json r = c.send(create_signed());
  REQUIRE(r["ok"] == true);
  CHECK(r["events"][0]["clientKey"] == client_key);
  const json keys = c.state()["contract"]["keys"];
  CHECK(keys == json{{"client", client_key}, {"freelancer", nullptr}});
  const json signature = c.log()["events"][0]["signature"];
  CHECK(signature["by"] == "client");
  CHECK_FALSE(signature.contains("key"));  // the client's key is in the event itself
}

TEST_CASE("R26: a contract created without a key is unsigned, as before") {
  contract_under_test c;
  three_milestones(c);
  CHECK(c.state()["contract"]["keys"].is_null());
  CHECK_FALSE(c.log()["events"][0].contains("clientKey"));
  CHECK(ask(c.raw(), {{"query", "to_sign"}})["next"].is_null());
  const json r = ask(c.raw(), {{"query", "add_signature"}, {"index", 0}, {"sig", sign_as(client_key, "x")}});
  CHECK(r["error"]["code"] == "INVALID_STATE");
}

TEST_CASE("R26: a key that is not an Ed25519 public key in base64url is INVALID_FIELD") {
  for (const std::string& bad : {std::string(""), client_key.substr(1), client_key + "A",
                                 client_key.substr(0, 42) + "+",
                                 // the last character carries bits past the 32 bytes
                                 client_key.substr(0, 42) + "B"}) {
    contract_under_test c;
    CAPTURE(bad);
    const json r = c.send(create_signed(bad));
    REQUIRE(r["ok"] == false);
    CHECK(r["error"]["code"] == "INVALID_FIELD");
    CHECK(r["error"]["field"] == "clientKey");
    CHECK(r["error"]["rule"] == "R26");
    CHECK(r["error"]["params"]["length"] == bad.size());
  }
}

TEST_CASE("R26: events are signed in order by the actor of their command; automatic ones by no one") {
  verifier_in_place stand_in;
  contract_under_test c;
  signed_life(c);
  const json events = c.log()["events"];
  REQUIRE(events.size() == 8);
  const std::vector<std::string> by = {"client", "freelancer", "client", "client",
                                       "freelancer", "", "client", "freelancer"};
  for (std::size_t i = 0; i < by.size(); ++i) {
    CAPTURE(i);
    if (by[i].empty()) {
      CHECK(events[i]["type"] == "payment_released");
      CHECK_FALSE(events[i].contains("signature"));
    } else {
      CHECK(events[i]["signature"]["by"] == by[i]);
      // The freelancer's key is bound by its first signed event, and named there only.
      CHECK(events[i]["signature"].contains("key") == (i == 1));
    }
  }
  CHECK(events[1]["signature"]["key"] == freelancer_key);
  CHECK(c.state()["contract"]["keys"] == json{{"client", client_key}, {"freelancer", freelancer_key}});
  // A fresh session restores it, every signature checked, with the same state and log.
  milestones::session fresh;
  CHECK(restore_in(fresh, c.log())["ok"] == true);
  CHECK(fresh.handle(R"({"query":"state"})") == c.state_text());
  CHECK(fresh.handle(R"({"query":"log"})") == c.raw().handle(R"({"query":"log"})"));
  CHECK(ask(fresh, {{"query", "to_sign"}})["next"].is_null());
}

TEST_CASE("R26: a signature covers the contract id, the hash of the entry before and the event's text") {
  contract_under_test c;
  REQUIRE(c.code(create_signed()) == "OK");
  const std::string event0 = c.raw().events_text(0, 1);
  json next = ask(c.raw(), {{"query", "to_sign"}})["next"];
  REQUIRE(next["index"] == 0);
  CHECK(next["by"] == "client");
  CHECK(next["bindsKey"] == false);
  const std::string zeros(64, '0');
  CHECK(next["message"] == "milestone-log signed event v1\ncontract\n" + zeros + "\n" +
                               event0.substr(1, event0.size() - 2));
  const std::string sig0 = sign_as(client_key, next["message"].get<std::string>());
  next = ask(c.raw(), {{"query", "add_signature"}, {"index", 0}, {"sig", sig0}})["next"];
  CHECK(next.is_null());

  // The freelancer's first event: its bytes name the hash of entry 0 as the log holds it.
  REQUIRE(c.code(post("freelancer", day(1), "Hello")) == "OK");
  const std::string entry0 = c.raw().events_text(0, 1);
  CHECK(entry0.find(R"(,"signature":{"by":"client","sig":")" + sig0 + "\"}}]") != std::string::npos);
  const std::string hash0 = milestones::to_hex(milestones::sha256(entry0.substr(1, entry0.size() - 2)));
  const std::string event1 = c.raw().events_text(1, 1);
  next = ask(c.raw(), {{"query", "to_sign"}})["next"];
  CHECK(next["index"] == 1);
  CHECK(next["by"] == "freelancer");
  CHECK(next["bindsKey"] == true);
  CHECK(next["message"] == "milestone-log signed event v1\ncontract\n" + hash0 + "\n" +
                               event1.substr(1, event1.size() - 2));
}

TEST_CASE("R26: an automatic event's hash covers the one before it, so the next signature covers both") {
  verifier_in_place stand_in;
  contract_under_test c;
  signed_life(c);
  auto inner = [&](std::size_t i) {
    const std::string t = c.raw().events_text(i, 1);
    return t.substr(1, t.size() - 2);
  };
  const milestones::sha256_digest h4 = milestones::sha256(inner(4));  // signed: its own text
  const milestones::sha256_digest h5 = milestones::sha256(milestones::to_hex(h4) + "\n" + inner(5));
  const json checks = json::parse(c.raw().handle(R"({"query":"signatures","log":)" + c.log().dump() + "}"));
  REQUIRE(checks["ok"] == true);
  CHECK(checks["keys"] == json{{"client", client_key}, {"freelancer", freelancer_key}});
  std::vector<int> indexes;
  for (const json& k : checks["checks"]) indexes.push_back(k["index"].get<int>());
  CHECK(indexes == std::vector<int>{0, 1, 2, 3, 4, 6, 7});
  const json six = checks["checks"][5];
  CHECK(six["by"] == "client");
  CHECK(six["key"] == client_key);
  const std::string entry6 = inner(6);
  const std::string event6 = entry6.substr(0, entry6.find(",\"signature\":")) + "}";
  CHECK(six["message"] == "milestone-log signed event v1\ncontract\n" + milestones::to_hex(h5) + "\n" + event6);
}

TEST_CASE("R26: every tampering is LOG_INVALID at its event, with the party; nothing is kept") {
  verifier_in_place stand_in;
  contract_under_test c;
  signed_life(c);
  const json good = c.log();

  json log = good;  // a signature removed
  log["events"][4].erase("signature");
  check_refused(log, 4, "missing", "freelancer");

  log = good;  // an event's text changed: its own signature no longer holds
  log["events"][4]["message"] = "Done, and more";
  check_refused(log, 4, "broken", "freelancer");

  log = good;  // a signed event's signature changed: the next signature covers it
  log["events"][2]["signature"]["sig"] = good["events"][1]["signature"]["sig"];
  check_refused(log, 2, "broken", "client");

  log = good;  // the freelancer's event signed with the client's key
  {
    milestones::session s;
    const json checks = json::parse(s.handle(R"({"query":"signatures","log":)" + good.dump() + "}"))["checks"];
    log["events"][7]["signature"]["sig"] = sign_as(client_key, checks[6]["message"].get<std::string>());
  }
  check_refused(log, 7, "broken", "freelancer");

  log = good;  // signed as the other party
  log["events"][7]["signature"]["by"] = "client";
  check_refused(log, 7, "party", "freelancer");

  log = good;  // two events of one party swapped, each with its signature
  std::swap(log["events"][2]["text"], log["events"][1]["text"]);
  log["events"][1]["signature"]["by"] = "client";
  check_refused(log, 1, "party", "freelancer");

  log = good;  // two messages swapped with their signatures, seq and times kept
  {
    json a = log["events"][1], b = log["events"][2];
    std::swap(a["text"], b["text"]);
    std::swap(a["signature"]["sig"], b["signature"]["sig"]);
    log["events"][1] = a;
    log["events"][2] = b;
  }
  check_refused(log, 1, "broken");

  log = good;  // an event dropped (later ones renumbered): the next signature covers the gap
  log["events"].erase(log["events"].begin() + 2);
  for (std::size_t i = 2; i < log["events"].size(); ++i) log["events"][i]["seq"] = i + 1;
  check_refused(log, 2, "broken", "client");

  log = good;  // the freelancer's key named where it is bound already
  log["events"][7]["signature"]["key"] = freelancer_key;
  check_refused(log, 7, "key", "freelancer");

  log = good;  // a key named on the client's event
  log["events"][3]["signature"]["key"] = client_key;
  check_refused(log, 3, "key", "client");

  log = good;  // the freelancer's first signed event without its key
  log["events"][1]["signature"].erase("key");
  check_refused(log, 1, "key", "freelancer");

  log = good;  // the freelancer's key is the client's
  log["events"][1]["signature"]["key"] = client_key;
  check_refused(log, 1, "key", "freelancer");

  log = good;  // the freelancer's key replaced: its signature no longer holds
  log["events"][1]["signature"]["key"] = third_key;
  check_refused(log, 1, "broken", "freelancer");

  log = good;  // a signature on the automatic release
  log["events"][5]["signature"] = good["events"][4]["signature"];
  check_refused(log, 5, "unexpected");

  log = good;  // the client's key removed: an unsigned contract whose events carry signatures
  log["events"][0].erase("clientKey");
  check_refused(log, 0, "unexpected", "client");

  log = good;  // a signature that is not 64 bytes of base64url: not a well-formed event
  log["events"][3]["signature"]["sig"] = "abc";
  const json e = refusal(log);
  CHECK(e["index"] == 3);
  CHECK(e["rule"] == "R20");
}

TEST_CASE("R26: the earliest problem is the one told, of the rules or of a signature") {
  verifier_in_place stand_in;
  contract_under_test c;
  signed_life(c);
  json log = c.log();
  log["events"][6]["signature"].erase("sig");   // not well formed at 6
  log["events"][2]["text"] = "Welcome!";        // its signature broken at 2
  CHECK(refusal(log)["index"] == 2);
  log = c.log();
  log["events"][3]["milestoneId"] = "m2";       // against the rules (R8) at 3: its signature too
  log["events"][7]["signature"].erase("sig");
  const json e = refusal(log);
  CHECK(e["index"] == 3);
  CHECK(e["params"]["problem"] == "broken");  // at the same event, the signature's words
}

TEST_CASE("R26: without a verifier, a host reports the first broken signature to restore") {
  contract_under_test c;
  {
    verifier_in_place stand_in;
    signed_life(c);
  }
  json log = c.log();
  log["events"][4]["message"] = "Done, and more";
  milestones::session fresh;
  // Unchecked (this browser's own storage): only what needs no arithmetic.
  CHECK(restore_in(fresh, log)["ok"] == true);
  milestones::session host;
  const json e = restore_in(host, log, {{"brokenSignature", 4}})["error"];
  CHECK(e["index"] == 4);
  CHECK(e["params"]["problem"] == "broken");
  CHECK(e["message"] == "Event 4 of the log, by the freelancer, Jo, does not match its signature: it "
                        "was changed, moved or signed with another key, or an event before it was "
                        "changed or dropped.");
  log["events"][2].erase("signature");  // an earlier problem wins
  CHECK(restore_in(host, log, {{"brokenSignature", 4}})["error"]["index"] == 2);
  for (const json& bad : {json(5), json(8), json(-1), json("4")}) {  // 5 is the automatic release
    CAPTURE(bad);
    const json r = restore_in(host, c.log(), {{"brokenSignature", bad}});
    CHECK(r["error"]["code"] == "INVALID_FIELD");
    CHECK(r["error"]["field"] == "brokenSignature");
  }
  CHECK(host.state() == std::nullopt);
}

TEST_CASE("R26: add_signature takes the next event's signature in order, and binds the freelancer's key") {
  verifier_in_place stand_in;
  contract_under_test c;
  REQUIRE(c.code(create_signed()) == "OK");
  milestones::session& s = c.raw();
  auto add = [&](json line) {
    line["query"] = "add_signature";
    return ask(s, line);
  };
  const std::string m0 = ask(s, {{"query", "to_sign"}})["next"]["message"].get<std::string>();
  json r = add({{"index", 1}, {"sig", sign_as(client_key, m0)}});
  CHECK(r["error"]["field"] == "index");
  CHECK(r["error"]["params"]["next"] == 0);
  CHECK(add({{"index", 0}, {"sig", "short"}})["error"]["field"] == "sig");
  CHECK(add({{"index", 0}, {"sig", sign_as(freelancer_key, m0)}})["error"]["field"] == "sig");
  CHECK(add({{"index", 0}, {"sig", sign_as(client_key, m0)}, {"key", client_key}})["error"]["field"] == "key");
  REQUIRE(add({{"index", 0}, {"sig", sign_as(client_key, m0)}})["ok"] == true);
  CHECK(add({{"index", 0}, {"sig", sign_as(client_key, m0)}})["error"]["code"] == "INVALID_STATE");

  REQUIRE(c.code(post("freelancer", day(1), "Hello")) == "OK");
  const std::string m1 = ask(s, {{"query", "to_sign"}})["next"]["message"].get<std::string>();
  CHECK(add({{"index", 1}, {"sig", sign_as(freelancer_key, m1)}})["error"]["field"] == "key");
  CHECK(add({{"index", 1}, {"sig", sign_as(client_key, m1)}, {"key", client_key}})["error"]["field"] == "key");
  CHECK(add({{"index", 1}, {"sig", sign_as(third_key, m1)}, {"key", freelancer_key}})["error"]["field"] == "sig");
  CHECK(c.state()["contract"]["keys"]["freelancer"].is_null());
  r = add({{"index", 1}, {"sig", sign_as(freelancer_key, m1)}, {"key", freelancer_key}});
  REQUIRE(r["ok"] == true);
  CHECK(r["next"].is_null());
  CHECK(c.state()["contract"]["keys"]["freelancer"] == freelancer_key);
  c.check_replay();
}

TEST_CASE("R26: a log with events still to sign does not restore; the engine says which") {
  contract_under_test c;
  REQUIRE(c.code(create_signed()) == "OK");
  sign_all(c.raw());
  REQUIRE(c.code(post("client", day(1), "Hi")) == "OK");
  milestones::session fresh;
  const json e = restore_in(fresh, c.log())["error"];
  CHECK(e["index"] == 1);
  CHECK(e["params"]["problem"] == "missing");
  CHECK(e["message"] == "Event 1 of the log, by the client, Acme, is not signed: its signature was removed.");
}

TEST_CASE("R26: looking back, the freelancer's key shows from the event that binds it") {
  verifier_in_place stand_in;
  contract_under_test c;
  signed_life(c);
  auto keys_after = [&](int k) {
    return ask(c.raw(), {{"query", "state"}, {"after", k}})["state"]["contract"]["keys"];
  };
  CHECK(keys_after(1) == json{{"client", client_key}, {"freelancer", nullptr}});
  CHECK(keys_after(2) == json{{"client", client_key}, {"freelancer", freelancer_key}});
  CHECK(keys_after(8) == c.state()["contract"]["keys"]);
}
