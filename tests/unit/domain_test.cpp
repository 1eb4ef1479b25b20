// Domain value types: calendar dates, milestone ids, money, Unicode text helpers.
#include <doctest/doctest.h>

#include "model/domain.hpp"
#include "model/text.hpp"

using namespace milestones;

TEST_CASE("date: strict YYYY-MM-DD on the real calendar") {
  CHECK(date::parse("1970-01-01")->days == 0);
  CHECK(date::parse("2026-11-26")->to_string() == "2026-11-26");
  CHECK(date::parse("2028-02-29"));  // leap year
  CHECK(date::parse("2000-02-29"));  // divisible by 400
  CHECK_FALSE(date::parse("1900-02-29"));  // divisible by 100 only
  CHECK_FALSE(date::parse("2027-02-29"));
  CHECK_FALSE(date::parse("2027-04-31"));
  CHECK_FALSE(date::parse("2027-13-01"));
  CHECK_FALSE(date::parse("2027-00-10"));
  CHECK_FALSE(date::parse("2027-01-00"));
  CHECK_FALSE(date::parse("0000-01-01"));
  CHECK_FALSE(date::parse("2027-1-01"));
  CHECK_FALSE(date::parse("2027-01-01T00:00"));
  CHECK_FALSE(date::parse("2027/01/01"));
  CHECK_FALSE(date::parse("+027-01-01"));
  CHECK_FALSE(date::parse(""));
  CHECK(date::parse("9999-12-31")->days == max_date_days);
  CHECK(date::parse("0001-01-01")->to_string() == "0001-01-01");
}

TEST_CASE("date: round trip over every day of several centuries") {
  for (std::int32_t d = date::parse("1899-12-25")->days; d < date::parse("2101-01-05")->days; ++d) {
    const date day{d};
    REQUIRE(date::parse(day.to_string()) == day);
  }
}

TEST_CASE("date: the UTC day of a timestamp") {
  CHECK(date::of(0).to_string() == "1970-01-01");
  CHECK(date::of(ms_per_day - 1).to_string() == "1970-01-01");
  CHECK(date::of(ms_per_day).to_string() == "1970-01-02");
  CHECK(date::of(max_timestamp).to_string() == "9999-12-31");
  CHECK(date::of(1'795'651'200'000).to_string() == "2026-11-26");
  CHECK(date::parse("2026-11-26")->start() == 1'795'651'200'000);
}

TEST_CASE("milestone ids: m<number>, no leading zeros") {
  CHECK(milestone_id(1) == "m1");
  CHECK(parse_milestone_id("m42") == 42u);
  CHECK_FALSE(parse_milestone_id("m0"));
  CHECK_FALSE(parse_milestone_id("m01"));
  CHECK_FALSE(parse_milestone_id("M1"));
  CHECK_FALSE(parse_milestone_id("m"));
  CHECK_FALSE(parse_milestone_id("m1x"));
  CHECK_FALSE(parse_milestone_id("m99999999999"));
  CHECK(parse_milestone_id("m4294967295") == 4294967295u);
  CHECK_FALSE(parse_milestone_id("m4294967296"));
}

TEST_CASE("cents: integer arithmetic and comparisons") {
  CHECK(cents{500} + cents{250} == cents{750});
  CHECK(cents{500} - cents{750} == cents{-250});
  CHECK(cents{1} < cents{2});
  CHECK(min_milestone_amount == cents{500});
  CHECK(max_amount == cents{1'000'000'000});
}

TEST_CASE("names round-trip for parties and account types") {
  for (party p : {party::client, party::freelancer, party::system}) {
    CHECK(parse_party(name_of(p)) == p);
  }
  for (account_type t : {account_type::standard, account_type::enterprise,
                         account_type::enterprise_compliance, account_type::wpp}) {
    CHECK(parse_account_type(name_of(t)) == t);
  }
  CHECK_FALSE(parse_party("Client"));
  CHECK(is_locked(account_type::wpp));
  CHECK(is_locked(account_type::enterprise_compliance));
  CHECK_FALSE(is_locked(account_type::enterprise));
}

TEST_CASE("text: code points and Unicode trimming") {
  CHECK(code_points("abc") == 3);
  CHECK(code_points("\xC3\xA9t\xC3\xA9") == 3);           // été
  CHECK(code_points("\xF0\x9F\x98\x80") == 1);            // one emoji, four bytes
  CHECK(trim("  a b \t\n") == "a b");
  CHECK(trim("\xC2\xA0x\xE3\x80\x80") == "x");            // NBSP and ideographic space
  CHECK(trim("\xE2\x80\xA8") == "");                      // line separator only
  CHECK(trim("\xE2\x80\x8B") == "\xE2\x80\x8B");          // zero-width space is not White_Space
  CHECK(trim("") == "");
  CHECK(printable_ascii("Plain text, with ~ and space."));
  CHECK(printable_ascii(""));
  CHECK_FALSE(printable_ascii("tab\there"));
  CHECK_FALSE(printable_ascii("DEL\x7F"));
  CHECK_FALSE(printable_ascii("\x1F"));
  CHECK_FALSE(printable_ascii("caf\xC3\xA9"));
}
