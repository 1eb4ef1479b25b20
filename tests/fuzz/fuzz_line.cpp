// libFuzzer target: runner input lines, one at a time, against a live contract. Aborts (a finding)
// when a result is not one JSON object, when a rejected command changes anything, or (through
// MILESTONES_CHECK_INVARIANTS) when an accepted command breaks R19, or when a fast path (flat
// commands, the lite document) reads a line differently from the full parser.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "../support/lite_json.hpp"
#include "check.hpp"
#include "engine.hpp"
#include "json.hpp"
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
    if (auto fast = milestones::fast_command(line)) {
      auto parsed = milestones::parse_line(line);
      check(std::holds_alternative<milestones::json>(parsed), "the fast path took a line the parser refuses");
      auto full = milestones::command_from_json(std::get<milestones::json>(parsed));
      check(std::holds_alternative<milestones::command>(full) && std::get<milestones::command>(full) == *fast,
            "the fast path and the full parser disagree");
    }
    if (auto disagreement = milestones::testing::lite_disagrees(line)) check(false, disagreement->c_str());
    const std::optional<milestones::contract> before = s.state();
    const std::string result = s.handle(line);
    const auto parsed = milestones::json::parse(result, nullptr, false);
    check(!parsed.is_discarded() && parsed.is_object() && parsed.contains("ok"), "the result is not a JSON object");
    check(result.find('\n') == std::string::npos, "the result spans lines");
    if (parsed["ok"] == false) {
      check(parsed["error"]["message"].is_string(), "a rejection without a message");
      check(s.state() == before, "a rejection changed the state");
    }
  }
  return 0;
}
