// The board's store on a fake localStorage: versioned keys, a log appended in segments under a
// head written last, stale writes refused, a failed write that loses nothing, quarantine that
// never loses data, and storage that throws.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Store, SEGMENT, decode, isNewer } from "../../web/board/store.js";

class FakeStorage {
  map = new Map();
  failWrites = false;
  failOn = null;   // (key) => true to throw on that write
  writes = [];
  get length() { return this.map.size; }
  key(i) { return [...this.map.keys()][i] ?? null; }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) {
    if (this.failWrites || this.failOn?.(k)) throw Object.assign(new Error("quota"), { name: "QuotaExceededError" });
    this.writes.push(k);
    this.map.set(k, String(v));
  }
  removeItem(k) { this.map.delete(k); }
}

const event = (seq) => JSON.stringify({ seq, at: seq, type: "tick" });
const events = (from, to) => Array.from({ length: to - from }, (_, i) => event(from + i + 1));
const summary = { title: "T", status: "open", createdAt: 1 };
const stamp = (seq, lastAt = seq) => ({ seq, lastAt });
const loaded = (store, id) => JSON.parse(store.load(id).text);

test("a log is appended in segments; a click writes its segment and the head, nothing more", () => {
  const storage = new FakeStorage();
  const store = new Store({ prefix: "p", storage });
  assert.deepEqual(store.append("a", stamp(0, 0), events(0, SEGMENT + 3), stamp(SEGMENT + 3), summary), { ok: true });
  // The first event alone, then 64 events, then the rest.
  assert.deepEqual(storage.writes, ["p:v3:events:a:0", "p:v3:events:a:1", "p:v3:events:a:2", "p:v3:contract:a"]);
  assert.deepEqual(JSON.parse(storage.getItem("p:v3:events:a:0")).map((e) => e.seq), [1]);
  assert.equal(JSON.parse(storage.getItem("p:v3:events:a:1")).length, SEGMENT);
  storage.writes = [];
  assert.deepEqual(store.append("a", stamp(SEGMENT + 3), events(SEGMENT + 3, SEGMENT + 4), stamp(SEGMENT + 4), summary), { ok: true });
  assert.deepEqual(storage.writes, ["p:v3:events:a:2", "p:v3:contract:a"], "only the last segment and the head");
  assert.equal(JSON.parse(storage.getItem("p:v3:events:a:2")).length, 3);
  const log = loaded(store, "a");
  assert.deepEqual(log.events.map((e) => e.seq), Array.from({ length: SEGMENT + 4 }, (_, i) => i + 1));
  assert.equal(log.lastAt, SEGMENT + 4);
  // A fresh store (another page load) appends after what is stored.
  const again = new Store({ prefix: "p", storage });
  assert.deepEqual(again.append("a", stamp(SEGMENT + 4), events(SEGMENT + 4, SEGMENT + 5), stamp(SEGMENT + 5), summary), { ok: true });
  assert.equal(loaded(again, "a").events.length, SEGMENT + 5);
  // A tick that recorded nothing moves the clock: the head alone.
  storage.writes = [];
  assert.deepEqual(again.append("a", stamp(SEGMENT + 5), [], stamp(SEGMENT + 5, 9999), summary), { ok: true });
  assert.deepEqual(storage.writes, ["p:v3:contract:a"]);
  assert.equal(loaded(again, "a").lastAt, 9999);
});

test("the first event (the creation, with the whole plan) is written once: later saves never rewrite it", () => {
  for (const fresh of [false, true]) {
    const storage = new FakeStorage();
    let store = new Store({ storage });
    store.append("a", stamp(0, 0), events(0, 1), stamp(1), summary);
    storage.writes = [];
    for (let seq = 1; seq < 2 * SEGMENT + 5; seq++) {
      if (fresh) store = new Store({ storage });  // each save from a new page load
      assert.deepEqual(store.append("a", stamp(seq), events(seq, seq + 1), stamp(seq + 1), summary), { ok: true });
    }
    assert.ok(!storage.writes.includes("milestone-board:v3:events:a:0"), "segment 0 written again");
    assert.equal(storage.writes.length, 2 * (2 * SEGMENT + 4), "one segment and the head per save");
    assert.deepEqual(loaded(new Store({ storage }), "a").events.map((e) => e.seq), Array.from({ length: 2 * SEGMENT + 5 }, (_, i) => i + 1));
  }
});

