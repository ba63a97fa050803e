// The national view in a real browser: the bundled synthetic national
// file loaded through the file input is ranked by the national module
// (loaded on first use), and the page shows what the native CLI answers
// (`iid rank --award iga-2023 --json`): participation, predicate counts,
// the order of the ranking, a search. No request leaves the page; no
// horizontal overflow at 390 px. Leaves target/wasm-page-peringkat-filled-390.png.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { cliJson, root } from "../helpers.mjs";
import { launch, open, overflow, screenshot, serve, watchProblems } from "./browser.mjs";

const file = join(root, "examples", "national", "nasional-sintetis.json");

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

test("the national view ranks a file as the CLI does", async () => {
  const want = cliJson(["rank", file, "--award", "iga-2023", "--json"]);
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  watchProblems(page, problems);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await open(page, server.url);
  await page.click('#views a[href="#/peringkat"]');
  await page.waitForSelector('#isi[data-view="peringkat"][data-ready=true]');
  await page.setInputFiles("#national-file", file);
  await page.waitForSelector("#national-participation");

  const p = want.summary.participation;
  const participation = await page.textContent("#national-participation");
  assert.match(participation, new RegExp(`^${p.regions} daerah, ${p.submitted} mengirim`));
  const codes = await page.$$eval("tr[data-code]", (rows) => rows.map((r) => r.dataset.code));
  assert.deepEqual(codes, want.regions.map((g) => g.code));
  const nominees = await page.$$eval("tr[data-code]", (rows) => rows.map((r) => r.lastElementChild.textContent === "ya"));
  assert.deepEqual(nominees, want.regions.map((g) => g.nominee));
  const counts = await page.$$eval("table", (tables) =>
    [...tables[0].querySelectorAll("tbody tr")].map((tr) => [tr.children[0].textContent, Number(tr.children[1].textContent)]),
  );
  assert.deepEqual(counts, want.summary.predicates.map((r) => [r.predicate, r.count]));
  const bars = await page.$$eval("#national-histogram li .num", (xs) => xs.map((x) => Number(x.textContent)));
  assert.deepEqual(bars, want.summary.histogram.map((b) => b.count));

  // A search narrows the table to the region asked for.
  const target = want.regions[7];
  await page.fill("#national-search", target.code);
  await page.waitForFunction((code) => [...document.querySelectorAll("tr[data-code]")].every((r) => r.dataset.code.includes(code)), target.code);
  assert.ok((await page.$$("tr[data-code]")).length >= 1);

  assert.deepEqual((await overflow(page)).over <= 0, true);
  await screenshot(page, "wasm-page-peringkat-filled-390.png", { fullPage: true });
  const origin = new URL(server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:")), []);
  assert.deepEqual(problems, []);
  await context.close();
});
