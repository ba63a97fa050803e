// The status line under the toolbar (a polite live region).

import { $ } from "./dom.js";

/** Show `message`; `kind` marks a message that later events may clear. */
export function setStatus(message, kind = "") {
  const el = $("status");
  el.textContent = message;
  el.dataset.kind = kind;
}

/** The kind of the message on show ("" when none was given). */
export const statusKind = () => $("status").dataset.kind ?? "";
