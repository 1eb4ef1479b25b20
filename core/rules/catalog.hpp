// The command table: one row per command with who may issue it (R17), whether an ended contract
// still takes it (R15) and how `allowed` probes it; and the names of the commands and events.
// A name is written once, as the type's `name` (model/commands.hpp, model/events.hpp); the table
// has one row per alternative of command_data, in its order, or it does not compile.
// Adding a command: core/README.md, "Adding a command".
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "model/commands.hpp"
#include "model/domain.hpp"
#include "model/events.hpp"

namespace milestones {

/// R17: who may issue a command.
enum class issuer : std::uint8_t { client, freelancer, either_party, system };

/// Where `allowed` probes a command: once per milestone, once per contract, or before one exists.
enum class scope : std::uint8_t { milestone, contract, creation };

/// What a probe sees: the contract as it stands at `at`, and the milestone for milestone commands.
struct probe_site {
  const contract* c = nullptr;  // nullptr before create_contract
  const milestone* m = nullptr;
  std::size_t index = 0;  // m's place in the list
  timestamp at = 0;
  /// Asking why not (`"reasons": true`): build a payload even where none would be accepted.
  bool why_not = false;
};

/// A payload that `decide` accepts whenever any payload of this type on this site would be
/// accepted. Where the command cannot apply at all (a move with one pending milestone, an answer
/// to no request), nullopt, or with `why_not` the payload a person would send there, so that the
/// judge's refusal of it says why (the probe never returns nullopt then).
using probe = std::optional<command_data> (*)(const probe_site&);

struct command_row {
  std::string_view name;  // the command type's `name`
  issuer who;
  bool after_end;  // R15: still taken after the contract ended
  scope where;
  probe candidate;
  std::string_view words;  // what it does, in a message's words: "activate a milestone"
};

/// The row of the command_data alternative `index`.
const command_row& command_row_at(std::size_t index);
inline const command_row& row_of(const command_data& data) { return command_row_at(data.index()); }
inline constexpr std::size_t command_count = std::variant_size_v<command_data>;
/// The command_data index of a wire name, or nullopt.
std::optional<std::size_t> command_index(std::string_view name);

/// R17: may `actor` issue a command of this row?
bool may_issue(party actor, const command_row& row);
/// "the client", "the freelancer", "the client or the freelancer" or "the system".
std::string_view who_may(const command_row& row);
/// What a command does, in words: "activate a milestone" (its wire name if it is none).
std::string_view command_words(std::string_view command_name);
/// Who may issue it, as a refusal's params name them: "client", "freelancer", "either" (the
/// client or the freelancer) or "system".
std::string_view issuer_name(issuer who);

inline constexpr std::size_t event_count = std::variant_size_v<event_data>;
/// The wire name of the event_data alternative `index`.
std::string_view event_name_at(std::size_t index);
/// The event_data index of a wire name, or nullopt.
std::optional<std::size_t> event_index(std::string_view name);

}  // namespace milestones
