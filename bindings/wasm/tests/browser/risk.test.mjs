// The verification-risk view in a real browser: the calculator's draft
// (the bundled example with evidence) goes to the engine's `risk` in the
// Web Worker (the national module), and the page shows what the native
// CLI answers (`iid risk FILE --json`, and with --target): the chance of
// each predicate, the goal, the quantiles and the shore-up list in the
// engine's order. No request leaves the page; no horizontal overflow at
// 390 px. Leaves target/wasm-page-risiko-filled-390.png.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { percentText } from "../../www/decimal.js";
import { cliJson, root } from "../helpers.mjs";
import { importFile, launch, open, overflow, scratch, screenshot, serve, watchProblems } from "./browser.mjs";

const example = join(root, "examples", "kota-bukti-dukung.json");

let server;
let browser;
const problems = [];

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** "0.984449" as the page shows it: a percentage with one decimal, "98.4 %". */
const percent = (p) => `${percentText(p)} %`;

async function shown(page) {
  return {
    goal: await page.getAttribute("#risk-goal-p", "title"),
    predicates: await page.$$eval("#risk-predicates tr[data-predicate]", (rows) => rows.map((r) => [r.dataset.predicate, r.querySelector("td.num .figure").title, r.querySelector("td.num").textContent])),
    quantiles: await page.$$eval("#risk-quantiles .figure", (xs) => xs.map((x) => x.title)),
    shore: await page.$$eval("#risk-shore tr[data-path]", (rows) => rows.map((r) => r.dataset.path)),
  };
}

function expected(want) {
  return {
    goal: want.goal.probability,
    predicates: want.predicates.map((p) => [p.label, p.probability, percent(p.probability)]),
    quantiles: want.quantiles.map((q) => q.index),
    shore: want.shore_up.slice(0, 10).map((s) => s.path),
  };
}

test("the risk view shows the engine's law of the verified index for the draft, as the CLI does", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  watchProblems(page, problems);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await open(page, server.url);
  const tmp = scratch();
  await importFile(page, tmp.dir, "kota-bukti-dukung.json", readFileSync(example, "utf8"));
  await page.click('#views a[href="#/risiko"]');
  await page.waitForSelector('#isi[data-view="risiko"][data-ready=true]');
  await page.waitForSelector("#risk-goal-p");

  const want = cliJson(["risk", example, "--json"]);
  assert.deepEqual(await shown(page), expected(want));
  assert.ok(want.shore_up.length > 10, "the page shows the first ten of a longer list");

  // Another target: the engine's answer for it.
  const target = "Sangat Inovatif";
  const wantTarget = cliJson(["risk", example, "--target", target, "--json"]);
  await page.selectOption("#risk-target", target);
  await page.waitForFunction((p) => document.getElementById("risk-goal-p")?.title === p, wantTarget.goal.probability);
  assert.deepEqual(await shown(page), expected(wantTarget));

  assert.ok((await overflow(page)).over <= 0);
  await screenshot(page, "wasm-page-risiko-filled-390.png", { fullPage: true });
  const origin = new URL(server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:")), []);
  assert.deepEqual(problems, []);
  await context.close();
  tmp.remove();
});
