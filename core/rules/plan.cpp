// The plan and its changes: creating a contract (R1–R3, R13), adding, editing and deleting
// milestones (R3, R4), and their order (R5).
#include <algorithm>

#include "model/text.hpp"
#include "rules/judging.hpp"
#include "rules/status.hpp"
#include "rules/words.hpp"

namespace milestones {

// R3: a locked plan cannot change after creation (R22: after the offer was accepted).
// The count a contract cannot pass (add_milestone, and R23's proposals).
rejection too_many_milestones(const contract& c) {
  return reject(error_code::limit_exceeded, "",
                "This contract already has 1000 milestones, the most it can have.")
      .with("limit", static_cast<std::int64_t>(max_milestones))
      .with("count", static_cast<std::int64_t>(c.milestones.size()));
}

rejection locked_plan(const contract& c, const char* rule) {
  return reject(error_code::contract_locked, rule,
                "This contract's milestones were fixed at the start (" +
                    std::string(display_name(c.account)) +
                    " account); to add, edit or delete milestones, create a new contract offer.")
      .with("accountType", name_of(c.account));
}

namespace {

std::vector<milestone_number> pending_order(const contract& c) {
  std::vector<milestone_number> order;
  order.reserve(c.milestones.size() - c.activated_count);
  for (std::size_t i = c.activated_count; i < c.milestones.size(); ++i) {
    order.push_back(c.milestones[i].number);
  }
  return order;
}

}  // namespace

milestone_spec spec_of(milestone_number n, const milestone_draft& m) {
  return milestone_spec{n, std::string(trim(m.title)), m.description.value_or(""),
                        cents{m.amount.value}, *date::parse(m.due_date)};
}

// R1–R3, R13: what a contract needs at creation.
void check_fields(field_checks& v, const cmd::create_contract& c) {
  const contract_draft& d = c.contract;
  if (d.id) v.required_text(*d.id, max_name, text_kind::line, "The contract id", "contract.id");
  v.required_text(d.title, max_title, text_kind::trimmed_line, "The contract title",
                  "contract.title");
  auto type = parse_account_type(d.account_type);
  if (!type) {
    v.fail(reject(error_code::invalid_field, "R2",
                  "The account type must be Standard, Enterprise, Enterprise Compliance or Work "
                  "Protection Program (WPP).",
                  "contract.accountType")
               .with("accountType", d.account_type));
  }
  if (d.currency && *d.currency != "USD") {
    v.fail(reject(error_code::invalid_field, "R1", "Only US dollars (USD) are supported.",
                  "contract.currency")
               .with("currency", *d.currency));
  }
  v.required_text(d.client, max_name, text_kind::trimmed_line, "The client's name",
                  "contract.client");
  v.required_text(d.freelancer, max_name, text_kind::trimmed_line, "The freelancer's name",
                  "contract.freelancer");
  if (d.end_date) v.future_date(*d.end_date, "contract.endDate", "R13");
  if (c.client_key) v.public_key(*c.client_key, "clientKey");
  if (type && is_locked(*type) && d.milestones.empty()) {
    v.fail(reject(error_code::invalid_field, "R3",
                  with_article(*type) +
                      " contract must set all its milestones at the start; add at least one.",
                  "contract.milestones")
               .with("accountType", name_of(*type)));
  }
  if (d.milestones.size() > max_milestones) {
    v.fail(reject(error_code::limit_exceeded, "", "A contract can have at most 1000 milestones.",
                  "contract.milestones")
               .with("limit", static_cast<std::int64_t>(max_milestones))
               .with("count", static_cast<std::int64_t>(d.milestones.size())));
  }
  for (std::size_t i = 0; i < d.milestones.size() && i < max_milestones; ++i) {
    v.milestone(d.milestones[i], "contract.milestones", i);
  }
}

// R13: on a compliance contract every due date lies within the end date.
verdict rule(judging& j, const cmd::create_contract& c) {
  const contract_draft& d = c.contract;
  ev::contract_created e;
  if (c.offer.value_or(false)) e.offer = true;  // R22: an offer for the freelancer to answer
  e.client_key = c.client_key;                    // R26: a signed contract
  contract_terms& t = e.contract;
  t.id = d.id ? *d.id : "contract";
  t.title = std::string(trim(d.title));
  t.account = *parse_account_type(d.account_type);
  t.currency = "USD";
  t.client = std::string(trim(d.client));
  t.freelancer = std::string(trim(d.freelancer));
  if (d.end_date) t.end_date = date::parse(*d.end_date);
  e.milestones.reserve(d.milestones.size());
  milestone_number n = 1;
  for (const milestone_draft& m : d.milestones) e.milestones.push_back(spec_of(n++, m));
  if (needs_end_date(t.account)) {
    for (std::size_t i = 0; i < e.milestones.size(); ++i) {
      if (e.milestones[i].due > *t.end_date) {
        return reject(error_code::outside_contract_scope, "R13",
                      "The due date of " + quoted(e.milestones[i].title) + ", " +
                          readable(e.milestones[i].due) + ", is after the contract's end date, " +
                          readable(*t.end_date) + "; choose an earlier date or a later end date.",
                      "contract.milestones[" + std::to_string(i) + "].dueDate")
            .with("title", e.milestones[i].title)
            .with("dueDate", e.milestones[i].due.to_string())
            .with("endDate", t.end_date->to_string());
      }
    }
  }
  j.emit(std::move(e));
  return std::nullopt;
}

// R4: added milestones go at the end, pending; R3: not on a locked plan.
void check_fields(field_checks& v, const cmd::add_milestone& c) {
  v.milestone(c.milestone, "milestone.", std::nullopt);
}
verdict rule(judging& j, const cmd::add_milestone& c) {
  if (plan_locked(*j.c)) return locked_plan(*j.c);
  if (j.c->milestones.size() >= max_milestones) return too_many_milestones(*j.c);
  milestone_spec added = spec_of(j.c->next_number, c.milestone);
  if (auto r = outside_scope(*j.c, added.due, "milestone.dueDate")) return r;  // R13 (an offer)
  j.emit(ev::milestone_added{std::move(added)});
  return std::nullopt;
}

// R4: title, description and amount of a pending milestone; R3: not on a locked plan.
void check_fields(field_checks& v, const cmd::edit_milestone& c) {
  const milestone_changes& x = c.changes;
  if (x.empty()) {
    v.fail(error_code::invalid_field, "R4",
           "Say what to change: a title, a description or an amount.", "changes");
  }
  if (x.title) {
    v.required_text(*x.title, max_title, text_kind::trimmed_line, "The milestone title",
                    "changes.title");
  }
  if (x.description) v.optional_text(*x.description, "The description", "changes.description");
  if (x.amount) v.amount(*x.amount, min_milestone_amount, max_amount, "changes.amount", "R1");
}
verdict rule(judging& j, const cmd::edit_milestone& c) {
  if (plan_locked(*j.c)) return locked_plan(*j.c);
  if (auto r = check_transition(milestone_action::edit, *j.m)) return r;
  ev::milestone_edited e;
  e.milestone = j.m->number;
  if (c.changes.title) e.changes.title = std::string(trim(*c.changes.title));
  e.changes.description = c.changes.description;
  if (c.changes.amount) e.changes.amount = cents{c.changes.amount->value};
  j.emit(std::move(e));
  return std::nullopt;
}

// R4: only pending milestones; R3: not on a locked plan.
void check_fields(field_checks&, const cmd::delete_milestone&) {}
verdict rule(judging& j, const cmd::delete_milestone&) {
  if (plan_locked(*j.c)) return locked_plan(*j.c);
  if (auto r = check_transition(milestone_action::remove, *j.m)) return r;
  j.emit(ev::milestone_deleted{j.m->number});
  return std::nullopt;
}

// R5: a pending milestone moves among the pending ones; activated milestones keep their places.
void check_fields(field_checks& v, const cmd::move_milestone& c) {
  if (!c.to_index.integer || c.to_index.value < 0) {
    v.fail(error_code::invalid_field, "R5", "The new position must be a whole number from 0.",
           "toIndex");
  }
}
verdict rule(judging& j, const cmd::move_milestone& c) {
  const contract& k = *j.c;
  if (auto r = check_transition(milestone_action::move, *j.m)) return r;
  const auto size = static_cast<std::int64_t>(k.milestones.size());
  const std::int64_t to = c.to_index.value;
  if (to >= size) {
    return reject(error_code::invalid_field, "R5",
                  "The new position must be from 0 to " + std::to_string(size - 1) + ".",
                  "toIndex")
        .with("toIndex", to)
        .with("max", size - 1);
  }
  if (to < static_cast<std::int64_t>(k.activated_count)) {
    const milestone& pinned = k.milestones[static_cast<std::size_t>(to)];
    return reject(error_code::milestone_locked, "R5",
                  quoted(j.title()) + " cannot be moved above " + quoted(pinned.title) +
                      ", which is already activated; activated milestones keep their places.",
                  "toIndex")
        .with("milestoneId", milestone_id(j.m->number))
        .with("title", j.title())
        .with("pinnedId", milestone_id(pinned.number))
        .with("pinnedTitle", pinned.title);
  }
  const auto from = static_cast<std::int64_t>(k.index_of[j.m->number]);
  if (to == from) {
    return reject(error_code::invalid_field, "R5",
                  quoted(j.title()) + " is already at position " + std::to_string(to) + ".",
                  "toIndex")
        .with("milestoneId", milestone_id(j.m->number))
        .with("title", j.title())
        .with("toIndex", to);
  }
  j.emit(ev::milestone_moved{j.m->number, to});  // the move, not the whole new order
  return std::nullopt;
}

// R5: a new order of every pending milestone.
void check_fields(field_checks&, const cmd::reorder_milestones&) {}
verdict rule(judging& j, const cmd::reorder_milestones& c) {
  const contract& k = *j.c;
  std::vector<milestone_number> order;
  order.reserve(c.order.size());
  for (std::size_t i = 0; i < c.order.size(); ++i) {
    auto n = parse_milestone_id(c.order[i]);
    const milestone* m = n ? k.find(*n) : nullptr;
    const std::string field = "order[" + std::to_string(i) + "]";
    if (!m) {
      return reject(error_code::unknown_milestone, "",
                    "There is no milestone with the id " + quoted(c.order[i]) + ".", field)
          .with("milestoneId", c.order[i]);
    }
    if (m->status != milestone_status::pending) {
      return reject(error_code::milestone_locked, "R5",
                    quoted(m->title) +
                        " is already activated; only milestones that are not activated yet can "
                        "be reordered.",
                    field)
          .with("milestoneId", c.order[i])
          .with("title", m->title);
    }
    order.push_back(*n);
  }
  std::vector<milestone_number> current = pending_order(k);
  std::vector<milestone_number> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  std::vector<milestone_number> expected = current;
  std::sort(expected.begin(), expected.end());
  if (sorted != expected) {
    return reject(error_code::invalid_field, "R5",
                  "The order must list every milestone that is not activated yet, each exactly "
                  "once.",
                  "order");
  }
  if (order == current) {
    return reject(error_code::invalid_field, "R5", "The milestones are already in this order.",
                  "order");
  }
  j.emit(ev::milestones_reordered{std::move(order)});
  return std::nullopt;
}

}  // namespace milestones
