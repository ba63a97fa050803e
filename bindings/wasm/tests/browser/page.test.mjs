// The calculator page in a real browser (Debian's Chromium driven by
// playwright-core): a submission typed through the UI and shared vectors
// imported as files must show the index and predicate the package computes
// (and the vectors expect); export, the local-storage draft, the English
// toggle, errors and labels are checked too; the marginal table and the
// plan to the next predicate are checked against the CLI. Edits follow the
// core's rules (a level set on a measured row drops the measurement, new
// innovations are baru-N), figures show two decimals with the exact value
// as a tooltip, and the page runs under its Content-Security-Policy with
// no violation. Leaves target/wasm-page.png and target/wasm-page-plan.png.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { chromium } from "playwright-core";

import { serve } from "../../serve.mjs";
import { signedTwoDecimals, twoDecimals } from "../../www/decimal.js";
import { cliJson, iid, iidNational, root, vectors } from "../helpers.mjs";

const CHROMIUM = process.env.IID_CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
const byName = Object.fromEntries(vectors().map((v) => [v.name, v]));
const shots = join(root, "target");

let server;
let browser;
let context;
let page;
let tmp;
const problems = [];
const violations = [];

/** Report every CSP violation of the context's pages to `sink` (across reloads). */
async function watchCsp(ctx, sink) {
  await ctx.exposeFunction("iidCspViolation", (v) => sink.push(v));
  await ctx.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      window.iidCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`),
    ),
  );
}

before(async () => {
  server = await serve();
  tmp = mkdtempSync(join(tmpdir(), "iid-page-"));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await watchCsp(context, violations);
  page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]");
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const shown = async () => ({
  index: (await page.textContent("[data-testid=index]")).trim(),
  predicate: (await page.textContent("[data-testid=predicate]")).trim(),
});

async function importFile(name, value) {
  const file = join(tmp, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value, null, 1));
  await page.setInputFiles("#import-file", file);
  await page.waitForFunction((n) => document.getElementById("status").textContent.includes(n), name);
  await settled();
}

/** Wait until the marginal table and the plan (computed in the engine's worker) are up to date. */
const settled = () => page.waitForSelector("#plan-section[aria-busy=false]", { state: "attached" });

async function exported() {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  return JSON.parse(readFileSync(await download.path(), "utf8"));
}

test("the page loads the engine and lists every embedded methodology", async () => {
  const options = await page.$$eval("#methodology option", (os) => os.map((o) => o.value));
  assert.deepEqual(options, iid.rubrics().map((r) => r.id));
  assert.equal(await page.textContent("#version"), iid.version());
});

test("a submission typed through the form shows the engine's index, predicate and empty seats", async () => {
  await page.selectOption("#methodology", "iid-2026");
  const rb = iid.rubric("iid-2026");
  // Every region indicator is on the form with its parameters' descriptions.
  const spdCodes = await page.$$eval("#spd fieldset", (fs) => fs.map((f) => f.dataset.code));
  const regionVars = new Set(rb.variables.filter((v) => rb.aspects.find((a) => a.code === v.aspect).scope === "region").map((v) => v.code));
  assert.deepEqual(spdCodes, rb.indicators.filter((i) => regionVars.has(i.variable)).map((i) => i.code));
  const first = rb.indicators[0];
  const firstText = await page.textContent(`#spd fieldset[data-code="${first.code}"]`);
  for (const p of first.parameters) assert.ok(firstText.includes(p.description), p.description);

  // Region answers: 1 by mouse, 2a by keyboard (focus the radio, Space).
  await page.check('#spd fieldset[data-code="1"] input[value="3"]');
  await page.focus('#spd fieldset[data-code="2a"] input[value="2"]');
  await page.keyboard.press("Space");
  // One innovation through the editor.
  await page.click("#add");
  await page.fill("#inv-name", "Layanan Kesehatan Keliling");
  await page.fill("#inv-agency", "Dinas Kesehatan");
  await page.selectOption("#inv-affair", "kesehatan");
  await page.check('#editor fieldset[data-code="16"] input[value="3"]');
  await page.check('#editor fieldset[data-code="35"] input[value="2"]');
  await page.click("#editor .editor-foot button");

  const sub = await exported();
  assert.equal(sub.methodology, "iid-2026");
  assert.deepEqual(sub.spd, { 1: 3, "2a": 2 });
  assert.equal(sub.innovations.length, 1);
  // The engine named it: the first baru-N not taken.
  assert.equal(sub.innovations[0].id, "baru-1");
  assert.deepEqual(
    { name: sub.innovations[0].name, agency: sub.innovations[0].agency, urusan: sub.innovations[0].urusan, levels: sub.innovations[0].levels },
    { name: "Layanan Kesehatan Keliling", agency: "Dinas Kesehatan", urusan: "kesehatan", levels: { 16: 3, 35: 2 } },
  );
  const want = iid.score(sub);
  assert.deepEqual(await shown(), { index: want.index, predicate: want.predicate });
  assert.equal((await page.textContent("[data-testid=empty-seats]")).trim(), String(want.empty_seats));
  assert.ok(want.empty_seats > 0);
  // One basic-service affair of six: the check is red.
  assert.match(await page.getAttribute("[data-testid=yandas-status]", "class"), /\bbad\b/);
});

