// R26, signed contracts: who must have signed which event of a log, and the exact bytes each
// signature covers. The signature arithmetic (Ed25519) runs in the hosts: WebCrypto in browsers
// and Node.js, OpenSSL in the native runner (a `signature_verifier`). The core decides everything
// else, so every host checks the same bytes and gives the same verdict.
//
// A signed log's entries are its events, each written as the engine writes it, with a last member
// "signature": {"by": party, "key": its public key (the freelancer's first signed event only),
// "sig": 64 bytes in base64url}. Automatic events (R9) carry none.
//
// Event i's signature covers the UTF-8 bytes of
//     "milestone-log signed event v1\n" + contract id + "\n" + hex(hash of entry i-1) + "\n"
//     + event i's text (without its signature)
// where the hash before the first entry is 32 zero bytes; a signed entry's hash is SHA-256 of its
// text with its signature, and an automatic entry's is SHA-256 of hex(hash of the entry before
// it) + "\n" + its text (it has no signature of its own to cover what came before). So each
// signature covers every entry before it: an edited, moved or dropped event breaks the next
// signature if not its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/domain.hpp"
#include "model/events.hpp"
#include "model/rejection.hpp"
#include "model/sha256.hpp"

namespace milestones {

/// An event's signature, as the log holds it.
struct event_signature {
  party by = party::client;
  std::optional<std::string> key;  // the freelancer's key, on its first signed event
  std::string sig;                 // 86 characters of base64url
};

/// One signature per event of a log, or none at all (an unsigned log reads as an empty list).
using log_signatures = std::vector<std::optional<event_signature>>;

/// Checks an Ed25519 signature: 32-byte key, the message, 64-byte signature.
using signature_verifier = bool (*)(const std::uint8_t* key, std::string_view message,
                                    const std::uint8_t* sig);

/// Whose signature an event needs: the actor of the command that made it, or nobody for an
/// automatic release (R9).
std::optional<party> signer_of(const event& e);

/// True for an Ed25519 public key in base64url: 43 characters, the last carrying no bits past
/// the 32 bytes.
bool is_public_key(std::string_view key);
/// True for 86 characters of base64url whose last one carries no bits past the 64 bytes.
bool is_signature_text(std::string_view sig);
/// The bytes of unpadded base64url text (its length and alphabet checked before).
std::string from_base64url(std::string_view text);

/// The text the engine writes for an event, and for its entry in a log (with its signature).
std::string event_text(const event& e);
std::string entry_text(const std::string& event_text, const event_signature* sig);

/// The hash of an entry from the hash of the entry before it.
sha256_digest entry_hash(const sha256_digest& before, const std::string& event_text,
                         const event_signature* sig);

/// The bytes event `text`'s signature covers.
std::string signed_message(std::string_view contract_id, const sha256_digest& before,
                           std::string_view text);

/// What a host checks for one signed event: the key of the party that must have signed it, the
/// signature and the message it covers.
struct signature_check {
  std::size_t index = 0;
  party by = party::client;
  std::string key;
  std::string sig;
  std::string message;
};

/// Reads a log's signatures against its events [0, count): the first problem that needs no
/// arithmetic (a signature missing, by the wrong party, with a key other than the bound one, on
/// an automatic event or in an unsigned log), as LOG_INVALID at its event; and in `checks`
/// (when given) each signed event before that problem, in order.
std::optional<rejection> read_signatures(const std::vector<event>& events,
                                         const log_signatures& sigs, std::size_t count,
                                         std::vector<signature_check>* checks);

/// LOG_INVALID at event `index`, whose signature by `by` does not hold.
rejection signature_broken(const std::vector<event>& events, std::size_t index, party by);

/// The freelancer's key, as the signatures of the log's first `count` events bind it (nullopt
/// before its first signed event).
std::optional<std::string> bound_freelancer_key(const log_signatures& sigs,
                                                std::size_t count = static_cast<std::size_t>(-1));

}  // namespace milestones
