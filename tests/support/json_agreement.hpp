// Test support: the engine's JSON parser (json_document) against nlohmann's, as an independent
// reading of the same text. Both must accept exactly the same lines and read the same values.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "json/document.hpp"

namespace milestones::testing {

using json = nlohmann::json;

/// nlohmann's document of `text` under the protocol's limits (nesting at most 64 deep, no key
/// twice), or nullopt where nlohmann refuses it.
inline std::optional<json> nlohmann_reading(std::string_view text) {
  struct builder : nlohmann::json_sax<json> {
    json root;
    std::vector<json*> stack;
    json* slot = nullptr;

    json* place(json&& v) {
      if (stack.empty()) {
        root = std::move(v);
        return &root;
      }
      json& top = *stack.back();
      if (top.is_array()) {
        top.push_back(std::move(v));
        return &top.back();
      }
      *slot = std::move(v);
      return slot;
    }
    bool open(json::value_t type) {
      if (stack.size() >= max_depth) return false;
      stack.push_back(place(json(type)));
      return true;
    }
    bool null() override { return place(json(nullptr)), true; }
    bool boolean(bool v) override { return place(json(v)), true; }
    bool number_integer(json::number_integer_t v) override { return place(json(v)), true; }
    bool number_unsigned(json::number_unsigned_t v) override { return place(json(v)), true; }
    bool number_float(json::number_float_t v, const json::string_t&) override {
      return place(json(v)), true;
    }
    bool string(json::string_t& v) override { return place(json(v)), true; }
    bool binary(json::binary_t&) override { return false; }
    bool start_object(std::size_t) override { return open(json::value_t::object); }
    bool start_array(std::size_t) override { return open(json::value_t::array); }
    bool end_object() override { return stack.pop_back(), true; }
    bool end_array() override { return stack.pop_back(), true; }
    bool key(json::string_t& name) override {
      json& object = *stack.back();
      if (object.contains(name)) return false;
      slot = &object[name];
      return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
      return false;
    }
  } b;
  if (!json::sax_parse(text.begin(), text.end(), &b, json::input_format_t::json, true, false)) {
    return std::nullopt;
  }
  return std::move(b.root);
}

/// Why nlohmann refuses `text`, worded as the protocol words INVALID_JSON: nlohmann's own reason
/// (the part of its message between " - " and "; last read") and the byte position it gives. The
/// reference that `invalid_json_reason` must match on every line the engine refuses.
inline std::string nlohmann_words(std::string_view text) {
  struct words : nlohmann::json_sax<json> {
    std::vector<std::set<std::string>> keys;  // per open container
    std::string problem;

    bool fail(std::string why) {
      if (problem.empty()) problem = std::move(why);
      return false;
    }
    bool open() {
      if (keys.size() >= max_depth) return fail("it is nested more than 64 levels deep");
      keys.emplace_back();
      return true;
    }
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(json::number_integer_t) override { return true; }
    bool number_unsigned(json::number_unsigned_t) override { return true; }
    bool number_float(json::number_float_t, const json::string_t&) override { return true; }
    bool string(json::string_t&) override { return true; }
    bool binary(json::binary_t&) override { return true; }
    bool start_object(std::size_t) override { return open(); }
    bool start_array(std::size_t) override { return open(); }
    bool end_object() override { return keys.pop_back(), true; }
    bool end_array() override { return keys.pop_back(), true; }
    bool key(json::string_t& name) override {
      return keys.back().insert(name).second || fail("a key appears twice in one object");
    }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& ex) override {
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
  } w;
  if (text.size() > max_line_bytes) return "it is longer than 64 MiB";
  json::sax_parse(text.begin(), text.end(), &w, json::input_format_t::json, true, false);
  if (!w.problem.empty()) return w.problem;
  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    return "a NUL byte stands outside a string (at byte " + std::to_string(nul + 1) + ")";
  }
  return "it is not valid JSON";
}

/// Where the two parsers disagree on `text`, in words; nullopt where they agree: on what they
/// accept, on the values they read, and on the words of a refusal. A line with a NUL byte outside
/// a string is the one known difference: nlohmann stops reading there, the engine refuses the line.
inline std::optional<std::string> parsers_disagree(std::string_view text) {
  json_document doc;
  const bool ours = doc.parse(text);
  const std::optional<json> theirs =
      text.size() > max_line_bytes ? std::nullopt : nlohmann_reading(text);
  if (text.find('\0') != std::string_view::npos) {
    if (ours && !theirs) return "the engine read a line with a NUL byte that nlohmann refuses";
    if (ours || invalid_json_reason(text) == nlohmann_words(text)) return std::nullopt;
    return "the engine words a refusal of a line with a NUL byte differently from nlohmann";
  }
  if (ours != theirs.has_value()) {
    return ours ? "the engine accepts a line nlohmann refuses"
                : "the engine refuses a line nlohmann accepts";
  }
  if (!ours) {
    const std::string mine = invalid_json_reason(text), reference = nlohmann_words(text);
    if (mine == reference) return std::nullopt;
    return "the engine words a refusal \"" + mine + "\", nlohmann \"" + reference + "\"";
  }
  // Value by value: integers within 64 bits exactly; other numbers by kind only.
  auto same = [](auto&& self, const json_value& a, const json& b) -> bool {
    switch (a.type) {
      case json_value::kind::null: return b.is_null();
      case json_value::kind::boolean: return b.is_boolean() && b.get<bool>() == a.flag;
      case json_value::kind::integer:
        if (b.is_number_unsigned()) {
          return a.integer >= 0 && b.get<std::uint64_t>() == static_cast<std::uint64_t>(a.integer);
        }
        return b.is_number_integer() && b.get<std::int64_t>() == a.integer;
      case json_value::kind::number:
        return b.is_number_float() ||
               (b.is_number_unsigned() && b.get<std::uint64_t>() > 0x7FFFFFFFFFFFFFFFull);
      case json_value::kind::string: return b.is_string() && b.get<std::string>() == a.text;
      case json_value::kind::array: {
        if (!b.is_array() || b.size() != a.count) return false;
        std::size_t i = 0;
        for (const json_value* m = a.first; m; m = m->next) {
          if (!self(self, *m, b[i++])) return false;
        }
        return true;
      }
      case json_value::kind::object: {
        if (!b.is_object() || b.size() != a.count) return false;
        for (const json_value* m = a.first; m; m = m->next) {
          auto it = b.find(std::string(m->key));
          if (it == b.end() || !self(self, *m, *it)) return false;
        }
        return true;
      }
    }
    return false;
  };
  if (!same(same, doc.root(), *theirs)) return "the two parsers read different values";
  return std::nullopt;
}

}  // namespace milestones::testing
