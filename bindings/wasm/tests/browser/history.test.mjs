// The year-over-year view in a real browser: last year's submission loaded
// through the file input is compared with the calculator's draft (then
// with a file) by the national module's diff(), and the page shows what
// the native CLI answers (`iid diff OLD NEW --json`): the summary in each
// language, and a waterfall whose bars are last year's index, every part
// that moved the index, in the engine's order, and this year's index.
// No request leaves the page; no horizontal overflow at 390 px. Leaves
// target/wasm-page-riwayat-filled-390.png.

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { cliJson, root } from "../helpers.mjs";
import { importFile, launch, open, overflow, scratch, screenshot, serve, watchProblems } from "./browser.mjs";

const riwayat = join(root, "examples", "riwayat");
const y2021 = join(riwayat, "kota-contoh-2021.json");
const y2022 = join(riwayat, "kota-contoh-2022.json");
const y2023 = join(riwayat, "kota-contoh-2023.json");

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

/** What the waterfall shows: each bar's class, name and figure. */
const bars = (page) =>
  page.$$eval("#history-waterfall li", (lis) => lis.map((li) => [li.className.replace("step ", ""), li.querySelector(".name").textContent, li.querySelector(".num").textContent]));

/** What the CLI's diff says the waterfall holds, in the page's language. */
function expected(want, lang) {
  const two = (d) => {
    const [i, f = ""] = d.replace("-", "").split(".");
    return `${d.startsWith("-") ? "-" : "+"}${i}.${(f + "00").slice(0, 2)}`;
  };
  const word = lang === "en" ? "Index" : "Indeks";
  return [
    ["total", `${word} ${want.old.year}`, want.old.index],
    ...want.parts.filter((p) => p.exact !== "0").map((p) => [p.exact.startsWith("-") ? "down" : "up", lang === "en" ? p.message_en : p.message_id, two(p.points)]),
    ["total", `${word} ${want.new.year}`, want.new.index],
  ];
}

test("the history view explains the change from last year as the CLI does, as a waterfall", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  watchProblems(page, problems);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await open(page, server.url);
  // This year's submission is the calculator's draft.
  const tmp = scratch();
  await importFile(page, tmp.dir, "kota-contoh-2022.json", readFileSync(y2022, "utf8"));
  await page.click('#views a[href="#/riwayat"]');
  await page.waitForSelector('#isi[data-view="riwayat"][data-ready=true]');
  await page.setInputFiles("#history-old", y2021);
  await page.waitForSelector("#history-waterfall");

  const want = cliJson(["diff", y2021, y2022, "--json"]);
  assert.equal(await page.textContent("#history-summary"), want.summary_id);
  assert.deepEqual(await bars(page), expected(want, "id"));
  // Every part is listed in the details, moved or not, in the engine's order.
  const kinds = await page.$$eval("#history-parts-h ~ .table-wrap tr[data-kind]", (rows) => rows.map((r) => r.dataset.kind));
  assert.deepEqual(kinds, want.parts.map((p) => p.kind));
  // A falling part's bar ends where the next one starts: the bars are placed
  // from the engine's start and end on one scale.
  const places = await page.$$eval("#history-waterfall .bar", (xs) => xs.map((x) => [Number(x.dataset.left), Number(x.dataset.width)]));
  for (let i = 1; i + 2 < places.length; i++) {
    const [left, width] = places[i];
    const [nextLeft, nextWidth] = places[i + 1];
    // Both fall here (the 2021 -> 2022 parts all lower the index).
    assert.ok(Math.abs(left - (nextLeft + nextWidth)) < 1e-6, `bar ${i} starts where bar ${i + 1} ends`);
    assert.ok(width > 0);
  }

  // English: the engine's English summary and part texts.
  await page.click("#lang");
  await page.waitForFunction((s) => document.getElementById("history-summary")?.textContent === s, want.summary_en);
  assert.deepEqual(await bars(page), expected(want, "en"));
  await page.click("#lang");

  // This year's submission from a file instead of the draft.
  const want23 = cliJson(["diff", y2021, y2023, "--json"]);
  await page.setInputFiles("#history-current", y2023);
  await page.waitForFunction((s) => document.getElementById("history-summary")?.textContent === s, want23.summary_id);
  assert.deepEqual(await bars(page), expected(want23, "id"));

  assert.ok((await overflow(page)).over <= 0);
  await screenshot(page, "wasm-page-riwayat-filled-390.png", { fullPage: true });
  const origin = new URL(server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:")), []);
  assert.deepEqual(problems, []);
  await context.close();
  tmp.remove();
});

test("an engine error is shown, not thrown: last year's file in another format", async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const seen = [];
  watchProblems(page, seen);
  await open(page, server.url);
  await page.click('#views a[href="#/riwayat"]');
  await page.waitForSelector('#isi[data-view="riwayat"][data-ready=true]');
  const tmp = scratch();
  const bad = join(tmp.dir, "rusak.json");
  writeFileSync(bad, '{"methodology": "iid-2022", "spd": {"1": {"level": 9}}}');
  await page.setInputFiles("#history-old", bad);
  await page.waitForSelector("#history-error");
  assert.match(await page.textContent("#history-error"), /^level_out_of_range: /);
  assert.equal(await page.$("#history-waterfall"), null);
  assert.deepEqual(seen, []);
  await context.close();
  tmp.remove();
});