test("imported shared vectors show their expected index and predicate; the basic-service check turns green at 5 of 6", async () => {
  for (const [name, colour] of [["yandas-4-of-6-2026", "bad"], ["yandas-5-of-6-2026", "ok"]]) {
    const v = byName[name];
    await importFile(`${name}.json`, v.input);
    assert.deepEqual(await shown(), { index: v.expected.index, predicate: v.expected.predicate }, name);
    assert.match(await page.getAttribute("[data-testid=yandas-status]", "class"), new RegExp(`\\b${colour}\\b`), name);
    assert.equal(await page.locator("#innovation-rows tr").count(), v.input.innovations.length);
  }
});

test("the draft survives a reload (local storage)", async () => {
  const v = byName["yandas-5-of-6-2026"];
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.deepEqual(await shown(), { index: v.expected.index, predicate: v.expected.predicate });
});

test("removing an innovation recomputes as the engine does", async () => {
  const v = byName["yandas-5-of-6-2026"];
  await page.click("#innovation-rows tr:first-child button.danger");
  const want = iid.score({ ...v.input, innovations: v.input.innovations.slice(1) });
  assert.deepEqual(await shown(), { index: want.index, predicate: want.predicate });
  await importFile("again.json", v.input);
});

test("the English toggle shows the rubric's English labels and predicate", async () => {
  const v = byName["yandas-5-of-6-2026"];
  const rb = iid.rubric(v.input.methodology);
  await page.click("#lang");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal((await page.textContent("[data-testid=predicate]")).trim(), iid.score(v.input).predicate_en);
  const legend = await page.textContent(`#spd fieldset[data-code="${rb.indicators[0].code}"] legend`);
  assert.ok(legend.includes(rb.indicators[0].name_en), legend);
  const option = await page.textContent(`#spd fieldset[data-code="${rb.indicators[0].code}"] .options`);
  assert.ok(option.includes(rb.indicators[0].parameters[0].description_en));
  await page.click("#lang");
  assert.equal(await page.getAttribute("html", "lang"), "id");
  assert.equal((await page.textContent("[data-testid=predicate]")).trim(), v.expected.predicate);
});

test("bad input shows the engine's error code and path, and the page keeps working", async () => {
  const v = byName["error-level-4"];
  await importFile("error-level-4.json", v.input);
  const error = await page.textContent("#error");
  assert.ok(error.includes(v.expected_error.code), error);
  assert.ok(error.includes(v.expected_error.path), error);
  assert.ok(await page.isVisible("#error"));
  await importFile("fixed.json", byName["yandas-5-of-6-2026"].input);
  assert.ok(!(await page.isVisible("#error")));
});

