// Value types of the milestone domain: money, dates, time, parties, statuses and the contract.
#pragma once

#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "fields.hpp"

namespace milestones {

template <class T, class = void>
struct has_tie : std::false_type {};
template <class T>
struct has_tie<T, std::void_t<decltype(std::declval<const T&>().tie())>> : std::true_type {};
/// How many members a type's `tie()` leaves out on purpose (derived bookkeeping): its
/// `uncompared`, or none.
template <class T, class = void>
struct uncompared_members : std::integral_constant<std::size_t, 0> {};
template <class T>
struct uncompared_members<T, std::void_t<decltype(T::uncompared)>>
    : std::integral_constant<std::size_t, T::uncompared> {};
/// True when T's `tie()` names every member of the aggregate T but its `uncompared` ones.
template <class T>
constexpr bool ties_every_member() {
  using tied = decltype(std::declval<const T&>().tie());
  return std::tuple_size_v<tied> + uncompared_members<T>::value == schema::member_count<T>();
}

/// Equality of whole values, so that tests and replay compare them whole. Commands, events and
/// what they carry compare the members of their field list (json/schema.hpp, which must be seen
/// where they are compared; the list is checked to name every member); other value types list
/// their members in `tie()`.
template <class T, std::enable_if_t<schema::has_fields<T>::value || has_tie<T>::value, int> = 0>
bool operator==(const T& a, const T& b) {
  if constexpr (schema::has_fields<T>::value) {
    return schema::fields_equal(a, b);
  } else {
    if constexpr (std::is_aggregate_v<T>) {
      static_assert(ties_every_member<T>(), "tie() must name every member, or count it uncompared");
    }
    return a.tie() == b.tie();
  }
}
template <class T, std::enable_if_t<schema::has_fields<T>::value || has_tie<T>::value, int> = 0>
bool operator!=(const T& a, const T& b) {
  return !(a == b);
}

/// Money: an integer number of US cents. Never a floating-point value.
struct cents {
  std::int64_t value = 0;

