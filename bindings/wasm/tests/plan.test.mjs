// whatif(), applyChanges() (the scoring module), marginal() and plan()
// (the national module, which holds the planner) against the native
// CLI's `--json` answers on the bundled examples and shared vectors, their
// options and errors, and a plan's projected submission scored again.

import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

import { assertSubset, cliJson, iid, iidNational as full, root, runCli, thrown, vectors, vectorsDir } from "./helpers.mjs";

const examples = ["kabupaten-contoh.json", "kota-bukti-dukung.json"].map((name) => {
  const file = join(root, "examples", name);
  return { name, file, sub: JSON.parse(readFileSync(file, "utf8")) };
});
const byName = Object.fromEntries(vectors().map((v) => [v.name ?? v.file, v]));
const kab = examples[0];
const tmp = mkdtempSync(join(tmpdir(), "iid-wasm-plan-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A vector's submission written to a file, for the CLI. */
function fileOf(name, value) {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

for (const { name, file, sub } of examples) {
  test(`${name}: marginal() equals \`iid marginal --json\``, () => {
    const m = full.marginal(sub);
    assert.ok(m.items.length > 10);
    assert.deepEqual(m, cliJson(["marginal", file, "--json"]));
    // Text in, and null options, give the same answer.
    assert.deepEqual(full.marginal(readFileSync(file, "utf8"), null), m);
  });

  test(`${name}: plan({target: "next"}) equals \`iid plan --target next --json\``, () => {
    const p = full.plan(sub, { target: "next" });
    assert.equal(p.reachable, true);
    assert.ok(p.steps.length > 0);
    assert.deepEqual(p, cliJson(["plan", file, "--target", "next", "--json"]));
  });

  test(`${name}: the plan's projected submission scores its projected index`, () => {
    const p = full.plan(sub, { target: "next" });
    const r = iid.score(p.projected_submission);
    assert.equal(r.index, p.projected_index);
    assert.equal(r.index_exact, p.projected_index_exact);
    assert.equal(r.predicate, p.projected_predicate);
    assert.equal(p.projected_predicate, p.target_predicate);
    assert.ok(Number(r.index) >= Number(p.target_index));
    assert.notEqual(r.predicate, iid.score(sub).predicate);
  });
}

test("plan() with costs, a named target and new innovations equals the CLI with --costs", () => {
  const costs = { default_step: "1", indicators: { 12: "5" }, new_innovation: "3", frozen_indicators: ["6"] };
  const costsFile = fileOf("costs.json", costs);
  const p = full.plan(kab.sub, { target: "Sangat Inovatif", allow_new_innovations: true, costs });
  const cli = cliJson(["plan", kab.file, "--target", "Sangat Inovatif", "--allow-new-innovations", "--costs", costsFile, "--json"]);
  assert.deepEqual(p, cli);
  assert.ok(p.new_innovations > 0);
  assert.equal(iid.score(p.projected_submission).index, p.projected_index);
});

test("whatif() equals `iid whatif FILE - --json`; changes may be a list or its text", () => {
  const changes = [
    { op: "set", indicator: "12", level: 3 },
    { op: "add_innovation", innovation: { id: "inv-009", urusan: "sosial", levels: { 16: 1, 35: 2 } } },
    { op: "set_affair", innovation: kab.sub.innovations[1].id, urusan: "sosial" },
  ];
  const w = iid.whatif(kab.sub, changes);
  const cli = cliJson(["whatif", kab.file, "-", "--json"], JSON.stringify(changes));
  assert.deepEqual(w, cli);
  assert.deepEqual(iid.whatif(kab.sub, JSON.stringify(changes), {}), w);
  assert.deepEqual(w.result, iid.score(w.submission));
});

test("applyChanges() gives the submission `iid whatif --json` gives, by the core's rules", () => {
  const changes = [
    { op: "set", indicator: "12", level: 3 },
    { op: "add_innovation", innovation: { urusan: "sosial", levels: { 16: 1 } } },
    { op: "add_innovation", innovation: { name: "Kedua" } },
    { op: "remove_innovation", id: kab.sub.innovations[0].id },
    { op: "set_affair", innovation: kab.sub.innovations[1].id, urusan: "sosial" },
  ];
  const sub = iid.applyChanges(kab.sub, changes);
  assert.deepEqual(sub, cliJson(["whatif", kab.file, "-", "--json"], JSON.stringify(changes)).submission);
  assert.deepEqual(iid.applyChanges(JSON.stringify(kab.sub), JSON.stringify(changes), {}), sub);
  // Added without an id: baru-1, baru-2 (the first not taken).
  assert.deepEqual(sub.innovations.slice(-2).map((i) => i.id), ["baru-1", "baru-2"]);
  // The caller's submission is untouched.
  assert.deepEqual(kab.sub, JSON.parse(readFileSync(kab.file, "utf8")));

  // A set on a measured row drops the measurement: the level set is scored.
  const v = byName["measured-values-2026"];
  assert.deepEqual(v.input.spd["5a"], { level: 1, value: "0.36" });
  const edited = iid.applyChanges(v.input, [{ op: "set", indicator: "5a", level: 2 }]);
  assert.deepEqual(edited.spd["5a"], { level: 2 });
  const row = (r) => r.breakdown.aspects.flatMap((a) => a.variables).flatMap((x) => x.indicators).find((i) => i.code === "5a");
  assert.equal(row(iid.score(v.input)).level, 3);
  assert.equal(row(iid.score(edited)).level, 2);
  // Level 0 removes the answer.
  assert.ok(!("5a" in iid.applyChanges(v.input, [{ op: "set", indicator: "5a", level: 0 }]).spd));
});

test("applyChanges() checks only the changes: a draft with an error elsewhere can be edited", () => {
  const draft = { methodology: "iid-2026", spd: { 1: 4 } };
  assert.deepEqual(iid.applyChanges(draft, [{ op: "set", indicator: "1", level: 2 }]).spd, { 1: 2 });
  assert.deepEqual(iid.applyChanges(draft, [{ op: "set", indicator: "2a", level: 1 }]).spd, { 1: 4, "2a": 1 });
  const cases = [
    [() => iid.applyChanges(draft, [{ op: "set", indicator: "1", level: 9 }]), "level_out_of_range", "changes[0].level"],
    [() => iid.applyChanges(draft, [{ op: "add_innovation", innovation: { id: "" } }]), "input_invalid", "changes[0].innovation.id"],
    [() => iid.applyChanges(draft, [{ op: "remove_innovation", id: "x" }]), "input_invalid", "changes[0].id"],
    [() => iid.applyChanges({ methodology: "iid-2026", innovations: 5 }, []), "input_json", "innovations"],
    [() => iid.applyChanges(draft, "["), "input_json", "changes"],
    [() => iid.applyChanges(draft, [], 3), "input_invalid", "options"],
  ];
  for (const [f, code, path] of cases) {
    const e = thrown(f);
    assert.ok(e instanceof Error, String(f));
    assert.deepEqual({ code: e.code, path: e.path }, { code, path }, String(f));
  }
});

test("marginal() with a template equals `iid marginal --template`", () => {
  const template = { urusan: "sosial", levels: { 16: 3, 35: 3 } };
  const m = full.marginal(kab.sub, { template });
  assert.deepEqual(m, cliJson(["marginal", kab.file, "--template", fileOf("template.json", template), "--json"]));
  assert.notDeepEqual(m, full.marginal(kab.sub));
});

test("a user rubric is taken from the options of all three calls, like --rubric", () => {
  const v = byName["user-rubric-plain-sum"];
  const rubricFile = join(vectorsDir, v.rubric);
  const text = readFileSync(rubricFile, "utf8");
  const subFile = fileOf("user.json", v.input);
  const m = full.marginal(v.input, { rubric: text });
  assert.deepEqual(m, cliJson(["marginal", subFile, "--rubric", rubricFile, "--json"]));
  assert.deepEqual(full.marginal(v.input, { rubric: JSON.parse(text) }), m);
  const target = m.next_predicate ? "next" : m.index;
  assert.deepEqual(
    full.plan(v.input, { target, rubric: text }),
    cliJson(["plan", subFile, "--target", target, "--rubric", rubricFile, "--json"]),
  );
  const changes = [{ op: "set", indicator: m.items.find((i) => i.kind === "region_step").indicator, level: 1 }];
  assert.deepEqual(
    iid.whatif(v.input, changes, { rubric: text }),
    cliJson(["whatif", subFile, "-", "--rubric", rubricFile, "--json"], JSON.stringify(changes)),
  );
});

test("a bad target throws an Error with the core's code and path, and the CLI's message", () => {
  const e = thrown(() => full.plan(kab.sub, { target: "Luar Biasa" }));
  assert.ok(e instanceof Error);
  assert.equal(e.code, "input_invalid");
  assert.equal(e.path, "target");
  assert.equal(e.layer, "input");
  const cli = runCli(["plan", kab.file, "--target", "Luar Biasa", "--json"]);
  assert.equal(cli.status, 2);
  assert.ok(cli.stderr.includes(`error[${e.code}]: ${e.message}`), cli.stderr);
});

test('"next" in the top band throws no_band_above at path target, as the CLI does', () => {
  const v = byName["perfect-region-2026"];
  assert.equal(iid.score(v.input).predicate, iid.rubric("iid-2026").predicates[0].label);
  const e = thrown(() => full.plan(v.input, { target: "next" }));
  assert.ok(e instanceof Error);
  assert.equal(e.code, "no_band_above");
  assert.equal(e.path, "target");
  const cli = runCli(["plan", fileOf("top.json", v.input), "--target", "next", "--json"]);
  assert.equal(cli.status, 2);
  assert.ok(cli.stderr.includes(`error[${e.code}]: ${e.message}`), cli.stderr);
  // The marginal table of a top-band region has no next predicate.
  assert.equal(full.marginal(v.input).next_predicate ?? null, null);
});

test("bad changes, options and costs throw with the core's paths; options objects are not modified", () => {
  const cases = [
    [() => iid.whatif(kab.sub, [{ op: "set", indicator: "12", level: 9 }]), "level_out_of_range", "changes[0].level"],
    [() => iid.whatif(kab.sub, [{ op: "fly" }]), "input_json", "changes[0].op"],
    [() => iid.whatif(kab.sub, "["), "input_json", "changes"],
    [() => iid.whatif(kab.sub, [], "x"), "input_invalid", "options"],
    [() => full.plan(kab.sub), "input_invalid", "options"],
    [() => full.plan(kab.sub, "next"), "input_invalid", "options"],
    [() => full.plan(kab.sub, { target: "next", mode: "audited" }), "input_json", "mode"],
    [() => full.plan(kab.sub, { target: "next", costs: { default_step: "-1" } }), "input_invalid", "costs.default_step"],
    [() => full.plan(kab.sub, { target: "next", costs: { frozen_indicators: ["99"] } }), "unknown_indicator", "costs.frozen_indicators[0]"],
    [() => full.marginal(kab.sub, { template: { levels: { 16: 9 } } }), "level_out_of_range", "template.levels.16"],
    [() => full.marginal(kab.sub, 3), "input_invalid", "options"],
    [() => full.marginal({ methodology: "iid-2026", spd: { 1: 4 } }), "level_out_of_range", "spd.1"],
  ];
  for (const [f, code, path] of cases) {
    const e = thrown(f);
    assert.ok(e instanceof Error, String(f));
    assert.deepEqual({ code: e.code, path: e.path }, { code, path }, String(f));
  }
  const options = Object.freeze({ target: "next", rubric: null });
  full.plan(kab.sub, options);
  assert.deepEqual(options, { target: "next", rubric: null });
});

test("the scoring module leaves the marginal table and the planner to the national module", () => {
  assert.equal(typeof iid.plan, "undefined");
  assert.equal(typeof iid.marginal, "undefined");
  for (const op of ["plan", "marginal"]) {
    const e = thrown(() => iid.callJson(op, { submission: kab.sub, target: "next" }));
    assert.equal(e.code, "input_invalid");
    assert.equal(e.path, "operation");
    assert.match(e.message, /national module/);
  }
  // The national module answers both as the scoring module scores.
  assert.deepEqual(full.score(kab.sub), iid.score(kab.sub));
  assert.deepEqual(full.callJson("plan", { submission: kab.sub, target: "next" }), full.plan(kab.sub, { target: "next" }));
});

const planDir = join(vectorsDir, "plan");
const planVectors = readdirSync(planDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(planDir, f), "utf8")));

test("the shared plan vectors are there", () => {
  assert.ok(planVectors.length >= 5);
});

for (const v of planVectors) {
  test(`plan vector ${v.name}: plan() gives the hand-worked answer, as callJson and the CLI do`, () => {
    const { submission, ...options } = v.call;
    const p = full.plan(submission, options);
    assertSubset(v.expected, p);
    assert.deepEqual(full.callJson("plan", v.call), p);
    // The projected submission scores its projected index in the plan's mode.
    assert.equal(iid.score(p.projected_submission, { mode: p.mode }).index, p.projected_index);
    const args = ["plan", fileOf(`${v.name}.json`, submission), "--target", options.target, "--json"];
    if (options.mode) args.push("--mode", options.mode);
    if (options.include_measured) args.push("--include-measured");
    if (options.costs) args.push("--costs", fileOf(`${v.name}.costs.json`, options.costs));
    assert.deepEqual(p, cliJson(args));
  });
}
