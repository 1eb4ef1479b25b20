// Value types of the milestone domain: calendar arithmetic, names, milestone ids, lookups.
#include "domain.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "model/text.hpp"

namespace milestones {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, exact for all years).
std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void civil_from_days(std::int32_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
  static constexpr std::array<unsigned, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool read_digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<date> date::parse(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!read_digits(s, 0, 4, y) || !read_digits(s, 5, 2, m) || !read_digits(s, 8, 2, d)) {
    return std::nullopt;
  }
  if (y < 1 || m < 1 || m > 12 || d < 1 ||
      static_cast<unsigned>(d) > days_in_month(y, static_cast<unsigned>(m))) {
    return std::nullopt;
  }
  return from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

date date::from_civil(int year, unsigned month, unsigned day) {
  return date{days_from_civil(year, month, day)};
}

date date::of(timestamp at) {
  // Floor division, so instants before 1970 still land on their own day.
  timestamp q = at / ms_per_day;
  if (at % ms_per_day < 0) --q;
  return date{static_cast<std::int32_t>(q)};
}

std::string date::to_string() const {
  int y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  std::string out(10, '0');
  for (int i = 3; i >= 0; --i, y /= 10) out[static_cast<std::size_t>(i)] = char('0' + y % 10);
  out[4] = out[7] = '-';
  out[5] = char('0' + m / 10);
  out[6] = char('0' + m % 10);
  out[8] = char('0' + d / 10);
  out[9] = char('0' + d % 10);
  return out;
}

std::string_view name_of(party p) {
  switch (p) {
    case party::client: return "client";
    case party::freelancer: return "freelancer";
    case party::system: return "system";
  }
  return "";
}

std::string_view name_of(account_type t) {
  switch (t) {
    case account_type::standard: return "standard";
    case account_type::enterprise: return "enterprise";
    case account_type::enterprise_compliance: return "enterprise_compliance";
    case account_type::wpp: return "wpp";
  }
  return "";
}

std::string_view name_of(milestone_status s) {
  switch (s) {
    case milestone_status::pending: return "pending";
    case milestone_status::active: return "active";
    case milestone_status::submitted: return "submitted";
    case milestone_status::changes_requested: return "changes_requested";
    case milestone_status::paid: return "paid";
    case milestone_status::closed: return "closed";
  }
  return "";
}

std::string_view name_of(contract_status s) {
  switch (s) {
    case contract_status::open: return "open";
    case contract_status::ended: return "ended";
    case contract_status::offered: return "offered";
    case contract_status::declined: return "declined";
  }
  return "";
}

std::optional<party> parse_party(std::string_view text) {
  for (party p : {party::client, party::freelancer, party::system}) {
    if (same_text(name_of(p), text)) return p;
  }
  return std::nullopt;
}

std::optional<account_type> parse_account_type(std::string_view text) {
  for (account_type t : all_account_types) {
    if (same_text(name_of(t), text)) return t;
  }
  return std::nullopt;
}

std::string milestone_id(milestone_number n) {
  char id[12] = {'m'};
  const char* end = std::to_chars(id + 1, id + sizeof id, n).ptr;
  return std::string(id, static_cast<std::size_t>(end - id));
}

std::optional<milestone_number> parse_milestone_id(std::string_view id) {
  if (id.size() < 2 || id.size() > 11 || id[0] != 'm' || id[1] == '0') return std::nullopt;
  std::uint64_t n = 0;
  for (char c : id.substr(1)) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (n > 0xFFFFFFFFu) return std::nullopt;
  return static_cast<milestone_number>(n);
}

const milestone* contract::find(milestone_number n) const {
  if (n >= index_of.size() || index_of[n] < 0) return nullptr;
  return &milestones[static_cast<std::size_t>(index_of[n])];
}

milestone* contract::find(milestone_number n) {
  return const_cast<milestone*>(static_cast<const contract&>(*this).find(n));
}

const milestone* contract::escrow_holder() const {
  // Only the last activated milestone can hold escrow: activation needs every other to be released.
  if (activated_count == 0) return nullptr;
  const milestone& last = milestones[activated_count - 1];
  return holds_escrow(last.status) ? &last : nullptr;
}

milestone_list::milestone_list(const milestone_list& other) {
  nodes_.reserve(other.nodes_.size());
  for (const auto& node : other.nodes_) nodes_.push_back(std::make_unique<milestone>(*node));
}

milestone_list& milestone_list::operator=(const milestone_list& other) {
  if (this != &other) *this = milestone_list(other);
  return *this;
}

void milestone_list::push_back(milestone m) {
  nodes_.push_back(std::make_unique<milestone>(std::move(m)));
}

void milestone_list::erase(std::size_t index) {
  nodes_.erase(nodes_.begin() + static_cast<std::ptrdiff_t>(index));
}

void milestone_list::move(std::size_t from, std::size_t to) {
  auto at = [&](std::size_t i) { return nodes_.begin() + static_cast<std::ptrdiff_t>(i); };
  if (from < to) {
    std::rotate(at(from), at(from + 1), at(to + 1));
  } else {
    std::rotate(at(to), at(from), at(from + 1));
  }
}

bool milestone_list::operator==(const milestone_list& other) const {
  if (nodes_.size() != other.nodes_.size()) return false;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (!(*nodes_[i] == *other.nodes_[i])) return false;
  }
  return true;
}

void contract::reindex() {
  index_of.assign(next_number, -1);
  for (std::size_t i = 0; i < milestones.size(); ++i) {
    index_of[milestones[i].number] = static_cast<std::int32_t>(i);
  }
}

}  // namespace milestones
