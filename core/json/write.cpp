// Writing the protocol (see write.hpp). Events are written from their field lists in
// json/schema.hpp; the state's shape is PROTOCOL.md's "State".
#include "json/write.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <stdexcept>

#include "json/schema.hpp"
#include "model/visit.hpp"
#include "rules/turns.hpp"

namespace milestones {

// Most answers fit in 256 bytes.
json_writer::json_writer() : out_(256, '\0'), buf_(out_.data()), room_(out_.size()) {}

void json_writer::grow(std::size_t need) {
  out_.resize(std::max(room_ * 2, len_ + need));
  buf_ = out_.data();
  room_ = out_.size();
}

void json_writer::put(const char* text, std::size_t n) {
  if (room_ - len_ < n) grow(n);
  std::memcpy(buf_ + len_, text, n);
  len_ += n;
}

std::string json_writer::take() {
  out_.resize(len_);
  std::string text = std::move(out_);
  out_.clear();
  buf_ = out_.data();
  room_ = 0;
  len_ = 0;
  depth_ = 0;
  empty_ = 0;
  after_key_ = false;
  return text;
}

void json_writer::open(char bracket) {
  separate();
  if (depth_ == 64) throw std::length_error("json_writer: nesting deeper than 64");
  put(bracket);
  empty_ |= std::uint64_t{1} << depth_;
  ++depth_;
}

json_writer& json_writer::begin_object() {
  open('{');
  return *this;
}
json_writer& json_writer::end_object() {
  put('}');
  --depth_;
  return *this;
}
json_writer& json_writer::begin_array() {
  open('[');
  return *this;
}
json_writer& json_writer::end_array() {
  put(']');
  --depth_;
  return *this;
}
json_writer& json_writer::key(std::string_view name) {
  // Keys are the protocol's own words (letters only): nothing to escape.
  separate();
  if (room_ - len_ < name.size() + 3) grow(name.size() + 3);
  buf_[len_] = '"';
  std::memcpy(buf_ + len_ + 1, name.data(), name.size());
  buf_[len_ + 1 + name.size()] = '"';
  buf_[len_ + 2 + name.size()] = ':';
  len_ += name.size() + 3;
  after_key_ = true;
  return *this;
}
json_writer& json_writer::value(std::string_view text) {
  separate();
  static constexpr char hex[] = "0123456789abcdef";
  put('"');
  std::size_t run = 0;  // start of the characters not yet written, none of which needs escaping
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    put(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': put("\\\"", 2); break;
      case '\\': put("\\\\", 2); break;
      case '\b': put("\\b", 2); break;
      case '\f': put("\\f", 2); break;
      case '\n': put("\\n", 2); break;
      case '\r': put("\\r", 2); break;
      case '\t': put("\\t", 2); break;
      default: {
        const char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
        put(escape, 6);
      }
    }
  }
  put(text.data() + run, text.size() - run);
  put('"');
  return *this;
}
json_writer& json_writer::value(std::int64_t number) {
  separate();
  if (room_ - len_ < 24) grow(24);
  len_ = static_cast<std::size_t>(std::to_chars(buf_ + len_, buf_ + len_ + 24, number).ptr - buf_);
  return *this;
}
json_writer& json_writer::value(bool flag) {
  separate();
  if (flag) {
    put("true", 4);
  } else {
    put("false", 5);
  }
  return *this;
}
json_writer& json_writer::null() {
  separate();
  put("null", 4);
  return *this;
}