  constexpr cents() = default;
  constexpr explicit cents(std::int64_t v) : value(v) {}
  constexpr cents operator+(cents o) const { return cents{value + o.value}; }
  constexpr cents operator-(cents o) const { return cents{value - o.value}; }
  constexpr cents& operator+=(cents o) { value += o.value; return *this; }
  constexpr cents& operator-=(cents o) { value -= o.value; return *this; }
  constexpr bool operator==(cents o) const { return value == o.value; }
  constexpr bool operator!=(cents o) const { return value != o.value; }
  constexpr bool operator<(cents o) const { return value < o.value; }
  constexpr bool operator<=(cents o) const { return value <= o.value; }
  constexpr bool operator>(cents o) const { return value > o.value; }
  constexpr bool operator>=(cents o) const { return value >= o.value; }
};

/// The smallest and largest milestone amount (R1): USD 5 and USD 10 million.
inline constexpr cents min_milestone_amount{500};
inline constexpr cents max_amount{1'000'000'000};

/// Milliseconds since the Unix epoch, UTC. Every command carries one as `at`.
using timestamp = std::int64_t;
inline constexpr timestamp max_timestamp = 253'402'300'799'999;  // 9999-12-31T23:59:59.999Z
/// True for every `at` the protocol takes: 0 ≤ at ≤ max_timestamp.
constexpr bool valid_time(std::int64_t at) { return at >= 0 && at <= max_timestamp; }
inline constexpr timestamp ms_per_day = 86'400'000;
inline constexpr timestamp review_period = 14 * ms_per_day;  // R7

/// A calendar date (proleptic Gregorian), stored as days since 1970-01-01.
struct date {
  std::int32_t days = 0;

  /// Parses strict `YYYY-MM-DD` (years 0001–9999, real month lengths, leap years); else nullopt.
  static std::optional<date> parse(std::string_view text);
  /// The UTC calendar day that contains `at`.
  static date of(timestamp at);
  static date from_civil(int year, unsigned month, unsigned day);
  std::string to_string() const;
  /// Midnight UTC at the start of this day.
  timestamp start() const { return static_cast<timestamp>(days) * ms_per_day; }

  bool operator==(date o) const { return days == o.days; }
  bool operator!=(date o) const { return days != o.days; }
  bool operator<(date o) const { return days < o.days; }
  bool operator<=(date o) const { return days <= o.days; }
  bool operator>(date o) const { return days > o.days; }
  bool operator>=(date o) const { return days >= o.days; }
};
inline constexpr std::int32_t max_date_days = 2'932'896;  // 9999-12-31

/// R12′: the earliest calendar date current anywhere on Earth at `at` (UTC−12 is the last zone
/// to leave a day): the UTC date of `at − 12 h`. A due date, an end date or an extension before
/// it is in the past for everyone; no user is refused their own today.
inline date earliest_day(timestamp at) {
  constexpr timestamp half_day = ms_per_day / 2;
  return date::of(at >= half_day ? at - half_day : 0);
}

/// Who acts. `system` only advances time (`tick`).
enum class party : std::uint8_t { client, freelancer, system };

/// R2: fixed at creation. The last two are "locked": the plan cannot change (R3).
enum class account_type : std::uint8_t { standard, enterprise, enterprise_compliance, wpp };

/// A milestone's status. Every status but `pending` means "activated" (funded at least once).
/// `closed`: still pending when the contract ended (R15′): closed unfunded, counted in no total.
enum class milestone_status : std::uint8_t { pending, active, submitted, changes_requested, paid, closed };

/// `offered` until the freelancer accepts (R22), then `open`; `declined` if they do not.
enum class contract_status : std::uint8_t { open, ended, offered, declined };

std::string_view name_of(party p);
std::string_view name_of(account_type t);
std::string_view name_of(milestone_status s);
std::string_view name_of(contract_status s);
std::optional<party> parse_party(std::string_view text);
std::optional<account_type> parse_account_type(std::string_view text);

/// R2: every account type, in R2's order (the `account_types` query lists them so).
inline constexpr account_type all_account_types[] = {
    account_type::standard, account_type::enterprise, account_type::enterprise_compliance,
    account_type::wpp};
/// R3: enterprise_compliance and wpp plans are fixed at creation.
inline bool is_locked(account_type t) {
  return t == account_type::enterprise_compliance || t == account_type::wpp;
}
/// R13: an enterprise_compliance contract has an end date (required at creation) that bounds
/// every due date, and only it can be extended.
inline bool needs_end_date(account_type t) { return t == account_type::enterprise_compliance; }
/// True for every status that holds escrow (R6).
inline bool holds_escrow(milestone_status s) {
  return s == milestone_status::active || s == milestone_status::submitted ||
         s == milestone_status::changes_requested;
}

/// Milestone ids are `m1`, `m2`, … assigned by the engine in order of creation, never reused.
using milestone_number = std::uint32_t;
std::string milestone_id(milestone_number n);
/// Parses `m<digits>` (no leading zeros); anything else is nullopt.
std::optional<milestone_number> parse_milestone_id(std::string_view id);

struct text_note {  // a change request
  std::string message;
  timestamp at = 0;
  auto tie() const { return std::tie(message, at); }
};
/// R25: a file delivered with a submission: what it is called, its size, its SHA-256 (which lets
/// the other party check that the file it received is the one submitted), where it may be found.
struct attachment {
  std::string name;  // trimmed
  std::int64_t size = 0;  // bytes
  std::string sha256;  // 64 lowercase hexadecimal digits
  std::optional<std::string> url;  // https://…
  auto tie() const { return std::tie(name, size, sha256, url); }
};
struct submission_note {  // the latest submission: its message and what it delivered (R25)
  std::string message;
  timestamp at = 0;
  std::vector<attachment> attachments;
  auto tie() const { return std::tie(message, at, attachments); }
};
struct due_date_proposal {
  date due;
  party by = party::client;
  auto tie() const { return std::tie(due, by); }
};
struct refund_request {
  cents amount;
  std::string reason;
  timestamp at = 0;
  auto tie() const { return std::tie(amount, reason, at); }
};
struct feedback_entry {
  int rating = 0;
  std::string comment;
  timestamp at = 0;
  auto tie() const { return std::tie(rating, comment, at); }
};

struct milestone {
  milestone_number number = 0;
  std::string title;
  std::string description;
  cents amount;
  date due;
  milestone_status status = milestone_status::pending;
  cents funded, escrow, released, returned, refunded;
  std::optional<submission_note> submission;
  std::optional<timestamp> review_deadline;  // set only while submitted
  int revisions = 0;
  bool auto_released = false;
  std::optional<text_note> change_request;
  std::optional<due_date_proposal> proposal;
  std::optional<refund_request> refund;
  std::int64_t messages = 0;  // R24: the messages that name it
  /// The seq of the last event that changed what the state shows of this milestone: what a
  /// reader that holds the state as of an earlier seq needs again (write_changes). Derived from
  /// the events like the rest, and not part of equality.
  std::int64_t changed = 0;

  // Equality compares what the milestone is, not `changed` (when a reader last saw it).
  static constexpr std::size_t uncompared = 1;

  auto tie() const {
    return std::tie(number, title, description, amount, due, status, funded, escrow, released,
                    returned, refunded, submission, review_deadline, revisions, auto_released,
                    change_request, proposal, refund, messages);
  }
};

/// R5: an activated milestone keeps its place; only pending ones move.
inline bool is_pinned(const milestone& m) { return m.status != milestone_status::pending; }

/// A contract's milestones in list order. Each milestone has a node of its own, so a move, a
/// reorder or a delete shifts pointers, not milestones: its cost does not grow with what a
/// milestone holds. Reads like a vector of milestones; copies are deep.
class milestone_list {
  using nodes = std::vector<std::unique_ptr<milestone>>;

  template <class Node, class Value>
  class basic_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = milestone;
    using difference_type = std::ptrdiff_t;
    using pointer = Value*;
    using reference = Value&;

    basic_iterator() = default;
    explicit basic_iterator(Node it) : it_(it) {}
    reference operator*() const { return **it_; }
    pointer operator->() const { return it_->get(); }
    basic_iterator& operator++() { return ++it_, *this; }
    basic_iterator operator++(int) { return basic_iterator(it_++); }
    basic_iterator& operator--() { return --it_, *this; }
    basic_iterator& operator+=(difference_type n) { return it_ += n, *this; }
    basic_iterator operator+(difference_type n) const { return basic_iterator(it_ + n); }
    difference_type operator-(const basic_iterator& o) const { return it_ - o.it_; }
    reference operator[](difference_type n) const { return *it_[n]; }
    bool operator==(const basic_iterator& o) const { return it_ == o.it_; }
    bool operator!=(const basic_iterator& o) const { return it_ != o.it_; }
    bool operator<(const basic_iterator& o) const { return it_ < o.it_; }

   private:
    Node it_{};
  };

 public:
  using value_type = milestone;
  using iterator = basic_iterator<nodes::iterator, milestone>;
  using const_iterator = basic_iterator<nodes::const_iterator, const milestone>;

  milestone_list() = default;
  milestone_list(milestone_list&&) noexcept = default;
  milestone_list& operator=(milestone_list&&) noexcept = default;
  milestone_list(const milestone_list& other);
  milestone_list& operator=(const milestone_list& other);

  std::size_t size() const { return nodes_.size(); }
  bool empty() const { return nodes_.empty(); }
  void reserve(std::size_t n) { nodes_.reserve(n); }
  milestone& operator[](std::size_t i) { return *nodes_[i]; }
  const milestone& operator[](std::size_t i) const { return *nodes_[i]; }
  iterator begin() { return iterator(nodes_.begin()); }
  iterator end() { return iterator(nodes_.end()); }
  const_iterator begin() const { return const_iterator(nodes_.begin()); }
  const_iterator end() const { return const_iterator(nodes_.end()); }

  void push_back(milestone m);
  void erase(std::size_t index);
  /// Moves the milestone at `from` to `to`; the ones between shift by one place.
  void move(std::size_t from, std::size_t to);
  /// Puts the milestones [first, first + count) in the order `place(i)` gives: the new i-th of
  /// the range is the one now at index place(i).
  template <class Place>
  void rearrange(std::size_t first, std::size_t count, Place place) {
    std::vector<std::unique_ptr<milestone>> taken(count);
    for (std::size_t i = 0; i < count; ++i) taken[i] = std::move(nodes_[place(i)]);
    for (std::size_t i = 0; i < count; ++i) nodes_[first + i] = std::move(taken[i]);
  }

  bool operator==(const milestone_list& other) const;
  bool operator!=(const milestone_list& other) const { return !(*this == other); }

 private:
  nodes nodes_;
};

struct totals {
  cents budget, funded, escrow, released, returned, refunded, charged, credit, credit_returned;
  /// What the client has paid, net: charged − the credit given back at the end − refunds.
  cents net_cost() const { return charged - credit_returned - refunded; }
  /// What the freelancer has kept: released − refunded.
  cents net_earned() const { return released - refunded; }
  /// What was committed (released or in escrow) beyond the budget, or 0.
  cents over_budget() const {
    const cents committed = released + escrow;
    return committed > budget ? committed - budget : cents{0};
  }
  auto tie() const {
    return std::tie(budget, funded, escrow, released, returned, refunded, charged, credit,
                    credit_returned);
  }
};

/// R23: a milestone the freelancer proposed, as `add_milestone` would add it.
struct milestone_proposal {
  std::string title;  // trimmed
  std::string description;
  cents amount;
  date due;
  timestamp at = 0;
  auto tie() const { return std::tie(title, description, amount, due, at); }
};

/// The whole state of one contract: a left fold of `apply` over its events.
struct contract {
  std::string id;
  std::string title;
  account_type account = account_type::standard;
  std::string currency = "USD";
  std::string client;      // display names
  std::string freelancer;
  contract_status status = contract_status::open;
  timestamp created_at = 0;
  std::optional<milestone_proposal> proposal;  // R23: the freelancer's open milestone proposal
  std::optional<date> end_date;
  std::optional<timestamp> ended_at;
  milestone_list milestones;  // in list order
  struct totals totals;
  std::optional<feedback_entry> client_feedback;      // left by the client
  std::optional<feedback_entry> freelancer_feedback;  // left by the freelancer
  std::int64_t messages = 0;  // R24: the messages that name no milestone
  // R26: the parties' public keys (base64url), bound at creation and by the freelancer's first
  // signed event; a contract with a client key is signed.
  std::optional<std::string> client_key;
  std::optional<std::string> freelancer_key;
  std::int64_t seq = 0;
  timestamp last_at = 0;

