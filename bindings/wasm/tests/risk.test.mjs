// Verification risk through the WebAssembly package: the shared risk
// vectors (tests/vectors/risk), run as the Rust and Python suites run
// them, and the named risk() of the national module.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { assertSubset, iid as scoring, iidNational as iid, thrown } from "./helpers.mjs";

const dir = new URL("../../../tests/vectors/risk/", import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const load = (f) => JSON.parse(readFileSync(join(dir, f), "utf8"));

test("the risk vectors are there", () => {
  assert.ok(files.length >= 6);
});

test("risk lives in the national module only; the scoring module says so", () => {
  assert.equal(typeof iid.risk, "function");
  assert.equal(typeof scoring.risk, "undefined");
  const e = thrown(() => scoring.callJson("risk", { submission: { methodology: "iid-2026" } }));
  assert.equal(e.code, "input_invalid");
  assert.match(e.message, /national/);
});

for (const f of files) {
  test(`risk vector ${f}`, () => {
    const v = load(f);
    if (v.expected_error) {
      const e = thrown(() => iid.callJson(v.operation, v.call));
      assert.equal(e.code, v.expected_error.code, e.message);
      assert.equal(e.path, v.expected_error.path, e.message);
    } else {
      const got = iid.callJson(v.operation, v.call);
      assertSubset(v.expected, got);
    }
  });
}

test("risk() takes the submission and its options", () => {
  // Worked in tests/vectors/risk/index-target.json.
  const v = load("index-target.json");
  const { submission, ...options } = v.call;
  const r = iid.risk(submission, options);
  assert.equal(r.goal.probability, "0.400000");
  assert.deepEqual(r.shore_up.map((s) => [s.path, s.gain]), [
    ["spd.1", "0.400000"],
    ["innovations[0].levels.16", "0.100000"],
  ]);
});
