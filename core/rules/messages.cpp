// What the parties say to each other on the record (R24): a message on the contract, or on one of
// its milestones. It moves no money and changes no status; the log keeps it, the state counts it.
#include "model/text.hpp"
#include "rules/judging.hpp"

namespace milestones {

// R24: either party, on an offered, open or ended contract (the command table: after the end too;
// a declined offer takes nothing, engine/decide.cpp). The text is kept trimmed; a milestone named
// must exist, whatever its status (decide finds it before the rule runs).
void check_fields(field_checks& v, const cmd::post_message& c) {
  v.required_text(c.text, max_text, text_kind::trimmed_lines, "The message", "text", "R24");
}
verdict rule(judging& j, const cmd::post_message& c) {
  std::optional<milestone_number> on;
  if (j.m) on = j.m->number;
  j.emit(ev::message_posted{j.actor(), std::string(trim(c.text)), on});
  return std::nullopt;
}

}  // namespace milestones
