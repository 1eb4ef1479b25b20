// SHA-256 (FIPS 180-4), for the hash chain of signed logs (R26): each signed event covers the
// hash of the event before it. Small and pure; the signatures' own arithmetic (Ed25519) runs
// in the hosts (WebCrypto in browsers and Node.js, libsodium natively).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace milestones {

using sha256_digest = std::array<std::uint8_t, 32>;

/// The SHA-256 digest of `bytes`.
sha256_digest sha256(std::string_view bytes);

/// The digest in 64 lowercase hexadecimal characters.
std::string to_hex(const sha256_digest& digest);

}  // namespace milestones
