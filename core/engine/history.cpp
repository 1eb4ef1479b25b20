#include "engine/history.hpp"

#include <algorithm>

#include "engine/engine.hpp"

namespace milestones {

const std::optional<contract>& history::after(const std::vector<event>& log, std::size_t k) {
  if (at_ == k) return state_;
  // Start from the latest point at or before k: the contract on hand when it is behind k but
  // past the last kept copy, or else that copy (or the start of the log).
  const std::size_t copies = std::min(kept_.size(), k / every);
  const std::size_t from = copies * every;
  if (!(at_ <= k && at_ >= from && state_)) {
    if (copies == 0) {
      state_.reset();
    } else {
      state_ = kept_[copies - 1];
    }
    at_ = from;
  }
  try {
    for (; at_ < k; ++at_) {
      const event& e = log[at_];
      if (!state_) state_.emplace();
      apply(*state_, e);
      state_->last_at = e.at;
      if ((at_ + 1) % every == 0 && kept_.size() == (at_ + 1) / every - 1) kept_.push_back(*state_);
    }
  } catch (...) {  // out of memory half way through an event: start again next time
    state_.reset();
    at_ = 0;
    throw;
  }
  return state_;
}

void history::truncate(std::size_t size) noexcept {
  if (kept_.size() > size / every) {
    kept_.erase(kept_.begin() + static_cast<std::ptrdiff_t>(size / every), kept_.end());
  }
  if (at_ > size) {
    state_.reset();
    at_ = 0;
  }
}

}  // namespace milestones
