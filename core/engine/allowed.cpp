// allowed: what an actor could do now. Each command's probe (rules/catalog.cpp) builds a payload
// that the rules accept whenever any payload would, and the judge itself says yes or no.
#include "engine/judge.hpp"
#include "rules/catalog.hpp"

namespace milestones {

std::vector<allowed_command> allowed(const std::optional<contract>& current, party actor,
                                     timestamp at) {
  std::vector<allowed_command> result;
  if (!valid_time(at) || clock_check(current, at)) return result;
  std::optional<contract> scratch;
  std::optional<event> released;
  const std::optional<contract>& now = advance(current, at, scratch, released);
  const contract* c = now ? &*now : nullptr;
  std::vector<event> dropped;  // the events of an accepted candidate
  auto consider = [&](std::size_t index, const probe_site& site) {
    if (!may_issue(actor, command_row_at(index))) return;  // R17: NOT_PERMITTED for every payload
    std::optional<command_data> data = command_row_at(index).candidate(site);
    if (!data) return;
    const command candidate{actor, at, std::move(*data)};
    if (!judge(c, candidate, dropped)) {
      result.push_back({command_row_at(index).name,
                        site.m ? std::optional<milestone_number>(site.m->number) : std::nullopt});
    }
    dropped.clear();
  };
  auto each_row = [&](scope where, const probe_site& site) {
    for (std::size_t i = 0; i < command_count; ++i) {
      if (command_row_at(i).where == where) consider(i, site);
    }
  };
  if (!c) {
    each_row(scope::creation, probe_site{nullptr, nullptr, 0, at});
    return result;
  }
  for (std::size_t i = 0; i < c->milestones.size(); ++i) {
    each_row(scope::milestone, probe_site{c, &c->milestones[i], i, at});
  }
  each_row(scope::contract, probe_site{c, nullptr, 0, at});
  return result;
}

}  // namespace milestones
