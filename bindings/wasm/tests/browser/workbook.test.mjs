// The workbook and report view in a real browser, against the native
// CLI: a workbook made by `iid convert` imports into the draft (the
// calculator then shows the CLI's index and predicate, and the page's JSON
// export is the CLI's reading of the workbook); the draft exported as a
// workbook reads back, through the CLI, as the same submission; the empty
// workbook of the methodology is one the CLI reads; the report the page
// offers is byte for byte `iid report --lang en --date <today>`; a file
// that is no workbook shows the engine's error. No request leaves the
// page. Leaves target/wasm-page-lembar-kerja-filled-390.png.

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { cliJson, iid, root, runCli } from "../helpers.mjs";
import { exported, launch, open, overflow, scratch, screenshot, serve, shown, watchProblems } from "./browser.mjs";

const example = join(root, "examples", "kota-bukti-dukung.json");

let server;
let browser;
let tmp;
const problems = [];

before(async () => {
  server = await serve();
  browser = await launch();
  tmp = scratch("iid-workbook-");
});

after(async () => {
  await browser?.close();
  await server?.close();
  tmp?.remove();
});

/** Click `selector` and save the download it starts; its path. */
async function downloaded(page, selector, name) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const path = join(tmp.dir, name);
  await download.saveAs(path);
  return { path, suggested: download.suggestedFilename() };
}

const view = async (page, id) => {
  await page.click(`#views a[href="#/${id}"]`);
  await page.waitForSelector(`#isi[data-view="${id}"][data-ready=true]`);
};

test("the workbook view reads and writes the CLI's workbooks and offers its report", async () => {
  const xlsx = join(tmp.dir, "kota.xlsx");
  const made = runCli(["convert", example, "-o", xlsx]);
  assert.equal(made.status, 0, made.stderr);
  const fromWorkbook = cliJson(["convert", xlsx]);
  const want = iid.score(fromWorkbook);

  const context = await browser.newContext({ viewport: { width: 390, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  watchProblems(page, problems);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await open(page, server.url);

  // Import: the draft becomes the workbook's submission.
  await view(page, "lembar-kerja");
  await page.setInputFiles("#workbook-file", xlsx);
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("kota.xlsx"));
  assert.deepEqual(await exported(page), fromWorkbook);
  await view(page, "kalkulator");
  assert.deepEqual(await shown(page), { index: want.index, predicate: want.predicate });

  // Export: the CLI reads the page's workbook as the draft.
  await view(page, "lembar-kerja");
  const out = await downloaded(page, "#workbook-export", "export.xlsx");
  assert.match(out.suggested, /^iid-iid-2026-.*\.xlsx$/);
  assert.equal(readFileSync(out.path).subarray(0, 2).toString(), "PK");
  assert.deepEqual(cliJson(["convert", out.path]), fromWorkbook);

  // The empty workbook of the draft's methodology.
  const blank = await downloaded(page, "#workbook-template", "blank.xlsx");
  assert.equal(blank.suggested, `iid-${fromWorkbook.methodology}-templat.xlsx`);
  const empty = cliJson(["convert", blank.path]);
  assert.equal(empty.methodology, fromWorkbook.methodology);
  assert.deepEqual(empty.innovations ?? [], []);

  // The report, in English, as the CLI writes it for today.
  await page.selectOption("#report-lang", "en");
  const report = await downloaded(page, "#report-download", "report.html");
  const d = new Date();
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  const json = join(tmp.dir, "draft.json");
  writeFileSync(json, JSON.stringify(fromWorkbook));
  const cli = runCli(["report", json, "--lang", "en", "--date", day]);
  assert.equal(cli.status, 0, cli.stderr);
  // The CLI ends its output with a newline; the file is the page itself.
  assert.equal(readFileSync(report.path, "utf8"), cli.stdout.replace(/\n$/, ""));
  assert.ok(cli.stdout.includes(want.predicate));

  assert.equal((await overflow(page)).over <= 0, true);
  await screenshot(page, "wasm-page-lembar-kerja-filled-390.png", { fullPage: true });

  // A file that is no workbook: the engine's error, and the draft stays.
  const bad = join(tmp.dir, "bad.xlsx");
  writeFileSync(bad, "not a workbook");
  await page.setInputFiles("#workbook-file", bad);
  await page.waitForSelector("#workbook-error");
  assert.match(await page.textContent("#workbook-error"), /^input_json: \$: /);
  assert.deepEqual(await exported(page), fromWorkbook);

  const origin = new URL(server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")), []);
  assert.deepEqual(problems, []);
  await context.close();
});
