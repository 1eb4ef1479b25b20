// Facts the state gives a page so that it decides nothing from a status: what a refund may still
// ask (R14), whether work is still owed by a due date, and whose turn it is on a milestone and on
// the contract. Derived from the contract as it stands; no clock (a deadline is data).
#pragma once

#include <optional>
#include <string_view>
#include <variant>

#include "model/domain.hpp"

namespace milestones {

/// R14: the most a refund request on `m` may ask: released − refunded once paid, else 0.
inline cents refundable(const milestone& m) {
  return m.status == milestone_status::paid ? m.released - m.refunded : cents{0};
}

/// R6: the milestone the client may activate next: the first pending one of an open contract on
/// which no milestone holds escrow; nullptr when there is none.
const milestone* next_to_activate(const contract& c);

/// The due date while the milestone's work is still owed (pending, active, changes_requested) on
/// a contract that is not a declined offer; else nullopt. Whether it is past is the viewer's to
/// say: a due date is a calendar day, and the day is the viewer's own.
std::optional<date> delivery_due(const contract& c, const milestone& m);

/// Who must act next, with which command, and by when where there is a deadline: a review
/// deadline (a time), a due date (a day), or none.
struct turn {
  party who = party::client;
  std::string_view action;  // a command's wire name
  std::variant<std::monostate, date, timestamp> by;
};

/// Whose turn it is on `m` (PROTOCOL.md's table of `waitingOn`), or nullopt for no one.
std::optional<turn> waiting_on(const contract& c, const milestone& m);
/// Whose turn it is on the contract itself: an offer's answer, an open milestone proposal's.
std::optional<turn> waiting_on(const contract& c);

/// R3: who may change a locked plan, by a new contract offer, while the contract is open: the
/// client (R17: the one party that creates contracts); nullopt on any other contract.
std::optional<party> new_offer_by(const contract& c);

}  // namespace milestones