test("a version-2 record (segments of 64 from the first event) is read for saving again, and removed", () => {
  const storage = new FakeStorage();
  const head = { format: "milestone-board", version: 2, savedAt: 0, seq: SEGMENT + 2, lastAt: SEGMENT + 2, summary };
  storage.setItem("milestone-board:v2:events:a:0", `[${events(0, SEGMENT).join(",")}]`);
  storage.setItem("milestone-board:v2:events:a:1", `[${events(SEGMENT, SEGMENT + 3).join(",")}]`);  // one past the head
  storage.setItem("milestone-board:v2:contract:a", JSON.stringify(head));
  const store = new Store({ storage });
  assert.deepEqual(store.entries().map((e) => [e.id, e.version, e.head?.seq]), [["a", 2, SEGMENT + 2]]);
  const old = store.load("a", 2);
  assert.deepEqual(JSON.parse(old.text).events.map((e) => e.seq), Array.from({ length: SEGMENT + 2 }, (_, i) => i + 1));
  assert.deepEqual(store.load("a"), { missing: true }, "no version-3 record yet");
  store.append("a", stamp(0, 0), JSON.parse(old.text).events.map((e) => JSON.stringify(e)), stamp(SEGMENT + 2), summary);
  store.remove("a", 2);
  assert.deepEqual([...storage.map.keys()].sort(), ["milestone-board:v3:contract:a", "milestone-board:v3:events:a:0",
    "milestone-board:v3:events:a:1", "milestone-board:v3:events:a:2"]);
  assert.equal(loaded(store, "a").events.length, SEGMENT + 2);
  // A damaged version-2 record is bundled from its own keys for quarantine.
  storage.setItem("milestone-board:v2:contract:b", JSON.stringify({ ...head, seq: 3 }));
  const damaged = store.load("b", 2);
  assert.deepEqual(damaged.error, { code: "PART_MISSING", part: 1, parts: 1 });
  assert.deepEqual(JSON.parse(damaged.raw).segments, []);
});

test("a failed second write (the head) loses nothing already saved, and the next save makes it up", () => {
  const storage = new FakeStorage();
  const store = new Store({ storage });
  store.append("a", stamp(0, 0), events(0, 5), stamp(5), summary);
  storage.failOn = (key) => key.includes(":contract:");
  assert.deepEqual(store.append("a", stamp(5), events(5, 7), stamp(7), summary), { ok: false });
  assert.deepEqual(store.problem, { code: "FULL" });
  assert.equal(JSON.parse(storage.getItem("milestone-board:v3:events:a:1")).length, 6, "the segment took the events");
  const fresh = new Store({ storage });
  assert.deepEqual(loaded(fresh, "a").events.map((e) => e.seq), [1, 2, 3, 4, 5], "the head says 5: the log as saved");
  storage.failOn = null;
  assert.deepEqual(store.append("a", stamp(5), events(5, 8), stamp(8), summary), { ok: true });
  assert.deepEqual(loaded(new Store({ storage }), "a").events.map((e) => e.seq), [1, 2, 3, 4, 5, 6, 7, 8]);
});

test("a failed first write (a segment) leaves storage as it was", () => {
  const storage = new FakeStorage();
  const store = new Store({ storage });
  store.append("a", stamp(0, 0), events(0, 2), stamp(2), summary);
  const before = new Map(storage.map);
  storage.failOn = (key) => key.includes(":events:");
  assert.deepEqual(store.append("a", stamp(2), events(2, 3), stamp(3), summary), { ok: false });
  assert.deepEqual(storage.map, before);
});

test("keys are namespaced and versioned; entries of every version are listed with their heads", () => {
  const storage = new FakeStorage();
  const store = new Store({ prefix: "p", storage });
  store.append("a", stamp(0, 0), events(0, 1), stamp(1), summary);
  storage.setItem("p:v1:contract:b", "{}");
  storage.setItem("p:v4:contract:c", "{}");
  storage.setItem("other:v3:contract:d", "{}");
  const entries = store.entries();
  assert.deepEqual(entries.map((e) => [e.id, e.version]).sort(), [["a", 3], ["b", 1], ["c", 4]]);
  assert.deepEqual(entries.find((e) => e.id === "a").head.summary, summary);
  assert.deepEqual(store.parseKey("p:v1:setting:role"), { kind: "setting", name: "role" });
  assert.deepEqual(store.parseKey("p:v3:events:a:b:3"), { kind: "segment", version: 3, id: "a:b" });
  assert.equal(store.parseKey("px:v1:contract:a"), null);
  assert.equal(decode('{"format":"milestone-board","version":1,"log":{}}').record.version, 1);
});

