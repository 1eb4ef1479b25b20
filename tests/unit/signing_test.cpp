// R26: signed contracts. The client's public key is bound when the contract is created.
#include "support.hpp"

using namespace test;

namespace {

// Two Ed25519 public keys (RFC 8032's test vectors 1 and 2), in base64url.
const std::string client_key = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
const std::string other_key = "PUAXw-hDiVqStwqnTRt-vJyYLM8uxJaMwM1V8Sr0Zgw";

json create_signed(const std::string& key) {
  json c = create(json::array({milestone("Design", 10000)}));
  c["clientKey"] = key;
  return c;
}

}  // namespace

TEST_CASE("R26: a contract created with the client's key is signed; the state names the key") {
  contract_under_test c;
  const json r = c.send(create_signed(client_key));
  REQUIRE(r["ok"] == true);
  CHECK(r["events"][0]["clientKey"] == client_key);
  const json keys = c.state()["contract"]["keys"];
  CHECK(keys == json{{"client", client_key}, {"freelancer", nullptr}});
  // The key is in the event's text, so restoring the log binds it again.
  c.check_replay();
}

TEST_CASE("R26: a contract created without a key is unsigned, as before") {
  contract_under_test c;
  three_milestones(c);
  CHECK(c.state()["contract"]["keys"].is_null());
  CHECK_FALSE(c.log()["events"][0].contains("clientKey"));
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
  contract_under_test c;
  CHECK(c.code(create_signed(other_key)) == "OK");
}
