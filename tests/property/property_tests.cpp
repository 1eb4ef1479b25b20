// Property tests: thousands of seeded random command streams. After every step the R19
// invariants hold and a rejected command changes nothing; replaying the log gives the live state;
// `allowed` agrees with `dispatch`. A failing seed is shrunk to a minimal reproducer.
//
// Usage: property_tests [--streams N] [--steps N] [--seed S] [--emit DIR --emit-count K]
//   --emit writes K streams (commands and queries, JSON Lines) for the native/WebAssembly runner
//   comparison.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include <nlohmann/json.hpp>

#include "json/document.hpp"
#include "json/read.hpp"
#include "json/write.hpp"
#include "engine/signatures.hpp"
#include "protocol.hpp"
#include "rules/catalog.hpp"
#include "../support/json_agreement.hpp"

namespace {

using json = nlohmann::json;

constexpr std::int64_t day_ms = 86'400'000;
constexpr std::int64_t t0 = 1'795'651'200'000;  // 2026-11-26

// --- generation ----------------------------------------------------------------------------------

class generator {
 public:
  explicit generator(std::uint64_t seed) : rng_(seed) {}

  /// A stream of command lines, generated against a live session so most commands are meaningful.
  std::vector<std::string> stream(int steps) {
    milestones::session s;
    std::vector<std::string> lines;
    lines.push_back(create().dump());
    s.handle(lines.back());
    for (int i = 0; i < steps; ++i) {
      lines.push_back(next(s).dump());
      s.handle(lines.back());
    }
    return lines;
  }

 private:
  std::mt19937_64 rng_;

  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return pick(100) < percent; }
  template <class T>
  const T& one(const std::vector<T>& v) { return v[static_cast<std::size_t>(pick(static_cast<int>(v.size())))]; }

  std::string day(std::int64_t at, int offset) {
    return milestones::date{milestones::date::of(at).days + offset}.to_string();
  }

  json text(bool allow_empty = true) {
    switch (pick(12)) {
      case 0: return allow_empty ? "" : "x";
      case 1: return "   ";
      case 2: return std::string(201, 't');
      case 3: return "\xE2\x80\xAE" "evil";
      case 4: return 42;
      default: return one(std::vector<std::string>{"Design", "Build", "Launch", "QA", "Docs", "  Spaced  "});
    }
  }

  json amount(std::int64_t near) {
    const std::vector<std::int64_t> values = {0, 1, 499, 500, 501, near - 1, near, near + 1,
                                              999'999'999, 1'000'000'000, 1'000'000'001, -500};
    if (chance(3)) return 500.5;
    return one(values);
  }

