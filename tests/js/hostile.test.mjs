// The hostile input catalog, through both runners: every line gets the right error code, the
// native and WebAssembly runners answer byte for byte alike, nothing crashes, and the contract is
// unchanged at the end.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";

const root = new URL("../../", import.meta.url).pathname;
const T0 = 1795651200000;
const MiB = 1024 * 1024;

/** Runs a runner on `input` (a Buffer); resolves to {code, stdout}. */
function run(script, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(`${root}scripts/${script}`, [], { stdio: ["pipe", "pipe", "inherit"] });
    const out = [];
    child.stdout.on("data", (d) => out.push(d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8") }));
    child.stdin.on("error", () => {});
    child.stdin.end(input);
  });
}

const setup = [
  { type: "create_contract", actor: "client", at: T0, contract: { title: "Hostile", accountType: "standard",
    client: "Acme", freelancer: "Jo", milestones: [
      { title: "Design", amount: 10000, dueDate: "2030-01-01" },
      { title: "Build", amount: 20000, dueDate: "2030-02-01" }] } },
  { type: "activate_milestone", actor: "client", at: T0, milestoneId: "m1" },
];

// A valid command of every type, used as the base for the wrong-type variants.
const valid = {
  add_milestone: { actor: "client", milestone: { title: "X", amount: 500, dueDate: "2030-01-01", description: "d" } },
  edit_milestone: { actor: "client", milestoneId: "m2", changes: { title: "X", amount: 600, description: "d" } },
  delete_milestone: { actor: "client", milestoneId: "m2" },
  move_milestone: { actor: "client", milestoneId: "m2", toIndex: 1 },
  reorder_milestones: { actor: "client", order: ["m2"] },
  activate_milestone: { actor: "client", milestoneId: "m2" },
  submit_work: { actor: "freelancer", milestoneId: "m1", message: "w" },
  request_changes: { actor: "client", milestoneId: "m1", message: "c" },
  release_payment: { actor: "client", milestoneId: "m1", amount: 100 },
  propose_due_date: { actor: "client", milestoneId: "m2", dueDate: "2030-03-01" },
  respond_due_date: { actor: "freelancer", milestoneId: "m2", accept: true },
  extend_contract: { actor: "client", endDate: "2030-01-01" },
  request_refund: { actor: "client", milestoneId: "m1", amount: 1, reason: "r" },
  respond_refund: { actor: "freelancer", milestoneId: "m1", accept: true, amount: 1 },
  end_contract: { actor: "client" },
  leave_feedback: { actor: "client", rating: 5, comment: "" },
  tick: { actor: "system" },
  create_contract: { actor: "client", contract: setup[0].contract },
};
const optional = new Set(["milestone.description", "changes.title", "changes.amount", "changes.description", "amount@release_payment", "amount@respond_refund"]);
const wrongValues = [true, 0, "x", [], {}];
const jsonType = (v) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);

/** [line, expected code] pairs: every field of every command with every wrong JSON type. */
function wrongTypes() {
  const out = [];
  for (const [type, fields] of Object.entries(valid)) {
    const base = { type, at: T0, ...structuredClone(fields) };
    const paths = [["type"], ["actor"], ["at"]];
    for (const [k, v] of Object.entries(fields)) {
      if (k === "actor") continue;
      if (v && typeof v === "object" && !Array.isArray(v) && k !== "contract") {
        paths.push([k]);
        for (const sub of Object.keys(v)) paths.push([k, sub]);
      } else {
        paths.push([k]);
      }
    }
    for (const path of paths) {
      const current = path.reduce((o, k) => o[k], base);
      for (const wrong of wrongValues) {
        if (jsonType(wrong) === jsonType(current)) continue;
        const line = structuredClone(base);
        path.slice(0, -1).reduce((o, k) => o[k], line)[path.at(-1)] = wrong;
        out.push([JSON.stringify(line), "INVALID_COMMAND", `${type}.${path.join(".")} = ${JSON.stringify(wrong)}`]);
      }
      const key = path.length === 2 ? path.join(".") : `${path[0]}@${type}`;
      if (!optional.has(key)) {
        const line = structuredClone(base);
        path.slice(0, -1).reduce((o, k) => o[k], line)[path.at(-1)] = null;  // null = missing
        out.push([JSON.stringify(line), "INVALID_COMMAND", `${type}.${path.join(".")} = null`]);
      }
    }
  }
  return out;
}

