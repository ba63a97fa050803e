// The robustness view in a real browser: the bundled synthetic national
// file loaded through the file input goes to the engine's `robustness`
// (the national module, in its Web Worker), and the page shows what the
// native CLI answers (`iid robustness FILE --award iga-2023 --samples 200
// --no-verification --json`): the regions in nominal rank order with
// their median rank, 5-95 % interval, the share of rankings in which each
// keeps its predicate and stays a nominee (exact in the tooltip), the
// mean rank shift and the sensitivity of each input group. A bad option
// is the engine's error, naming it. No request leaves the page; no
// horizontal overflow at 390 px. Leaves
// target/wasm-page-ketahanan-filled-390.png.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { percentText } from "../../www/decimal.js";
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

test("the robustness view shows the engine's rank statistics for a file, as the CLI does", async () => {
  const want = cliJson(["robustness", file, "--award", "iga-2023", "--samples", "200", "--no-verification", "--json"]);
  assert.ok(want.regions.length > 20);
  // The file says something: some region's rank moves, some does not.
  assert.ok(want.regions.some((g) => g.rank_p05 !== g.rank_p95));
  assert.ok(want.regions.some((g) => g.keeps_predicate !== "1.000000"));

  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  watchProblems(page, problems);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await open(page, server.url);
  await page.click('#views a[href="#/ketahanan"]');
  await page.waitForSelector('#isi[data-view="ketahanan"][data-ready=true]');
  await page.fill("#robust-samples", "200");
  await page.uncheck("#robust-verification");
  await page.setInputFiles("#robust-file", file);
  await page.waitForSelector("#robust-regions tr[data-code]");

  const rows = await page.$$eval("#robust-regions tr[data-code]", (trs) =>
    trs.map((r) => [
      r.dataset.code,
      r.querySelector(".median").textContent,
      r.querySelector(".interval").textContent,
      r.querySelector(".keeps .figure").title,
      r.querySelector(".keeps .figure").textContent,
      r.querySelector(".nominee .figure")?.title ?? null,
    ]),
  );
  assert.deepEqual(
    rows,
    want.regions.map((g) => [g.code, String(g.median_rank), `${g.rank_p05}–${g.rank_p95}`, g.keeps_predicate, `${percentText(g.keeps_predicate)} %`, g.nominee_probability]),
  );
  assert.equal(await page.getAttribute("#robust-shift", "title"), want.mean_rank_shift);
  const groups = await page.$$eval("#robust-sensitivity tr[data-group]", (trs) =>
    trs.map((r) => [r.dataset.group, [...r.querySelectorAll(".figure")].map((f) => f.title)]),
  );
  assert.deepEqual(
    groups,
    want.sensitivity.map((s) => [s.group, s.varied && s.first_order != null ? [s.first_order, s.first_order_low, s.first_order_high, s.total, s.total_low, s.total_high] : []]),
  );
  assert.equal((await overflow(page)).over <= 0, true);
  await screenshot(page, "wasm-page-ketahanan-filled-390.png", { fullPage: true });

  // The button computes again with the options shown; a bad one is the
  // engine's error, with its path.
  await page.fill("#robust-weights", "2");
  await page.click("#robust-compute");
  await page.waitForSelector("#robust-error");
  const error = await page.textContent("#robust-error");
  assert.match(error, /weight_range/);

  const origin = new URL(server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:")), []);
  assert.deepEqual(problems, []);
  await context.close();
});
