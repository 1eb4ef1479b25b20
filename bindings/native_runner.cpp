// The native JSON Lines runner: stdin -> core protocol session -> stdout. Host I/O only.
#include <cerrno>
#include <cstdio>
#include <string>
#include <unistd.h>

#include "protocol.hpp"

namespace {

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

}  // namespace

int main() {
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
