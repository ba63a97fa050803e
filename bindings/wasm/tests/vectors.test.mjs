// Runs every shared vector (tests/vectors/*.json) through the package, as
// the Rust and Python suites do: each `expected` key must equal the result's
// value exactly, `expected_error` the thrown Error's code and path, and
// `expected_check` the evidence audit. The whole result (or the error
// message) must also equal what the native CLI prints for the same input.

import assert from "node:assert/strict";
import { test } from "node:test";

import { iid, inputOf, optionsOf, rubricPath, runCli, thrown, vectors } from "./helpers.mjs";

const all = vectors();

test("the shared vectors are there", () => {
  assert.ok(all.length >= 20, `only ${all.length} vector files in tests/vectors`);
});

function cliArgs(v, command) {
  const args = [command, "-", "--json"];
  if (v.rubric) args.push("--rubric", rubricPath(v));
  if (v.mode && command !== "check") args.push("--mode", v.mode);
  return args;
}

function cliStdin(v) {
  return "input" in v ? JSON.stringify(v.input) : v.input_text;
}

for (const v of all) {
  test(`vector ${v.file}`, () => {
    const input = inputOf(v);
    const options = optionsOf(v);
    const cliOut = runCli(cliArgs(v, "score"), cliStdin(v));

    if (v.expected_check) {
      const audit = iid.check(input, options);
      assert.equal(audit.total_points_at_risk, v.expected_check.total_points_at_risk);
      assert.deepEqual(audit.items.map((i) => i.path), v.expected_check.paths);
      assert.deepEqual(audit.items.map((i) => i.points_at_risk), v.expected_check.points);
      const cliCheck = runCli(cliArgs(v, "check"), cliStdin(v));
      assert.equal(cliCheck.status, 0, cliCheck.stderr);
      assert.deepEqual(audit, JSON.parse(cliCheck.stdout));
    }

    if (v.expected) {
      assert.equal(v.expected_error, undefined, "a vector has expected or expected_error, not both");
      const result = iid.score(input, options);
      for (const [key, want] of Object.entries(v.expected)) {
        assert.ok(key in result, `result has no field ${key}`);
        assert.deepEqual(result[key], want, `field ${key}`);
      }
      // Text in gives the same object as a JS object in.
      if ("input" in v) assert.deepEqual(iid.score(JSON.stringify(v.input), options), result);
      assert.equal(cliOut.status, 0, cliOut.stderr);
      assert.deepEqual(result, JSON.parse(cliOut.stdout), "the whole result equals the CLI's --json");
    } else {
      assert.ok(v.expected_error, "a vector has expected or expected_error");
      const e = thrown(() => iid.score(input, options));
      assert.ok(e instanceof Error, "throws an Error");
      assert.equal(e.code, v.expected_error.code);
      if ("path" in v.expected_error) assert.equal(e.path, v.expected_error.path);
      assert.ok(["input", "rubric"].includes(e.layer));
      // The CLI fails with the same code and message; an unknown
      // methodology's message lists the module's own methodologies (the
      // reconstructed years are in the national module).
      assert.equal(cliOut.status, 2);
      const own = (m) => m.replace(/ \(embedded: [^)]*\)$/, "");
      const line = `error[${e.code}]: ${own(e.message)}`;
      assert.ok(own(cliOut.stderr.trim()).endsWith(line), `CLI said ${cliOut.stderr.trim()}, package ${line}`);
      if (e.code === "unknown_methodology") {
        assert.ok(e.message.endsWith(`(embedded: ${iid.rubrics().map((r) => r.id).join(", ")})`), e.message);
      }
    }
  });
}
