// Inside the engine: the judge that decide, replay and allowed share.
#pragma once

#include <optional>
#include <vector>

#include "engine/engine.hpp"
#include "rules/judging.hpp"

namespace milestones {

/// R18: CLOCK_BACKWARDS when `at` is before the contract's clock.
std::optional<rejection> clock_check(const std::optional<contract>& c, timestamp at);
/// Judges a command that passed precheck and clock_check on the contract as it stands at its time.
verdict judge(const contract* c, const command& cmd, std::vector<event>& out);
/// The contract as it stands at `at` (R9): `c` itself, or `scratch` with the release that fell
/// due applied (copied only then), which `released` then holds.
const std::optional<contract>& advance(const std::optional<contract>& c, timestamp at,
                                       std::optional<contract>& scratch,
                                       std::optional<event>& released);

}  // namespace milestones
