// The page's structure (www/), read as files: only the engine module and
// its worker touch the WebAssembly package; every registered view is a
// module exporting mount(); nothing in the page sends anything anywhere;
// every path is relative, so the page works at any address.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";

import { wasmDir } from "./helpers.mjs";

const www = join(wasmDir, "www");

/** The page's own files (not the generated package and build info). */
function files(dir = www) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = relative(www, path);
    if (rel === "pkg" || rel === "build-info.js") return [];
    return statSync(path).isDirectory() ? files(path) : [rel];
  });
}
const modules = files().filter((f) => f.endsWith(".js"));
const read = (f) => readFileSync(join(www, f), "utf8");

test("only engine.js and engine-worker.js use the WebAssembly package", () => {
  const users = modules.filter((f) => /pkg\/iid_(wasm|national)/.test(read(f)));
  assert.deepEqual(users.sort(), ["engine-worker.js", "engine.js"]);
});

test("every registered view is a module that exports mount()", () => {
  const registry = read("views/index.js");
  const targets = [...registry.matchAll(/import\("\.\/([^"]+)"\)/g)].map((m) => join("views", m[1]));
  const ids = [...registry.matchAll(/\{ id: "([a-z0-9-]+)"/g)].map((m) => m[1]);
  assert.ok(targets.length >= 2 && targets.length === ids.length, registry);
  assert.equal(new Set(ids).size, ids.length, "view ids are unique");
  for (const target of targets) {
    assert.ok(existsSync(join(www, target)), target);
    assert.match(read(target), /export (async )?function mount\(root, \{ signal \}\)/, target);
  }
});

test("nothing in the page sends anything: no request but the engine's own module", () => {
  for (const f of modules) {
    const text = read(f);
    assert.doesNotMatch(text, /XMLHttpRequest|sendBeacon|WebSocket|EventSource|navigator\.connection/, f);
    const fetches = text.match(/\bfetch\(/g)?.length ?? 0;
    // engine.js fetches the .wasm; the service worker fetches the page's own files.
    assert.equal(fetches, { "engine.js": 1, "sw.js": 1 }[f] ?? 0, f);
  }
});

test("every path is relative (the page may be served under any prefix)", () => {
  const html = read("index.html");
  for (const [, attr] of html.matchAll(/\s(?:src|href)="([^"]*)"/g)) assert.doesNotMatch(attr, /^\/|^[a-z]+:\/\//i, attr);
  for (const f of modules) {
    const specs = [...read(f).matchAll(/^import (?:[^;]*? from )?"([^"]+)"|\bimport\("([^"]+)"\)/gm)].map((m) => m[1] ?? m[2]);
    for (const spec of specs) assert.match(spec, /^\.\.?\//, `${f}: ${spec}`);
    assert.doesNotMatch(read(f), /new URL\("\//, f);
  }
  const manifest = JSON.parse(read("manifest.webmanifest"));
  for (const path of [manifest.start_url, manifest.scope, manifest.id, ...manifest.icons.map((i) => i.src)]) assert.doesNotMatch(path, /^\/|^[a-z]+:/i, path);
});

test("the page names no award definition: the views offer the engine's list", async () => {
  const { awardChoices, loadAwards } = await import("../www/lib/awards.js");
  const listed = [{ id: "a-1", name: "Award one" }, { id: "b-2", name: "Award two" }];
  assert.deepEqual(awardChoices(listed, "none"), [["a-1", "a-1 · Award one"], ["b-2", "b-2 · Award two"], ["", "none"]]);
  // The first listed is the default; a choice already made (even "no
  // clusters") stays; an engine that cannot load leaves only "no clusters".
  const fresh = { award: null };
  await loadAwards({ awards: async () => listed }, fresh);
  assert.deepEqual([fresh.award, fresh.awards], ["a-1", listed]);
  const chosen = { award: "" };
  await loadAwards({ awards: async () => listed }, chosen);
  assert.equal(chosen.award, "");
  const broken = { award: null, error: null };
  await loadAwards({ awards: async () => { throw new Error("no module"); } }, broken);
  assert.deepEqual([broken.award, broken.awards, broken.error.message], ["", [], "no module"]);
  // No module of the page writes an award id.
  const www = join(wasmDir, "www");
  const files = ["engine.js", ...["views", "lib"].flatMap((d) => readdirSync(join(www, d)).filter((f) => f.endsWith(".js")).map((f) => join(d, f)))];
  for (const f of files) {
    assert.doesNotMatch(readFileSync(join(www, f), "utf8"), /iga-\d{4}/, f);
  }
});
