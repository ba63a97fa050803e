// The page's display of the engine's decimals (www/decimal.js): two
// places, rounded half-up on the digits of the exact string, never
// through a binary float.

import assert from "node:assert/strict";
import { test } from "node:test";

import { percentText, rounded, signedTwoDecimals, twoDecimals } from "../www/decimal.js";

test("two decimals, half-up on the digits", () => {
  const cases = [
    ["52.4566666667", "52.46"],
    ["49.4166666667", "49.42"],
    ["4", "4.00"],
    ["0", "0.00"],
    ["37.98", "37.98"],
    ["2.5", "2.50"],
    ["0.125", "0.13"],
    ["0.124999999999", "0.12"],
    ["0.005", "0.01"],
    ["0.0049999", "0.00"],
    ["9.995", "10.00"],
    ["199.995", "200.00"],
    ["99.994999", "99.99"],
    ["-1.216", "-1.22"],
    ["-1.215", "-1.22"],
    ["-1.214", "-1.21"],
    ["-0.004", "0.00"],
    ["-0.005", "-0.01"],
    ["1.", "1.00"],
    ["007.5", "7.50"],
    // Beyond a double's precision: the digits decide, not a float.
    ["12345678901234567.895", "12345678901234567.90"],
    ["1.0049999999999999999", "1.00"],
  ];
  for (const [exact, shown] of cases) assert.equal(twoDecimals(exact), shown, exact);
  // 1.005 is 1.00499999999999989... as a double: float rounding would give 1.00.
  assert.equal(twoDecimals("1.005"), "1.01");
});

test("anything that is not a plain decimal is shown as it is", () => {
  for (const x of ["abc", "", "1e3", "1.2.3", "—"]) assert.equal(twoDecimals(x), x);
  assert.equal(twoDecimals(null), "");
  assert.equal(twoDecimals(undefined), "");
});

test("gains carry their sign; zero has none", () => {
  assert.equal(signedTwoDecimals("0.8"), "+0.80");
  assert.equal(signedTwoDecimals("-1.216"), "-1.22");
  assert.equal(signedTwoDecimals("0"), "0.00");
  assert.equal(signedTwoDecimals("0.001"), "0.00");
  assert.equal(signedTwoDecimals("-0.001"), "0.00");
});

test("shares as percentages to one place, half-up on the digits", () => {
  const cases = [
    ["0.984449", "98.4"],
    ["0.98450", "98.5"],
    ["0.984499999", "98.4"],
    ["1.000000", "100.0"],
    ["1", "100.0"],
    ["0", "0.0"],
    ["0.000000", "0.0"],
    ["0.5", "50.0"],
    ["0.00049", "0.0"],
    ["0.00050", "0.1"],
    ["0.999950", "100.0"],
    ["0.12345", "12.3"],
    ["0.12355", "12.4"],
    // 0.0015 * 100 is 0.15 as a double, below 0.15: toFixed(1) gives "0.1".
    ["0.0015", "0.2"],
    ["0.00450", "0.5"],
    ["0.01150", "1.2"],
  ];
  for (const [share, shown] of cases) assert.equal(percentText(share), shown, share);
  assert.equal(percentText("0.00145"), "0.1");
  assert.equal(percentText("0.001450000000000001"), "0.1");
  for (const x of ["abc", "", "1e3"]) assert.equal(percentText(x), x);
});

test("rounded to any number of places is twoDecimals at two", () => {
  for (const x of ["52.4566666667", "9.995", "-1.215", "0", "12345678901234567.895"]) assert.equal(rounded(x, 2), twoDecimals(x));
  assert.equal(rounded("2.45", 1), "2.5");
  assert.equal(rounded("2.449", 1), "2.4");
  assert.equal(rounded("-0.04", 1), "0.0");
  assert.equal(rounded("99.96", 1), "100.0");
  assert.equal(rounded("7", 3), "7.000");
});