test("malformed submissions show the engine's error and never break the page", async () => {
  const cases = [
    byName["error-innovations-not-list"],
    { input: { methodology: "iid-2026", spd: 5, region: "x", innovations: [1, null, { id: "a", levels: [] }] } },
    { input: { methodology: "iid-2026", innovations: [{ id: "a", name: { x: 1 }, urusan: 7, levels: { 16: "3" } }] } },
  ];
  for (const [k, v] of cases.entries()) {
    await importFile(`malformed-${k}.json`, v.input);
    const e = (() => {
      try {
        iid.score(v.input);
      } catch (err) {
        return err;
      }
      throw new Error(`case ${k} scores`);
    })();
    const error = await page.textContent("#error");
    assert.ok(error.includes(e.code) && error.includes(e.path), `case ${k}: ${error}`);
    // The form still reacts, without an exception: the engine cannot read
    // the draft, so an edit is refused with its message and the form shows
    // the draft as it is.
    await page.click('#spd fieldset[data-code="1"] input[value="2"]');
    const status = await page.textContent("#status");
    assert.ok(status.startsWith("Perubahan tidak diterapkan: ") && status.includes(e.path), `case ${k}: ${status}`);
    assert.ok(!(await page.isChecked('#spd fieldset[data-code="1"] input[value="2"]')), `case ${k}`);
    const rows = await page.locator("#innovation-rows tr").count();
    await page.click("#add");
    assert.equal(await page.locator("#innovation-rows tr").count(), rows, `case ${k}`);
    assert.ok((await page.textContent("#status")).startsWith("Perubahan tidak diterapkan: "));
  }
  await importFile("fixed-again.json", byName["yandas-5-of-6-2026"].input);
  assert.ok(!(await page.isVisible("#error")));
});

