// The statement of account: per-milestone figures from the state and the log, the totals, and
// the same figures in the plain text a server prints.
#include "support.hpp"

using namespace test;

namespace {

json statement_of(contract_under_test& c) {
  return json::parse(c.raw().handle(R"({"query":"statement"})"));
}

}  // namespace

TEST_CASE("statement: funding, partial and extra releases, a refund and the credit returned") {
  contract_under_test c;
  three_milestones(c);  // Design $100, Build $200, Launch $300
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  REQUIRE(c.code(act("submit_work", "m1", day(1), {{"message", "Done"}}, "freelancer")) == "OK");
  REQUIRE(c.code(act("release_payment", "m1", day(2), {{"amount", 6000}})) == "OK");   // $40 credit
  REQUIRE(c.code(act("activate_milestone", "m2", day(3))) == "OK");                    // $40 + $160
  REQUIRE(c.code(act("release_payment", "m2", day(4), {{"amount", 25000}})) == "OK");  // $50 extra
  REQUIRE(c.code(act("request_refund", "m2", day(5), {{"amount", 3000}, {"reason", "Late"}})) == "OK");
  REQUIRE(c.code(act("respond_refund", "m2", day(6), {{"accept", true}}, "freelancer")) == "OK");
  const json s = statement_of(c)["statement"];
  REQUIRE(s["milestones"].size() == 3);
  const json& design = s["milestones"][0];
  CHECK(design["funded"] == 10000);
  CHECK(design["fromCredit"] == 0);
  CHECK(design["charged"] == 10000);
  CHECK(design["released"] == 6000);
  CHECK(design["returned"] == 4000);
  CHECK(design["extra"] == 0);
  CHECK(design["activatedAt"] == day(0));
  CHECK(design["submittedAt"] == day(1));
  CHECK(design["paidAt"] == day(2));
  CHECK(design["refundedAt"] == nullptr);
  const json& build = s["milestones"][1];
  CHECK(build["fromCredit"] == 4000);
  CHECK(build["charged"] == 16000 + 5000);
  CHECK(build["extra"] == 5000);
  CHECK(build["released"] == 25000);
  CHECK(build["refunded"] == 3000);
  CHECK(build["refundedAt"] == day(6));
  CHECK(build["submittedAt"] == nullptr);
  CHECK(s["milestones"][2]["status"] == "pending");
  CHECK(s["milestones"][2]["activatedAt"] == nullptr);
  // The totals are the state's.
  CHECK(s["totals"] == c.state()["totals"]);
  CHECK(s["events"] == c.raw().events().size());
  CHECK(s["asOf"] == day(6));

  const std::string text = s["text"].get<std::string>();
  CAPTURE(text);
  CHECK(text.rfind("STATEMENT: Website\n", 0) == 0);
  CHECK(text.find("1. Design\n   paid, due 2026-12-31, activated 2026-11-26, submitted 2026-11-27, paid 2026-11-28\n") != std::string::npos);
  CHECK(text.find("   funded                     $100.00  from credit $0.00, charged $100.00\n") != std::string::npos);
  CHECK(text.find("   kept as credit              $40.00\n") != std::string::npos);
  CHECK(text.find("   funded                     $250.00  from credit $40.00, charged $210.00\n") != std::string::npos);
  CHECK(text.find("   extra charged               $50.00\n") != std::string::npos);
  CHECK(text.find("   refunded                    $30.00\n") != std::string::npos);
  CHECK(text.find("Charged                    $310.00\n") != std::string::npos);
  CHECK(text.find("Refunded                    $30.00\n") != std::string::npos);
  CHECK(text.find("\nCharged $310.00 = released $310.00 + in escrow $0.00 + credit unused $0.00 + "
                  "credit paid back $0.00\n") != std::string::npos);
  // Each party's net figure, with the refund inside the reconciliation.
  CHECK(text.find("Net cost $280.00 = charged $310.00 - credit paid back $0.00 - refunded $30.00\n") !=
        std::string::npos);
  CHECK(text.find("Net earned $280.00 = released $310.00 - refunded $30.00\n") != std::string::npos);
  CHECK(s["totals"]["netCost"] == 28000);
  CHECK(s["totals"]["netEarned"] == 28000);
  // The session's plain text (what the native runner prints) is the query's.
  CHECK(c.raw().statement_text() == text);
}

TEST_CASE("statement: before a contract there is none; ended contracts say so") {
  contract_under_test c;
  CHECK(statement_of(c)["error"]["code"] == "NO_CONTRACT");
  CHECK(!c.raw().statement_text());
  REQUIRE(c.code(create(json::array({milestone("Only", 10000)}))) == "OK");
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  REQUIRE(c.code(act("release_payment", "m1", day(0), {{"amount", 6000}})) == "OK");
  REQUIRE(c.code(command("end_contract", "client", day(1))) == "OK");
  const std::string text = statement_of(c)["statement"]["text"].get<std::string>();
  CAPTURE(text);
  CHECK(text.find("Status      ended (ended 2026-11-27)\n") != std::string::npos);
  CHECK(text.find("Credit paid back            $40.00  when the contract ended\n") != std::string::npos);
  CHECK(text.find("Net cost (client)           $60.00\n") != std::string::npos);
  CHECK(text.find("Credit unused                $0.00\n") != std::string::npos);
}

