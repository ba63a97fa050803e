// The national ranking and the award stages through the WebAssembly
// package: the shared national vectors (tests/vectors/national), run as
// the Rust and Python suites run them, and the named rank() and award()
// functions on the hand-worked example.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { assertSubset, cliJson, iid as scoring, iidNational as iid, thrown } from "./helpers.mjs";

const dir = new URL("../../../tests/vectors/national/", import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const load = (f) => JSON.parse(readFileSync(join(dir, f), "utf8"));

test("the national vectors are there", () => {
  assert.ok(files.length >= 10);
});

test("ranking lives in the national module only; the scoring module says so", () => {
  assert.equal(typeof iid.rank, "function");
  assert.equal(typeof scoring.rank, "undefined");
  const e = thrown(() => scoring.callJson("rank", { submissions: [] }));
  assert.equal(e.code, "input_invalid");
  assert.match(e.message, /national/);
});

for (const f of files) {
  test(`national vector ${f}`, () => {
    const v = load(f);
    if (v.expected) {
      assertSubset(v.expected, iid.callJson(v.operation, v.call));
    } else {
      const e = thrown(() => iid.callJson(v.operation, v.call));
      assert.deepEqual([e.code, e.path], [v.expected_error.code, v.expected_error.path]);
    }
  });
}

test("rank() and award() on the hand-worked example", () => {
  const { call } = load("rank-ties-roster-border.json");
  const r = iid.rank(call.submissions, { award: call.award, roster: call.roster });
  assert.deepEqual(r.regions.map((g) => g.rank), [1, 2, 3, 3, 3, 6, 7]);
  assert.deepEqual(r.regions.map((g) => g.rank_exact), [1, 2, 3, 3, 5, 6, 7]);
  const lines = call.submissions.map((s) => JSON.stringify(s)).join("\n");
  assert.deepEqual(iid.rank(lines, { roster: call.roster }).regions.map((g) => g.code),
    ["11.00", "11.71", "11.01", "11.04", "11.02", "11.03", "11.05"]);
  const a = load("award-stages-tie-break.json").call;
  const res = iid.award(a.ranking, a.scores, { award: a.award });
  assert.deepEqual(res.clusters.map((c) => c.winners), [["11.04"], ["11.00"], ["11.01"], ["11.71"]]);
  const e = thrown(() => iid.rank(42));
  assert.equal(e.code, "input_json");
});

// The embedded catalogs: the shared vectors (tests/vectors/catalog) through
// catalog(), and awards() / awardDefinition() equal to the command line's
// `iid awards --json` and `iid awards ID`.
const catalogDir = new URL("../../../tests/vectors/catalog/", import.meta.url).pathname;
const catalogFiles = readdirSync(catalogDir).filter((f) => f.endsWith(".json")).sort();

test("the catalog vectors are there", () => {
  assert.ok(catalogFiles.length >= 4);
});

for (const f of catalogFiles) {
  test(`catalog vector ${f}`, () => {
    const v = JSON.parse(readFileSync(join(catalogDir, f), "utf8"));
    if (v.expected) {
      assertSubset(v.expected, iid.catalog(v.catalog, v.id));
    } else {
      const e = thrown(() => iid.catalog(v.catalog, v.id));
      assert.ok(e instanceof Error);
      assert.deepEqual([e.code, e.path], [v.expected_error.code, v.expected_error.path]);
    }
  });
}

test("awards() and awardDefinition() answer as the command line", () => {
  const listed = iid.awards();
  assert.deepEqual(listed.map((a) => a.id), ["iga-2023", "iga-2025"]);
  assert.deepEqual(listed, cliJson(["awards", "--json"]));
  for (const a of listed) {
    assert.deepEqual(iid.awardDefinition(a.id), cliJson(["awards", a.id]));
  }
  const e = thrown(() => iid.awardDefinition("iga-1999"));
  assert.deepEqual([e.code, e.path], ["unknown_award", "award"]);
  const notText = thrown(() => iid.awardDefinition(2023));
  assert.deepEqual([notText.code, notText.path], ["input_json", "id"]);
});
