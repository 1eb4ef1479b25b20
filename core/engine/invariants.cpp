// R19: the invariants that hold after every accepted command, and the bookkeeping behind them.
#include "engine/engine.hpp"

namespace milestones {

std::optional<std::string> check_invariants(const contract& c) {
  struct totals sums;
  std::size_t holders = 0;
  bool seen_pending = false;
  std::size_t activated = 0;
  for (std::size_t i = 0; i < c.milestones.size(); ++i) {
    const milestone& m = c.milestones[i];
    const std::string who = milestone_id(m.number);
    if (m.funded != m.released + m.returned + m.escrow) {
      return who + ": funded != released + returned + escrow";
    }
    if (m.refunded < cents{0} || m.refunded > m.released) {
      return who + ": refunded outside 0..released";
    }
    if (m.escrow < cents{0} || m.released < cents{0} || m.returned < cents{0}) {
      return who + ": negative money";
    }
    if (holds_escrow(m.status) != (m.escrow > cents{0})) return who + ": escrow and status disagree";
    if (holds_escrow(m.status)) ++holders;
    if (m.status == milestone_status::closed && c.status != contract_status::ended) {
      return who + ": closed while the contract is not ended";
    }
    if (m.status == milestone_status::pending || m.status == milestone_status::closed) {
      seen_pending = true;  // closed ones were pending when the contract ended (R15′)
      if (m.funded != cents{0}) return who + ": pending or closed but funded";
    } else {
      if (seen_pending) return who + ": activated after a pending milestone";
      ++activated;
    }
    if (m.review_deadline.has_value() != (m.status == milestone_status::submitted)) {
      return who + ": review deadline set outside submitted";
    }
    if (m.number >= c.index_of.size() || c.index_of[m.number] != static_cast<std::int32_t>(i)) {
      return who + ": index out of date (or id not unique)";
    }
    if (m.number >= c.next_number) return who + ": id not below the next id";
    if (m.messages < 0) return who + ": a negative count of messages";
    if (m.status != milestone_status::closed) sums.budget += m.amount;  // R15′: in no total
    sums.funded += m.funded;
    sums.escrow += m.escrow;
    sums.released += m.released;
    sums.returned += m.returned;
    sums.refunded += m.refunded;
  }
  if (holders > 1) return std::string("more than one milestone holds escrow");
  if (activated != c.activated_count) return std::string("activated count out of date");
  const struct totals& t = c.totals;
  if (t.budget != sums.budget || t.funded != sums.funded || t.escrow != sums.escrow ||
      t.released != sums.released || t.returned != sums.returned ||
      t.refunded != sums.refunded) {
    return std::string("totals differ from the sums of the milestones");
  }
  if (c.proposal && c.status != contract_status::open && c.status != contract_status::offered) {
    return std::string("a milestone proposal is open on a contract neither open nor offered");
  }
  if (c.messages < 0) return std::string("a negative count of messages");
  if (t.credit < cents{0}) return std::string("negative credit");
  if (t.charged != t.released + t.escrow + t.credit + t.credit_returned) {
    return std::string("charged != released + escrow + credit + creditReturned");
  }
  return std::nullopt;
}

}  // namespace milestones