test("every form control has a label", async () => {
  await page.click("#innovation-rows tr:first-child button:not(.danger)");
  const unlabelled = await page.$$eval("input, select, button", (els) =>
    els
      .filter((e) => e.type !== "hidden" && e.getAttribute("aria-hidden") !== "true")
      .filter((e) => !(e.labels?.length || e.getAttribute("aria-label") || (e.tagName === "BUTTON" && e.textContent.trim())))
      .map((e) => e.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, []);
});

test("the bundled example (examples/kabupaten-contoh.json) imports with its names; screenshots", async () => {
  const example = JSON.parse(readFileSync(join(root, "examples", "kabupaten-contoh.json"), "utf8"));
  await importFile("kabupaten-contoh.json", example);
  const want = iid.score(example);
  assert.deepEqual(await shown(), { index: want.index, predicate: want.predicate });
  assert.equal(await page.inputValue("#region-name"), example.region.name);
  const names = await page.$$eval("#innovation-rows tr td:nth-child(2)", (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(names, example.innovations.map((i) => i.name ?? i.id));
  // Each row's score, as the engine gives it, shown to two decimals.
  const scores = await page.$$eval("#innovation-rows tr td.row-score", (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(scores, want.breakdown.innovations.map((n) => `${twoDecimals(n.score)} / ${twoDecimals(n.max)}`));
  assert.deepEqual(await exported(), example, "export gives back the imported submission");

  mkdirSync(shots, { recursive: true });
  await page.click("#innovation-rows tr:first-child button:not(.danger)");
  await page.screenshot({ path: join(shots, "wasm-page-editor.png") });
  await page.click("#editor .editor-foot button");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, "wasm-page.png") });
  assert.ok(readFileSync(join(shots, "wasm-page.png")).length > 10000);
});

test("marginal table and the plan to the next predicate (kabupaten example) match the CLI; applying the plan reaches its index", async () => {
  const file = join(root, "examples", "kabupaten-contoh.json");
  const example = JSON.parse(readFileSync(file, "utf8"));
  const m = cliJson(["marginal", file, "--json"]);
  const want = cliJson(["plan", file, "--target", "next", "--json"]);
  await importFile("kabupaten-contoh.json", example);
  assert.deepEqual(await shown(), { index: want.current_index, predicate: want.current_predicate });

  // The marginal table: the ten largest exact gains, in the engine's order.
  const top = m.items.slice(0, 10);
  assert.ok(top.length === 10);
  assert.equal(await page.locator("#marginal-rows tr").count(), top.length);
  const gains = await page.$$eval("#marginal-rows td.gain", (tds) => tds.map((td) => [td.textContent, td.title]));
  assert.deepEqual(gains, top.map((i) => [signedTwoDecimals(i.gain), i.gain.startsWith("-") ? i.gain : `+${i.gain}`]));
  const after = await page.$$eval("#marginal-rows tr td:nth-child(3)", (tds) => tds.map((td) => td.firstChild.textContent));
  assert.deepEqual(after, top.map((i) => twoDecimals(i.index_after)));
  const headers = await page.$$eval("#marginal-table th[scope=col]", (ths) => ths.length);
  assert.equal(headers, 3);
  assert.ok((await page.textContent("[data-testid=next-predicate]")).includes(m.next_predicate.min));

  // Reach the next predicate, from the keyboard.
  assert.equal(await page.locator("[data-testid=plan-index]").count(), 0, "no plan before the click");
  assert.ok(await page.isEnabled("#reach-next"));
  assert.ok(!(await page.isVisible("[data-testid=reach-next-note]")));
  await page.focus("#reach-next");
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-testid=plan-index]");
  assert.equal(await page.getAttribute("#reach-next", "aria-expanded"), "true");
  assert.equal((await page.textContent("[data-testid=plan-index]")).trim(), twoDecimals(want.projected_index));
  assert.equal(await page.getAttribute("[data-testid=plan-index]", "title"), want.projected_index_exact);
  assert.equal((await page.textContent("[data-testid=plan-predicate]")).trim(), want.projected_predicate);
  assert.equal((await page.textContent("[data-testid=plan-cost]")).trim(), twoDecimals(want.total_cost));
  assert.equal(await page.getAttribute("[data-testid=plan-cost]", "title"), want.total_cost);
  const steps = await page.$$eval("[data-testid=plan-steps] tbody tr", (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())),
  );
  assert.equal(steps.length, want.steps.length);
  for (const [k, s] of want.steps.entries()) {
    assert.ok(steps[k][0].startsWith(s.indicator), steps[k][0]);
    assert.deepEqual(steps[k].slice(1), [`${s.from} → ${s.to}`, signedTwoDecimals(s.gain), twoDecimals(s.cost)]);
  }

  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 1300 });
  await page.evaluate(() => document.getElementById("apply-plan").scrollIntoView({ block: "end" }));
  await page.screenshot({ path: join(shots, "wasm-page-plan.png") });
  await page.setViewportSize({ width: 1440, height: 900 });
  assert.ok(readFileSync(join(shots, "wasm-page-plan.png")).length > 10000);

  // Apply: the draft becomes the projected submission and everything recomputes.
  await page.click("#apply-plan");
  await settled();
  assert.deepEqual(await shown(), { index: want.projected_index, predicate: want.projected_predicate });
  assert.equal(await page.locator("[data-testid=plan-index]").count(), 0, "the applied plan is closed");
  assert.deepEqual(await exported(), want.projected_submission);
  const again = iidNational.marginal(want.projected_submission).items[0];
  assert.equal((await page.textContent("#marginal-rows tr:first-child td.gain")).trim(), signedTwoDecimals(again.gain));
  // Inovatif has a band above it: the button still plans.
  assert.ok(await page.isEnabled("#reach-next"));
});

