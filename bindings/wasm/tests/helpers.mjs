// Shared by the Node tests: the package (Node flavour), the shared vectors
// and the native CLI whose answers the package must reproduce.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";

export const here = dirname(fileURLToPath(import.meta.url));
export const wasmDir = join(here, "..");
export const root = join(wasmDir, "..", "..");
export const vectorsDir = join(root, "tests", "vectors");

const pkgNode = join(wasmDir, "pkg", "node", "iid_wasm.js");
if (!existsSync(pkgNode)) {
  throw new Error(`${pkgNode} is missing: run bash bindings/wasm/build.sh first`);
}
export const iid = createRequire(import.meta.url)(pkgNode);
/** The national module (the engine plus rank() and award()). */
export const iidNational = createRequire(import.meta.url)(join(wasmDir, "pkg", "node", "iid_national.js"));

/** Every vector file in tests/vectors, sorted, parsed. */
export function vectors() {
  return readdirSync(vectorsDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(join(vectorsDir, file), "utf8")) }));
}

/** The submission of a vector as the package takes it: an object, or text. */
export function inputOf(v) {
  if ("input" in v === "input_text" in v) throw new Error(`${v.file}: needs exactly one of input / input_text`);
  return "input" in v ? v.input : v.input_text;
}

export function rubricPath(v) {
  return v.rubric ? join(vectorsDir, v.rubric) : undefined;
}

export function optionsOf(v) {
  const options = {};
  if (v.rubric) options.rubric = readFileSync(rubricPath(v), "utf8");
  if (v.mode) options.mode = v.mode;
  return options;
}

/** The native CLI (built by test.sh; IID_CLI overrides its path). */
export function cli() {
  const path = process.env.IID_CLI ?? join(root, "target", "debug", "iid");
  if (!existsSync(path)) throw new Error(`${path} is missing: cargo build -p iid-cli (test.sh does)`);
  return path;
}

/** Run the CLI: { status, stdout, stderr }. */
export function runCli(args, stdin) {
  const r = spawnSync(cli(), args, { input: stdin, maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

/** The CLI's JSON answer, or throws with its message. */
export function cliJson(args, stdin) {
  return JSON.parse(execFileSync(cli(), args, { input: stdin, maxBuffer: 1 << 26 }).toString());
}

/** Calls f and returns what it threw (fails when it returns). */
export function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a thrown error, got a result");
}

/**
 * Where `got` differs from the subset `want` (the Rust runner's rule), or
 * null: every key of a `want` object is in a `got` object (not an array)
 * with a matching value, arrays match element by element (same length),
 * anything else is deeply and strictly equal (decimals are JSON text, so
 * they compare as written).
 */
export function mismatch(want, got, at = "$") {
  if (want && typeof want === "object" && !Array.isArray(want) && got && typeof got === "object" && !Array.isArray(got)) {
    for (const [k, w] of Object.entries(want)) {
      if (!(k in got)) return `${at}.${k}: missing`;
      const m = mismatch(w, got[k], `${at}.${k}`);
      if (m) return m;
    }
    return null;
  }
  if (Array.isArray(want) && Array.isArray(got) && want.length === got.length) {
    for (let i = 0; i < want.length; i++) {
      const m = mismatch(want[i], got[i], `${at}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  return isDeepStrictEqual(want, got) ? null : `${at}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

/** Fails, saying where, unless `got` contains the subset `want`. */
export function assertSubset(want, got) {
  assert.equal(mismatch(want, got), null);
}
