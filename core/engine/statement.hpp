// A statement of account: what each milestone was funded, charged, released, returned to credit
// and refunded, with the dates, and the contract's totals — read from the state and its log, so a
// browser and a server print the same figures. Its text ends with an appendix of what was said
// and delivered: the messages (R24) and each submission's attachments (R25).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/domain.hpp"
#include "model/events.hpp"

namespace milestones {

/// One milestone of a statement. The money is the state's (`funded = released + returned +
/// escrow`, R19); what the state does not keep — how an activation was paid, the extra charged
/// on a release, and when things happened — is read from the log.
struct statement_line {
  const milestone* m = nullptr;
  // How it was funded: from_credit + charged = funded, where charged includes the extra that
  // releases charged on top of the escrow.
  cents from_credit, charged, extra;
  std::optional<timestamp> activated_at, submitted_at, paid_at, refunded_at;
};

/// A message of the log (R24): who posted it, when, on which milestone, and its text (the log's).
struct statement_message {
  party by = party::client;
  timestamp at = 0;
  std::optional<milestone_number> milestone;
  const std::string* text = nullptr;
};

/// A submission that delivered files (R25): when, on which milestone, and its event's files.
struct statement_delivery {
  timestamp at = 0;
  milestone_number milestone = 0;
  const std::vector<attachment_spec>* files = nullptr;
};

struct statement {
  const contract* c = nullptr;
  std::vector<statement_line> lines;  // the milestones in list order (deleted ones are gone)
  std::size_t events = 0;             // the statement stands after this many events
  std::vector<statement_message> messages;  // R24, in log order
  std::vector<statement_delivery> deliveries;  // R25, every submission with files, in log order
  /// The last title the log gives each milestone it names (deleted ones too), in the log's text,
  /// by milestone number (null for a number the log does not name).
  std::vector<const std::string*> titles;
};

/// The statement of `c`, whose log is `log`. Both must outlive it.
statement make_statement(const contract& c, const std::vector<event>& log);

/// The statement as plain text (UTF-8, lines ending in "\n"), the same on every host.
std::string statement_text(const statement& s);

}  // namespace milestones
