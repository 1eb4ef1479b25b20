// The board's store on a fake localStorage: versioned keys, stale writes refused, quarantine that
// never loses data, and storage that throws.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Store, decode, isNewer, logStamp } from "../../web/board/store.js";

class FakeStorage {
  map = new Map();
  failWrites = false;
  get length() { return this.map.size; }
  key(i) { return [...this.map.keys()][i] ?? null; }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) {
    if (this.failWrites) throw Object.assign(new Error("quota"), { name: "QuotaExceededError" });
    this.map.set(k, String(v));
  }
  removeItem(k) { this.map.delete(k); }
}

const log = (events, lastAt = 10) => ({ format: "milestone-log", version: 1, lastAt, events: Array.from({ length: events }, (_, i) => ({ seq: i + 1 })) });

test("keys are namespaced and versioned; entries of every version are listed", () => {
  const storage = new FakeStorage();
  const store = new Store({ prefix: "p", storage });
  assert.deepEqual(store.save("a", log(1)), { ok: true });
  storage.setItem("p:v2:contract:b", "{}");
  storage.setItem("other:v1:contract:c", "{}");
  assert.deepEqual(store.entries().map((e) => [e.id, e.version]).sort(), [["a", 1], ["b", 2]]);
  assert.equal(decode(storage.getItem("p:v1:contract:a")).record.version, 1);
  assert.deepEqual(store.parseKey("p:v1:setting:role"), { kind: "setting", name: "role" });
  assert.equal(store.parseKey("px:v1:contract:a"), null);
});

test("a stale writer is refused: newer stored data is never overwritten", () => {
  const store = new Store({ storage: new FakeStorage() });
  store.save("a", log(3), null);
  assert.deepEqual(store.save("a", log(4), logStamp(log(2))), { conflict: true });
  assert.equal(store.read("a").record.log.events.length, 3);
  assert.deepEqual(store.save("a", log(4), logStamp(log(3))), { ok: true });
  assert.ok(isNewer({ seq: 3, lastAt: 5 }, { seq: 3, lastAt: 4 }));
  assert.ok(!isNewer({ seq: 3, lastAt: 5 }, { seq: 4, lastAt: 0 }));
});

test("quarantine copies first and removes the original only once the copy is safe", () => {
  const storage = new FakeStorage();
  const store = new Store({ storage });
  storage.setItem("milestone-board:v1:contract:x", "{broken");
  storage.failWrites = true;
  assert.equal(store.quarantine("milestone-board:v1:contract:x", "{broken"), null);
  assert.equal(storage.getItem("milestone-board:v1:contract:x"), "{broken");   // untouched
  assert.match(store.problem, /storage for this page is full/);
  assert.deepEqual(store.save("x", log(1)), { ok: false, blocked: true });   // unreadable data is never overwritten
  storage.failWrites = false;
  assert.deepEqual(store.save("x", log(1)), { ok: false, blocked: true });
  const key = store.quarantine("milestone-board:v1:contract:x", "{broken");
  assert.match(key, /^milestone-board:quarantine:x:\d+$/);
  assert.equal(storage.getItem(key), "{broken");
  assert.equal(storage.getItem("milestone-board:v1:contract:x"), null);
  assert.deepEqual(store.quarantined().map((q) => q.raw), ["{broken"]);
});

test("no storage at all: the store says so and nothing throws", () => {
  const store = new Store({ storage: null });
  assert.match(store.problem, /does not let the page use local storage/);
  assert.deepEqual(store.entries(), []);
  assert.deepEqual(store.save("a", log(1)), { ok: false });
  assert.equal(store.setting("role", "client"), "client");
  store.setSetting("role", "freelancer");
});
