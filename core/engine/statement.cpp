#include "engine/statement.hpp"

#include "model/visit.hpp"
#include "rules/words.hpp"

namespace milestones {

statement make_statement(const contract& c, const std::vector<event>& log) {
  statement s;
  s.c = &c;
  s.events = log.size();
  // Milestone numbers run from 1 to next_number: a list by number is their map.
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::vector<std::size_t> line_of(c.next_number + 1, none);
  s.titles.assign(c.next_number + 1, nullptr);
  s.lines.reserve(c.milestones.size());
  for (const milestone& m : c.milestones) {
    line_of[m.number] = s.lines.size();
    s.lines.push_back(statement_line{&m, {}, {}, {}, {}, {}, {}, {}});
  }
  auto line = [&](milestone_number n) -> statement_line* {
    return n < line_of.size() && line_of[n] != none ? &s.lines[line_of[n]] : nullptr;
  };
  auto title = [&](milestone_number n, const std::string* t) {
    if (n < s.titles.size()) s.titles[n] = t;
  };
  auto titled = [&](const milestone_spec& m) { title(m.number, &m.title); };
  for (const event& e : log) {
    visit_variant(
        overloaded{
            [&](const ev::contract_created& x) {
              for (const milestone_spec& m : x.milestones) titled(m);
            },
            [&](const ev::milestone_added& x) { titled(x.milestone); },
            [&](const ev::milestone_proposal_accepted& x) { titled(x.milestone); },
            [&](const ev::milestone_edited& x) {
              if (x.changes.title) title(x.milestone, &*x.changes.title);
            },
            [&](const ev::message_posted& x) {
              s.messages.push_back(statement_message{x.by, e.at, x.milestone, &x.text});
            },
            [&](const ev::milestone_activated& x) {
              if (statement_line* l = line(x.milestone)) {
                l->from_credit += x.from_credit;
                l->charged += x.charged;
                if (!l->activated_at) l->activated_at = e.at;
              }
            },
            [&](const ev::work_submitted& x) {
              if (statement_line* l = line(x.milestone)) l->submitted_at = e.at;
              if (x.attachments) {
                s.deliveries.push_back(statement_delivery{e.at, x.milestone, &*x.attachments});
              }
            },
            [&](const ev::payment_released& x) {
              if (statement_line* l = line(x.milestone)) {
                l->extra += x.extra;
                l->charged += x.extra;
                l->paid_at = e.at;
              }
            },
            [&](const ev::refund_accepted& x) {
              if (statement_line* l = line(x.milestone)) l->refunded_at = e.at;
            },
            [&](const auto&) {},
        },
        e.data);
  }
  return s;
}

namespace {

// "2026-11-26 09:30 UTC"
std::string moment(timestamp at) {
  const std::string iso = iso_time(at);
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

std::string day(timestamp at) { return iso_time(at).substr(0, 10); }

// A label padded to a column, then the figure right-aligned in the next one.
void figure(std::string& out, std::string_view indent, std::string_view label, cents amount,
            std::string_view note = {}) {
  constexpr std::size_t label_width = 20, money_width = 14;
  out += indent;
  out += label;
  out.append(label.size() < label_width ? label_width - label.size() : 1, ' ');
  const std::string money = dollars(amount);
  out.append(money.size() < money_width ? money_width - money.size() : 0, ' ');
  out += money;
  if (!note.empty()) {
    out += "  ";
    out += note;
  }
  out += '\n';
}

std::string_view account_name(account_type t) {
  switch (t) {
    case account_type::standard: return "Standard";
    case account_type::enterprise: return "Enterprise";
    case account_type::enterprise_compliance: return "Enterprise Compliance";
    case account_type::wpp: return "WPP";
  }
  return "";
}

// "on the contract", or "on “Build” (m2)", "(m3, deleted)" for one the contract no longer has.
std::string where(const statement& s, const std::optional<milestone_number>& n) {
  if (!n) return "on the contract";
  const milestone* m = s.c->find(*n);
  const std::string* logged = *n < s.titles.size() ? s.titles[*n] : nullptr;
  const std::string title = m ? m->title : logged ? *logged : "";
  return "on " + quoted(title) + " (" + milestone_id(*n) + (m ? ")" : ", deleted)");
}

// Text over several lines, each indented; "\r\n", "\r" and "\n" all end a line.
void indented(std::string& out, std::string_view text, std::string_view indent) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) {
      out += indent;
      out += text.substr(start, end - start);
    }
    out += '\n';
    if (end == text.size()) break;
    start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
  }
}

