// Test support: a contract driven through the protocol, checking R19 and R20 after every
// accepted command (invariants hold; replaying the log gives the identical state).
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include <nlohmann/json.hpp>

#include "json/document.hpp"
#include "json/schema.hpp"  // the field lists that equality of commands and events compares
#include "json/read.hpp"
#include "json/write.hpp"
#include "protocol.hpp"

namespace test {

using json = nlohmann::json;

/// An event read from its JSON object by the engine's reader, or nullopt when it is not one.
inline std::optional<milestones::event> event_of(const json& object) {
  const std::string text = object.dump();  // the document reads views into it
  milestones::json_document doc;
  if (!doc.parse(text)) return std::nullopt;
  std::vector<milestones::event> read;
  std::string why;
  if (!milestones::read_event(doc.root(), read, why)) return std::nullopt;
  return read.back();
}

/// A command read from one line by the engine's parser and reader, or its rejection.
inline std::variant<milestones::rejection, milestones::command> command_of(const std::string& line) {
  milestones::json_document doc;
  if (!doc.parse(line) || !doc.root().is_object()) {
    return milestones::reject(milestones::error_code::invalid_json, "", "not a JSON object");
  }
  milestones::command c = milestones::blank_command();
  if (auto r = milestones::read_command(doc.root(), c)) return std::move(*r);
  return c;
}

inline constexpr std::int64_t day_ms = 86'400'000;
inline constexpr std::int64_t t0 = 1'795'651'200'000;  // 2026-11-26T00:00:00Z
inline std::int64_t day(int n) { return t0 + n * day_ms; }

/// A command line: {"type", "actor", "at"} plus `fields`.
inline json command(const std::string& type, const std::string& actor, std::int64_t at,
                    json fields = json::object()) {
  fields["type"] = type;
  fields["actor"] = actor;
  fields["at"] = at;
  return fields;
}

/// A command on milestone `id` (the client's unless `actor` says otherwise).
inline json act(const std::string& type, const std::string& id, std::int64_t at,
                json extra = json::object(), const std::string& actor = "client") {
  extra["milestoneId"] = id;
  return command(type, actor, at, std::move(extra));
}

inline json milestone(const std::string& title, std::int64_t amount,
                      const std::string& due = "2026-12-31") {
  return json{{"title", title}, {"amount", amount}, {"dueDate", due}};
}

inline json create(json milestones, const std::string& account = "standard",
                   json extra = json::object()) {
  json c{{"title", "Website"}, {"accountType", account}, {"client", "Acme"},
         {"freelancer", "Jo"}, {"milestones", std::move(milestones)}};
  for (auto& [k, v] : extra.items()) c[k] = v;
  return command("create_contract", "client", t0, json{{"contract", c}});
}

class contract_under_test {
 public:
  /// Sends one line; on acceptance checks R19 and that replaying the log equals the live state.
  json send(const json& line) { return send_text(line.dump()); }

  json send_text(const std::string& line) {
    const std::string before = state_text();
    json result = json::parse(session_.handle(line));
    if (result["ok"] == true && result.contains("events")) {
      if (signer_) signer_(session_);  // R26: a signed contract's events, signed as a host would
      if (const auto& c = session_.state()) {
        auto broken = milestones::check_invariants(*c);
        INFO("after " << line);
        CHECK_MESSAGE(!broken, (broken ? *broken : ""));
        check_replay();
      }
    } else if (result["ok"] == false) {
      INFO("rejected " << line);
      CHECK(state_text() == before);  // R19: a rejected command changes nothing
    }
    return result;
  }

  /// The error code of a line's result, or "OK".
  std::string code(const json& line) {
    json r = send(line);
    return r["ok"] == true ? "OK" : r["error"]["code"].get<std::string>();
  }

  json state() { return json::parse(session_.handle(R"({"query":"state"})"))["state"]; }
  json log() { return json::parse(session_.handle(R"({"query":"log"})"))["log"]; }
  std::string state_text() { return session_.handle(R"({"query":"state"})"); }
  milestones::session& raw() { return session_; }
  /// R26: signs each accepted command's events with `sign` before the replay check.
  void sign_with(void (*sign)(milestones::session&)) { signer_ = sign; }

  void check_replay() {
    milestones::session again;
    json restore{{"query", "restore"}, {"log", log()}};
    const std::string answer = again.handle(restore.dump());
    // R26: a log with events still to sign is refused at the first of them.
    const json unsigned_event = json::parse(session_.handle(R"({"query":"to_sign"})"))["next"];
    if (!unsigned_event.is_null()) {
      const json refused = json::parse(answer);
      CHECK(refused["error"]["index"] == unsigned_event["index"]);
      CHECK(refused["error"]["params"]["problem"] == "missing");
      return;
    }
    CHECK(answer == state_text());
  }

 private:
  milestones::session session_;
  void (*signer_)(milestones::session&) = nullptr;
};

/// A standard contract with milestones Design ($100), Build ($200), Launch ($300).
inline void three_milestones(contract_under_test& c, const std::string& account = "standard",
                             json extra = json::object()) {
  REQUIRE(c.code(create(json::array({milestone("Design", 10000), milestone("Build", 20000),
                                      milestone("Launch", 30000)}),
                        account, std::move(extra))) == "OK");
}

}  // namespace test
