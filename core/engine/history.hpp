// Looking back: the contract as it stood right after any event of its log (the board's History).
// A fold of the log's events from the nearest point kept on the way, so a step to a neighbouring
// event applies one event, and a jump anywhere applies at most `history::every` of them.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "model/domain.hpp"
#include "model/events.hpp"

namespace milestones {

class history {
 public:
  /// A copy of the contract is kept after every this many events, once a look back passes it.
  static constexpr std::size_t every = 256;

  /// The contract right after event `k` of `log` (1 ≤ k ≤ log.size(), checked by the caller),
  /// with its clock at that event's time. Valid until the next call or truncate().
  /// The events are folded, not re-checked: they are a session's own log, checked when they
  /// were decided or restored (R20).
  const std::optional<contract>& after(const std::vector<event>& log, std::size_t k);

  /// The log now has only its first `size` events (taken back, or replaced when `size` is 0).
  void truncate(std::size_t size) noexcept;

 private:
  std::vector<contract> kept_;     // kept_[i]: the contract after (i + 1) * every events
  std::optional<contract> state_;  // the contract after at_ events (none when at_ is 0)
  std::size_t at_ = 0;
};

}  // namespace milestones
