// embind adapter: exposes the core protocol entry point to JavaScript. No rule logic here; the
// hand-written wrapper web/milestones.js is the only code that touches these raw bindings.
#include <emscripten/bind.h>
#include <malloc.h>

#include <string>

#include "protocol.hpp"

namespace {

using milestones::json_lines;
using milestones::session;

std::string handle(session& s, const std::string& line) { return s.handle(line); }

// The JSON Lines framing of the runners, fed with raw bytes (a Uint8Array from Node's stdin).
class lines_host {
 public:
  lines_host() : lines_(session_) {}
  std::string feed(const std::string& bytes) {
    std::string out;
    lines_.feed(bytes, out);
    return out;
  }
  std::string finish() {
    std::string out;
    lines_.finish(out);
    return out;
  }

 private:
  session session_;
  json_lines lines_;
};

// Heap figures for leak checks: bytes in use by malloc, and the size of the WebAssembly memory.
emscripten::val memory_stats() {
  const struct mallinfo info = mallinfo();
  emscripten::val stats = emscripten::val::object();
  stats.set("inUse", static_cast<double>(info.uordblks));
  stats.set("arena", static_cast<double>(info.arena));
  stats.set("heapSize", emscripten::val::module_property("HEAP8")["length"]);
  return stats;
}

}  // namespace

EMSCRIPTEN_BINDINGS(milestones) {
  emscripten::class_<session>("Session").constructor<>().function("handle", &handle);
  emscripten::class_<lines_host>("JsonLines")
      .constructor<>()
      .function("feed", &lines_host::feed)
      .function("finish", &lines_host::finish);
  emscripten::function("memoryStats", &memory_stats);
}
