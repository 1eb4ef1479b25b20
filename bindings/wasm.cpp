// embind adapter: exposes the core protocol entry point to JavaScript. No rule logic here; the
// hand-written wrapper web/milestones.js is the only code that touches these raw bindings.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <malloc.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "protocol.hpp"
#include "wire/tape.hpp"

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
// Gives back the memory of a large answer (a long log) once it has been read.
void release_answer() { std::string().swap(answer); }

std::uintptr_t address(session& s) { return reinterpret_cast<std::uintptr_t>(&s); }

// R26: the host's Ed25519 check, where it has a synchronous one: Node.js's crypto.verify in the
// JSON Lines runner (bindings/engine-wasm.mjs). Browsers' WebCrypto is asynchronous: the JS API
// checks signatures itself (restoreVerified) and tells the engine which failed.
EM_JS(int, host_verify, (const std::uint8_t* key, const char* message, std::size_t length,
                         const std::uint8_t* sig), {
  return Module.verifySignature(key, message, length, sig);
});

bool verify_on_host(const std::uint8_t* key, std::string_view message, const std::uint8_t* sig) {
  return host_verify(key, message.data(), message.size(), sig) != 0;
}

}  // namespace

// The JS API's hot path: plain WebAssembly exports that JavaScript calls directly, without
// embind's argument conversions. A session is its address (Session.address()).
extern "C" {

/// Runs the commands of a tape (wire/tape.hpp), at most `count`, one after another, and writes
/// each one's result to `results`: the number of events it appended, -1 refused (its rejection is
/// appended to the answer as one line of JSON), or -2 when the rest of the tape is not one the
/// reader takes (the caller sends the rest as JSON). Returns how many commands it ran.
EMSCRIPTEN_KEEPALIVE int milestones_run_tape(std::uintptr_t s, std::uintptr_t tape,
                                             std::size_t size, int count, std::int32_t* results) {
  session& on = *reinterpret_cast<session*>(s);
  std::string_view rest(reinterpret_cast<const char*>(tape), size);
  answer.clear();
  std::string rejection;
  int done = 0;
  for (; done < count; ++done) {
    results[done] = on.run_tape(rest, rejection);
    if (results[done] == -2) break;
    if (results[done] == -1) {
      answer += rejection;
      answer += '\n';
    }
  }
  return done;
}

/// The JSON array of events [first, first + count) of the log, in the answer; returns its length.
EMSCRIPTEN_KEEPALIVE std::size_t milestones_events(std::uintptr_t s, std::size_t first,
                                                   std::size_t count) {
  answer = reinterpret_cast<session*>(s)->events_text(first, count);
  return answer.size();
}

/// `restore` of a log given as its JSON text (UTF-8 at `log`); the answer as for handleUtf8.
EMSCRIPTEN_KEEPALIVE std::size_t milestones_restore(std::uintptr_t s, std::uintptr_t log,
                                                    std::size_t size) {
  answer = reinterpret_cast<session*>(s)->restore_text(
      std::string_view(reinterpret_cast<const char*>(log), size));
  return answer.size();
}

/// The state for a reader that holds it as of event `since` (session::state_changes), in the
/// answer; returns its length.
EMSCRIPTEN_KEEPALIVE std::size_t milestones_state_changes(std::uintptr_t s, double since) {
  answer = reinterpret_cast<session*>(s)->state_changes(static_cast<std::int64_t>(since));
  return answer.size();
}

std::vector<std::uint32_t> packed;  // the last allowed_packed answer

/// `allowed` for actor 0 (client), 1 (freelancer) or 2 (system) at `at`, packed (see
/// session::allowed_packed), right after event `after` (0: now; then a negative `at` is that
/// event's time); returns where the entries are, and their count in *count.
EMSCRIPTEN_KEEPALIVE std::uintptr_t milestones_allowed(std::uintptr_t s, int actor, double at,
                                                      double after, std::uint32_t* count) {
  static constexpr milestones::party parties[] = {milestones::party::client,
                                                  milestones::party::freelancer,
                                                  milestones::party::system};
  packed.clear();
  const session& live = *reinterpret_cast<session*>(s);
  // Looking back, a negative `at` is the time of the event looked at.
  if (after >= 1 && after <= static_cast<double>(live.events().size()) && at < 0) {
    at = static_cast<double>(live.events()[static_cast<std::size_t>(after) - 1].at);
  }
  if (actor >= 0 && actor < 3 && at >= 0 && at <= 9e15 && after >= 0 && after <= 9e15) {
    reinterpret_cast<session*>(s)->allowed_packed(parties[actor],
                                                  static_cast<milestones::timestamp>(at), packed,
                                                  static_cast<std::size_t>(after));
  }
  *count = static_cast<std::uint32_t>(packed.size());
  return reinterpret_cast<std::uintptr_t>(packed.data());
}

/// The type names the packed `allowed` entries index, as JSON, in the answer.
EMSCRIPTEN_KEEPALIVE std::size_t milestones_allowed_types() {
  answer = session::allowed_type_names();
  return answer.size();
}

/// How many events the session's log holds.
EMSCRIPTEN_KEEPALIVE std::size_t milestones_event_count(std::uintptr_t s) {
  return reinterpret_cast<session*>(s)->events().size();
}

/// Bytes in use by malloc, for leak checks (the JS API adds the size of the memory).
EMSCRIPTEN_KEEPALIVE double milestones_memory_in_use() {
  return static_cast<double>(mallinfo().uordblks);
}

/// How many bytes the answer holds.
EMSCRIPTEN_KEEPALIVE std::size_t milestones_answer_size() { return answer.size(); }

/// Where the answer's bytes are (the exports above leave their answers there).
EMSCRIPTEN_KEEPALIVE std::uintptr_t milestones_answer_data() {
  return reinterpret_cast<std::uintptr_t>(answer.data());
}

/// The tape's field order (wire/tape.hpp) as JSON, in the answer; returns its length.
EMSCRIPTEN_KEEPALIVE std::size_t milestones_tape_schema() {
  answer = milestones::tape_schema();
  return answer.size();
}

/// R26: every session checks signatures with the host's `Module.verifySignature(key, message,
/// length, sig)` (addresses in WebAssembly memory; returns 1 when the signature holds).
EMSCRIPTEN_KEEPALIVE void milestones_use_host_verifier() { session::set_verifier(verify_on_host); }

}  // extern "C"

namespace {

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

}  // namespace

EMSCRIPTEN_BINDINGS(milestones) {
  emscripten::class_<session>("Session")
      .constructor<>()
      .function("handle", &handle)
      .function("handleUtf8", &handle_utf8)
      .function("address", &address);
  emscripten::function("releaseAnswer", &release_answer);
  emscripten::class_<lines_host>("JsonLines")
      .constructor<>()
      .function("feed", &lines_host::feed)
      .function("finish", &lines_host::finish);
}
