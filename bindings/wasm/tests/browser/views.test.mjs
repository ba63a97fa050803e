// The page on screens from 360 to 1920 pixels: no view is wider than the
// window or breaks the Content-Security-Policy, the result comes after the form on narrow screens with a summary
// bar following the form, the print style sheet puts the result first.
// Every registered view is reached through the navigation and by its
// address. Leaves target/wasm-page-<view>-<width>.png for each view at 390
// and 1440 px, and target/wasm-page-print.pdf.

import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { iid, iidNational, root } from "../helpers.mjs";
import { exported, importFile, launch, open, overflow, ready, scratch, screenshot, serve, settled, shots, shown, watchProblems } from "./browser.mjs";

const example = JSON.parse(readFileSync(join(root, "examples", "kabupaten-contoh.json"), "utf8"));

let server;
let browser;
let tmp;
const problems = [];

before(async () => {
  server = await serve();
  browser = await launch();
  tmp = scratch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  tmp?.remove();
});

/** A page at `width` px showing the bundled example. */
async function pageAt(width, height = 900) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  // Content-Security-Policy violations, kept in the page (every view runs under the policy).
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  watchProblems(page, problems);
  await open(page, server.url);
  await importFile(page, tmp.dir, "kabupaten-contoh.json", example);
  return { context, page };
}

/** The registered views, as the navigation lists them: [id, title]. */
const viewsOf = (page) => page.$$eval("#views a", (as) => as.map((a) => [a.getAttribute("href").slice(2), a.textContent]));

async function show(page, id) {
  await page.click(`#views a[href="#/${id}"]`);
  await page.waitForSelector(`#isi[data-view="${id}"][data-ready=true]`);
}

test("no view is wider than the window, from 360 to 1920 px; screenshots at 390 and 1440", async () => {
  for (const width of [360, 390, 768, 1024, 1440, 1920]) {
    const { context, page } = await pageAt(width);
    const views = await viewsOf(page);
    assert.ok(views.length >= 2, JSON.stringify(views));
    for (const [id] of views) {
      await show(page, id);
      assert.deepEqual(await overflow(page), { over: 0, culprits: [] }, `${id} at ${width} px`);
      if (width === 390 || width === 1440) assert.ok(statSync(await screenshot(page, `wasm-page-${id}-${width}.png`)).size > 10000);
    }
    // The calculator with an innovation in the editor and the plan open.
    await show(page, "kalkulator");
    await page.click("#innovation-rows tr:first-child button:not(.danger)");
    await page.click("#reach-next");
    await page.waitForSelector("[data-testid=plan-index]");
    assert.deepEqual(await overflow(page), { over: 0, culprits: [] }, `editor and plan at ${width} px`);
    // No table of the result needs sideways scrolling: every figure is in sight.
    const clipped = await page.$$eval("#hasil .table-wrap", (ws) => ws.filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => w.firstElementChild?.className));
    assert.deepEqual(clipped, [], `result tables at ${width} px`);
    assert.deepEqual(await page.evaluate(() => window.__csp), [], `CSP at ${width} px`);
    if (width === 390) {
      await page.evaluate(() => document.getElementById("hasil").scrollIntoView());
      await screenshot(page, "wasm-page-kalkulator-390-result.png");
      await page.evaluate(() => document.getElementById("plan-section").scrollIntoView());
      await screenshot(page, "wasm-page-kalkulator-390-plan.png");
    }
    await context.close();
  }
});

test("narrow screens: the form, then the result; a summary bar follows the form with the index and predicate", async () => {
  const want = iid.score(example);
  for (const [width, narrow] of [[390, true], [1440, false]]) {
    const { context, page } = await pageAt(width, 800);
    const box = (sel) => page.$eval(sel, (e) => e.getBoundingClientRect().toJSON());
    const form = await box("#region-card");
    const result = await box("#hasil");
    if (narrow) {
      assert.ok(result.top > form.bottom, "the result comes after the form");
      // Halfway down the form the summary bar sits at the bottom of the screen.
      await page.evaluate(() => document.querySelector('#spd fieldset[data-code="8"]').scrollIntoView());
      const bar = await box("#summary-bar");
      assert.ok(bar.bottom <= 800 && bar.bottom > 800 - 8 && bar.height > 30, JSON.stringify(bar));
      assert.equal((await page.textContent("#summary-index")).trim(), (await shown(page)).index);
      assert.equal((await page.textContent("#summary-predicate")).trim(), want.predicate);
      // Its link leads to the result.
      await page.click("#summary-bar a");
      const after = await box("#hasil");
      assert.ok(after.top >= -1 && after.top < 100, JSON.stringify(after));
    } else {
      assert.ok(result.left >= form.right, "the result beside the form");
      assert.equal(await page.isVisible("#summary-bar"), false);
    }
    // Readable without zooming: the page sets the device width, text is at least 12 px.
    assert.equal(await page.getAttribute('meta[name="viewport"]', "content"), "width=device-width, initial-scale=1");
    const sizes = await page.$$eval("#hasil *", (els) =>
      els.filter((e) => e.childElementCount === 0 && e.textContent.trim() && e.getClientRects().length && !e.closest(".visually-hidden")).map((e) => parseFloat(getComputedStyle(e).fontSize)),
    );
    assert.ok(Math.min(...sizes) >= 12, String(Math.min(...sizes)));
    assert.ok(parseFloat(await page.$eval("#index", (e) => getComputedStyle(e).fontSize)) >= 32);
    await context.close();
  }
});