test("in the top band the reach-next button is disabled with an explanation; labels follow the language", async () => {
  const v = byName["perfect-region-2026"];
  await importFile("perfect.json", v.input);
  assert.deepEqual(await shown(), { index: v.expected.index, predicate: v.expected.predicate });
  assert.ok(await page.isDisabled("#reach-next"));
  assert.ok(await page.isVisible("[data-testid=reach-next-note]"));
  assert.equal(await page.getAttribute("#reach-next", "aria-describedby"), "reach-next-note");
  // The engine says so with its own code; the page shows the top-band note
  // (not the generic "plan cannot be computed" error).
  assert.equal((() => {
    try {
      iidNational.plan(v.input, { target: "next" });
    } catch (e) {
      return e.code;
    }
  })(), "no_band_above");
  const note = (await page.textContent("[data-testid=reach-next-note]")).trim();
  assert.equal(note, "Sudah berada di predikat tertinggi: tidak ada predikat di atasnya.");
  assert.equal(await page.locator("#plan .error").count(), 0);
  assert.ok(!(await page.isVisible("[data-testid=next-predicate]")));
  await page.click("#lang");
  assert.equal((await page.textContent("#reach-next")).trim(), "Reach the next predicate");
  assert.equal((await page.textContent("#marginal-h")).trim(), "Marginal value");
  assert.equal((await page.textContent("[data-testid=reach-next-note]")).trim(), "Already in the top predicate: there is none above it.");
  await page.click("#lang");
  assert.equal((await page.textContent("#reach-next")).trim(), "Capai predikat berikutnya");
  assert.equal((await page.textContent("#marginal-h")).trim(), "Nilai marjinal");
  // Leaving the top band enables it again.
  await importFile("back.json", JSON.parse(readFileSync(join(root, "examples", "kabupaten-contoh.json"), "utf8")));
  assert.ok(await page.isEnabled("#reach-next"));
  assert.ok(!(await page.isVisible("[data-testid=reach-next-note]")));
});

test("a level chosen on a measured row drops the measurement: the level chosen is the level scored", async () => {
  const v = byName["measured-values-2026"];
  await importFile("measured.json", v.input);
  assert.deepEqual(await shown(), { index: v.expected.index, predicate: iid.score(v.input).predicate });
  // 5a states level 1 with a measured 0.36, which scores level 3; the page says it is measured.
  const row5a = '#spd fieldset[data-code="5a"]';
  assert.ok(await page.isVisible(`${row5a} p.measured`));
  assert.ok((await page.textContent(`${row5a} p.measured`)).includes("0.36"));
  await page.check(`${row5a} input[value="2"]`);
  const sub = await exported();
  assert.deepEqual(sub.spd["5a"], { level: 2 });
  // (The form gives the draft an empty region object.)
  assert.deepEqual(sub, iid.applyChanges({ region: {}, ...v.input }, [{ op: "set", indicator: "5a", level: 2 }]));
  const want = iid.score(sub);
  const level = want.breakdown.aspects.flatMap((a) => a.variables).flatMap((x) => x.indicators).find((i) => i.code === "5a").level;
  assert.equal(level, 2, "the level chosen is scored");
  assert.notEqual(want.index, v.expected.index);
  assert.deepEqual(await shown(), { index: want.index, predicate: want.predicate });
  assert.ok(!(await page.isVisible(`${row5a} p.measured`)), "no measurement left to show");
  // A measured innovation row: the level chosen replaces the basis and value.
  await page.click("#innovation-rows tr:first-child button:not(.danger)");
  const row33 = '#editor fieldset[data-code="33"]';
  assert.ok(await page.isVisible(`${row33} p.measured`));
  await page.check(`${row33} input[value="1"]`);
  const after = await exported();
  assert.deepEqual(after.innovations[0].levels["33"], { level: 1 });
  assert.ok(!(await page.isVisible(`${row33} p.measured`)));
  assert.deepEqual(await shown(), { index: iid.score(after).index, predicate: iid.score(after).predicate });
  // Unanswered (level 0) removes the answer.
  await page.check(`${row33} input[value="0"]`);
  assert.ok(!("33" in (await exported()).innovations[0].levels));
  await page.click("#editor .editor-foot button");
});

