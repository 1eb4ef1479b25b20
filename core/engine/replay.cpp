// replay (R20): a log is re-checked by deciding each event's command again on the state before
// it; the events must be exactly what the rules record. Only what no command produces on its own
// (an automatic release, returned credit) is checked against what fell due.
#include "engine/judge.hpp"
#include "json/schema.hpp"  // the field lists event equality compares
#include "engine/signatures.hpp"
#include "model/visit.hpp"
#include "rules/words.hpp"

namespace milestones {

namespace {

// The command that would have produced `e` (R20: a log is re-checked by deciding it again), made
// in `out`. False for events no command produces on its own (automatic releases, returned credit).
bool command_for(const event& e, command& out) {
  auto make = [&](party actor, auto&& data) {
    out.actor = actor;
    out.at = e.at;
    out.data.emplace<std::decay_t<decltype(data)>>(std::move(data));
    return true;
  };
  auto date_text = [](const std::optional<date>& d) {
    return d ? std::optional<std::string>(d->to_string()) : std::nullopt;
  };
  return visit_variant(
      overloaded{
          [&](const ev::contract_created& x) {
            const contract_terms& t = x.contract;
            contract_draft d;
            d.id = t.id;
            d.title = t.title;
            d.account_type = std::string(name_of(t.account));
            d.currency = t.currency;
            d.client = t.client;
            d.freelancer = t.freelancer;
            d.end_date = date_text(t.end_date);
            for (const milestone_spec& s : x.milestones) {
              d.milestones.push_back(
                  milestone_draft{s.title, s.description, {true, s.amount.value}, s.due.to_string()});
            }
            return make(party::client, cmd::create_contract{std::move(d), x.offer, x.client_key});
          },
          [&](const ev::milestone_added& x) {
            const milestone_spec& s = x.milestone;
            return make(party::client,
                        cmd::add_milestone{milestone_draft{s.title, s.description,
                                                           {true, s.amount.value},
                                                           s.due.to_string()}});
          },
          [&](const ev::milestone_edited& x) {
            cmd::edit_milestone c{milestone_id(x.milestone), {}};
            c.changes.title = x.changes.title;
            c.changes.description = x.changes.description;
            if (x.changes.amount) c.changes.amount = integer_field{true, x.changes.amount->value};
            return make(party::client, std::move(c));
          },
          [&](const ev::milestone_deleted& x) {
            return make(party::client, cmd::delete_milestone{milestone_id(x.milestone)});
          },
          [&](const ev::milestone_moved& x) {
            return make(party::client,
                        cmd::move_milestone{milestone_id(x.milestone), {true, x.to_index}});
          },
          [&](const ev::milestones_reordered& x) {
            cmd::reorder_milestones c;
            for (milestone_number n : x.order) c.order.push_back(milestone_id(n));
            return make(party::client, std::move(c));
          },
          [&](const ev::milestone_activated& x) {
            return make(party::client, cmd::activate_milestone{milestone_id(x.milestone)});
          },
          [&](const ev::work_submitted& x) {
            cmd::submit_work c{milestone_id(x.milestone), x.message, std::nullopt};
            if (x.attachments) {  // R25
              std::vector<attachment_draft>& files = c.attachments.emplace();
              for (const attachment_spec& a : *x.attachments) {
                files.push_back(attachment_draft{a.name, {true, a.size}, a.sha256, a.url});
              }
            }
            return make(party::freelancer, std::move(c));
          },
          [&](const ev::changes_requested& x) {
            return make(party::client,
                        cmd::request_changes{milestone_id(x.milestone), x.message});
          },
          [&](const ev::payment_released& x) {
            if (x.automatic) return false;
            return make(party::client,
                        cmd::release_payment{milestone_id(x.milestone),
                                             integer_field{true, x.amount.value}});
          },
          [&](const ev::due_date_proposed& x) {
            return make(x.by, cmd::propose_due_date{milestone_id(x.milestone), x.due.to_string()});
          },
          [&](const ev::due_date_accepted& x) {
            return make(x.by, cmd::respond_due_date{milestone_id(x.milestone), true});
          },
          [&](const ev::due_date_rejected& x) {
            return make(x.by, cmd::respond_due_date{milestone_id(x.milestone), false});
          },
          [&](const ev::contract_extended& x) {
            return make(party::client, cmd::extend_contract{x.end_date.to_string()});
          },
          [&](const ev::refund_requested& x) {
            return make(party::client, cmd::request_refund{milestone_id(x.milestone),
                                                           {true, x.amount.value}, x.reason});
          },
          [&](const ev::refund_accepted& x) {
            return make(party::freelancer,
                        cmd::respond_refund{milestone_id(x.milestone), true,
                                            integer_field{true, x.amount.value}});
          },
          [&](const ev::refund_declined& x) {
            return make(party::freelancer,
                        cmd::respond_refund{milestone_id(x.milestone), false, std::nullopt});
          },
          [&](const ev::contract_ended&) { return make(party::client, cmd::end_contract{}); },
          [&](const ev::credit_returned&) { return false; },
          [&](const ev::feedback_left& x) {
            return make(x.by, cmd::leave_feedback{{true, x.rating}, x.comment});
          },
          [&](const ev::offer_accepted&) {
            return make(party::freelancer, cmd::respond_offer{true});
          },
          [&](const ev::offer_declined&) {
            return make(party::freelancer, cmd::respond_offer{false});
          },
          [&](const ev::milestone_proposed& x) {
            const proposal_spec& s = x.milestone;
            return make(party::freelancer,
                        cmd::propose_milestone{milestone_draft{s.title, s.description,
                                                               {true, s.amount.value},
                                                               s.due.to_string()}});
          },
          [&](const ev::milestone_proposal_accepted&) {
            return make(party::client, cmd::respond_milestone_proposal{true});
          },
          [&](const ev::milestone_proposal_declined&) {
            return make(party::client, cmd::respond_milestone_proposal{false});
          },
          [&](const ev::milestone_proposal_withdrawn&) {
            return make(party::freelancer, cmd::withdraw_milestone_proposal{});
          },
          [&](const ev::message_posted& x) {
            std::optional<std::string> id;
            if (x.milestone) id = milestone_id(*x.milestone);
            return make(x.by, cmd::post_message{x.text, std::move(id)});
          },
      },
      e.data);
}

// R20: is the logged event the one the rules record? Exactly, except that a release logged
// before releases carried `escrow` has none: it matches when all the rest does. A logged
// `escrow` must be the rules' own.
bool recorded(const event& logged, const event& decided) {
  if (logged == decided) return true;
  const auto* old = std::get_if<ev::payment_released>(&logged.data);
  const auto* now = std::get_if<ev::payment_released>(&decided.data);
  if (!old || !now || old->escrow || logged.seq != decided.seq || logged.at != decided.at) {
    return false;
  }
  ev::payment_released without = *now;
  without.escrow.reset();
  return *old == without;
}

// `why` in plain words; `detail`, where there is one, says it as a developer would.
rejection log_invalid(std::size_t index, const std::string& why, std::string detail = {}) {
  rejection r = reject(error_code::log_invalid, "R20",
                       "Event " + std::to_string(index) + " of the log could not have happened: " +
                           why)
                    .with("index", static_cast<std::int64_t>(index))
                    .with_detail(std::move(detail));
  r.index = static_cast<std::int64_t>(index);
  return r;
}

}  // namespace

// The actor command_for() gives each event, without making the command: automatic releases have
// none, returned credit is the client's (end_contract's), and the events a party's own command
// makes name it (`by`). tests/property checks that this agrees with the commands drawn.
std::optional<party> signer_of(const event& e) {
  return visit_variant(
      [](const auto& x) -> std::optional<party> {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, ev::payment_released>) {
          if (x.automatic) return std::nullopt;
          return party::client;
        } else if constexpr (std::is_same_v<T, ev::due_date_proposed> ||
                             std::is_same_v<T, ev::due_date_accepted> ||
                             std::is_same_v<T, ev::due_date_rejected> ||
                             std::is_same_v<T, ev::feedback_left> ||
                             std::is_same_v<T, ev::message_posted>) {
          return x.by;
        } else if constexpr (std::is_same_v<T, ev::work_submitted> ||
                             std::is_same_v<T, ev::refund_accepted> ||
                             std::is_same_v<T, ev::refund_declined> ||
                             std::is_same_v<T, ev::offer_accepted> ||
                             std::is_same_v<T, ev::offer_declined> ||
                             std::is_same_v<T, ev::milestone_proposed> ||
                             std::is_same_v<T, ev::milestone_proposal_withdrawn>) {
          return party::freelancer;
        } else {
          return party::client;
        }
      },
      e.data);
}

