// embind adapter: exposes the core protocol entry point to JavaScript. No rule logic here; the
// hand-written wrapper web/milestones.js is the only code that touches these raw bindings.
#include <emscripten/bind.h>
#include <malloc.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "protocol.hpp"

namespace {

using milestones::json_lines;
using milestones::session;

std::string handle(session& s, const std::string& line) { return s.handle(line); }

// The byte-level edge that web/milestones.js uses: the line is UTF-8 that the wrapper wrote into
// WebAssembly memory with TextEncoder.encodeInto, and the answer stays in `answer` for the wrapper
// to decode with TextDecoder. This skips embind's std::string conversions, which walk every
// character in JavaScript (three times per round trip).
std::string answer;

std::size_t handle_utf8(session& s, std::uintptr_t line, std::size_t length) {
  answer = s.handle(std::string_view(reinterpret_cast<const char*>(line), length));
  return answer.size();
}
std::uintptr_t answer_data() { return reinterpret_cast<std::uintptr_t>(answer.data()); }
// Gives back the memory of a large answer (a long log) once it has been read.
void release_answer() { std::string().swap(answer); }

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
  emscripten::class_<session>("Session")
      .constructor<>()
      .function("handle", &handle)
      .function("handleUtf8", &handle_utf8);
  emscripten::function("answerData", &answer_data);
  emscripten::function("releaseAnswer", &release_answer);
  emscripten::class_<lines_host>("JsonLines")
      .constructor<>()
      .function("feed", &lines_host::feed)
      .function("finish", &lines_host::finish);
  emscripten::function("memoryStats", &memory_stats);
}