test("new innovations are named by the engine: the first baru-N not taken", async () => {
  const example = JSON.parse(readFileSync(join(root, "examples", "kabupaten-contoh.json"), "utf8"));
  await importFile("kabupaten-contoh.json", example);
  const n = example.innovations.length;
  await page.click("#add");
  assert.equal(await page.locator("#editor").locator("fieldset").count() > 0, true, "the editor is open");
  await page.click("#editor .editor-foot button");
  await page.click("#add");
  await page.click("#editor .editor-foot button");
  let sub = await exported();
  assert.deepEqual(sub.innovations.slice(n).map((i) => i.id), ["baru-1", "baru-2"]);
  // Remove baru-1; the next one added takes its id again.
  await page.click(`#innovation-rows tr:nth-child(${n + 1}) button.danger`);
  await page.click("#add");
  // The affair goes through the engine too: a malformed code is refused with its path.
  await page.selectOption("#inv-affair", "__other");
  await page.fill("#inv-affair-other", "Bad Code!");
  assert.ok((await page.textContent("#status")).includes("changes[0].urusan"));
  await page.fill("#inv-affair-other", "pertanian");
  assert.equal((await page.textContent("#status")).trim(), "");
  await page.click("#editor .editor-foot button");
  sub = await exported();
  assert.deepEqual(sub.innovations.slice(n).map((i) => [i.id, i.urusan ?? null]), [["baru-2", null], ["baru-1", "pertanian"]]);
  assert.deepEqual(await shown(), { index: iid.score(sub).index, predicate: iid.score(sub).predicate });
});

test("figures show two decimals, with the exact value as a tooltip; the export stays exact", async () => {
  const example = JSON.parse(readFileSync(join(root, "examples", "kabupaten-contoh.json"), "utf8"));
  await importFile("kabupaten-contoh.json", example);
  const want = iid.score(example);
  // The SID score (an average over the divisor) is a long exact decimal.
  assert.match(want.sid_score, /\.\d{3,}$/);
  assert.equal((await page.textContent("[data-testid=sid-score]")).trim(), twoDecimals(want.sid_score));
  assert.equal(await page.getAttribute("[data-testid=sid-score]", "title"), want.sid_score);
  assert.equal(await page.getAttribute("[data-testid=index]", "title"), want.index_exact);
  // Every figure on the page: two decimals, rounded from the exact tooltip.
  const figures = await page.$$eval(".figure", (els) => els.map((e) => [e.textContent, e.title]));
  assert.ok(figures.length > 20, String(figures.length));
  for (const [text, title] of figures) {
    assert.match(text, /^-?\d+\.\d\d$/, title);
    assert.equal(text, twoDecimals(title));
  }
  // Rounding is on the digits, half-up: every long figure of the result is shown as its two-decimal prefix, rounded.
  const bars = await page.$$eval("#chart .bar-value", (els) => els.map((e) => e.textContent));
  assert.deepEqual(
    bars,
    want.breakdown.aspects.flatMap((a) => [a, ...a.variables]).map((x) => (x.max == null ? twoDecimals(x.score) : `${twoDecimals(x.score)} / ${twoDecimals(x.max)}`)),
  );
  assert.deepEqual(await exported(), example, "the export keeps the exact submission");
});

test("the page runs under a strict Content-Security-Policy, which is enforced", async () => {
  assert.equal(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content"), CSP);
  // No inline script or style anywhere in the page.
  const html = readFileSync(join(root, "bindings", "wasm", "www", "index.html"), "utf8");
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
  // The policy is in force: in a fresh page, an inline script and an inline style are refused.
  const ctx = await browser.newContext();
  const seen = [];
  await watchCsp(ctx, seen);
  const other = await ctx.newPage();
  await other.goto(server.url);
  await other.waitForSelector("body[data-ready=true]");
  const outcome = await other.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.iidInlineRan = true";
    document.body.append(script);
    const probe = document.createElement("div");
    probe.setAttribute("style", "width: 123px");
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return { ran: window.iidInlineRan === true, width };
  });
  await other.waitForTimeout(100);
  await ctx.close();
  assert.equal(outcome.ran, false);
  assert.notEqual(outcome.width, 123);
  assert.ok(seen.some((s) => s.startsWith("script-src")), seen.join("\n"));
  assert.ok(seen.some((s) => s.startsWith("style-src")), seen.join("\n"));
  // The calculator itself, through every test above: no violation.
  assert.deepEqual(violations, []);
});

test("no console errors, page errors or failed requests", () => {
  assert.deepEqual(problems, []);
});
