// Shared display of the engine's figures. The engine gives every figure as
// an exact decimal string; the page shows two decimals (rounded half-up on
// the string's digits, decimal.js) with the exact value as the tooltip.

import { h } from "./dom.js";
import { percentText, signedTwoDecimals, twoDecimals } from "../decimal.js";

export { percentText, signedTwoDecimals, twoDecimals };

/** An engine figure: two decimals shown, the exact value as its tooltip. */
export const figure = (value, attrs = {}) => h("span", { class: "figure", title: String(value), text: twoDecimals(value), ...attrs });

/** An engine share ("0.984449") as a percentage to one place ("98.4 %"), the exact share as its tooltip. */
export const percent = (value, attrs = {}) => h("span", { class: "figure", title: String(value), text: `${percentText(value)} %`, ...attrs });

/** `a / b` as figures (`a` alone without a maximum). */
export const ofMax = (a, b) => (b == null ? figure(a) : [figure(a), " / ", figure(b)]);

/** An exact decimal with its sign: "+0.8", "-1.2", "0". */
export const signed = (d) => (d.startsWith("-") || /^0(\.0*)?$/.test(d) ? d : `+${d}`);

/** A table cell holding a gain: signed, two decimals, the exact gain as its tooltip. */
export const gainCell = (value, attrs = {}) => h("td", { class: "num gain", title: signed(value), text: signedTwoDecimals(value), ...attrs });

/** An engine error as a view shows it: its code, then its message (which names the field). */
export const engineError = (error, id) => h("p", { class: "error", role: "alert", id, text: `${error.code ?? "error"}: ${error.message}` });
