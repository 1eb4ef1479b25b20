// Whose turn it is, what a refund may ask, and whether work is still owed (see turns.hpp).
#include "rules/turns.hpp"

#include <type_traits>

#include "rules/catalog.hpp"

namespace milestones {

namespace {

// The wire name of command C, from the command table (never a second spelling of it).
template <class C, std::size_t I = 0>
std::string_view name() {
  if constexpr (std::is_same_v<C, std::variant_alternative_t<I, command_data>>) {
    return command_row_at(I).name;
  } else {
    return name<C, I + 1>();
  }
}

party other(party p) { return p == party::client ? party::freelancer : party::client; }

}  // namespace

const milestone* next_to_activate(const contract& c) {
  if (c.status != contract_status::open || c.activated_count >= c.milestones.size() ||
      c.escrow_holder()) {
    return nullptr;
  }
  const milestone& first = c.milestones[c.activated_count];  // activated ones are a prefix (R5)
  return first.status == milestone_status::pending ? &first : nullptr;
}

std::optional<date> delivery_due(const contract& c, const milestone& m) {
  if (c.status == contract_status::declined) return std::nullopt;  // R22: nothing is owed
  switch (m.status) {
    case milestone_status::pending:
    case milestone_status::active:
    case milestone_status::changes_requested: return m.due;
    default: return std::nullopt;
  }
}

// The first that applies: an open question (a refund, then a due date: only one can be open,
// R12 on pending milestones and R14 on paid ones), then the milestone's status.
std::optional<turn> waiting_on(const contract& c, const milestone& m) {
  if (c.status == contract_status::declined) return std::nullopt;  // R22: no command is taken
  if (m.refund) return turn{party::freelancer, name<cmd::respond_refund>(), {}};  // R14
  if (m.proposal) return turn{other(m.proposal->by), name<cmd::respond_due_date>(), {}};  // R12
  switch (m.status) {
    case milestone_status::submitted:  // R8, R9
      return turn{party::client, name<cmd::release_payment>(), *m.review_deadline};
    case milestone_status::active:
    case milestone_status::changes_requested:  // R7
      return turn{party::freelancer, name<cmd::submit_work>(), m.due};
    case milestone_status::pending:  // R6
      if (next_to_activate(c) == &m) return turn{party::client, name<cmd::activate_milestone>(), m.due};
      return std::nullopt;
    default: return std::nullopt;
  }
}

// An open milestone proposal first: made on an offer, the freelancer's answer to the offer may
// wait for the client's answer to it.
std::optional<turn> waiting_on(const contract& c) {
  if (c.proposal) return turn{party::client, name<cmd::respond_milestone_proposal>(), {}};  // R23
  if (c.status == contract_status::offered) {
    return turn{party::freelancer, name<cmd::respond_offer>(), {}};  // R22
  }
  return std::nullopt;
}

std::optional<party> new_offer_by(const contract& c) {
  if (plan_locked(c) && c.status == contract_status::open) return party::client;
  return std::nullopt;
}

}  // namespace milestones
