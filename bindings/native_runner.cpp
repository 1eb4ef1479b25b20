// The native JSON Lines runner: stdin -> core protocol session -> stdout. Host I/O, and the
// Ed25519 arithmetic of signed logs (R26) from OpenSSL.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <unistd.h>

#include <openssl/evp.h>

#include "protocol.hpp"

namespace {

// R26: an Ed25519 signature, checked by OpenSSL (a 32-byte key, a 64-byte signature).
bool ed25519_verify(const std::uint8_t* key, std::string_view message, const std::uint8_t* sig) {
  EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key, 32);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool holds =
      pkey && ctx && EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, pkey) == 1 &&
      EVP_DigestVerify(ctx, sig, 64, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(pkey);
  return holds;
}

bool write_all(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// `--statement LOG`: restores the log in the file (a log as exported, or "-" for stdin), checking
// every event, and prints the contract's statement as plain text.
int print_statement(const char* path) {
  std::string text;
  if (std::strcmp(path, "-") == 0) {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "statement: cannot read %s\n", path);
      return 2;
    }
    std::ostringstream all;
    all << in.rdbuf();
    text = all.str();
  }
  milestones::session session;
  const std::string answer = session.restore_text(text);
  const std::optional<std::string> statement = session.statement_text();
  if (!statement) {
    std::fprintf(stderr, "statement: the log was not restored: %s\n", answer.c_str());
    return 1;
  }
  return write_all(*statement) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  milestones::session::set_verifier(ed25519_verify);  // every restore checks every signature
  if (argc == 3 && std::strcmp(argv[1], "--statement") == 0) return print_statement(argv[2]);
  if (argc != 1) {
    std::fprintf(stderr, "usage: milestones-engine             (JSON Lines on stdin and stdout)\n"
                         "       milestones-engine --statement LOG.json\n");
    return 2;
  }
  milestones::session session;
  milestones::json_lines lines(session);
  std::string buffer(1 << 16, '\0');
  std::string out;
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return 1;
    if (n == 0) break;
    lines.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)), out);
    // Answer everything read so far before waiting for more input, so the runner is interactive.
    if (!out.empty() && !write_all(out)) return 1;
    out.clear();
  }
  lines.finish(out);
  return write_all(out) ? 0 : 1;
}
