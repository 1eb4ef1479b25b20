// The words of INVALID_JSON: nlohmann's parser says where and why a line is not JSON. Only ever
// run on a line json_document refused, so the protocol's own parser stays small and fast.
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "json/document.hpp"

namespace milestones {

namespace {

// Runs nlohmann's parser over the text only to word its first error; it builds no document.
class error_words : public nlohmann::json_sax<nlohmann::json> {
 public:
  using json = nlohmann::json;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(json::number_integer_t) override { return true; }
  bool number_unsigned(json::number_unsigned_t) override { return true; }
  bool number_float(json::number_float_t, const json::string_t&) override { return true; }
  bool string(json::string_t&) override { return true; }
  bool binary(json::binary_t&) override { return true; }
  bool start_object(std::size_t) override { return open(); }
  bool start_array(std::size_t) override { return open(); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(json::string_t& name) override {
    if (!keys_.back().insert(name).second) return fail("a key appears twice in one object");
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    // nlohmann's reason sits between " - " and "; last read:"; the part after it may quote bytes
    // of the input (possibly invalid UTF-8), so it is never echoed.
    std::string reason = ex.what();
    if (ex.id == 406) {
      reason = "a number is too large to represent";
    } else if (auto dash = reason.find(" - "); dash != std::string::npos) {
      reason = reason.substr(dash + 3, reason.find("; last read") - dash - 3);
    } else {
      reason = "it is not valid JSON";
    }
    return fail(reason + " (at byte " + std::to_string(position) + ")");
  }

  const std::string& problem() const { return problem_; }

 private:
  std::vector<std::set<std::string>> keys_;  // per open container
  std::string problem_;

  bool fail(std::string why) {
    if (problem_.empty()) problem_ = std::move(why);
    return false;
  }
  bool open() {
    if (keys_.size() >= max_depth) return fail("it is nested more than 64 levels deep");
    keys_.emplace_back();
    return true;
  }
  bool close() {
    keys_.pop_back();
    return true;
  }
};

}  // namespace

std::string invalid_json_reason(std::string_view text) {
  if (text.size() > max_line_bytes) return "it is longer than 64 MiB";
  error_words words;
  nlohmann::json::sax_parse(text.begin(), text.end(), &words, nlohmann::json::input_format_t::json,
                            true, false);
  if (!words.problem().empty()) return words.problem();
  // nlohmann stops at a NUL byte as if the text ended there; the protocol reads the whole line.
  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    return "a NUL byte stands outside a string (at byte " + std::to_string(nul + 1) + ")";
  }
  return "it is not valid JSON";
}

}  // namespace milestones
