// The printable report in a real browser (Debian's Chromium, playwright-
// core): the report of each bundled example opens with its charts, no
// request leaves the page, hostile names render as text; a screenshot of
// its first page and, through `iid report --pdf` and pdftoppm, the PDF's
// first page as an image. Leaves target/report-<example>.png and
// target/report-<example>-pdf-1.png.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { chromium } from "playwright-core";

import { root, runCli } from "../helpers.mjs";

const CHROMIUM = process.env.IID_CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"];
const shots = join(root, "target");

let browser;
let tmp;

before(async () => {
  mkdirSync(shots, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), "iid-report-"));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
});

after(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Open a report file; every request but the file itself is recorded and refused. */
async function open(file) {
  const page = await browser.newPage({ viewport: { width: 900, height: 1270 } });
  const requests = [];
  const problems = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url === `file://${file}`) return route.continue();
    requests.push(url);
    return route.abort();
  });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(`file://${file}`);
  return { page, requests, problems };
}

for (const name of ["kabupaten-contoh", "kota-bukti-dukung"]) {
  test(`the report of ${name} renders with its charts, requests nothing, prints to PDF`, async () => {
    const html = join(tmp, `${name}.html`);
    const r = runCli(["report", join(root, "examples", `${name}.json`), "-o", html, "--date", "2026-07-01"]);
    assert.equal(r.status, 0, r.stderr);
    const { page, requests, problems } = await open(html);
    assert.equal(await page.locator("h1").textContent(), "Laporan Indeks Inovasi Daerah");
    const index = name === "kabupaten-contoh" ? "37.98" : "51.92";
    assert.equal((await page.locator(".index").textContent()).trim(), index);
    // Band scale, one bar chart per aspect, the seats: drawn, not empty.
    assert.ok((await page.locator("svg.chart").count()) >= 4);
    const bars = await page.locator("svg.chart rect").count();
    assert.ok(bars >= 10, `${bars} bars`);
    const box = await page.locator("svg.chart").first().boundingBox();
    assert.ok(box.width > 300 && box.height > 20, JSON.stringify(box));
    assert.deepEqual(requests, []);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(shots, `report-${name}.png`) });
    await page.close();

    const pdf = join(tmp, `${name}.pdf`);
    const p = runCli(["report", join(root, "examples", `${name}.json`), "-o", pdf, "--pdf", "--date", "2026-07-01"]);
    assert.equal(p.status, 0, p.stderr);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
    const png = join(shots, `report-${name}-pdf`);
    const t = spawnSync("pdftoppm", ["-r", "50", "-png", "-f", "1", "-l", "1", pdf, png]);
    assert.equal(t.status, 0, String(t.stderr));
    const first = `${png}-1.png`;
    assert.ok(existsSync(first) && statSync(first).size > 5000, first);
  });
}

test("hostile names render as text and run nothing", async () => {
  const hostile = "<script>window.pwned=1;alert(1)</script><img src=x onerror=\"window.pwned=2\">";
  const sub = { methodology: "iid-2026", region: { name: hostile, code: "<b>9</b>" }, agencies: [hostile],
    innovations: [{ id: "<i>x</i>", name: hostile, agency: hostile, urusan: "sosial", levels: { 16: 2 } }] };
  const json = join(tmp, "hostile.json");
  writeFileSync(json, JSON.stringify(sub));
  const html = join(tmp, "hostile.html");
  const r = runCli(["report", json, "-o", html]);
  assert.equal(r.status, 0, r.stderr);
  const { page, requests, problems } = await open(html);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator("script, img, b, i").count(), 0);
  assert.ok((await page.locator("body").textContent()).includes(hostile));
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await page.close();
});
