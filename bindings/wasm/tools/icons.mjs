// Renders the page's PNG icons from www/icons/icon.svg with Debian's
// Chromium (playwright-core), for the web app manifest: 192 and 512 pixels,
// and a maskable 512 (the mark shrunk into the safe zone on a full-bleed
// background). Run after changing the SVG; the PNGs are committed.
//
//   node bindings/wasm/tools/icons.mjs

import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const dir = new URL("../www/icons/", import.meta.url);
const svg = readFileSync(new URL("icon.svg", dir), "utf8");
const browser = await chromium.launch({ executablePath: process.env.IID_CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
for (const [file, size, maskable] of [["icon-192.png", 192, false], ["icon-512.png", 512, false], ["icon-maskable-512.png", 512, true]]) {
  await page.setViewportSize({ width: size, height: size });
  const inner = maskable ? Math.round(size * 0.8) : size;
  const body = svg.replace("<svg ", `<svg width="${inner}" height="${inner}" `);
  await page.setContent(
    `<html><body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${maskable ? "#0f2f57" : "transparent"}">${body}</body></html>`,
  );
  await page.screenshot({ path: new URL(file, dir).pathname, omitBackground: !maskable });
}
await browser.close();
