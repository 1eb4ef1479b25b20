// libFuzzer target: runner input lines, one at a time, against a live contract. Aborts (a finding)
// when a result is not one JSON object, when a rejected command changes anything, or (through
// MILESTONES_CHECK_INVARIANTS) when an accepted command breaks R19, or when the engine's JSON
// parser and nlohmann's read a line differently.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "../support/json_agreement.hpp"
#include "check.hpp"
#include "engine/engine.hpp"
#include <nlohmann/json.hpp>

#include "json/document.hpp"
#include "json/read.hpp"
#include "json/write.hpp"
#include "protocol.hpp"

namespace {

const char* const create_line =
    R"({"type":"create_contract","actor":"client","at":1795651200000,"contract":{"title":"Fuzz",)"
    R"("accountType":"standard","client":"Acme","freelancer":"Jo","milestones":[)"
    R"({"title":"Design","amount":10000,"dueDate":"2026-12-10"},)"
    R"({"title":"Build","amount":20000,"dueDate":"2026-12-20"},)"
    R"({"title":"Launch","amount":500,"dueDate":"2027-01-05"}]}})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  milestones::session s;
  s.handle(create_line);
  std::string_view input(reinterpret_cast<const char*>(data), size);
  int lines = 0;
  while (!input.empty() && lines++ < 64) {
    const std::size_t end = input.find('\n');
    const std::string_view line = input.substr(0, end);
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
    if (auto disagreement = milestones::testing::parsers_disagree(line)) check(false, disagreement->c_str());
    const std::optional<milestones::contract> before = s.state();
    const std::string result = s.handle(line);
    const auto parsed = nlohmann::json::parse(result, nullptr, false);
    check(!parsed.is_discarded() && parsed.is_object() && parsed.contains("ok"), "the result is not a JSON object");
    check(result.find('\n') == std::string::npos, "the result spans lines");
    if (parsed["ok"] == false) {
      check(parsed["error"]["message"].is_string(), "a rejection without a message");
      check(s.state() == before, "a rejection changed the state");
    }
  }
  return 0;
}
