// The package's other entry points against the native CLI, its argument
// handling, its errors, and its behaviour on hostile input.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { cliJson, iid, runCli, thrown, vectors, vectorsDir, wasmDir } from "./helpers.mjs";

const byName = Object.fromEntries(vectors().map((v) => [v.name ?? v.file, v]));
const yandas = byName["yandas-5-of-6-2026"].input;
const evidence = byName["evidence-self-2026"].input;

test("rubrics() equals `iid rubrics --json` (the reconstructed years are in the national module)", () => {
  const list = iid.rubrics();
  assert.ok(list.length >= 2);
  assert.deepEqual(
    list,
    cliJson(["rubrics", "--json"]).filter((r) => r.status !== "reconstructed"),
  );
});

test("rubric(id) equals `iid rubric show <id> --json` for every embedded methodology", () => {
  for (const { id } of iid.rubrics()) {
    const r = iid.rubric(id);
    assert.equal(r.id, id);
    assert.deepEqual(r, cliJson(["rubric", "show", id, "--json"]));
  }
});

test("rubric() of an unknown id throws the core's error", () => {
  const e = thrown(() => iid.rubric("iid-1999"));
  assert.ok(e instanceof Error);
  assert.equal(e.code, "unknown_methodology");
  assert.equal(e.path, "methodology");
  assert.equal(e.layer, "rubric");
});

test("explain() gives the CLI's text and the full result", () => {
  const ex = iid.explain(yandas);
  assert.equal(ex.text.trim(), runCli(["explain", "-"], JSON.stringify(yandas)).stdout.trim());
  assert.deepEqual(ex.result, iid.score(yandas));
});

test("explain() in verified mode equals `iid explain --mode verified`", () => {
  const ex = iid.explain(evidence, { mode: "verified" });
  const cli = runCli(["explain", "-", "--mode", "verified"], JSON.stringify(evidence));
  assert.equal(ex.text.trim(), cli.stdout.trim());
  assert.equal(ex.result.mode, "verified");
});

test("validate() reports what it checked, and throws what score() throws", () => {
  const v = iid.validate(yandas);
  assert.deepEqual(v, {
    valid: true,
    methodology: "iid-2026",
    innovation_count: yandas.innovations.length,
    region_answers: Object.keys(yandas.spd).length,
  });
  const bad = { methodology: "iid-2026", spd: { 1: 4 } };
  const e = thrown(() => iid.validate(bad));
  assert.equal(e.code, "level_out_of_range");
  assert.equal(e.path, "spd.1");
});

test("a user rubric may be given as an object or as text", () => {
  const v = byName["user-rubric-plain-sum"];
  const text = readFileSync(join(vectorsDir, v.rubric), "utf8");
  const asText = iid.score(v.input, { rubric: text });
  assert.deepEqual(iid.score(v.input, { rubric: JSON.parse(text) }), asText);
  assert.equal(asText.methodology, v.expected.methodology);
});

test("a broken user rubric throws with layer rubric", () => {
  const e = thrown(() => iid.score({ spd: {} }, { rubric: "{\"id\": 1}" }));
  assert.equal(e.layer, "rubric");
  assert.match(e.code, /^rubric_/);
});

test("the mode option: default self, verified differs on unproven answers, bad values throw", () => {
  const self = iid.score(evidence);
  const verified = iid.score(evidence, { mode: "verified" });
  assert.equal(self.mode, "self");
  assert.equal(verified.mode, "verified");
  assert.ok(Number(verified.index_exact) < Number(self.index_exact));
  assert.deepEqual(iid.score(evidence, { mode: "self" }), self);
  for (const [mode, path] of [["bogus", "mode"], [3, "mode"]]) {
    const e = thrown(() => iid.score(evidence, { mode }));
    assert.equal(e.code, "input_invalid");
    assert.equal(e.path, path);
  }
});

test("options must be an object; null and undefined mean none", () => {
  assert.deepEqual(iid.score(yandas, null), iid.score(yandas));
  assert.deepEqual(iid.score(yandas, undefined), iid.score(yandas));
  const e = thrown(() => iid.score(yandas, "verified"));
  assert.equal(e.code, "input_invalid");
  assert.equal(e.path, "options");
});

