// Accessibility: axe-core (npm) on every view, at 390 and 1440 px, in both
// languages and with the editor and the plan open, must find no serious
// or critical violation (lesser ones are printed); the main flow works
// from the keyboard alone, with the focus always visible.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { iid, iidNational, root } from "../helpers.mjs";
import { exported, importFile, launch, open, scratch, serve, settled, shown, watchProblems } from "./browser.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const example = JSON.parse(readFileSync(join(root, "examples", "kabupaten-contoh.json"), "utf8"));

let server;
let browser;
let tmp;
const problems = [];
const lesser = new Map();

before(async () => {
  server = await serve();
  browser = await launch();
  tmp = scratch();
});

after(async () => {
  if (lesser.size) console.log(`axe, moderate and minor (not failing): ${[...lesser].map(([id, n]) => `${id} x${n}`).join(", ")}`);
  await browser?.close();
  await server?.close();
  tmp?.remove();
});

/**
 * Run axe-core in the page (through the DevTools protocol, so the page's
 * Content-Security-Policy stays as it is) and return the serious and
 * critical violations, one line per rule and element.
 */
async function axe(page, where) {
  await page.evaluate(`${axeSource}\n;undefined`);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`) }));
  });
  for (const v of violations.filter((x) => x.impact !== "serious" && x.impact !== "critical")) lesser.set(v.id, (lesser.get(v.id) ?? 0) + v.nodes.length);
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").flatMap((v) => v.nodes.map((n) => `${where}: ${v.id} (${v.impact}, ${v.help}) at ${n}`));
}

test("axe-core finds no serious or critical violation on any view, at 390 and 1440 px, in both languages", async () => {
  const found = [];
  for (const width of [390, 1440]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    watchProblems(page, problems);
    await open(page, server.url);
    await importFile(page, tmp.dir, "kabupaten-contoh.json", example);
    const views = await page.$$eval("#views a", (as) => as.map((a) => a.getAttribute("href").slice(2)));
    for (const lang of ["id", "en"]) {
      if (lang === "en") await page.click("#lang");
      for (const id of views) {
        await page.click(`#views a[href="#/${id}"]`);
        await page.waitForSelector(`#isi[data-view="${id}"][data-ready=true]`);
        found.push(...(await axe(page, `${id} ${width}px ${lang}`)));
      }
      // The calculator with an innovation in the editor and the plan open.
      await page.click('#views a[href="#/kalkulator"]');
      await page.waitForSelector('#isi[data-view="kalkulator"][data-ready=true]');
      await page.click("#innovation-rows tr:first-child button:not(.danger)");
      await page.click("#reach-next");
      await page.waitForSelector("[data-testid=plan-index]");
      found.push(...(await axe(page, `editor and plan ${width}px ${lang}`)));
      await page.click("#editor .editor-foot button");
    }
    // An engine error on show, and the top band's note.
    await importFile(page, tmp.dir, "error.json", { methodology: "iid-2026", spd: { 1: 4 } });
    found.push(...(await axe(page, `error ${width}px`)));
    await context.close();
  }
  assert.deepEqual(found, []);
});

/** The element with the focus: a description, and whether its focus can be seen. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    // A radio's ring is drawn on its option card.
    const ringed = el.matches("input[type=radio]") ? el.closest(".option") : el;
    const style = getComputedStyle(ringed);
    const rect = ringed.getBoundingClientRect();
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 60),
      value: el.value,
      visible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 && rect.width > 0 && rect.bottom > 0 && rect.top < innerHeight,
    };
  });

/** Press Tab until `match(focused)` holds (at most `limit` times); every stop must show its focus. */
async function tabTo(page, match, what, limit = 300) {
  for (let k = 0; k < limit; k++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    assert.ok(f.visible || f.tag === "body", `focus not visible on ${JSON.stringify(f)}`);
    if (match(f)) return f;
  }
  assert.fail(`${what}: not reached with Tab`);
}

test("the main flow from the keyboard alone, with a visible focus at every stop", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
  const page = await context.newPage();
  watchProblems(page, problems);
  // The file chooser is answered by a listener set up in advance (waiting
  // for it only when the key is pressed can miss it).
  page.on("filechooser", (chooser) => chooser.setFiles(join(root, "examples", "kabupaten-contoh.json")));
  await open(page, server.url);

  // The skip link comes first and shows itself.
  let f = await tabTo(page, (x) => x.tag === "a", "skip link", 1);
  assert.equal(f.text, "Langsung ke isi");
  // Import the bundled example: the button opens the file chooser.
  await tabTo(page, (x) => x.id === "import", "import");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("kabupaten-contoh.json"));
  await settled(page);
  assert.equal((await shown(page)).index, iid.score(example).index);

  // An answer: into indicator 1's radio group, then the arrow keys.
  f = await tabTo(page, (x) => x.tag === "input" && x.id === "" && x.value === "3", "indicator 1");
  await page.keyboard.press("ArrowLeft");
  await settled(page);
  let sub = await exported(page);
  assert.equal(sub.spd["1"], 2);

  // A new innovation: Enter on "add", then its name, agency, affair and one answer.
  await tabTo(page, (x) => x.id === "add", "add");
  await page.keyboard.press("Enter");
  assert.equal((await focused(page)).id, "inv-name");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Posyandu Digital");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Dinas Kesehatan");
  f = await tabTo(page, (x) => x.id === "inv-affair", "affair");
  // Down the list: "— pilih urusan —", "Pendidikan", then "Kesehatan".
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal((await focused(page)).value, "kesehatan");
  // The first indicator's group: its stop is the checked "unanswered"; the arrow goes round to level 1.
  f = await tabTo(page, (x) => x.tag === "input" && x.value === "0", "first indicator of the innovation", 3);
  await page.keyboard.press("ArrowDown");
  await tabTo(page, (x) => x.tag === "button" && x.text === "Selesai", "done");
  await page.keyboard.press("Enter");
  // The focus goes back to the list, on the new row's edit button.
  assert.equal((await focused(page)).text, "Sunting: Posyandu Digital");
  await settled(page);
  sub = await exported(page);
  const added = sub.innovations.at(-1);
  assert.deepEqual([added.name, added.agency, added.urusan, Object.values(added.levels)], ["Posyandu Digital", "Dinas Kesehatan", "kesehatan", [1]]);
  assert.deepEqual(await shown(page), { index: iid.score(sub).index, predicate: iid.score(sub).predicate });

  // The plan to the next predicate, opened and applied from the keyboard.
  await tabTo(page, (x) => x.id === "reach-next", "reach next");
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-testid=plan-index]");
  assert.equal(await page.evaluate(() => document.activeElement.id), "plan-result", "the focus moves to the plan");
  const plan = iidNational.plan(sub, { target: "next" });
  await tabTo(page, (x) => x.id === "apply-plan", "apply the plan");
  await page.keyboard.press("Enter");
  await settled(page);
  assert.deepEqual(await shown(page), { index: plan.projected_index, predicate: plan.projected_predicate });

  // Another view, from the navigation (Shift+Tab back up the page).
  for (let k = 0; k < 400 && (await focused(page)).text !== "Metodologi"; k++) await page.keyboard.press("Shift+Tab");
  assert.equal((await focused(page)).text, "Metodologi");
  await page.keyboard.press("Enter");
  await page.waitForSelector('#isi[data-view="metodologi"][data-ready=true]');
  assert.equal(await page.evaluate(() => document.activeElement.id), "isi");
  await context.close();
});

test("no console errors, page errors or failed requests", () => {
  assert.deepEqual(problems, []);
});