namespace {

template <class T, class F>
void write_optional(json_writer& w, const std::optional<T>& v, F&& body) {
  if (v) {
    body(*v);
  } else {
    w.null();
  }
}

using schema::is_optional;

// One event member, by its C++ type (the codecs of json/schema.hpp).
void put(json_writer& w, const std::string& v) { w.value(v); }
void put(json_writer& w, cents v) { w.value(v); }
void put(json_writer& w, std::int64_t v) { w.value(v); }
void put(json_writer& w, int v) { w.value(std::int64_t{v}); }
void put(json_writer& w, bool v) { w.value(v); }
void put(json_writer& w, date v) { w.value(v.to_string()); }
void put(json_writer& w, party v) { w.value(name_of(v)); }
void put(json_writer& w, account_type v) { w.value(name_of(v)); }
void put(json_writer& w, milestone_number v) { w.value(milestone_id(v)); }
template <class T, std::enable_if_t<schema::has_fields<T>::value, int> = 0>
void put(json_writer& w, const T& v);
template <class T>
void put(json_writer& w, const std::vector<T>& list) {
  w.begin_array();
  for (const T& item : list) put(w, item);
  w.end_array();
}
template <class T>
void put_fields(json_writer& w, const T& v) {
  schema::for_each_field<T>([&](const auto& f) {
    const auto& member = v.*(f.member);
    if constexpr (is_optional<std::decay_t<decltype(member)>>::value) {
      if (!member && f.how == schema::codec::omit_empty) return;
      w.key(f.key);
      write_optional(w, member, [&](const auto& x) { put(w, x); });
    } else {
      w.key(f.key);
      put(w, member);
    }
  });
}
template <class T, std::enable_if_t<schema::has_fields<T>::value, int>>
void put(json_writer& w, const T& v) {
  w.begin_object();
  put_fields(w, v);
  w.end_object();
}

}  // namespace

void write(json_writer& w, const event& e) { write(w, e, nullptr); }

void write(json_writer& w, const event& e, const event_signature* sig) {
  w.begin_object().key("seq").value(e.seq).key("at").value(e.at).key("type").value(
      type_name(e.data));
  visit_variant([&](const auto& data) { put_fields(w, data); }, e.data);
  if (sig) write(w.key("signature"), *sig);
  w.end_object();
}

void write_keys(json_writer& w, const std::optional<std::string>& client,
                const std::optional<std::string>& freelancer) {
  if (!client) {
    w.null();
    return;
  }
  w.begin_object().key("client").value(*client).key("freelancer");
  write_optional(w, freelancer, [&](const std::string& key) { w.value(key); });
  w.end_object();
}

void write(json_writer& w, const event_signature& sig) {
  w.begin_object().key("by").value(name_of(sig.by));
  if (sig.key) w.key("key").value(*sig.key);
  w.key("sig").value(sig.sig).end_object();
}

