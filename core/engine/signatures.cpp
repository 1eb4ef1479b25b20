// R26: the checks of a signed log that need no arithmetic, and the bytes each signature covers
// (engine/signatures.hpp).
#include "engine/signatures.hpp"

#include "json/write.hpp"
#include "rules/words.hpp"

namespace milestones {

namespace {

// Each character's value in base64url, or 64 for one outside the alphabet: a restore reads 86 of
// them per signed event.
struct base64url_table {
  std::uint8_t value[256];
  constexpr base64url_table() : value() {
    constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (std::uint8_t& v : value) v = 64;
    for (std::size_t i = 0; i < alphabet.size(); ++i) {
      value[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
    }
  }
};
constexpr base64url_table base64url;

// The text is `length` characters of base64url whose last leaves its `spare_bits` low bits zero.
bool is_base64url(std::string_view text, std::size_t length, unsigned spare_bits) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (base64url.value[static_cast<unsigned char>(c)] == 64) return false;
  }
  return base64url.value[static_cast<unsigned char>(text.back())] % (1u << spare_bits) == 0;
}

const ev::contract_created* creation(const std::vector<event>& events) {
  return events.empty() ? nullptr : std::get_if<ev::contract_created>(&events.front().data);
}

// What is wrong with an event's signature, for hosts that word it themselves (`params.problem`).
enum class flaw : std::uint8_t { missing, party, key_missing, key_client, key_again, automatic,
                                 not_signed, broken };

// Each flaw's `params.problem`, and its words after "Event 12 of the log, by the freelancer,".
constexpr const char* flaw_words[][2] = {
    {"missing", " is not signed: its signature was removed."},
    {"party", " is signed as the other party's."},
    {"key", " is the first that party signed, but does not name the key it was signed with."},
    {"key", " is signed with the client's key."},
    {"key", " names a signing key, but that party's key is bound already."},
    {"unexpected", " is automatic and no one signs it, but it carries a signature."},
    {"unexpected", " carries a signature, but the contract is not signed."},
    {"broken",
     " does not match its signature: it was changed, moved or signed with another key, or an "
     "event before it was changed or dropped."},
};

// LOG_INVALID at event `index` for its signature, by `by` (the party that must sign it).
rejection signature_problem(const std::vector<event>& events, std::size_t index,
                            std::optional<party> by, flaw f) {
  std::string words = "Event " + std::to_string(index) + " of the log";
  if (by) {  // ", by the freelancer, Jo Park," or ", by the freelancer,"
    words += *by == party::client ? ", by the client," : ", by the freelancer,";
    const ev::contract_created* c = creation(events);
    const std::string* name = !c ? nullptr : *by == party::client ? &c->contract.client
                                                                  : &c->contract.freelancer;
    if (name && !name->empty()) words += " " + *name + ",";
  }
  const auto& [problem, said] = flaw_words[static_cast<int>(f)];
  rejection r = reject(error_code::log_invalid, "R26", words + said)
                    .with("index", static_cast<std::int64_t>(index));
  if (by) r.params.add("party", name_of(*by));
  r.params.add("problem", problem);
  r.index = static_cast<std::int64_t>(index);
  return r;
}

}  // namespace

// A key is 43 characters for 32 bytes, the last character's two low bits unused (zero, so the text
// is the one spelling of its bytes); a signature 86 characters for 64 bytes, four bits unused.
bool is_public_key(std::string_view key) { return is_base64url(key, 43, 2); }

bool is_signature_text(std::string_view sig) { return is_base64url(sig, 86, 4); }

std::string from_base64url(std::string_view text) {
  std::string out;
  std::uint32_t bits = 0;
  int held = 0;
  for (char c : text) {
    bits = bits << 6 | base64url.value[static_cast<unsigned char>(c)];
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
  const std::string* client_key = created && created->client_key ? &*created->client_key : nullptr;
  const std::string* freelancer_key = nullptr;
  sha256_digest before{};
  for (std::size_t i = 0; i < count && i < events.size(); ++i) {
    const event_signature* s = i < sigs.size() && sigs[i] ? &*sigs[i] : nullptr;
    if (!client_key) {
      if (s) return signature_problem(events, i, s->by, flaw::not_signed);
      continue;
    }
    const std::optional<party> by = signer_of(events[i]);
    std::optional<flaw> f;
    if (!by) {
      if (s) f = flaw::automatic;
    } else if (!s) {
      f = flaw::missing;
    } else if (s->by != *by) {
      f = flaw::party;
    } else if (*by == party::freelancer && !freelancer_key) {
      f = !s->key ? flaw::key_missing : *s->key == *client_key ? flaw::key_client : f;
      if (!f) freelancer_key = &*s->key;
    } else if (s->key) {
      f = flaw::key_again;
    }
    if (f) return signature_problem(events, i, by, *f);
    if (!checks) continue;
    const std::string text = event_text(events[i]);
    if (by) {
      const std::string& key = *by == party::client ? *client_key : *freelancer_key;
      checks->push_back({i, *by, key, s->sig, signed_message(created->contract.id, before, text)});
    }
    before = entry_hash(before, text, s);
  }
  return std::nullopt;
}

rejection signature_broken(const std::vector<event>& events, std::size_t index, party by) {
  return signature_problem(events, index, by, flaw::broken);
}

std::optional<std::string> bound_freelancer_key(const log_signatures& sigs, std::size_t count) {
  for (std::size_t i = 0; i < count && i < sigs.size(); ++i) {
    if (sigs[i] && sigs[i]->by == party::freelancer) return sigs[i]->key;
  }
  return std::nullopt;
}

}  // namespace milestones
