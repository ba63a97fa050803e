// The page's reference tables: a scrolling wrapper, a caption for screen
// readers, a header row. Views pass rows they built with h().

import { h } from "./dom.js";

/**
 * A table: `head` is a list of [text, class?] for the header cells,
 * `rows` the <tr> elements; `attrs` go on the <table>.
 */
export const table = (caption, head, rows, attrs = {}) =>
  h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "steps reference", ...attrs },
      h("caption", { class: "visually-hidden", text: caption }),
      h("thead", {}, h("tr", {}, head.map(([text, cls]) => h("th", { scope: "col", class: cls ?? null, text })))),
      h("tbody", {}, rows),
    ),
  );
