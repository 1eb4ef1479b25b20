// Stress: a contract of 1,000 milestones driven through its whole life, and a 100,000-event log
// restored. Prints times and peak memory; fails on any refusal, broken invariant or replay drift.
// With --emit FILE it also writes the whole run as JSON Lines, for the WebAssembly runner.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "engine/engine.hpp"
#include <nlohmann/json.hpp>

#include "json/document.hpp"
#include "json/read.hpp"
#include "json/write.hpp"
#include "protocol.hpp"

namespace {

using json = nlohmann::json;
constexpr std::int64_t t0 = 1'795'651'200'000;
constexpr std::int64_t day = 86'400'000;

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

class driver {
 public:
  explicit driver(std::ofstream* emit) : emit_(emit) {}

  void send(const json& command) {
    const std::string line = command.dump();
    if (emit_) *emit_ << line << '\n';
    const json result = json::parse(session_.handle(line));
    if (result["ok"] != true) {
      std::fprintf(stderr, "refused: %s\n  %s\n", line.substr(0, 200).c_str(), result.dump().c_str());
      std::exit(1);
    }
    ++commands_;
  }

  milestones::session& session() { return session_; }
  long commands() const { return commands_; }

 private:
  milestones::session session_;
  std::ofstream* emit_;
  long commands_ = 0;
};

json on(const char* type, const char* actor, std::int64_t at, int n, json extra = json::object()) {
  extra["type"] = type;
  extra["actor"] = actor;
  extra["at"] = at;
  extra["milestoneId"] = "m" + std::to_string(n);
  return extra;
}

}  // namespace

int main(int argc, char** argv) {
  std::ofstream emit_file;
  if (argc == 3 && std::string(argv[1]) == "--emit") emit_file.open(argv[2]);
  driver d(emit_file.is_open() ? &emit_file : nullptr);
  const int count = 1000;
  auto start = std::chrono::steady_clock::now();

  json ms = json::array();
  for (int i = 1; i <= count; ++i) {
    ms.push_back({{"title", "Milestone " + std::to_string(i)}, {"amount", 500 + (i % 97) * 1000},
                  {"dueDate", "2030-12-31"}});
  }
  d.send({{"type", "create_contract"}, {"actor", "client"}, {"at", t0},
          {"contract", {{"title", "Stress"}, {"accountType", "standard"}, {"client", "Acme"},
                        {"freelancer", "Jo"}, {"milestones", ms}}}});
  std::int64_t at = t0;
  // Reorder the plan a few times while everything is pending (O(milestones) each).
  for (int k = 0; k < 20; ++k) d.send(on("move_milestone", "client", at, count - k, {{"toIndex", k}}));
  // The whole life of every milestone: fund, submit, sometimes changes, release (partial, extra,
  // automatic), refunds on some.
  const json plan = json::parse(d.session().handle(R"({"query":"state"})"))["state"]["milestones"];
  for (const json& m : plan) {
    const int n = std::stoi(m["id"].get<std::string>().substr(1));
    const std::int64_t amount = m["amount"].get<std::int64_t>();
    at += 3'600'000;
    d.send(on("activate_milestone", "client", at, n));
    d.send(on("submit_work", "freelancer", at, n, {{"message", "Delivered"}}));
    if (n % 3 == 0) {
      d.send(on("request_changes", "client", at, n, {{"message", "Please adjust"}}));
      d.send(on("submit_work", "freelancer", at, n, {{"message", "Adjusted"}}));
    }
    if (n % 5 == 0) {
      at += 15 * day;  // nobody reviews: the next command records the automatic release first
      continue;
    }
    const std::int64_t paid = n % 4 == 0 ? amount - 100 : n % 7 == 0 ? amount + 250 : amount;
    d.send(on("release_payment", "client", at, n, {{"amount", paid}}));
    if (n % 11 == 0) {
      d.send(on("request_refund", "client", at, n, {{"amount", 100}, {"reason", "Late"}}));
      d.send(on("respond_refund", "freelancer", at, n, {{"accept", n % 2 == 0}}));
    }
  }
  d.send({{"type", "tick"}, {"actor", "system"}, {"at", at + 15 * day}});
  d.send({{"type", "end_contract"}, {"actor", "client"}, {"at", at + 15 * day}});
  d.send({{"type", "leave_feedback"}, {"actor", "client"}, {"at", at + 15 * day}, {"rating", 5}, {"comment", "Done"}});
  const auto& c = *d.session().state();
  if (auto broken = milestones::check_invariants(c)) {
    std::fprintf(stderr, "invariant broken: %s\n", broken->c_str());
    return 1;
  }
  std::printf("1,000-milestone contract: %ld commands, %lld events, %.2f s, status %s, released $%.2f\n",
              d.commands(), static_cast<long long>(c.seq), seconds_since(start),
              std::string(milestones::name_of(c.status)).c_str(), c.totals.released.value / 100.0);

  // A 100,000-event log: a second contract whose due dates are proposed and rejected many times.
  driver big(nullptr);
  json few = json::array();
  for (int i = 1; i <= 100; ++i) few.push_back({{"title", "M" + std::to_string(i)}, {"amount", 500}, {"dueDate", "2030-12-31"}});
  big.send({{"type", "create_contract"}, {"actor", "client"}, {"at", t0},
            {"contract", {{"title", "Long log"}, {"accountType", "standard"}, {"client", "Acme"},
                          {"freelancer", "Jo"}, {"milestones", few}}}});
  std::int64_t t = t0;
  while (big.session().state()->seq < 100'000) {
    const int n = static_cast<int>(big.session().state()->seq % 100) + 1;
    t += 1000;
    big.send(on("propose_due_date", "freelancer", t, n, {{"dueDate", "2031-01-15"}}));
    big.send(on("respond_due_date", "client", t, n, {{"accept", false}}));
  }
  const std::string log_line = json{{"query", "restore"}, {"log", json::parse(big.session().handle(R"({"query":"log"})"))["log"]}}.dump();
  if (emit_file.is_open()) emit_file << R"({"query":"state"})" << '\n';
  start = std::chrono::steady_clock::now();
  milestones::session restored;
  const std::string answer = restored.handle(log_line);
  const double restore_s = seconds_since(start);
  if (answer != big.session().handle(R"({"query":"state"})")) {
    std::fprintf(stderr, "the restored 100,000-event log differs from the live contract\n");
    return 1;
  }
  std::printf("restore of a %lld-event log (%.1f MiB of JSON): %.3f s, state identical\n",
              static_cast<long long>(big.session().state()->seq), log_line.size() / 1048576.0, restore_s);
  std::printf("peak memory (max RSS): %.1f MiB\n", peak_rss_kib() / 1024.0);
  if (emit_file.is_open()) emit_file << log_line << '\n' << R"({"query":"log"})" << '\n';
  std::printf("2 passed, 0 failed\n");
  return 0;
}