std::optional<rejection> replay(const std::vector<event>& events,
                                std::optional<timestamp> last_at, std::optional<contract>& out) {
  if (events.empty()) {
    return log_invalid(0, "a log must begin with the contract's creation.",
                       "a log must start with contract_created.");
  }
  std::optional<contract> state;
  decision scratch;
  command again = blank_command();  // one command for the whole log: its strings keep their room
  std::size_t i = 0;
  while (i < events.size()) {
    const event& e = events[i];
    if (i == 0 && !std::holds_alternative<ev::contract_created>(e.data)) {
      return log_invalid(0, "a log must begin with the contract's creation.",
                         "a log must start with contract_created.");
    }
    if (state && e.at < state->last_at) {
      return log_invalid(i, "its time is earlier than the event before it.");
    }
    if (!command_for(e, again)) {
      // Only an automatic release stands alone: it must be exactly the one that fell due.
      auto* released = std::get_if<ev::payment_released>(&e.data);
      std::optional<event> due = released && state ? due_auto_release(*state, e.at) : std::nullopt;
      if (!due || !recorded(e, *due)) {
        return log_invalid(i, "it does not follow from the events before it.",
                           std::string(type_name(e.data)) +
                               " does not follow from the events before it.");
      }
      apply(*state, e);
      ++i;
      continue;
    }
    decision& d = scratch;  // one vector for every event: no allocation per event
    d.events.clear();
    d.error = decide_into(state, again, d.events);
    if (!d.ok()) return log_invalid(i, d.error->message);
    for (std::size_t k = 0; k < d.events.size(); ++k) {
      if (i + k < events.size() && recorded(events[i + k], d.events[k])) continue;
      const std::string what = std::string(type_name(again.data));
      if (i + k >= events.size()) {
        return log_invalid(i + k, "the log ends before the rest of what happened then.",
                           "the log ends before the rest of what " + what + " records.");
      }
      const auto* due = std::get_if<ev::payment_released>(&d.events[k].data);
      if (due && due->automatic) {
        return log_invalid(i + k, "the payment of " + quoted(state->find(due->milestone)->title) +
                                      " fell due for automatic release before it, but that "
                                      "release is not in the log.");
      }
      return log_invalid(i + k, "it differs from what the rules record.",
                         "it differs from what the rules record for " + what + ".");
    }
    commit(state, d, again.at);
    i += d.events.size();
  }
  if (last_at) {
    if (*last_at < state->last_at || *last_at > max_timestamp) {
      return log_invalid(events.size(), "the log was saved before its last event.",
                         "lastAt is earlier than the last event.");
    }
    if (due_auto_release(*state, *last_at)) {
      return log_invalid(events.size(),
                         "a payment fell due for automatic release before the log was saved, "
                         "but the release is not in the log.",
                         "a payment fell due for automatic release before lastAt but was not "
                         "recorded.");
    }
    state->last_at = *last_at;
  }
  out = std::move(state);
  return std::nullopt;
}

}  // namespace milestones
