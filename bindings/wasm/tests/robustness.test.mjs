// The robustness analysis through the WebAssembly national module: the
// shared vectors (tests/vectors/robustness), run as the Rust and Python
// suites run them, and the named robustness() function.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { assertSubset, iid as scoring, iidNational as iid, thrown } from "./helpers.mjs";

const dir = new URL("../../../tests/vectors/robustness/", import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const load = (f) => JSON.parse(readFileSync(join(dir, f), "utf8"));

test("the robustness vectors are there; the scoring module has no robustness()", () => {
  assert.ok(files.length >= 5);
  assert.equal(typeof iid.robustness, "function");
  assert.equal(typeof scoring.robustness, "undefined");
});

for (const f of files) {
  test(`robustness vector ${f}`, () => {
    const v = load(f);
    if (v.expected) {
      assertSubset(v.expected, iid.callJson(v.operation, v.call));
    } else {
      const e = thrown(() => iid.callJson(v.operation, v.call));
      assert.deepEqual([e.code, e.path], [v.expected_error.code, v.expected_error.path]);
    }
  });
}

test("robustness() is the call: the same seed, the same answer", () => {
  const { call } = load("robustness-divisor-flip.json");
  const { submissions, ...options } = call;
  const r = iid.robustness(submissions, options);
  assert.deepEqual(r, iid.callJson("robustness", call));
  assert.deepEqual(r.regions.map((g) => [g.code, g.rank_p05, g.rank_p95]), [["B", 1, 2], ["A", 1, 2]]);
  const lines = submissions.map((s) => JSON.stringify(s)).join("\n");
  assert.deepEqual(iid.robustness(lines, options), r);
  const e = thrown(() => iid.robustness(submissions, { divisors: [12, 12] }));
  assert.deepEqual([e.code, e.path], ["input_invalid", "divisors[1]"]);
});
