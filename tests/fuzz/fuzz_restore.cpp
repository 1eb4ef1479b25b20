// libFuzzer target: `restore` of arbitrary logs. A log the engine accepts must satisfy R19 and
// replay to the identical state; a log it refuses must leave the current contract untouched; and
// the engine's JSON parser must read every line exactly as nlohmann's does.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "../support/json_agreement.hpp"
#include "check.hpp"
#include "engine/engine.hpp"
#include <nlohmann/json.hpp>

#include "json/document.hpp"
#include "json/read.hpp"
#include "json/write.hpp"
#include "protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string log(reinterpret_cast<const char*>(data), size);
  milestones::session s;
  const std::string line = R"({"query":"restore","log":)" + log + "}";
  if (auto disagreement = milestones::testing::parsers_disagree(line)) check(false, disagreement->c_str());
  const std::string result = s.handle(line);
  // From the log's text its events are read as they are parsed: where both are JSON, the answer
  // must be the same.
  const std::string from_text = milestones::session().restore_text(log);
  const auto not_json = [](const std::string& answer) {
    return answer.find(R"("code":"INVALID_JSON")") != std::string::npos;
  };
  check(not_json(from_text) || not_json(result) || from_text == result,
        "restore from the log's text answers differently");
  const auto parsed = nlohmann::json::parse(result, nullptr, false);
  check(!parsed.is_discarded() && parsed.is_object(), "the result is not a JSON object");
  if (parsed["ok"] != true) {
    check(!s.state().has_value(), "a refused restore loaded something");
    return 0;
  }
  check(s.state().has_value(), "an accepted restore loaded nothing");
  if (auto broken = milestones::check_invariants(*s.state())) {
    std::fprintf(stderr, "finding: a restored log breaks R19: %s\n", broken->c_str());
    std::abort();
  }
  milestones::session again;
  const std::string relog = s.handle(R"({"query":"log"})");
  const auto log_object = nlohmann::json::parse(relog, nullptr, false);
  const std::string replayed = again.handle(nlohmann::json{{"query", "restore"}, {"log", log_object["log"]}}.dump());
  check(replayed == s.handle(R"({"query":"state"})"), "replaying the log does not give the same state");
  return 0;
}