function catalog() {
  const nest = (depth) => `{"q":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;
  const amount = (literal) => `{"type":"add_milestone","actor":"client","at":${T0},"milestone":{"title":"N","amount":${literal},"dueDate":"2030-01-01"}}`;
  const at = (literal) => `{"type":"tick","actor":"system","at":${literal}}`;
  const title = (t) => JSON.stringify({ type: "add_milestone", actor: "client", at: T0, milestone: { title: t, amount: 500, dueDate: "2030-01-01" } });
  const big = (n) => `{"type":"submit_work","actor":"freelancer","at":${T0},"milestoneId":"m1","message":"${"x".repeat(n)}"}`;
  const hugeArray = `{"type":"reorder_milestones","actor":"client","at":${T0},"order":[${Array.from({ length: 1_000_000 }, () => "1").join(",")}]}`;
  const hugeIds = `{"type":"reorder_milestones","actor":"client","at":${T0},"order":[${Array.from({ length: 300_000 }, () => '"m9"').join(",")}]}`;
  const over = big(64 * MiB);  // 64 MiB of message plus the rest of the line: over the limit
  return [
    [Buffer.from(nest(64)), "INVALID_COMMAND", "nesting 64 deep (allowed; no type)"],
    [Buffer.from(nest(65)), "INVALID_JSON", "nesting 65 deep"],
    [Buffer.from(nest(200_000)), "INVALID_JSON", "nesting 200,000 deep"],
    [Buffer.from("[".repeat(1_000_000)), "INVALID_JSON", "a million open brackets"],
    [Buffer.from(over), "INVALID_JSON", "a line just over 64 MiB"],
    [Buffer.from(big(64 * MiB - big(0).length)), "LIMIT_EXCEEDED", "a line of exactly 64 MiB"],
    [Buffer.concat([Buffer.from('{"type":"tick","actor":"system","at":1,"x":"'), Buffer.from([0xff]), Buffer.from('"}')]), "INVALID_JSON", "byte 0xFF"],
    [Buffer.concat([Buffer.from('{"type":"tick","actor":"system","at":1,"x":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), "INVALID_JSON", "overlong UTF-8"],
    [Buffer.concat([Buffer.from('{"type":"tick","actor":"system","at":1,"x":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), "INVALID_JSON", "a surrogate encoded in UTF-8"],
    [Buffer.concat([Buffer.from('{"type":"tick","actor":"system","at":1,"x":"'), Buffer.from([0xe2, 0x82]), Buffer.from('"}')]), "INVALID_JSON", "a truncated sequence"],
    [Buffer.from('{"type":"tick","actor":"system","at":1,"x":"\\ud800"}'), "INVALID_JSON", "a lone high surrogate escape"],
    [Buffer.from('{"type":"tick","actor":"system","at":1,"x":"\\udfff"}'), "INVALID_JSON", "a lone low surrogate escape"],
    [Buffer.concat([Buffer.from('{"type":"tick","actor":"system","at":1,"x":"a'), Buffer.from([0]), Buffer.from('b"}')]), "INVALID_JSON", "a raw NUL in a string"],
    [Buffer.concat([Buffer.from('{"type":"tick"'), Buffer.from([0]), Buffer.from(',"actor":"system","at":1}')]), "INVALID_JSON", "a raw NUL between tokens"],
    [Buffer.from('{"type":"tick","actor":"system","at":1,"x":"a\u0001b"}'), "INVALID_JSON", "a raw control character in a string"],
    [Buffer.from(title("Design\u0000")), "INVALID_FIELD", "an escaped NUL in a title"],
    [Buffer.from(title("Bell\u0007")), "INVALID_FIELD", "an escaped BEL in a title"],
    [Buffer.from(title("Invoice\u202Efdp.exe")), "INVALID_FIELD", "a right-to-left override"],
    [Buffer.from(title("a\u2066b\u2069")), "INVALID_FIELD", "a bidi isolate"],
    [Buffer.from(JSON.stringify({ type: "submit_work", actor: "freelancer", at: T0, milestoneId: "m1", message: "ok\u202Don" })), "INVALID_FIELD", "a bidi override in a message"],
    [Buffer.from(amount("1e400")), "INVALID_JSON", "1e400"],
    [Buffer.from(amount("18446744073709551616")), "INVALID_AMOUNT", "2^64 as an amount"],
    [Buffer.from(amount("9223372036854775807")), "INVALID_AMOUNT", "INT64_MAX as an amount"],
    [Buffer.from(amount("-9223372036854775809")), "INVALID_AMOUNT", "below INT64_MIN"],
    [Buffer.from(amount("-0")), "INVALID_AMOUNT", "-0 as an amount"],
    [Buffer.from(amount("1.0")), "INVALID_AMOUNT", "1.0 as an amount"],
    [Buffer.from(amount("5e2")), "INVALID_AMOUNT", "5e2 as an amount"],
    [Buffer.from(amount("NaN")), "INVALID_JSON", "NaN"],
    [Buffer.from(amount("0x1F4")), "INVALID_JSON", "hexadecimal"],
    [Buffer.from(amount("+500")), "INVALID_JSON", "a plus sign"],
    [Buffer.from(amount("0500")), "INVALID_JSON", "a leading zero"],
    [Buffer.from(at("18446744073709551616")), "INVALID_COMMAND", "2^64 as a time"],
    [Buffer.from(at("1.0")), "INVALID_COMMAND", "1.0 as a time"],
    [Buffer.from(at("-1")), "INVALID_COMMAND", "a negative time"],
    [Buffer.from(`{"type":"leave_feedback","actor":"client","at":${T0},"rating":5.0,"comment":""}`), "INVALID_FIELD", "rating 5.0"],
    [Buffer.from(`{"type":"tick","actor":"system","at":${T0},"type":"tick"}`), "INVALID_JSON", "a duplicate key"],
    [Buffer.from(`{"type":"add_milestone","actor":"client","at":${T0},"milestone":{"title":"A","title":"B","amount":500,"dueDate":"2030-01-01"}}`), "INVALID_JSON", "a nested duplicate key"],
    [Buffer.from(hugeArray), "INVALID_COMMAND", "a million numbers where ids belong"],
    [Buffer.from(hugeIds), "UNKNOWN_MILESTONE", "300,000 unknown ids"],
    [Buffer.from('"just a string"'), "INVALID_JSON", "a string"],
    [Buffer.from("null"), "INVALID_JSON", "null"],
    [Buffer.from("{"), "INVALID_JSON", "an unfinished object"],
    [Buffer.from('{"type":"tick","actor":"system","at":1}{}'), "INVALID_JSON", "two values on a line"],
    ...wrongTypes().map(([line, code, what]) => [Buffer.from(line), code, what]),
  ];
}

test("hostile input: the right code for every line, identical in both runners, no state change", async () => {
  const cases = catalog();
  const state = Buffer.from('{"query":"state"}\n');
  const input = Buffer.concat([
    ...setup.map((c) => Buffer.from(JSON.stringify(c) + "\n")),
    state,
    ...cases.flatMap(([line]) => [line, Buffer.from("\n")]),
    state,
  ]);
  const [native, wasm] = await Promise.all([run("engine-native", input), run("engine-wasm", input)]);
  assert.equal(native.code, 0);
  assert.equal(wasm.code, 0);
  assert.ok(native.stdout === wasm.stdout, "the two runners answered differently");
  const results = native.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.equal(results.length, setup.length + cases.length + 2);
  const before = results[setup.length];
  const after = results.at(-1);
  for (const [i, [, code, what]] of cases.entries()) {
    const r = results[setup.length + 1 + i];
    assert.equal(r.ok, false, what);
    assert.equal(r.error.code, code, `${what}: ${r.error.message}`);
    assert.ok(r.error.message.length > 10, what);
  }
  assert.deepEqual(after, before, "the contract changed");
  console.log(`# ${cases.length} hostile lines (${(input.length / MiB).toFixed(0)} MiB), both runners agree`);
});