  // Derived bookkeeping, kept by `apply` so lookups stay O(1):
  milestone_number next_number = 1;
  std::size_t activated_count = 0;       // activated milestones form this prefix (R5, R6)
  std::vector<std::int32_t> index_of;    // milestone number -> list index, -1 when deleted
  std::int64_t order_changed = 0;        // seq of the last event that changed the list's order

  /// The milestone with this number, or nullptr.
  const milestone* find(milestone_number n) const;
  milestone* find(milestone_number n);
  /// The one milestone that holds escrow (R6), or nullptr.
  const milestone* escrow_holder() const;
  /// Rebuilds `index_of` after the list order changed.
  void reindex();

  // Equality compares the contract, not `order_changed` (when a reader last saw the order).
  static constexpr std::size_t uncompared = 1;
  auto tie() const {
    return std::tie(id, title, account, currency, client, freelancer, status, created_at,
                    proposal, end_date, ended_at, milestones, totals, client_feedback,
                    freelancer_feedback, messages, client_key, freelancer_key, seq, last_at, next_number, activated_count,
                    index_of);
  }
};

/// R3: the plan (add, edit, delete) cannot change; a new contract offer is the way to change it.
inline bool plan_locked(const contract& c) {
  return is_locked(c.account) && c.status != contract_status::offered;  // R22: fixed on acceptance
}

}  // namespace milestones
