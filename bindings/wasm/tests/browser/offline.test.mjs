// Offline use: after one visit the page loads and scores with the server
// gone and the network cut; a new build is announced and taken up on
// request; requests that are not the page's pass to the network; the page
// is an installable web app. Works on a copy of www/ so that a new build
// can be made without touching the repository.

import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { iid, iidNational, root, vectors } from "../helpers.mjs";
import { importFile, launch, launchPersistent, open, ready, scratch, serve, settled, shown, watchProblems } from "./browser.mjs";

const www = join(root, "bindings", "wasm", "www");
const byName = Object.fromEntries(vectors().map((v) => [v.name, v]));

let browser;
let tmp;
let site; // the copy of www/
let server;
let port;
const problems = [];

before(async () => {
  tmp = scratch();
  site = join(tmp.dir, "www");
  cpSync(www, site, { recursive: true });
  server = await serve(site);
  port = Number(new URL(server.url).port);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  tmp?.remove();
});

const build = () => /id: "([^"]+)"/.exec(readFileSync(join(site, "build-info.js"), "utf8"))[1];

/** Wait until this version of the page is cached and the page is under its service worker. */
async function cached(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null && document.getElementById("offline-state").textContent !== "");
}

test("after one visit the page loads, scores and plans with the server gone and the network cut", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await open(page, server.url);
  await cached(page);
  assert.ok((await page.textContent("#build")).includes(build()));
  // Only the page's own files are cached, under one versioned cache.
  const caches = await page.evaluate(async () => {
    const names = await caches.keys();
    const keys = await (await caches.open(names[0])).keys();
    return { names, keys: keys.map((r) => new URL(r.url).pathname) };
  });
  assert.deepEqual(caches.names, [`iid-page-${build()}`]);
  for (const file of ["/", "/app.js", "/engine.js", "/engine-worker.js", "/pkg/iid_wasm.js", "/pkg/iid_wasm_bg.wasm", "/views/index.js", "/views/calculator/index.js", "/views/methodology.js", "/style.css", "/manifest.webmanifest"]) {
    assert.ok(caches.keys.includes(file), file);
  }

  await server.close();
  await context.setOffline(true);
  watchProblems(page, problems);
  await page.reload();
  await ready(page);
  // A vector, imported and scored with no network.
  const v = byName["yandas-5-of-6-2026"];
  await importFile(page, tmp.dir, "offline.json", v.input);
  assert.deepEqual(await shown(page), { index: v.expected.index, predicate: v.expected.predicate });
  // An edit through the form, and the plan from the engine's worker.
  const example = JSON.parse(readFileSync(join(root, "examples", "kabupaten-contoh.json"), "utf8"));
  await importFile(page, tmp.dir, "kabupaten-contoh.json", example);
  await page.check('#spd fieldset[data-code="1"] input[value="1"]');
  await settled(page);
  const sub = { ...example, spd: { ...example.spd, 1: 1 } };
  const want = iid.score(sub);
  assert.deepEqual(await shown(page), { index: want.index, predicate: want.predicate });
  await page.click("#reach-next");
  await page.waitForSelector("[data-testid=plan-index]");
  assert.equal(await page.getAttribute("[data-testid=plan-index]", "title"), iidNational.plan(sub, { target: "next" }).projected_index_exact);
  // Another view, loaded for the first time, offline.
  await page.click('#views a[href="#/metodologi"]');
  await page.waitForSelector('#isi[data-view="metodologi"][data-ready=true]');
  assert.deepEqual(problems, []);
  await context.close();
});

test("a new build is announced and taken up on request; the old cache is removed", async () => {
  server = await serve(site, port); // the same origin as before
  const context = await browser.newContext();
  const page = await context.newPage();
  watchProblems(page, problems);
  await open(page, server.url);
  await cached(page);
  const first = build();
  assert.equal(await page.isVisible("#update"), false);

  // A new build: one file changed, and build-info.js named after it (as build.sh does).
  const css = join(site, "style.css");
  writeFileSync(css, `${readFileSync(css, "utf8")}\n/* new build */\n`);
  writeFileSync(join(site, "build-info.js"), readFileSync(join(site, "build-info.js"), "utf8").replace(first, "0123456789ab"));
  await page.reload();
  await ready(page);
  // The old build still runs; the new one waits, and says so.
  await page.waitForSelector("#update", { state: "visible" });
  assert.ok((await page.textContent("#build")).includes(first));
  assert.ok((await page.textContent("#update")).includes("Versi baru"));
  await Promise.all([page.waitForEvent("load"), page.click("#update-reload")]);
  await ready(page);
  await page.waitForFunction(() => document.getElementById("build").textContent.includes("0123456789ab"));
  assert.equal(await page.isVisible("#update"), false);
  await page.waitForFunction(async () => (await caches.keys()).join() === "iid-page-0123456789ab");
  assert.deepEqual(problems, []);
  // Requests that are not the page's go to the network as they are (this
  // server answers 404 where another service on the origin would answer).
  const status = await page.evaluate(async () => (await fetch("api/not-a-page-file")).status);
  assert.equal(status, 404);
  await context.close();
});

test("the page is an installable web app (manifest, icons, a service worker)", async () => {
  const profile = scratch("iid-profile-");
  const context = await launchPersistent(profile.dir);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await open(page, server.url);
    await cached(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send("Page.getAppManifest");
    assert.deepEqual(manifest.errors, []);
    assert.ok(manifest.url.endsWith("/manifest.webmanifest"));
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    // Every path in the manifest is relative: the page works at any address.
    const doc = JSON.parse(readFileSync(join(www, "manifest.webmanifest"), "utf8"));
    for (const path of [doc.start_url, doc.scope, doc.id, ...doc.icons.map((i) => i.src)]) assert.doesNotMatch(path, /^\/|^[a-z]+:/, path);
  } finally {
    await context.close();
    profile.remove();
  }
});