  // R25: mostly sound files, sometimes a flaw in one, sometimes one too many.
  json attachments() {
    json list = json::array();
    const int n = chance(3) ? 21 : pick(4);
    for (int i = 0; i < n; ++i) {
      json f{{"name", chance(90) ? json(" file-" + std::to_string(i) + ".pdf") : text(false)},
             {"size", chance(95) ? json(pick(1'000'000)) : one(std::vector<json>{json(-1), json(9'007'199'254'740'992), json(2.5)})},
             {"sha256", chance(95) ? std::string(64, "0123456789abcdef"[pick(16)]) : std::string(64, 'G')}};
      if (chance(30)) f["url"] = chance(90) ? "https://files.example/" + std::to_string(i) : "http://x";
      list.push_back(f);
    }
    return list;
  }

  json milestone_draft(std::int64_t at) {
    json m{{"title", text(false)}, {"amount", amount(500 + pick(5) * 2500)}, {"dueDate", day(at, pick(40) - 2)}};
    if (chance(30)) m["description"] = "Details";
    if (chance(2)) m["dueDate"] = "2027-02-29";
    return m;
  }

  json create() {
    const char* types[] = {"standard", "enterprise", "enterprise_compliance", "wpp"};
    std::string type = types[pick(4)];
    json ms = json::array();
    const int n = pick(6) + (type == "standard" ? 0 : 1);
    for (int i = 0; i < n; ++i) {
      json m = milestone_draft(t0);
      m["title"] = "M" + std::to_string(i + 1);
      m["amount"] = 500 + pick(40) * 250;
      ms.push_back(m);
    }
    json c{{"title", "Property"}, {"accountType", type}, {"client", "Acme"}, {"freelancer", "Jo"},
           {"milestones", ms}};
    if (type == "enterprise_compliance" || chance(20)) c["endDate"] = day(t0, 45);
    json command{{"type", "create_contract"}, {"actor", "client"}, {"at", t0}, {"contract", c}};
    if (chance(40)) command["offer"] = true;  // R22
    return command;
  }

  // The next time: mostly forward, sometimes exactly around a review deadline, sometimes back.
  std::int64_t time(const json& state) {
    std::vector<std::int64_t> deadlines;
    for (const json& m : state["milestones"]) {
      if (m["reviewDeadline"].is_number()) deadlines.push_back(m["reviewDeadline"].get<std::int64_t>());
    }
    const std::int64_t last = state["lastAt"].get<std::int64_t>();
    const int r = pick(100);
    if (r < 5) return last - 1 - pick(1000);  // backwards
    if (r < 25 && !deadlines.empty()) return one(deadlines) + (pick(3) - 1);
    if (r < 40) return last;
    if (r < 50) return last + day_ms * (1 + pick(20));
    return last + pick(4 * 3'600'000);
  }

  json next(milestones::session& s) {
    const json answer = json::parse(s.handle(R"({"query":"state"})"));
    if (answer["ok"] == false) return create();  // the first create was refused: try again
    const json& state = answer["state"];
    const std::int64_t at = time(state);
    std::vector<std::string> ids;
    for (const json& m : state["milestones"]) ids.push_back(m["id"].get<std::string>());
    ids.push_back("m" + std::to_string(ids.size() + 7));  // sometimes unknown
    const std::string id = chance(90) && ids.size() > 1 ? ids[static_cast<std::size_t>(pick(static_cast<int>(ids.size()) - 1))] : ids.back();
    std::int64_t escrow = 0, refundable = 0;
    bool open_refund = false;
    for (const json& m : state["milestones"]) {
      if (m["id"] == id) {
        open_refund = !m["refundRequest"].is_null();
        escrow = m["escrow"].get<std::int64_t>();
        refundable = m["released"].get<std::int64_t>() - m["refunded"].get<std::int64_t>();
      }
    }
    const std::vector<std::string> actors = {"client", "client", "freelancer", "freelancer", "system", "boss"};
    std::string actor = one(actors);
    json c{{"at", at}, {"actor", actor}};
    auto with_id = [&](const char* type) {
      c["type"] = type;
      c["milestoneId"] = id;
    };
    switch (pick(24)) {
      case 18: c["type"] = "respond_offer"; c["accept"] = chance(85); break;  // R22
      case 19: c["type"] = "propose_milestone"; c["milestone"] = milestone_draft(at); break;  // R23
      case 20: c["type"] = "respond_milestone_proposal"; c["accept"] = chance(60); break;
      case 21: c["type"] = "withdraw_milestone_proposal"; break;  // R23′
      case 22: case 23:  // R24: on the contract or on a milestone (sometimes an unknown one)
        c["type"] = "post_message";
        c["text"] = chance(80) ? json(" Hello\n") : text(false);
        if (chance(50)) c["milestoneId"] = id;
        if (actor == "system" && chance(80)) c["actor"] = chance(50) ? "client" : "freelancer";
        break;
      case 0: c["type"] = "add_milestone"; c["milestone"] = milestone_draft(at); break;
      case 1: {
        with_id("edit_milestone");
        json ch = json::object();
        if (chance(50)) ch["title"] = text(false);
        if (chance(50)) ch["amount"] = amount(escrow);
        if (chance(30)) ch["description"] = "New";
        c["changes"] = ch;
        break;
      }
      case 2: with_id("delete_milestone"); break;
      case 3: with_id("move_milestone"); c["toIndex"] = pick(static_cast<int>(ids.size()) + 1) - (chance(5) ? 2 : 0); break;
      case 4: {
        c["type"] = "reorder_milestones";
        std::vector<std::string> order;
        for (const json& m : state["milestones"]) {
          if (m["status"] == "pending" || chance(5)) order.push_back(m["id"].get<std::string>());
        }
        std::shuffle(order.begin(), order.end(), rng_);
        if (chance(10) && !order.empty()) order.pop_back();
        c["order"] = order;
        break;
      }
      case 5: case 6: with_id("activate_milestone"); break;
      case 7: case 8:
        with_id("submit_work");
        c["message"] = text();
        if (chance(40)) c["attachments"] = attachments();  // R25
        break;
      case 9: with_id("request_changes"); c["message"] = text(); break;
      case 10: case 11:
        with_id("release_payment");
        if (chance(60)) c["amount"] = amount(escrow);
        break;
      case 12: with_id("propose_due_date"); c["dueDate"] = day(at, pick(60) - 3); break;
      case 13: with_id("respond_due_date"); c["accept"] = chance(60); break;
      case 14: c["type"] = "extend_contract"; c["endDate"] = day(at, pick(90) - 5); break;
      case 15:
        if (open_refund ? chance(20) : chance(70)) {
          with_id("request_refund");
          c["amount"] = amount(refundable);
          c["reason"] = text();
        } else {
          with_id("respond_refund");
          c["accept"] = chance(60);
          if (chance(40)) c["amount"] = amount(refundable / 2);
        }
        break;
      case 16:
        if (chance(50)) {
          c["type"] = "end_contract";
        } else {
          c["type"] = "leave_feedback";
          c["rating"] = pick(7);
          c["comment"] = chance(80) ? json("Thanks") : text();
        }
        break;
      default: c["type"] = "tick"; c["actor"] = chance(90) ? "system" : actor; break;
    }
    // Bias towards the right party for the command, so streams get far.
    const std::string type = c["type"].get<std::string>();
    if (chance(70)) {
      if (type == "submit_work" || type == "respond_refund" || type == "respond_offer" ||
          type == "propose_milestone" || type == "withdraw_milestone_proposal") {
        c["actor"] = "freelancer";
      }
      else if (type == "tick") c["actor"] = "system";
      else if (type != "propose_due_date" && type != "respond_due_date" && type != "leave_feedback" &&
               type != "post_message") {
        c["actor"] = "client";
      }
    }
    return c;
  }
};

// --- checking ------------------------------------------------------------------------------------

std::string state_text(milestones::session& s) { return s.handle(R"({"query":"state"})"); }

// In builds that check invariants inside the session, a violation is recorded here instead of
// aborting, so the stream can be shrunk.
std::string session_violation;
void record_violation(const std::string& what) {
  if (session_violation.empty()) session_violation = what;
}

// Payloads to probe one command type on one milestone: the canonical one first, then variants.
std::vector<milestones::command_data> probes(const std::string& type, const std::string& id,
                                             const milestones::contract& c, std::int64_t at) {
  using namespace milestones;
  const std::string today = date::of(at).to_string();
  const std::string later = date{date::of(at).days + 10}.to_string();
  std::vector<command_data> out;
  if (type == "edit_milestone") {
    out.push_back(cmd::edit_milestone{id, {std::string("Renamed"), std::nullopt, std::nullopt}});
    out.push_back(cmd::edit_milestone{id, {std::nullopt, std::string("d"), integer_field{true, 700}}});
  } else if (type == "delete_milestone") {
    out.push_back(cmd::delete_milestone{id});
  } else if (type == "move_milestone") {
    for (std::size_t i = 0; i < c.milestones.size(); ++i) {
      out.push_back(cmd::move_milestone{id, {true, static_cast<std::int64_t>(i)}});
    }
  } else if (type == "activate_milestone") {
    out.push_back(cmd::activate_milestone{id});
  } else if (type == "submit_work") {
    out.push_back(cmd::submit_work{id, "w", std::nullopt});
  } else if (type == "request_changes") {
    out.push_back(cmd::request_changes{id, "c"});
  } else if (type == "release_payment") {
    out.push_back(cmd::release_payment{id, std::nullopt});
    out.push_back(cmd::release_payment{id, integer_field{true, 1}});
    out.push_back(cmd::release_payment{id, integer_field{true, 1'000'000'000}});
  } else if (type == "propose_due_date") {
    out.push_back(cmd::propose_due_date{id, earliest_day(at).to_string()});  // R12′
    out.push_back(cmd::propose_due_date{id, today});
    out.push_back(cmd::propose_due_date{id, later});
  } else if (type == "respond_due_date") {
    out.push_back(cmd::respond_due_date{id, false});
    out.push_back(cmd::respond_due_date{id, true});
  } else if (type == "request_refund") {
    out.push_back(cmd::request_refund{id, {true, 1}, "r"});
  } else if (type == "respond_refund") {
    out.push_back(cmd::respond_refund{id, false, std::nullopt});
    out.push_back(cmd::respond_refund{id, true, std::nullopt});
    out.push_back(cmd::respond_refund{id, true, integer_field{true, 1}});
  }
  return out;
}

const std::vector<std::string> milestone_types = {
    "edit_milestone",   "delete_milestone", "move_milestone",   "activate_milestone",
    "submit_work",      "request_changes",  "release_payment",  "propose_due_date",
    "respond_due_date", "request_refund",   "respond_refund"};

// `allowed` agrees with `decide`: every listed entry is accepted with some probe payload, and no
// probe payload is accepted for an unlisted type/milestone.
std::optional<std::string> check_allowed(const milestones::session& s, std::int64_t at) {
  using namespace milestones;
  const auto& c = s.state();
  if (!c) return std::nullopt;
  for (party actor : {party::client, party::freelancer, party::system}) {
    std::set<std::string> listed;
    for (const allowed_command& a : allowed(c, actor, at)) {
      listed.insert(std::string(a.type) + (a.milestone ? " " + milestone_id(*a.milestone) : ""));
    }
    auto accepted = [&](command_data data) {
      return decide(c, command{actor, at, std::move(data)}).ok();
    };
    for (const milestone& m : c->milestones) {
      const std::string id = milestone_id(m.number);
      for (const std::string& type : milestone_types) {
        const bool is_listed = listed.count(type + " " + id) > 0;
        bool any = false;
        for (command_data& p : probes(type, id, *c, at)) any = any || accepted(std::move(p));
        // The engine's canonical payload is among the probes for every type but move (it tries
        // one target); for moves, any target accepted means move is allowed.
        if (any != is_listed) {
          return "allowed disagrees with decide for " + std::string(name_of(actor)) + " " + type +
                 " " + id + (is_listed ? " (listed, but no probe accepted)" : " (not listed, but accepted)");
        }
      }
    }
    const std::pair<std::string, command_data> wide[] = {
        {"end_contract", cmd::end_contract{}},
        {"leave_feedback", cmd::leave_feedback{{true, 3}, ""}},
        {"tick", cmd::tick{}},
        {"add_milestone", cmd::add_milestone{milestone_draft{"A", std::nullopt, {true, 500}, earliest_day(at).to_string()}}},
        {"propose_milestone", cmd::propose_milestone{milestone_draft{"A", std::nullopt, {true, 500}, earliest_day(at).to_string()}}},
        {"respond_offer", cmd::respond_offer{true}},
        {"respond_milestone_proposal", cmd::respond_milestone_proposal{false}},
        {"withdraw_milestone_proposal", cmd::withdraw_milestone_proposal{}},
        {"post_message", cmd::post_message{"m", std::nullopt}},
    };
    for (const auto& [type, data] : wide) {
      if (accepted(data) != (listed.count(type) > 0)) {
        return "allowed disagrees with decide for " + std::string(name_of(actor)) + " " + type;
      }
    }
    // PROTOCOL.md: `allowed` lists commands only.
    for (const allowed_command& a : allowed(c, actor, at)) {
      if (!command_index(a.type)) return "allowed lists " + std::string(a.type) + ", not a command";
    }
  }
  return std::nullopt;
}

// The state a reader holds as of `before`, brought up to date with the state delta since then
// (write_changes): the milestones it lists replace theirs, "order" gives the list.
json merged(const json& before, const json& delta) {
  json out = delta;
  std::map<std::string, json> by_id;
  for (const json& m : before["milestones"]) by_id[m["id"].get<std::string>()] = m;
  for (const json& m : delta["milestones"]) by_id[m["id"].get<std::string>()] = m;
  json list = json::array();
  if (delta.contains("order")) {
    for (const json& id : delta["order"]) list.push_back(by_id[id.get<std::string>()]);
    out.erase("order");
  } else {
    for (const json& m : before["milestones"]) list.push_back(by_id[m["id"].get<std::string>()]);
  }
  out["milestones"] = std::move(list);
  return out;
}

/// Runs a stream with every check; the first failure, or nullopt.
std::optional<std::string> run_stream(const std::vector<std::string>& lines, std::uint64_t salt) {
  milestones::session s;
  session_violation.clear();
  std::mt19937_64 rng(salt);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (auto disagreement = milestones::testing::parsers_disagree(lines[i])) {
      return "line " + std::to_string(i) + ": " + *disagreement;
    }
    const std::string before = state_text(s);
    const json result = json::parse(s.handle(lines[i]), nullptr, false);
    if (result.is_discarded()) return "line " + std::to_string(i) + ": the result is not JSON";
    if (result["ok"] == false) {
      if (state_text(s) != before) return "line " + std::to_string(i) + ": a rejected command changed the state";
      continue;
    }
    if (!session_violation.empty()) return "line " + std::to_string(i) + ": " + session_violation;
    // R26: each event is signed by the actor of the command that made it; automatic releases by
    // no one.
    const std::string actor = json::parse(lines[i])["actor"].get<std::string>();
    for (const json& e : result["events"]) {
      const std::size_t k = e["seq"].get<std::size_t>() - 1;
      const std::optional<milestones::party> signer = milestones::signer_of(s.events()[k]);
      const bool automatic = e["type"] == "payment_released" && e["auto"] == true;
      if (automatic ? signer.has_value() : !signer || milestones::name_of(*signer) != actor) {
        return "line " + std::to_string(i) + ": " + e["type"].get<std::string>() +
               " is not signed by the actor of its command";
      }
    }
    // The state delta since the state before this line brings that state to the one now: every
    // milestone whose record changed (also through another milestone's event) is in it.
    const json old = json::parse(before);
    if (old["ok"] == true) {
      const json delta = json::parse(s.state_changes(old["state"]["seq"].get<std::int64_t>()));
      if (merged(old["state"], delta["state"]) != json::parse(state_text(s))["state"]) {
        return "line " + std::to_string(i) + ": the state delta misses a change";
      }
    }
    if (const auto& c = s.state()) {
      if (auto broken = milestones::check_invariants(*c)) return "line " + std::to_string(i) + ": " + *broken;
    }
    if (rng() % 4 == 0) {
      const std::int64_t at = s.state() ? s.state()->last_at + static_cast<std::int64_t>(rng() % (16 * day_ms)) : t0;
      if (auto problem = check_allowed(s, at)) return "after line " + std::to_string(i) + ": " + *problem;
    }
  }
  if (s.state()) {
    milestones::session again;
    const json log = json::parse(s.handle(R"({"query":"log"})"))["log"];
    const std::string line = json{{"query", "restore"}, {"log", log}}.dump();
    if (auto disagreement = milestones::testing::parsers_disagree(line)) return "restore: " + *disagreement;
    const std::string restored = again.handle(line);
    if (restored != state_text(s)) return "replaying the log does not give the live state";
  }
  return std::nullopt;
}

/// Removes lines while the stream still fails (delta debugging), keeping the first line.
std::vector<std::string> shrink(std::vector<std::string> lines, std::uint64_t salt) {
  for (std::size_t chunk = lines.size() / 2; chunk >= 1; chunk /= 2) {
    bool progress = true;
    while (progress) {
      progress = false;
      for (std::size_t start = 1; start + chunk <= lines.size(); start += chunk) {
        std::vector<std::string> candidate(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(start));
        candidate.insert(candidate.end(), lines.begin() + static_cast<std::ptrdiff_t>(start + chunk), lines.end());
        if (run_stream(candidate, salt)) {
          lines = std::move(candidate);
          progress = true;
          break;
        }
      }
    }
    if (chunk == 1) break;
  }
  return lines;
}

}  // namespace

int main(int argc, char** argv) {
  int streams = 3000, steps = 60, emit_count = 40;
  std::uint64_t seed = 20261126;
  std::string emit_dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--streams") streams = std::stoi(value);
    else if (flag == "--steps") steps = std::stoi(value);
    else if (flag == "--seed") seed = std::stoull(value);
    else if (flag == "--emit") emit_dir = value;
    else if (flag == "--emit-count") emit_count = std::stoi(value);
  }
  if (!emit_dir.empty()) {
    // Streams for the runner comparison, with queries in between.
    for (int k = 0; k < emit_count; ++k) {
      generator g(seed + static_cast<std::uint64_t>(k));
      std::ofstream out(emit_dir + "/stream-" + std::to_string(k) + ".jsonl");
      int n = 0;
      for (const std::string& line : g.stream(steps)) {
        out << line << '\n';
        if (++n % 7 == 0) out << R"({"query":"state"})" << '\n';
        if (n % 11 == 0) out << R"({"query":"allowed","actor":"client","at":)" << t0 + n * day_ms / 3 << "}\n";
      }
      out << R"({"query":"log"})" << '\n';
    }
    std::printf("wrote %d streams to %s\n", emit_count, emit_dir.c_str());
    return 0;
  }
  milestones::set_invariant_handler(record_violation);
  const auto start = std::chrono::steady_clock::now();
  long commands = 0, accepted = 0;
  for (int k = 0; k < streams; ++k) {
    const std::uint64_t stream_seed = seed + static_cast<std::uint64_t>(k);
    generator g(stream_seed);
    std::vector<std::string> lines = g.stream(steps);
    commands += static_cast<long>(lines.size());
    {
      milestones::session s;
      for (const std::string& l : lines) accepted += json::parse(s.handle(l))["ok"] == true;
    }
    if (auto failure = run_stream(lines, stream_seed)) {
      std::printf("FAILED: seed %llu: %s\n", static_cast<unsigned long long>(stream_seed), failure->c_str());
      std::vector<std::string> minimal = shrink(lines, stream_seed);
      std::printf("minimal reproducer (%zu lines; feed to scripts/engine-native):\n", minimal.size());
      for (const std::string& l : minimal) std::printf("%s\n", l.c_str());
      std::printf("still failing with: %s\n", run_stream(minimal, stream_seed).value_or("?").c_str());
      std::printf("0 passed, 1 failed\n");
      return 1;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("property tests: %d streams (seeds %llu..%llu), %ld commands (%ld accepted) in %.1f s\n",
              streams, static_cast<unsigned long long>(seed),
              static_cast<unsigned long long>(seed + static_cast<std::uint64_t>(streams) - 1), commands,
              accepted, seconds);
  std::printf("%d passed, 0 failed\n", streams);
  return 0;
}
