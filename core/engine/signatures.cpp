// R26: the checks of a signed log that need no arithmetic, and the bytes each signature covers
// (engine/signatures.hpp).
#include "engine/signatures.hpp"

#include "json/write.hpp"
#include "rules/words.hpp"

namespace milestones {

namespace {

constexpr std::string_view base64url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const ev::contract_created* creation(const std::vector<event>& events) {
  return events.empty() ? nullptr : std::get_if<ev::contract_created>(&events.front().data);
}

// "the freelancer, Jo Park", or "the freelancer" when the log does not name one.
std::string who(const std::vector<event>& events, party by) {
  std::string words = by == party::client ? "the client" : "the freelancer";
  if (const ev::contract_created* c = creation(events)) {
    const std::string& name = by == party::client ? c->contract.client : c->contract.freelancer;
    if (!name.empty()) words += ", " + name + ",";
  }
  return words;
}

// LOG_INVALID at event `index` for its signature; `problem` names what is wrong for hosts that
// word it themselves: missing, party, key, unexpected or broken.
rejection signature_problem(std::size_t index, std::optional<party> by, const char* problem,
                            std::string words) {
  rejection r = reject(error_code::log_invalid, "R26",
                       "Event " + std::to_string(index) + " of the log" + std::move(words))
                    .with("index", static_cast<std::int64_t>(index));
  if (by) r.params.add("party", name_of(*by));
  r.params.add("problem", problem);
  r.index = static_cast<std::int64_t>(index);
  return r;
}

}  // namespace

// 43 characters of base64url, the last one carrying only two bits (so the text is the one
// spelling of its 32 bytes).
bool is_public_key(std::string_view key) {
  if (key.size() != 43) return false;
  for (char c : key) {
    if (base64url.find(c) == std::string_view::npos) return false;
  }
  return base64url.find(key.back()) % 4 == 0;
}

bool is_signature_text(std::string_view sig) {
  if (sig.size() != 86) return false;
  for (char c : sig) {
    if (base64url.find(c) == std::string_view::npos) return false;
  }
  return base64url.find(sig.back()) % 16 == 0;
}

std::string from_base64url(std::string_view text) {
  std::string out;
  std::uint32_t bits = 0;
  int held = 0;
  for (char c : text) {
    bits = bits << 6 | static_cast<std::uint32_t>(base64url.find(c));
    held += 6;
    if (held >= 8) {
      held -= 8;
      out.push_back(static_cast<char>((bits >> held) & 0xFF));
    }
  }
  return out;
}

std::string event_text(const event& e) {
  json_writer w;
  write(w, e);
  return w.take();
}

std::string entry_text(const std::string& event_text, const event_signature* sig) {
  if (!sig) return event_text;
  json_writer w;
  write(w, *sig);
  std::string text = event_text;
  text.pop_back();  // the event's closing brace
  return text + ",\"signature\":" + w.take() + "}";
}

sha256_digest entry_hash(const sha256_digest& before, const std::string& event_text,
                         const event_signature* sig) {
  if (sig) return sha256(entry_text(event_text, sig));
  return sha256(to_hex(before) + "\n" + event_text);
}

std::string signed_message(std::string_view contract_id, const sha256_digest& before,
                           std::string_view text) {
  std::string message = "milestone-log signed event v1\n";
  message.append(contract_id).append("\n").append(to_hex(before)).append("\n").append(text);
  return message;
}

std::optional<rejection> read_signatures(const std::vector<event>& events,
                                         const log_signatures& sigs, std::size_t count,
                                         std::vector<signature_check>* checks) {
  const ev::contract_created* created = creation(events);
  const std::optional<std::string>& client_key =
      created ? created->client_key : std::optional<std::string>();
  std::optional<std::string> freelancer_key;
  std::optional<std::size_t> bound_at;
  sha256_digest before{};
  for (std::size_t i = 0; i < count && i < events.size(); ++i) {
    const event_signature* s = i < sigs.size() && sigs[i] ? &*sigs[i] : nullptr;
    const std::optional<party> by = signer_of(events[i]);
    if (!client_key) {
      if (!s) continue;
      return signature_problem(i, s->by, "unexpected",
                               " carries a signature, but the contract is not signed.");
    }
    if (!by) {
      if (!s) {
        if (checks) before = entry_hash(before, event_text(events[i]), nullptr);
        continue;
      }
      return signature_problem(i, std::nullopt, "unexpected",
                               " is automatic and no one signs it, but it carries a signature.");
    }
    if (!s) {
      return signature_problem(i, by, "missing",
                               ", by " + who(events, *by) + " is not signed: its signature was "
                               "removed.");
    }
    if (s->by != *by) {
      return signature_problem(i, by, "party",
                               " is by " + who(events, *by) + " but is signed as " +
                                   (*by == party::client ? "the freelancer's." : "the client's."));
    }
    const std::string* key = &*client_key;
    if (*by == party::freelancer && !freelancer_key) {
      if (!s->key) {
        return signature_problem(i, by, "key",
                                 " is the first signed by " + who(events, *by) +
                                     " but does not name the key it was signed with.");
      }
      if (*s->key == *client_key) {
        return signature_problem(i, by, "key",
                                 ", by " + who(events, *by) + " is signed with the client's key.");
      }
      freelancer_key = s->key;
      bound_at = i;
    } else if (s->key) {
      return signature_problem(
          i, by, "key",
          ", by " + who(events, *by) + " names a signing key, but that party's key was bound " +
              (*by == party::client ? std::string("when the contract was created.")
                                    : "at event " + std::to_string(*bound_at) + "."));
    }
    if (*by == party::freelancer) key = &*freelancer_key;
    if (checks) {
      const std::string text = event_text(events[i]);
      checks->push_back({i, *by, *key, s->sig, signed_message(created->contract.id, before, text)});
      before = entry_hash(before, text, s);
    }
  }
  return std::nullopt;
}

rejection signature_broken(const std::vector<event>& events, std::size_t index, party by) {
  return signature_problem(index, by, "broken",
                           ", by " + who(events, by) +
                               " does not match its signature: it was changed, moved or signed "
                               "with another key, or an event before it was changed or dropped.");
}

std::optional<std::string> bound_freelancer_key(const log_signatures& sigs) {
  for (const std::optional<event_signature>& s : sigs) {
    if (s && s->by == party::freelancer) return s->key;
  }
  return std::nullopt;
}

}  // namespace milestones
