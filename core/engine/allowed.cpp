// allowed: what an actor could do now. Each command's probe (rules/catalog.cpp) builds a payload
// that the rules accept whenever any payload would, and the judge itself says yes or no. Asked
// why not, the probes build a payload everywhere and the judge's refusals are the reasons.
#include "engine/judge.hpp"
#include "rules/catalog.hpp"

namespace milestones {

namespace {

// Calls `each(row, site)` for every command the actor may issue (R17: any other is NOT_PERMITTED
// for every payload) on every site it acts on: before a contract, the creation commands; then
// each milestone command on each milestone in list order, then the contract-wide commands.
template <class Each>
void each_site(const contract* c, party actor, timestamp at, bool why_not, site_filter only,
               Each&& each) {
  using kind = site_filter::kind;
  auto each_row = [&](scope where, const probe_site& site) {
    for (std::size_t i = 0; i < command_count; ++i) {
      const command_row& row = command_row_at(i);
      if (row.where == where && may_issue(actor, row)) each(row, site);
    }
  };
  if (!c) {
    if (only.what != kind::milestone) {
      each_row(scope::creation, probe_site{nullptr, nullptr, 0, at, why_not});
    }
    return;
  }
  if (only.what != kind::contract) {
    for (std::size_t i = 0; i < c->milestones.size(); ++i) {
      if (only.what == kind::milestone && c->milestones[i].number != only.number) continue;
      each_row(scope::milestone, probe_site{c, &c->milestones[i], i, at, why_not});
    }
  }
  if (only.what != kind::milestone) each_row(scope::contract, probe_site{c, nullptr, 0, at, why_not});
}

std::optional<milestone_number> number_of(const probe_site& site) {
  return site.m ? std::optional<milestone_number>(site.m->number) : std::nullopt;
}

// Judges every command of the actor on every site at `at`, on the contract as it stands then
// (R9): `accepted(row, site)` for each the rules accept, `refused(row, site, rejection)` for each
// they refuse. Without `why_not`, a site where the probe builds nothing is passed over; asked why
// not, a probe always builds its payload (rules/catalog.hpp).
template <class Accepted, class Refused>
void judge_sites(const std::optional<contract>& current, party actor, timestamp at, bool why_not,
                 site_filter only, Accepted&& accepted, Refused&& refused) {
  std::optional<contract> scratch;
  std::optional<event> released;
  const std::optional<contract>& now = advance(current, at, scratch, released);
  const contract* c = now ? &*now : nullptr;
  std::vector<event> dropped;  // the events of an accepted candidate
  each_site(c, actor, at, why_not, only, [&](const command_row& row, const probe_site& site) {
    std::optional<command_data> data = row.candidate(site);
    if (!data) return;
    verdict no = judge(c, command{actor, at, std::move(*data)}, dropped);
    dropped.clear();
    if (no) {
      refused(row, site, std::move(*no));
    } else {
      accepted(row, site);
    }
  });
}

}  // namespace

std::vector<allowed_command> allowed(const std::optional<contract>& current, party actor,
                                     timestamp at, site_filter site) {
  std::vector<allowed_command> result;
  if (!valid_time(at) || clock_check(current, at)) return result;
  judge_sites(
      current, actor, at, false, site,
      [&](const command_row& row, const probe_site& site) {
        result.push_back({row.name, number_of(site)});
      },
      [](const command_row&, const probe_site&, rejection&&) {});
  return result;
}

allowed_reasons allowed_with_reasons(const std::optional<contract>& current, party actor,
                                     timestamp at, site_filter site) {
  allowed_reasons result;
  if (!valid_time(at)) return result;
  // R18: before the clock, decide refuses every payload by the clock, before any rule.
  if (std::optional<rejection> late = clock_check(current, at)) {
    each_site(current ? &*current : nullptr, actor, at, true, site,
              [&](const command_row& row, const probe_site& site) {
                result.blocked.push_back({row.name, number_of(site), *late});
              });
    return result;
  }
  judge_sites(
      current, actor, at, true, site,
      [&](const command_row& row, const probe_site& site) {
        result.allowed.push_back({row.name, number_of(site)});
      },
      [&](const command_row& row, const probe_site& site, rejection&& why) {
        result.blocked.push_back({row.name, number_of(site), std::move(why)});
      });
  return result;
}

}  // namespace milestones