TEST_CASE("statement: released beyond the budget is said as such; each party's net figure") {
  contract_under_test c;
  REQUIRE(c.code(create(json::array({milestone("Only", 10000)}))) == "OK");
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  REQUIRE(c.code(act("release_payment", "m1", day(1), {{"amount", 12000}})) == "OK");  // $20 extra
  const json s = statement_of(c)["statement"];
  CHECK(s["totals"]["overBudget"] == 2000);
  CHECK(s["totals"]["netCost"] == 12000);
  CHECK(s["totals"]["netEarned"] == 12000);
  const std::string text = s["text"].get<std::string>();
  CAPTURE(text);
  CHECK(text.find("Over budget                 $20.00  released or in escrow beyond the budget\n") !=
        std::string::npos);
  // The state's totals carry the same figures.
  CHECK(c.state()["totals"]["overBudget"] == 2000);
  REQUIRE(c.code(act("request_refund", "m1", day(2), {{"amount", 5000}, {"reason", "Late"}})) == "OK");
  REQUIRE(c.code(act("respond_refund", "m1", day(3), {{"accept", true}}, "freelancer")) == "OK");
  CHECK(c.state()["totals"]["netCost"] == 7000);
  CHECK(c.state()["totals"]["netEarned"] == 7000);
  CHECK(c.state()["totals"]["overBudget"] == 2000);  // refunds do not undo what was committed
}

TEST_CASE("R24: the statement's appendix lists every message: when, who, where and the text") {
  contract_under_test c;
  three_milestones(c);  // Design, Build, Launch
  const std::string before = c.raw().statement_text().value();
  CHECK(before.find("MESSAGES") == std::string::npos);  // none yet: no appendix
  REQUIRE(c.code(command("post_message", "client", day(0) + 9 * 3'600'000,
                         {{"text", "Welcome.\n\nStart with the design."}})) == "OK");
  REQUIRE(c.code(act("post_message", "m2", day(1), {{"text", "Build\r\nnext?"}}, "freelancer")) == "OK");
  REQUIRE(c.code(act("post_message", "m3", day(1), {{"text", "Launch later."}})) == "OK");
  REQUIRE(c.code(act("edit_milestone", "m3", day(1), {{"changes", {{"title", "Go live"}}}})) == "OK");
  REQUIRE(c.code(act("delete_milestone", "m3", day(2))) == "OK");
  const std::string text = statement_of(c)["statement"]["text"].get<std::string>();
  CAPTURE(text);
  // After the figures, in log order; a deleted milestone by its last title.
  const std::string appendix =
      "\nMESSAGES\n"
      "\n2026-11-26 09:00 UTC  Acme (client), on the contract\n"
      "   Welcome.\n"
      "\n"
      "   Start with the design.\n"
      "\n2026-11-27 00:00 UTC  Jo (freelancer), on \u201CBuild\u201D (m2)\n"
      "   Build\n"
      "   next?\n"
      "\n2026-11-27 00:00 UTC  Acme (client), on \u201CGo live\u201D (m3, deleted)\n"
      "   Launch later.\n";
  CHECK(text.size() > appendix.size());
  CHECK(text.substr(text.size() - appendix.size()) == appendix);
  CHECK(text.find("For each milestone: funded = released + kept as credit + in escrow.\n\nMESSAGES") !=
        std::string::npos);
  CHECK(c.raw().statement_text() == text);
}

TEST_CASE("R25: the statement's appendix lists each submission's attachments: name, size, SHA-256") {
  contract_under_test c;
  three_milestones(c);
  REQUIRE(c.code(act("activate_milestone", "m1", day(0))) == "OK");
  const std::string hash(64, 'a');
  json files = json::array({{{"name", "mockups.pdf"}, {"size", 1'234'567}, {"sha256", hash}},
                            {{"name", "readme.txt"}, {"size", 1}, {"sha256", std::string(64, '0')},
                             {"url", "https://x.example/readme.txt"}}});
  REQUIRE(c.code(act("submit_work", "m1", day(1), {{"message", "v1"}, {"attachments", files}},
                     "freelancer")) == "OK");
  REQUIRE(c.code(act("request_changes", "m1", day(2), {{"message", "Again"}})) == "OK");
  REQUIRE(c.code(act("submit_work", "m1", day(3), {{"message", "v2, no files"}}, "freelancer")) == "OK");
  REQUIRE(c.code(act("request_changes", "m1", day(4), {{"message", "Once more"}})) == "OK");
  files = json::array({{{"name", "mockups-v3.pdf"}, {"size", 0}, {"sha256", hash}}});
  REQUIRE(c.code(act("submit_work", "m1", day(5), {{"message", "v3"}, {"attachments", files}},
                     "freelancer")) == "OK");
  REQUIRE(c.code(act("post_message", "m1", day(5), {{"text", "Thanks"}})) == "OK");
  const std::string text = statement_of(c)["statement"]["text"].get<std::string>();
  CAPTURE(text);
  // Every submission that delivered files, in log order, after the messages.
  const std::string appendix =
      "\nMESSAGES\n"
      "\n2026-12-01 00:00 UTC  Acme (client), on \u201CDesign\u201D (m1)\n"
      "   Thanks\n"
      "\nATTACHMENTS\n"
      "\n2026-11-27 00:00 UTC  Jo (freelancer), submitted on \u201CDesign\u201D (m1)\n"
      "   mockups.pdf\n"
      "      1,234,567 bytes, SHA-256 " + hash + "\n"
      "   readme.txt\n"
      "      1 byte, SHA-256 " + std::string(64, '0') + "\n"
      "\n2026-12-01 00:00 UTC  Jo (freelancer), submitted on \u201CDesign\u201D (m1)\n"
      "   mockups-v3.pdf\n"
      "      0 bytes, SHA-256 " + hash + "\n";
  CHECK(text.size() > appendix.size());
  CHECK(text.substr(text.size() - appendix.size()) == appendix);
  CHECK(text.find("https://") == std::string::npos);  // the file is its name, size and hash
}
