// Display of the engine's decimals. The engine gives every figure as an
// exact decimal string ("52.4566666667", "-1.216", "4"); the page shows it
// to two places and keeps the exact string for the tooltip and the export.
// Rounding works on the digits of the string, never through a binary
// float, half-up on the magnitude (half away from zero), as the engine
// rounds its own figures.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/** One added to a string of decimal digits ("199" -> "200", "9" -> "10"). */
function increment(digits) {
  const out = digits.split("");
  let k = out.length - 1;
  while (k >= 0 && out[k] === "9") out[k--] = "0";
  if (k < 0) out.unshift("1");
  else out[k] = String(Number(out[k]) + 1);
  return out.join("");
}

/**
 * A decimal string rounded half-up to `places` places (at least one):
 * "52.4566666667" -> "52.46" at two, "4" -> "4.00", "9.995" -> "10.00",
 * "-1.215" -> "-1.22", "-0.004" -> "0.00". Anything that is not a plain
 * decimal comes back as it is (as a string).
 */
export function rounded(value, places) {
  const text = String(value ?? "");
  const m = DECIMAL.exec(text);
  if (!m) return text;
  const [, sign, whole, fraction = ""] = m;
  // The value in units of the last place, as digits; the next digit decides.
  let units = whole + fraction.padEnd(places, "0").slice(0, places);
  if ((fraction[places] ?? "0") >= "5") units = increment(units);
  units = units.replace(/^0+/, "").padStart(places + 1, "0");
  const shown = `${units.slice(0, -places)}.${units.slice(-places)}`;
  return sign === "-" && /[1-9]/.test(units) ? `-${shown}` : shown;
}

/** A decimal string rounded half-up to two places (`rounded(value, 2)`). */
export function twoDecimals(value) {
  return rounded(value, 2);
}

/**
 * A share as a percentage to one place, on the string's digits:
 * "0.984449" -> "98.4", "0.98450" -> "98.5", "1.000000" -> "100.0",
 * "0" -> "0.0". Anything that is not a plain decimal comes back as it is.
 */
export function percentText(value) {
  const text = String(value ?? "");
  const m = DECIMAL.exec(text);
  if (!m) return text;
  const [, sign, whole, fraction = ""] = m;
  const shifted = `${sign}${whole}${fraction.padEnd(2, "0").slice(0, 2)}.${fraction.slice(2) || "0"}`;
  return rounded(shifted, 1);
}

/** A gain with its sign: "+0.80", "-1.22", "0.00". */
export function signedTwoDecimals(value) {
  const shown = twoDecimals(value);
  return shown.startsWith("-") || !/[1-9]/.test(shown) ? shown : `+${shown}`;
}