// After the figures: what was said (R24) and delivered (R25), when there is anything.
void appendix(std::string& out, const statement& s) {
  const contract& c = *s.c;
  if (!s.messages.empty()) {
    out += "\nMESSAGES\n";
    for (const statement_message& m : s.messages) {
      const std::string& name = m.by == party::client ? c.client : c.freelancer;
      out += "\n" + moment(m.at) + "  " + name + " (" + std::string(name_of(m.by)) + "), " +
             where(s, m.milestone) + "\n";
      indented(out, *m.text, "   ");
    }
  }
  if (!s.deliveries.empty()) {
    out += "\nATTACHMENTS\n";
    for (const statement_delivery& d : s.deliveries) {
      out += "\n" + moment(d.at) + "  " + c.freelancer + " (freelancer), submitted " +
             where(s, d.milestone) + "\n";
      for (const attachment_spec& a : *d.files) {
        out += "   " + a.name + "\n";
        out += "      " + grouped(a.size) + (a.size == 1 ? " byte" : " bytes") + ", SHA-256 " +
               a.sha256 + "\n";
      }
    }
  }
}

}  // namespace

std::string statement_text(const statement& s) {
  const contract& c = *s.c;
  std::string out;
  out += "STATEMENT: " + c.title + "\n\n";
  out += "Contract    " + c.id + "\n";
  out += "Client      " + c.client + "\n";
  out += "Freelancer  " + c.freelancer + "\n";
  out += "Account     " + std::string(account_name(c.account)) + ", " + c.currency + "\n";
  out += "Status      " + std::string(name_of(c.status));
  if (c.ended_at) out += " (ended " + day(*c.ended_at) + ")";
  out += "\n";
  if (c.end_date) out += "Ends        " + c.end_date->to_string() + "\n";
  out += "Created     " + moment(c.created_at) + "\n";
  out += "As of       " + moment(c.last_at) + ", after event " + std::to_string(s.events) + "\n";
  out += "\nMILESTONES\n";
  std::size_t n = 0;
  for (const statement_line& l : s.lines) {
    const milestone& m = *l.m;
    out += "\n" + std::to_string(++n) + ". " + m.title + "\n";
    out += "   " + std::string(name_of(m.status));
    if (m.auto_released) out += " (released automatically)";
    out += ", due " + m.due.to_string();
    if (l.activated_at) out += ", activated " + day(*l.activated_at);
    if (l.submitted_at) out += ", submitted " + day(*l.submitted_at);
    if (l.paid_at) out += ", paid " + day(*l.paid_at);
    if (l.refunded_at) out += ", refunded " + day(*l.refunded_at);
    out += "\n";
    figure(out, "   ", "amount", m.amount);
    figure(out, "   ", "funded", m.funded,
           "from credit " + dollars(l.from_credit) + ", charged " + dollars(l.charged));
    figure(out, "   ", "extra charged", l.extra);
    figure(out, "   ", "released", m.released);
    figure(out, "   ", "kept as credit", m.returned);
    figure(out, "   ", "in escrow", m.escrow);
    figure(out, "   ", "refunded", m.refunded);
  }
  if (s.lines.empty()) out += "\n(none)\n";
  const struct totals& t = c.totals;
  out += "\nTOTALS\n\n";
  figure(out, "", "Budget", t.budget);
  if (t.over_budget() > cents{0}) {
    figure(out, "", "Over budget", t.over_budget(), "released or in escrow beyond the budget");
  }
  figure(out, "", "Charged", t.charged);
  figure(out, "", "In escrow", t.escrow);
  figure(out, "", "Released", t.released);
  figure(out, "", "Kept as credit", t.returned, "escrow not released (R10)");
  figure(out, "", "Credit unused", t.credit);
  figure(out, "", "Credit paid back", t.credit_returned, "when the contract ended");
  figure(out, "", "Refunded", t.refunded);
  figure(out, "", "Net cost (client)", t.net_cost());
  figure(out, "", "Net earned", t.net_earned(), "by the freelancer");
  out += "\nCharged " + dollars(t.charged) + " = released " + dollars(t.released) +
         " + in escrow " + dollars(t.escrow) + " + credit unused " + dollars(t.credit) +
         " + credit paid back " + dollars(t.credit_returned) + "\n";
  out += "Net cost " + dollars(t.net_cost()) + " = charged " + dollars(t.charged) +
         " - credit paid back " + dollars(t.credit_returned) + " - refunded " +
         dollars(t.refunded) + "\n";
  out += "Net earned " + dollars(t.net_earned()) + " = released " + dollars(t.released) +
         " - refunded " + dollars(t.refunded) + "\n";
  out += "For each milestone: funded = released + kept as credit + in escrow.\n";
  appendix(out, s);
  return out;
}

}  // namespace milestones
