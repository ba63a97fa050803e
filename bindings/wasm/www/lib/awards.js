// The award definitions the engine embeds (crates/iid/awards/*.json), by
// id, for the views that rank a file: the first is the default. The
// engine reads and applies them; the page only names them.
// tests/www.test.mjs checks this list against that folder.

export const AWARDS = ["iga-2023", "iga-2025"];

/** The `<option>`s of an award choice: each embedded id, then `none` (no clusters). */
export const awardChoices = (none) => [...AWARDS.map((id) => [id, id]), ["", none]];