test("print: the result first, no controls and no answer forms", async () => {
  const { context, page } = await pageAt(1440);
  await page.emulateMedia({ media: "print" });
  for (const hidden of ["#spd-card", ".toolbar", "#views", "#reach-next", "#summary-bar", "#lang", "#add"]) {
    assert.equal(await page.isVisible(hidden), false, hidden);
  }
  for (const visible of ["#hasil", "#index", "#findings", "#innovation-rows", "#region-card"]) assert.ok(await page.isVisible(visible), visible);
  const top = (sel) => page.$eval(sel, (e) => e.getBoundingClientRect().top);
  assert.ok((await top("#hasil")) < (await top("#region-card")), "the result before the region");
  assert.deepEqual(await overflow(page), { over: 0, culprits: [] });
  const pdf = join(shots, "wasm-page-print.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: true });
  assert.ok(statSync(pdf).size > 20000);
  await context.close();
});

test("views are reached by the navigation and by their address; an unknown address shows the first view", async () => {
  const { context, page } = await pageAt(1440);
  const views = await viewsOf(page);
  assert.equal(views[0][0], "kalkulator");
  for (const [id, title] of [...views.slice(1), views[0]]) {
    await show(page, id);
    assert.equal(await page.getAttribute(`#views a[href="#/${id}"]`, "aria-current"), "page");
    assert.equal(await page.locator('#views a[aria-current="page"]').count(), 1);
    assert.ok((await page.title()).startsWith(title), await page.title());
    assert.equal(await page.evaluate(() => document.activeElement.id), "isi", "the focus moves to the view");
  }
  // By address, and back through the history.
  await page.goto(`${server.url}#/metodologi`);
  await ready(page);
  assert.equal(await page.getAttribute("#isi", "data-view"), "metodologi");
  await page.goBack();
  await page.waitForSelector('#isi[data-view="kalkulator"][data-ready=true]');
  await page.goto(`${server.url}#/no-such-view`);
  await page.reload();
  await ready(page);
  assert.equal(await page.getAttribute("#isi", "data-view"), "kalkulator");
  // An anchor inside a view (the skip link to the result) keeps the view.
  await page.evaluate(() => (location.hash = "#hasil"));
  await page.waitForTimeout(50);
  assert.equal(await page.getAttribute("#isi", "data-view"), "kalkulator");
  // Leaving the calculator while its worker still computes breaks nothing.
  await show(page, "kalkulator");
  await page.evaluate(() => {
    document.querySelector('#spd fieldset[data-code="1"] input[value="1"]').click();
    location.hash = "#/metodologi";
  });
  await page.waitForSelector('#isi[data-view="metodologi"][data-ready=true]');
  await page.waitForTimeout(300);
  await context.close();
});

test("the methodology view shows the rubric the engine gives, and follows the methodology and the language", async () => {
  const { context, page } = await pageAt(1440);
  await show(page, "metodologi");
  for (const id of ["iid-2026", "iid-2023"]) {
    await page.selectOption("#methodology", id);
    const rb = iid.rubric(id);
    const text = await page.textContent("#isi");
    assert.ok(text.includes(rb.name), id);
    const codes = await page.$$eval("#isi table.reference td:first-child .code", (cs) => cs.map((c) => c.textContent));
    // Every indicator once, grouped by aspect and variable in the rubric's order.
    const grouped = rb.aspects.flatMap((a) => rb.variables.filter((v) => v.aspect === a.code).flatMap((v) => rb.indicators.filter((i) => i.variable === v.code).map((i) => i.code)));
    assert.deepEqual(codes, grouped, id);
    assert.deepEqual([...codes].sort(), rb.indicators.map((i) => i.code).sort(), id);
    const bands = await page.$$eval("#isi table.reference", (ts) => [...ts[0].querySelectorAll("tbody tr")].map((tr) => tr.cells[0].textContent));
    assert.deepEqual(bands, rb.predicates.map((b) => b.label), id);
  }
  await page.click("#lang");
  const rb = iid.rubric("iid-2023");
  const bands = await page.$$eval("#isi table.reference", (ts) => [...ts[0].querySelectorAll("tbody tr")].map((tr) => tr.cells[0].textContent));
  assert.deepEqual(bands, rb.predicates.map((b) => b.label_en ?? b.label));
  await page.click("#lang");
  // The draft keeps the methodology chosen here.
  await show(page, "kalkulator");
  assert.equal((await exported(page)).methodology, "iid-2023");
  await context.close();
});

test("without Web Workers the marginal table and the plan are computed on the page's thread, with the same answers", async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => {
    delete window.Worker;
  });
  const page = await context.newPage();
  watchProblems(page, problems);
  await open(page, server.url);
  await importFile(page, tmp.dir, "kabupaten-contoh.json", example);
  const m = iidNational.marginal(example);
  const gains = await page.$$eval("#marginal-rows td.gain", (tds) => tds.map((td) => td.title));
  assert.deepEqual(gains, m.items.slice(0, 10).map((i) => (i.gain.startsWith("-") ? i.gain : `+${i.gain}`)));
  await page.click("#reach-next");
  await page.waitForSelector("[data-testid=plan-index]");
  assert.equal(await page.getAttribute("[data-testid=plan-index]", "title"), iidNational.plan(example, { target: "next" }).projected_index_exact);
  await page.check('#spd fieldset[data-code="1"] input[value="1"]');
  await settled(page);
  const now = await exported(page);
  assert.equal(await page.getAttribute("#marginal-rows tr:first-child td.gain", "title"), `+${iidNational.marginal(now).items[0].gain}`);
  await context.close();
});

test("no console errors, page errors or failed requests", () => {
  assert.deepEqual(problems, []);
});