namespace {


void write_note(json_writer& w, const std::optional<text_note>& note) {
  write_optional(w, note, [&](const text_note& n) {
    w.begin_object().key("message").value(n.message).key("at").value(n.at).end_object();
  });
}

// The latest submission; `attachments` only when it delivered files (R25), as its event.
void write_submission(json_writer& w, const std::optional<submission_note>& note) {
  write_optional(w, note, [&](const submission_note& n) {
    w.begin_object().key("message").value(n.message).key("at").value(n.at);
    if (!n.attachments.empty()) {
      w.key("attachments").begin_array();
      for (const attachment& a : n.attachments) {
        w.begin_object().key("name").value(a.name).key("size").value(a.size)
            .key("sha256").value(a.sha256);
        if (a.url) w.key("url").value(*a.url);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  });
}

void write_feedback(json_writer& w, const std::optional<feedback_entry>& f) {
  write_optional(w, f, [&](const feedback_entry& x) {
    w.begin_object()
        .key("rating").value(std::int64_t{x.rating})
        .key("comment").value(x.comment)
        .key("at").value(x.at)
        .end_object();
  });
}

void write_totals(json_writer& w, const struct totals& t) {
  w.begin_object()
      .key("budget").value(t.budget)
      .key("funded").value(t.funded)
      .key("escrow").value(t.escrow)
      .key("released").value(t.released)
      .key("returned").value(t.returned)
      .key("refunded").value(t.refunded)
      .key("charged").value(t.charged)
      .key("credit").value(t.credit)
      .key("creditReturned").value(t.credit_returned)
      .key("netCost").value(t.net_cost())
      .key("netEarned").value(t.net_earned())
      .key("overBudget").value(t.over_budget())
      .end_object();
}

// `waitingOn`: null, or {party, action, by} with `by` a review deadline, a due date or null.
void write_turn(json_writer& w, const std::optional<turn>& t) {
  write_optional(w, t, [&](const turn& x) {
    w.begin_object().key("party").value(name_of(x.who)).key("action").value(x.action).key("by");
    visit_variant(overloaded{[&](std::monostate) { w.null(); },
                             [&](date d) { w.value(d.to_string()); },
                             [&](timestamp at) { w.value(at); }},
                  x.by);
    w.end_object();
  });
}

// What the state shows of a milestone; `refundable`, `deliveryDue` and `waitingOn` also depend
// on the contract (its status, which milestone is next): apply marks a milestone changed when
// they do.
void write_milestone(json_writer& w, const contract& c, const milestone& m) {
  w.begin_object()
      .key("id").value(milestone_id(m.number))
      .key("title").value(m.title)
      .key("description").value(m.description)
      .key("amount").value(m.amount)
      .key("dueDate").value(m.due.to_string())
      .key("deliveryDue");
  write_optional(w, delivery_due(c, m), [&](date d) { w.value(d.to_string()); });
  w.key("status").value(name_of(m.status))
      .key("pinned").value(is_pinned(m))
      .key("funded").value(m.funded)
      .key("escrow").value(m.escrow)
      .key("released").value(m.released)
      .key("returned").value(m.returned)
      .key("refunded").value(m.refunded)
      .key("refundable").value(refundable(m))
      .key("submission");
  write_submission(w, m.submission);
  w.key("reviewDeadline");
  write_optional(w, m.review_deadline, [&](timestamp t) { w.value(t); });
  w.key("revisions").value(std::int64_t{m.revisions})
      .key("autoReleased").value(m.auto_released)
      .key("changeRequest");
  write_note(w, m.change_request);
  w.key("dueDateProposal");
  write_optional(w, m.proposal, [&](const due_date_proposal& p) {
    w.begin_object().key("dueDate").value(p.due.to_string()).key("by").value(name_of(p.by))
        .end_object();
  });
  w.key("refundRequest");
  write_optional(w, m.refund, [&](const refund_request& r) {
    w.begin_object().key("amount").value(r.amount).key("reason").value(r.reason)
        .key("at").value(r.at).end_object();
  });
  w.key("messages").value(m.messages)  // R24
      .key("waitingOn");
  write_turn(w, waiting_on(c, m));
  w.end_object();
}

}  // namespace

namespace {

// The state; with `since` > 0, only the milestones changed after it, and "order" when the list's
// order changed after it.
void write_state(json_writer& w, const contract& c, std::int64_t since) {
  w.begin_object().key("contract").begin_object()
      .key("id").value(c.id)
      .key("title").value(c.title)
      .key("accountType").value(name_of(c.account))
      .key("currency").value(c.currency)
      .key("client").value(c.client)
      .key("freelancer").value(c.freelancer)
      .key("status").value(name_of(c.status))
      .key("planLocked").value(plan_locked(c))
      .key("newOfferBy");
  write_optional(w, new_offer_by(c), [&](party p) { w.value(name_of(p)); });
  w.key("createdAt").value(c.created_at)
      .key("endDate");
  write_optional(w, c.end_date, [&](date d) { w.value(d.to_string()); });
  w.key("endedAt");
  write_optional(w, c.ended_at, [&](timestamp t) { w.value(t); });
  w.key("milestoneProposal");  // R23
  write_optional(w, c.proposal, [&](const milestone_proposal& p) {
    w.begin_object().key("title").value(p.title).key("description").value(p.description)
        .key("amount").value(p.amount).key("dueDate").value(p.due.to_string())
        .key("at").value(p.at).end_object();
  });
  w.key("messages").value(c.messages)  // R24
      .key("keys");
  write_keys(w, c.client_key, c.freelancer_key);
  w.key("waitingOn");
  write_turn(w, waiting_on(c));
  w.end_object().key("milestones").begin_array();
  for (const milestone& m : c.milestones) {
    if (m.changed > since) write_milestone(w, c, m);
  }
  w.end_array();
  if (since > 0 && c.order_changed > since) {
    w.key("order").begin_array();
    for (const milestone& m : c.milestones) w.value(milestone_id(m.number));
    w.end_array();
  }
  w.key("totals");
  write_totals(w, c.totals);
  w.key("feedback").begin_object().key("client");
  write_feedback(w, c.client_feedback);
  w.key("freelancer");
  write_feedback(w, c.freelancer_feedback);
  w.end_object().key("seq").value(c.seq).key("lastAt").value(c.last_at).end_object();
}

}  // namespace

void write(json_writer& w, const contract& c) { write_state(w, c, 0); }

void write_changes(json_writer& w, const contract& c, std::int64_t since) {
  write_state(w, c, std::max<std::int64_t>(since, 0));
}

void write(json_writer& w, const statement& s) {
  const contract& c = *s.c;
  auto time = [&](const std::optional<timestamp>& t) {
    write_optional(w, t, [&](timestamp v) { w.value(v); });
  };
  w.begin_object().key("contract").begin_object()
      .key("id").value(c.id)
      .key("title").value(c.title)
      .key("accountType").value(name_of(c.account))
      .key("currency").value(c.currency)
      .key("client").value(c.client)
      .key("freelancer").value(c.freelancer)
      .key("status").value(name_of(c.status))
      .key("createdAt").value(c.created_at)
      .key("endDate");
  write_optional(w, c.end_date, [&](date d) { w.value(d.to_string()); });
  w.key("endedAt");
  time(c.ended_at);
  w.end_object().key("asOf").value(c.last_at).key("events").value(static_cast<std::int64_t>(s.events))
      .key("milestones").begin_array();
  for (const statement_line& l : s.lines) {
    const milestone& m = *l.m;
    w.begin_object()
        .key("id").value(milestone_id(m.number))
        .key("title").value(m.title)
        .key("amount").value(m.amount)
        .key("dueDate").value(m.due.to_string())
        .key("status").value(name_of(m.status))
        .key("autoReleased").value(m.auto_released)
        .key("funded").value(m.funded)
        .key("fromCredit").value(l.from_credit)
        .key("charged").value(l.charged)
        .key("extra").value(l.extra)
        .key("released").value(m.released)
        .key("returned").value(m.returned)
        .key("escrow").value(m.escrow)
        .key("refunded").value(m.refunded)
        .key("activatedAt");
    time(l.activated_at);
    w.key("submittedAt");
    time(l.submitted_at);
    w.key("paidAt");
    time(l.paid_at);
    w.key("refundedAt");
    time(l.refunded_at);
    w.end_object();
  }
  w.end_array().key("totals");
  write_totals(w, c.totals);
  w.key("text").value(statement_text(s)).end_object();
}

void write(json_writer& w, const rejection& r) {
  w.begin_object().key("code").value(name_of(r.code)).key("message").value(r.message);
  if (!r.rule.empty()) w.key("rule").value(r.rule);
  if (!r.field.empty()) w.key("field").value(r.field);
  if (r.index) w.key("index").value(*r.index);
  w.key("params").begin_object();
  for (const param& p : r.params) {
    w.key(p.key);
    switch (p.type) {
      case param::kind::number: w.value(p.number); break;
      case param::kind::text: w.value(p.text); break;
      case param::kind::null: w.null(); break;
    }
  }
  w.end_object();
  if (!r.detail.empty()) w.key("detail").value(r.detail);
  w.end_object();
}

void write_log(json_writer& w, const std::vector<event>& events, const log_signatures& sigs,
               timestamp last_at) {
  w.begin_object()
      .key("format").value("milestone-log")
      .key("version").value(std::int64_t{1})
      .key("lastAt").value(last_at)
      .key("events").begin_array();
  for (std::size_t i = 0; i < events.size(); ++i) {
    write(w, events[i], i < sigs.size() && sigs[i] ? &*sigs[i] : nullptr);
  }
  w.end_array().end_object();
}

void write_allowed(json_writer& w, const std::vector<allowed_command>& entries) {
  w.begin_array();
  for (const allowed_command& a : entries) {
    w.begin_object().key("type").value(a.type);
    if (a.milestone) w.key("milestoneId").value(milestone_id(*a.milestone));
    w.end_object();
  }
  w.end_array();
}

void write_blocked(json_writer& w, const std::vector<blocked_command>& entries) {
  w.begin_array();
  for (const blocked_command& b : entries) {
    w.begin_object().key("type").value(b.type);
    if (b.milestone) w.key("milestoneId").value(milestone_id(*b.milestone));
    w.key("error");
    write(w, b.error);
    w.end_object();
  }
  w.end_array();
}

void write_account_types(json_writer& w) {
  w.begin_array();
  for (account_type t : all_account_types) {
    w.begin_object()
        .key("id").value(name_of(t))
        .key("locksPlan").value(is_locked(t))
        .key("needsEndDate").value(needs_end_date(t))
        .end_object();
  }
  w.end_array();
}

}  // namespace milestones
