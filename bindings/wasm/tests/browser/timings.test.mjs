// Per-edit timings on a generated region of 200 innovations (iid synth,
// each answer one level lower so that the plan has work to do), measured
// in the page (window.__iidTimings, lib/timings.js) and printed as median
// and 95th percentile; no timed assertion. Also: a burst of edits made
// faster than the worker answers ends with the marginal table and the plan
// of the last edit. Writes target/wasm-page-timings.json.

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { cliJson, iid, iidNational } from "../helpers.mjs";
import { exported, generatedRegion, importFile, launch, open, scratch, serve, settled, shots, shown, watchProblems } from "./browser.mjs";

let server;
let browser;
let context;
let page;
let tmp;
let region;
const problems = [];

before(async () => {
  server = await serve();
  browser = await launch();
  tmp = scratch();
  region = generatedRegion(cliJson, 200);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  watchProblems(page, problems);
  await open(page, server.url);
  await importFile(page, tmp.dir, "generated-200.json", region);
});

after(async () => {
  await browser?.close();
  await server?.close();
  tmp?.remove();
});

const quantile = (xs, q) => {
  const s = xs.filter((x) => typeof x === "number").sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : null;
};

test("per-edit timings on a region of 200 innovations (printed, not asserted)", async (t) => {
  assert.equal(region.innovations.length, 200);
  const want = iid.score(region);
  assert.deepEqual(await shown(page), { index: want.index, predicate: want.predicate });
  // Input to next paint, as the browser measures it (Event Timing API; only events of 16 ms or more are reported).
  await page.evaluate(() => {
    window.__iidTimings.length = 0;
    window.__iidPaint = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "click" && e.target?.closest?.("fieldset")) window.__iidPaint.push(e.duration);
    }).observe({ type: "event", durationThreshold: 16 });
  });

  // 30 region answers (SPD), then 30 answers of one innovation in the editor; each a real change.
  const spd = ["1", "2a", "3", "4", "6", "7", "8", "9", "12", "14"];
  let edits = 0;
  for (let k = 0; k < 30; k++) {
    const code = spd[k % spd.length];
    const level = 1 + ((k + Math.floor(k / spd.length)) % 3);
    const radio = `#spd fieldset[data-code="${code}"] input[value="${level}"]`;
    if (await page.isChecked(radio)) continue;
    await page.check(radio);
    await settled(page);
    edits++;
  }
  await page.click("#innovation-rows tr:nth-child(100) button:not(.danger)");
  for (let k = 0; k < 30; k++) {
    const code = String(16 + (k % 20));
    const radio = `#editor fieldset[data-code="${code}"] input[value="${1 + (k % 3)}"]`;
    if ((await page.locator(radio).count()) === 0 || (await page.isChecked(radio))) continue;
    await page.check(radio);
    await settled(page);
    edits++;
  }
  const records = (await page.evaluate(() => window.__iidTimings)).filter((r) => r.edit === "set");
  const paints = await page.evaluate(() => window.__iidPaint);
  assert.equal(records.length, edits);
  assert.ok(records.every((r) => typeof r.toPlan === "number"), "every edit got its marginal table and plan");

  // Every edit was scored as the engine scores the draft it left.
  const sub = await exported(page);
  assert.deepEqual(await shown(page), { index: iid.score(sub).index, predicate: iid.score(sub).predicate });

  const rows = ["apply", "score", "toScore", "toPaint", "marginal", "plan", "toPlan"].map((key) => ({
    key,
    median: quantile(records.map((r) => r[key]), 0.5),
    p95: quantile(records.map((r) => r[key]), 0.95),
    max: quantile(records.map((r) => r[key]), 1),
  }));
  const report = {
    region: { innovations: 200, source: "iid synth --regions 1 --innovations 200 --seed 2025, every answer one level lower", index: want.index, predicate: want.predicate },
    edits: records.length,
    ms: Object.fromEntries(rows.map((r) => [r.key, { median: r.median, p95: r.p95, max: r.max }])),
    input_to_paint: { clicks: records.length, at_least_16ms: paints.length, median_of_those: quantile(paints, 0.5), p95_of_those: quantile(paints, 0.95) },
    user_agent: await page.evaluate(() => navigator.userAgent),
  };
  mkdirSync(shots, { recursive: true });
  writeFileSync(join(shots, "wasm-page-timings.json"), `${JSON.stringify(report, null, 2)}\n`);
  const lines = [
    `per-edit timings, ${records.length} edits, region of 200 innovations (ms: median / p95 / max)`,
    ...rows.map((r) => `  ${r.key.padEnd(9)} ${String(r.median).padStart(7)} ${String(r.p95).padStart(7)} ${String(r.max).padStart(7)}`),
    `  input to next paint: ${paints.length} of ${records.length} clicks took 16 ms or more (median ${quantile(paints, 0.5)}, p95 ${quantile(paints, 0.95)})`,
  ];
  for (const line of lines) t.diagnostic(line);
  console.log(lines.join("\n"));
});

test("a burst of edits faster than the worker: the table and the plan shown are those of the last edit", async () => {
  await page.click("#editor .editor-foot button");
  await page.click("#reach-next");
  await page.waitForSelector("[data-testid=plan-index]");
  for (const [code, level] of [["1", 1], ["3", 3], ["4", 1], ["6", 3], ["7", 1], ["8", 3], ["9", 1], ["12", 3]]) {
    await page.check(`#spd fieldset[data-code="${code}"] input[value="${level}"]`, { noWaitAfter: true });
  }
  await settled(page);
  const sub = await exported(page);
  assert.deepEqual({ 1: sub.spd["1"], 3: sub.spd["3"], 12: sub.spd["12"] }, { 1: 1, 3: 3, 12: 3 });
  const m = iidNational.marginal(sub);
  const gains = await page.$$eval("#marginal-rows td.gain", (tds) => tds.map((td) => td.title));
  assert.deepEqual(gains, m.items.slice(0, 10).map((i) => (i.gain.startsWith("-") ? i.gain : `+${i.gain}`)));
  const p = iidNational.plan(sub, { target: "next" });
  assert.equal(await page.getAttribute("[data-testid=plan-index]", "title"), p.projected_index_exact);
  assert.equal(await page.locator("[data-testid=plan-steps] tbody tr").count(), p.steps.length);
  // Applying it gives the plan's projection.
  await page.click("#apply-plan");
  await settled(page);
  assert.deepEqual(await shown(page), { index: p.projected_index, predicate: p.projected_predicate });
});

test("no console errors, page errors or failed requests", () => {
  assert.deepEqual(problems, []);
});
