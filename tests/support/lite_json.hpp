// Test support: a lite_value as an nlohmann document, so tests can check that the lite parser
// and parse_line read the very same JSON wherever the lite parser answers.
#pragma once

#include <optional>
#include <string_view>

#include "json.hpp"

namespace milestones::testing {

inline json to_json(const lite_value& v) {
  switch (v.type) {
    case lite_value::kind::null: return nullptr;
    case lite_value::kind::boolean: return v.flag;
    case lite_value::kind::integer: return v.number;
    case lite_value::kind::string: return std::string(v.text);
    case lite_value::kind::object: {
      json o = json::object();
      for (const lite_value* m = v.first; m; m = m->next) o[std::string(m->key)] = to_json(*m);
      return o;
    }
    case lite_value::kind::array: {
      json a = json::array();
      for (const lite_value* m = v.first; m; m = m->next) a.push_back(to_json(*m));
      return a;
    }
  }
  return nullptr;
}

/// Where the lite parser accepts `line`, parse_line must accept it too and read the same document
/// (numbers compared by value). Returns a description of the disagreement, or nullopt.
inline std::optional<std::string> lite_disagrees(std::string_view line) {
  lite_document doc;
  if (!doc.parse(line)) return std::nullopt;
  const json lite = to_json(doc.root());
  if (!lite.is_object()) {
    // parse_line only takes objects; compare with a plain parse instead
    const json plain = json::parse(line, nullptr, false);
    if (plain.is_discarded() || plain != lite) return "the lite parser read a value nlohmann does not";
    return std::nullopt;
  }
  auto full = parse_line(line);
  if (!std::holds_alternative<json>(full)) return "the lite parser accepted a line parse_line refuses";
  if (std::get<json>(full) != lite) return "the lite parser and parse_line read different documents";
  auto a = read_log(doc.root());
  auto b = read_log(std::get<json>(full));
  if (a.index() != b.index()) return "read_log disagrees between the two documents";
  if (auto* ra = std::get_if<rejection>(&a)) {
    if (!(*ra == std::get<rejection>(b))) return "read_log refuses differently";
  } else {
    const auto& la = std::get<log_read>(a);
    const auto& lb = std::get<log_read>(b);
    if (la.events != lb.events || la.last_at != lb.last_at || la.unreadable != lb.unreadable) {
      return "read_log reads different logs";
    }
  }
  return std::nullopt;
}

}  // namespace milestones::testing
