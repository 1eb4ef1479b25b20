// The command table and the names: each command and event is named once, by its type, and every
// name leads back to its type. (The table's shape is checked when rules/catalog.cpp compiles: a
// row missing, twice, out of order or without its probe, or a name that is not snake_case or not
// unique, does not compile.)
#include <set>
#include <string>
#include <utility>

#include "rules/catalog.hpp"
#include "support.hpp"

using namespace milestones;

static_assert(cmd::activate_milestone::name == "activate_milestone");
static_assert(cmd::respond_milestone_proposal::name == "respond_milestone_proposal");
static_assert(ev::payment_released::name == "payment_released");
static_assert(ev::milestone_proposal_declined::name == "milestone_proposal_declined");

namespace {

template <class Variant, std::size_t... I>
std::vector<std::string> names_by_type(std::index_sequence<I...>) {
  // type_name of a value of each alternative, as the writer and the protocol name them.
  return {std::string(type_name(Variant(std::in_place_index<I>)))...};
}

}  // namespace

TEST_CASE("catalog: every command name leads back to its alternative, and its row") {
  const auto names =
      names_by_type<command_data>(std::make_index_sequence<std::variant_size_v<command_data>>{});
  REQUIRE(names.size() == command_count);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < command_count; ++i) {
    CAPTURE(names[i]);
    CHECK(command_row_at(i).name == names[i]);
    CHECK(command_index(names[i]) == std::optional<std::size_t>(i));
    const bool probed = command_row_at(i).candidate != nullptr;  // allowed runs it
    CHECK(probed);
    CHECK(seen.insert(names[i]).second);
  }
}

TEST_CASE("catalog: every event name leads back to its alternative") {
  const auto names =
      names_by_type<event_data>(std::make_index_sequence<std::variant_size_v<event_data>>{});
  REQUIRE(names.size() == event_count);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < event_count; ++i) {
    CAPTURE(names[i]);
    CHECK(event_name_at(i) == names[i]);
    CHECK(event_index(names[i]) == std::optional<std::size_t>(i));
    CHECK(seen.insert(names[i]).second);
  }
}

TEST_CASE("catalog: a name that is not a command's or an event's is nobody's") {
  for (const char* name : {"", "Tick", "tick ", "activate", "payment_released_", "m1"}) {
    CAPTURE(name);
    CHECK_FALSE(command_index(name));
  }
  CHECK_FALSE(event_index("activate_milestone"));
  CHECK_FALSE(command_index("payment_released"));
  CHECK_FALSE(event_index(""));
}