test("errors are real Errors with the core's code, path, layer and message", () => {
  const e = thrown(() => iid.score({ methodology: "iid-2026", innovations: [{ id: "a", levels: { 16: 2.5 } }] }));
  assert.ok(e instanceof Error);
  assert.equal(e.code, "input_json");
  assert.equal(e.path, "innovations[0].levels.16");
  assert.equal(e.layer, "input");
  assert.match(e.message, /innovations\[0\]\.levels\.16/);
  assert.ok(e.stack, "has a stack");
});

test("values JSON cannot carry throw input errors, not crashes", () => {
  for (const bad of [undefined, () => 1, Symbol("x"), { spd: { 1: 1n } }]) {
    const e = thrown(() => iid.score(bad));
    assert.ok(e instanceof Error);
    assert.equal(e.code, "input_json");
    assert.equal(e.path, "$");
  }
  const cyclic = { methodology: "iid-2026" };
  cyclic.self = cyclic;
  assert.equal(thrown(() => iid.score(cyclic)).code, "input_json");
  // JSON.stringify turns NaN into null: a level of null is a type error at its path.
  const e = thrown(() => iid.score({ methodology: "iid-2026", spd: { 1: NaN } }));
  assert.equal(e.path, "spd.1");
});

test("hostile input never aborts the module: 3000 mutated submissions all answer or throw an input error", () => {
  // A small deterministic generator (no Math.random: the test is repeatable).
  let s = 0x2545f491;
  const rnd = (n) => {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    return (s >>> 0) % n;
  };
  const base = JSON.stringify(yandas);
  const junk = ['"', "{", "}", "[", "]", ",", ":", "-", "9", "1e999", "null", "\\u0000", "é", "\u{1F600}", " "];
  let answered = 0;
  let rejected = 0;
  for (let i = 0; i < 3000; i++) {
    let text = base;
    for (let k = 1 + rnd(4); k > 0; k--) {
      const at = rnd(text.length);
      const op = rnd(3);
      if (op === 0) text = text.slice(0, at) + text.slice(at + 1 + rnd(8));
      else if (op === 1) text = text.slice(0, at) + junk[rnd(junk.length)] + text.slice(at);
      else text = text.slice(0, at) + text.slice(at, at + 1 + rnd(40)) + text.slice(at);
    }
    try {
      const r = iid.score(text);
      assert.equal(typeof r.index, "string");
      answered++;
    } catch (e) {
      assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), `aborted on ${JSON.stringify(text)}: ${e}`);
      assert.equal(typeof e.code, "string", `no code for ${JSON.stringify(text)}`);
      assert.equal(typeof e.path, "string");
      rejected++;
    }
  }
  assert.ok(rejected > 1000 && answered > 0, `answered ${answered}, rejected ${rejected}`);
  // The module still answers exactly after all of that.
  assert.equal(iid.score(yandas).index, byName["yandas-5-of-6-2026"].expected.index);
});

test("very large and deeply nested input is refused with an error", () => {
  const deep = "[".repeat(100000) + "]".repeat(100000);
  assert.equal(thrown(() => iid.score(deep)).code, "input_json");
  const many = { methodology: "iid-2026", innovations: Array.from({ length: 10001 }, (_, i) => ({ id: `i${i}` })) };
  const e = thrown(() => iid.score(many));
  assert.ok(e instanceof Error && typeof e.code === "string");
});

test("the web flavour runs in Node with initSync and answers like the Node flavour", async () => {
  const web = await import(join(wasmDir, "pkg", "iid_wasm.js"));
  web.initSync({ module: readFileSync(join(wasmDir, "pkg", "iid_wasm_bg.wasm")) });
  assert.deepEqual(web.score(yandas), iid.score(yandas));
  assert.deepEqual(web.rubrics(), iid.rubrics());
  assert.equal(thrown(() => web.score("{")).code, "input_json");
});