test("a stale writer is refused: newer stored data is never overwritten", () => {
  const storage = new FakeStorage();
  const one = new Store({ storage });
  const two = new Store({ storage });
  one.append("a", stamp(0, 0), events(0, 3), stamp(3), summary);
  assert.deepEqual(two.append("a", stamp(2), events(2, 4), stamp(4), summary), { conflict: true });
  assert.deepEqual(two.append("a", stamp(3, 1), events(3, 4), stamp(4), summary), { conflict: true });
  assert.equal(loaded(one, "a").events.length, 3);
  assert.deepEqual(two.append("a", stamp(3), events(3, 4), stamp(4), summary), { ok: true });
  // Storage that lost events this writer saved (another tab removed the record) says so.
  storage.map.delete("milestone-board:v3:contract:a");
  assert.deepEqual(two.append("a", stamp(4), events(4, 5), stamp(5), summary), { ok: false, behind: { seq: 0, lastAt: 0 } });
  assert.ok(isNewer({ seq: 3, lastAt: 5 }, { seq: 3, lastAt: 4 }));
  assert.ok(!isNewer({ seq: 3, lastAt: 5 }, { seq: 4, lastAt: 0 }));
});

test("a damaged log is reported with everything stored for it; quarantine keeps all of it first", () => {
  const storage = new FakeStorage();
  const store = new Store({ storage });
  store.append("x", stamp(0, 0), events(0, SEGMENT + 1), stamp(SEGMENT + 1), summary);
  storage.map.delete("milestone-board:v3:events:x:0");
  const read = store.load("x");
  assert.deepEqual(read.error, { code: "PART_MISSING", part: 1, parts: 2 });
  assert.deepEqual(JSON.parse(read.raw).segments, [storage.getItem("milestone-board:v3:events:x:1")]);
  storage.setItem("milestone-board:v3:events:x:0", "[garbage");
  storage.failWrites = true;
  assert.equal(store.quarantine("milestone-board:v3:contract:x", "ignored"), null);
  assert.ok(storage.getItem("milestone-board:v3:contract:x"), "untouched when the copy fails");
  storage.failWrites = false;
  const key = store.quarantine("milestone-board:v3:contract:x", "ignored");
  const kept = JSON.parse(storage.getItem(key));
  assert.equal(kept.segments[0], "[garbage");
  assert.equal(JSON.parse(kept.head).seq, SEGMENT + 1);
  assert.deepEqual([...storage.map.keys()], [key], "the record's keys go once the copy is safe");
  assert.deepEqual(store.quarantined().map((q) => q.id), ["x"]);
});

test("an unreadable head is never overwritten; a version-1 record is quarantined as it is", () => {
  const storage = new FakeStorage();
  const store = new Store({ storage });
  storage.setItem("milestone-board:v3:contract:y", "{broken");
  assert.deepEqual(store.append("y", stamp(0, 0), events(0, 1), stamp(1), summary), { ok: false, blocked: true });
  assert.equal(storage.getItem("milestone-board:v3:contract:y"), "{broken");
  storage.setItem("milestone-board:v1:contract:z", "{old");
  const key = store.quarantine("milestone-board:v1:contract:z", "{old");
  assert.equal(storage.getItem(key), "{old");
  assert.equal(storage.getItem("milestone-board:v1:contract:z"), null);
});

test("no storage at all: the store says so and nothing throws", () => {
  const store = new Store({ storage: null });
  assert.deepEqual(store.problem, { code: "NO_STORAGE" });
  assert.deepEqual(store.entries(), []);
  assert.deepEqual(store.append("a", stamp(0, 0), events(0, 1), stamp(1), summary), { ok: false });
  assert.equal(store.setting("role", "client"), "client");
  store.setSetting("role", "freelancer");
});
