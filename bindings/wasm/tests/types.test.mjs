// The TypeScript declarations (generated from the core's types) compile and
// reject misuse: tests/types/*.ts hold @ts-expect-error lines that fail the
// check when the types are too loose.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

import { wasmDir } from "./helpers.mjs";

test("the .d.ts files type-check a realistic use and reject misuse (tsc --noEmit)", () => {
  const tsc = join(wasmDir, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(wasmDir, "tests", "types", "tsconfig.json")], {
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