test("version() is the workspace version", () => {
  const pkg = JSON.parse(readFileSync(join(wasmDir, "pkg", "package.json"), "utf8"));
  assert.equal(iid.version(), pkg.version);
  assert.match(iid.version(), /^\d+\.\d+\.\d+/);
});

test("arguments of the wrong type throw an Error with a code and leave the module usable", () => {
  for (const bad of [5, true, {}, { length: 1e9 }, [], null, undefined, Symbol("x"), () => 1]) {
    const e = thrown(() => iid.rubric(bad));
    assert.ok(e instanceof Error, String(bad));
    assert.equal(e.code, "input_json");
    assert.equal(e.path, "id");
  }
  for (const bad of [5, true, 1n]) {
    const e = thrown(() => iid.score(bad));
    assert.ok(e instanceof Error);
    assert.equal(e.code, "input_json");
    assert.equal(e.path, "$");
  }
  // Still answering after every refusal above.
  assert.equal(iid.rubric("iid-2026").id, "iid-2026");
  assert.equal(iid.score(yandas).methodology, "iid-2026");
});

test("a throwing getter in the options becomes an Error with a code", () => {
  const options = {};
  Object.defineProperty(options, "mode", { enumerable: true, get() { throw "raw string"; } });
  const e = thrown(() => iid.score(yandas, options));
  assert.ok(e instanceof Error);
  assert.equal(e.code, "input_json");
  assert.equal(e.path, "options");
  assert.match(e.message, /raw string/);
  const sub = {};
  Object.defineProperty(sub, "spd", { enumerable: true, get() { throw new TypeError("boom"); } });
  const e2 = thrown(() => iid.score(sub));
  assert.ok(e2 instanceof Error);
  assert.equal(e2.path, "$");
});

test("a document followed by anything is refused, never scored by its first half", () => {
  for (const text of ['{"methodology":"iid-2026","spd":{"1":3}}{"spd":{"1":1}}', '{"methodology":"iid-2026"}x', '{"methodology":"iid-2026"}\u0000']) {
    const e = thrown(() => iid.score(text));
    assert.equal(e.code, "input_json", text);
    assert.equal(e.path, "$");
  }
  // A byte-order mark at the start is accepted.
  assert.equal(iid.score('\ufeff{"methodology":"iid-2026"}').index, "0.00");
});

test("a compiled rubric handle answers like the rubric option, without recompiling", () => {
  const text = readFileSync(join(vectorsDir, "rubrics", "lomba-2020-style.json"), "utf8");
  const handle = iid.compileRubric(text);
  assert.equal(handle.id, JSON.parse(text).id);
  const sub = { spd: {}, innovations: [] };
  assert.deepEqual(handle.score(sub), iid.score(sub, { rubric: text }));
  const embedded = iid.compileRubric("iid-2026");
  assert.deepEqual(embedded.score(yandas), iid.score(yandas));
  assert.deepEqual(embedded.check(evidence), iid.check(evidence));
  const e = thrown(() => iid.compileRubric("iid-1999"));
  assert.equal(e.code, "unknown_methodology");
  assert.equal(e.path, "rubric");
  assert.equal(e.layer, "input");
});

test("the .wasm stays under 300 KB gzipped (zlib level 9)", async () => {
  const { gzipSync } = await import("node:zlib");
  const bytes = readFileSync(join(wasmDir, "pkg", "iid_wasm_bg.wasm"));
  const gz = gzipSync(bytes, { level: 9 }).length;
  assert.ok(gz < 300_000, `${gz} bytes gzipped`);
});

test("callJson() refuses a call document that gives a key twice, at any depth", () => {
  const twice = '{"submission": {"methodology": "iid-2026", "spd": {"1": 3, "1": 1}}}';
  const e = thrown(() => iid.callJson("score", twice));
  assert.equal(e.code, "input_json");
  assert.equal(e.path, "submission.spd");
  assert.match(e.message, /duplicate key `1`/);
  const once = '{"submission": {"methodology": "iid-2026", "spd": {"1": 3}}}';
  assert.equal(iid.callJson("score", once).index, iid.score({ methodology: "iid-2026", spd: { 1: 3 } }).index);
});
