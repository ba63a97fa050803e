// Times the WebAssembly package scoring the synthetic national dataset
// (548 regions, 36,742 innovations under iid-2026) against the native core
// scoring the same file in the same run, and reports the .wasm size.
//
//   node bindings/wasm/bench/national.mjs [runs]
//
// Needs `bash bindings/wasm/build.sh` first. The native side is
// `examples/native_national.rs` (built here with cargo when missing or
// stale). Both sides take JSON text per region and produce the full result
// (the CLI's --json object); the package is called with a JS object, as a
// web page would, and with JSON text. Every region's exact index must agree.

import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const pkg = join(here, "..", "pkg");
const out = join(root, "target", "wasm-bench");
const runs = Number(process.argv[2] ?? 7);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

mkdirSync(out, { recursive: true });
execFileSync("cargo", ["build", "--quiet", "--release", "-p", "iid-wasm", "--example", "native_national"], {
  cwd: root,
  stdio: "inherit",
});
const native = join(root, "target", "release", "examples", "native_national");
const dataset = join(out, "national-2026.json");
if (!existsSync(dataset)) execFileSync(native, ["write", dataset], { stdio: "inherit" });

const iid = createRequire(import.meta.url)(join(pkg, "node", "iid_wasm.js"));
const regions = JSON.parse(readFileSync(dataset, "utf8"));
const texts = regions.map((r) => JSON.stringify(r));

function wasmRun(inputs) {
  const indices = [];
  const t0 = performance.now();
  for (const x of inputs) indices.push(iid.score(x).index_exact);
  return { ms: performance.now() - t0, indices };
}

function nativeRun() {
  const text = execFileSync(native, ["time", dataset, "1"], { maxBuffer: 1 << 26 }).toString();
  const r = JSON.parse(text);
  return { ms: r.runs_ms[0], indices: r.index_exact, regions: r.regions, innovations: r.innovations };
}

// Interleaved, so that load from other processes falls on every side alike;
// the first round warms up the JIT and is not counted.
const times = { native: [], object: [], text: [] };
let nat;
for (let i = 0; i <= runs; i++) {
  nat = nativeRun();
  const obj = wasmRun(regions);
  const txt = wasmRun(texts);
  for (const [name, r] of [["object", obj], ["text", txt]]) {
    const bad = r.indices.findIndex((x, k) => x !== nat.indices[k]);
    if (bad >= 0 || r.indices.length !== nat.indices.length) {
      console.error(`region ${bad}: wasm (${name}) ${r.indices[bad]} != native ${nat.indices[bad]}`);
      process.exit(1);
    }
  }
  if (i > 0) {
    times.native.push(nat.ms);
    times.object.push(obj.ms);
    times.text.push(txt.ms);
  }
}

const wasm = readFileSync(join(pkg, "iid_wasm_bg.wasm"));
const report = {
  regions: nat.regions,
  innovations: nat.innovations,
  runs,
  wasm_bytes: wasm.length,
  wasm_gzip_bytes: gzipSync(wasm, { level: 9 }).length,
  native_ms: median(times.native),
  wasm_object_ms: median(times.object),
  wasm_text_ms: median(times.text),
};
report.ratio_object = report.wasm_object_ms / report.native_ms;
report.ratio_text = report.wasm_text_ms / report.native_ms;
writeFileSync(join(out, "national-report.json"), JSON.stringify(report, null, 2) + "\n");

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`national dataset: ${report.regions} regions, ${report.innovations} innovations (iid-2026), median of ${runs} runs`);
console.log(`.wasm size:        ${report.wasm_bytes} bytes (${kb(report.wasm_bytes)}) raw, ${report.wasm_gzip_bytes} bytes (${kb(report.wasm_gzip_bytes)}) gzipped (zlib level 9)`);
console.log(`native core:       ${report.native_ms.toFixed(1)} ms`);
console.log(`wasm, JS objects:  ${report.wasm_object_ms.toFixed(1)} ms  (${report.ratio_object.toFixed(2)}x native)`);
console.log(`wasm, JSON text:   ${report.wasm_text_ms.toFixed(1)} ms  (${report.ratio_text.toFixed(2)}x native)`);
console.log(`all ${report.regions} exact indices agree with the native core`);
