// Year over year in the national module (iid_national): the shared diff
// and history vectors (tests/vectors/diff, tests/vectors/history) through
// diff(), history() and callJson(), as the Rust and Python suites run them.
// Each answer equals the native CLI's JSON, the parts add up exactly (as
// fractions, in BigInt) and as published, and start/end chain from last
// year's index to this year's. The scoring module leaves both out.

import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { assertSubset, iid as scoring, root, runCli, thrown, vectorsDir, wasmDir } from "./helpers.mjs";

const iid = createRequire(import.meta.url)(join(wasmDir, "pkg", "node", "iid_national.js"));

function load(dir) {
  const d = join(vectorsDir, dir);
  return readdirSync(d)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(join(d, file), "utf8")) }));
}

// Exact fractions in BigInt: [numerator, denominator].
function frac(text) {
  const [n, d] = text.split("/");
  return [BigInt(n), BigInt(d ?? "1")];
}
function gcd(a, b) {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}
function add([a, b], [c, d]) {
  const n = a * d + c * b;
  const m = b * d;
  const g = gcd(n, m) || 1n;
  return [n / g, m / g];
}
const cents = (s) => BigInt(Math.round(Number(s) * 100));

function addsUp(items, fraction, points) {
  if (!items || items.length === 0) return;
  assert.deepEqual(items.map((i) => frac(i.fraction)).reduce(add, [0n, 1n]), frac(fraction));
  assert.equal(items.map((i) => cents(i.points)).reduce((a, b) => a + b, 0n), cents(points));
  for (const i of items) addsUp(i.rows, i.fraction, i.points);
}

function diffAddsUp(d) {
  assert.deepEqual(d.parts.map((p) => frac(p.fraction)).reduce(add, [0n, 1n]), frac(d.change_fraction));
  let at = cents(d.old.index);
  for (const p of d.parts) {
    assert.equal(cents(p.start), at, `${p.kind} start`);
    at += cents(p.points);
    assert.equal(cents(p.end), at, `${p.kind} end`);
    addsUp(p.items, p.fraction, p.points);
  }
  assert.equal(at, cents(d.new.index));
  assert.equal(d.parts.map((p) => cents(p.points)).reduce((a, b) => a + b, 0n), cents(d.change));
}

function files(subs = []) {
  const dir = mkdtempSync(join(tmpdir(), "iid-years-"));
  return subs.map((s, i) => {
    const f = join(dir, `s${i}.json`);
    writeFileSync(f, JSON.stringify(s));
    return f;
  });
}

const diffs = load("diff");
const histories = load("history");

test("the diff and history vectors are there", () => {
  assert.ok(diffs.length >= 4 && histories.length >= 1);
});

test("the scoring module leaves history and diff to the national module", () => {
  assert.equal(scoring.diff, undefined);
  assert.equal(scoring.history, undefined);
  const e = thrown(() => scoring.callJson("diff", diffs[0].call));
  assert.equal(e.code, "input_invalid");
  assert.equal(e.path, "operation");
  // The national module scores as the scoring module does, and holds every
  // methodology the command line does.
  const sub = diffs[0].call.old;
  assert.deepEqual(iid.score(sub), scoring.score(sub));
  const cli = JSON.parse(runCli(["rubrics", "--json"]).stdout);
  assert.deepEqual(iid.rubrics(), cli);
  assert.deepEqual(iid.rubrics().map((r) => r.year), [2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029]);
  assert.equal(thrown(() => scoring.rubric("iid-2024")).code, "unknown_methodology");
});

for (const v of diffs) {
  test(`diff vector ${v.file}`, () => {
    const { old, new: now, ...options } = v.call;
    const d = iid.diff(old, now, options);
    assertSubset(v.expected, d);
    diffAddsUp(d);
    // JSON text in gives the same answer; so does the generic entry point.
    assert.deepEqual(iid.diff(JSON.stringify(old), JSON.stringify(now), options), d);
    assert.deepEqual(iid.callJson("diff", v.call), d);
    const rubrics = files(options.rubrics).flatMap((r) => ["--rubric", r]);
    const out = runCli(["diff", ...files([old, now]), "--json", ...rubrics]);
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(d, JSON.parse(out.stdout), "the answer equals `iid diff --json`");
  });
}

for (const v of histories) {
  test(`history vector ${v.file}`, () => {
    const { submissions, ...options } = v.call;
    const h = iid.history(submissions, options);
    assertSubset(v.expected, h);
    assert.deepEqual(iid.callJson("history", v.call), h);
    const args = ["history", ...files(submissions), "--json"];
    if (options.methodology) args.push("--under", options.methodology);
    const out = runCli(args);
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(h, JSON.parse(out.stdout), "the answer equals `iid history --json`");
  });
}

test("a waterfall reads diff() parts in order, from last year's index to this year's", () => {
  const read = (y) => JSON.parse(readFileSync(join(root, "examples", "riwayat", `kota-contoh-${y}.json`), "utf8"));
  const d = iid.diff(read(2021), read(2022));
  assert.equal(d.summary_en.slice(0, 47), "The index fell 8.81 points (59.02 -> 50.21): -4");
  assert.deepEqual(
    d.parts.map((p) => [p.kind, p.start, p.points, p.end]).filter((p) => p[2] !== "0.00"),
    [
      ["region_answers", "59.02", "-4.40", "54.62"],
      ["innovations_removed", "54.62", "-0.20", "54.42"],
      ["divisor", "54.42", "-3.76", "50.66"],
      ["innovation_count", "50.66", "-0.45", "50.21"],
    ],
  );
});

test("bad input throws with the core's code and the path in the call document", () => {
  const old = { methodology: "iid-2026" };
  let e = thrown(() => iid.diff(old, { methodology: "iid-2026", spd: { 1: 4 } }));
  assert.equal(e.code, "level_out_of_range");
  assert.equal(e.path, "new.spd.1");
  e = thrown(() => iid.history(old));
  assert.equal(e.path, "submissions");
  e = thrown(() => iid.history([old, old]));
  assert.equal(e.code, "input_invalid");
  assert.equal(e.path, "submissions[1]");
  e = thrown(() => iid.diff(old, 7));
  assert.equal(e.path, "new");
  e = thrown(() => iid.diff(old, old, { methodology: "iid-2026" }));
  assert.equal(e.code, "input_json");
  assert.equal(e.path, "methodology");
});
