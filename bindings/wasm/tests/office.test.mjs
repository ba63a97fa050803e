// The office module (iid_wasm_office: workbooks and the HTML report),
// loaded as a page would, on demand: the template read back, a workbook
// written from each example and scored as the CLI scores the JSON, a bad
// cell named by sheet and cell, the shared workbook vectors (damaged
// workbooks refused), the report page with hostile text kept as text; and
// the report's content, as the CLI gives it.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";

import { cliJson, iid, root, thrown, vectorsDir, wasmDir } from "./helpers.mjs";

const office = createRequire(import.meta.url)(join(wasmDir, "pkg", "node", "iid_wasm_office.js"));
const example = (name) => join(root, "examples", `${name}.json`);

test("the template is a workbook that reads back as an empty submission", () => {
  const bytes = office.template("iid-2026");
  assert.ok(bytes instanceof Uint8Array);
  assert.deepEqual([...bytes.slice(0, 4)], [0x50, 0x4b, 3, 4]);
  assert.deepEqual(office.readWorkbook(bytes), { methodology: "iid-2026", spd: {}, innovations: [] });
});

test("a workbook of each example scores as the CLI scores the JSON", () => {
  for (const name of ["kabupaten-contoh", "kota-bukti-dukung"]) {
    const sub = JSON.parse(readFileSync(example(name), "utf8"));
    const book = office.writeWorkbook(sub);
    const fromBook = office.callWorkbook("score", book, { mode: "verified" });
    assert.deepEqual(fromBook, cliJson(["score", example(name), "--json", "--mode", "verified"]), name);
    // The scoring module scores what readWorkbook gives.
    assert.deepEqual(iid.score(office.readWorkbook(book)), cliJson(["score", example(name), "--json"]), name);
  }
});

test("a bad cell is named by sheet and cell", () => {
  const innovations = Array.from({ length: 10 }, (_, k) => ({ id: `i${k}`, levels: { 16: k === 9 ? 4 : 1 } }));
  const book = office.writeWorkbook({ methodology: "iid-2026", innovations });
  const e = thrown(() => office.callWorkbook("score", book));
  assert.equal(e.code, "level_out_of_range");
  assert.equal(e.path, "Inovasi!G12");
  assert.equal(e.message, "Inovasi!G12: level 4 out of range 0..=3");
  const notOurs = thrown(() => office.readWorkbook(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])));
  assert.equal(notOurs.code, "input_invalid");
});

test("the workbook vectors are refused as they say", () => {
  // tests/vectors/workbook/, shared with the Rust and Python suites.
  const dir = join(vectorsDir, "workbook");
  const specs = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  assert.ok(specs.length >= 4, "the workbook vectors are missing");
  for (const f of specs) {
    const v = JSON.parse(readFileSync(join(dir, f), "utf8"));
    const bytes = new Uint8Array(readFileSync(join(dir, v.workbook)));
    for (const read of [() => office.readWorkbook(bytes), () => office.callWorkbook("score", bytes)]) {
      const e = thrown(read);
      assert.ok(e instanceof Error, f);
      assert.deepEqual([e.code, e.path], [v.expected_error.code, v.expected_error.path], f);
      assert.ok(e.message.includes(v.message_contains), `${f}: ${e.message}`);
    }
  }
});

test("the report page keeps hostile text as text; its content is the CLI's", () => {
  const hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
  const sub = { methodology: "iid-2026", region: { name: hostile },
    innovations: [{ id: "x", name: hostile, agency: hostile, levels: { 16: 2 } }] };
  const page = office.report(sub, { lang: "en", date: "2026-07-01" });
  assert.ok(page.startsWith("<!DOCTYPE html>"));
  assert.ok(!page.includes("<script") && !page.includes("<img"));
  assert.ok(page.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
  const content = office.callWorkbook("report", readFileSync(example("kabupaten-contoh")), { date: "2026-07-01" });
  assert.equal(content.result.index, "37.98");
  assert.equal(content.plan.target_predicate, "Inovatif");
  assert.deepEqual(content, cliJson(["report", example("kabupaten-contoh"), "--json", "--date", "2026-07-01"]));
});
