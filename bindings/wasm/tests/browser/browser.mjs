// Shared by the browser tests: Debian's Chromium driven by playwright-core
// (playwright cannot download a browser here), the page served on a free
// localhost port, and the page's own ways of saying it is ready.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { chromium } from "playwright-core";

import { serve } from "../../serve.mjs";
import { root } from "../helpers.mjs";

export const CHROMIUM = process.env.IID_CHROMIUM ?? "/usr/bin/chromium";
export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];
/** Screenshots and figures go here (git-ignored). */
export const shots = join(root, "target");

export const launch = () => chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });

/** A persistent (not incognito) browser context, for installability. */
export const launchPersistent = (dir, options = {}) =>
  chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: FLAGS, ...options });

export { serve };

/** A temporary folder, removed by the returned function. */
export function scratch(prefix = "iid-page-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Collect console errors, page errors and failed requests of `page` into `sink`. */
export function watchProblems(page, sink) {
  page.on("console", (m) => m.type() === "error" && sink.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => sink.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    // A request the test cancelled by navigating away (the icon, say) is not the page's failure.
    if (r.failure()?.errorText === "net::ERR_ABORTED") return;
    sink.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
}

/** Open the page at `url` and wait until its first view is mounted. */
export async function open(page, url) {
  await page.goto(url);
  await ready(page);
}

export async function ready(page) {
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForSelector("#isi[data-ready=true]");
}

/** Wait until the marginal table and the plan are computed for the draft as it is. */
export async function settled(page) {
  await page.waitForSelector("#plan-section[aria-busy=false]", { state: "attached" });
}

/** Import `value` (an object or text) through the page's file input, as a user would. */
export async function importFile(page, dir, name, value) {
  const file = join(dir, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value, null, 1));
  await page.setInputFiles("#import-file", file);
  await page.waitForFunction((n) => document.getElementById("status").textContent.includes(n), name);
  if (await page.$("#plan-section")) await settled(page);
}

/** The draft as the page exports it. */
export async function exported(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  return JSON.parse(readFileSync(await download.path(), "utf8"));
}

/** The index and predicate on show. */
export const shown = async (page) => ({
  index: (await page.textContent("[data-testid=index]")).trim(),
  predicate: (await page.textContent("[data-testid=predicate]")).trim(),
});

/** Save a screenshot under target/ and return its path. */
export async function screenshot(page, name, options = {}) {
  mkdirSync(shots, { recursive: true });
  const path = join(shots, name);
  await page.screenshot({ path, ...options });
  return path;
}

/** How far the document is wider than the window (0: no horizontal scrolling), and the widest offenders. */
export function overflow(page) {
  return page.evaluate(() => {
    const over = document.documentElement.scrollWidth - window.innerWidth;
    const culprits =
      over > 0
        ? [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .slice(0, 5)
            .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${e.className ? `.${String(e.className).replace(/ /g, ".")}` : ""}`)
        : [];
    return { over, culprits };
  });
}

/** A region of `count` innovations from the CLI's synthetic generator, each answer one level lower (so a plan has steps to find). */
export function generatedRegion(cliJson, count = 200, seed = 2025) {
  const [sub] = cliJson(["synth", "--regions", "1", "--innovations", String(count), "--seed", String(seed)]);
  for (const inv of sub.innovations) for (const k of Object.keys(inv.levels)) inv.levels[k] = Math.max(0, inv.levels[k] - 1);
  return sub;
}
