// The award choice of the views that rank a file. The engine embeds the
// award definitions and lists them (the national module's `awards()`,
// through engine.awards()); the page holds none of them. The first the
// engine lists is the default.

/** The `<option>`s of an award choice: each definition the engine lists
 *  (value its id, text its id and name), then `none` (no clusters). */
export const awardChoices = (awards, none) => [...awards.map((a) => [a.id, `${a.id} · ${a.name}`]), ["", none]];

/** The engine's award definitions for a view's `state` (`awards`, and
 *  `award` set to the first when none was chosen yet). When the national
 *  module cannot load, none, and the error in `state.error`. */
export async function loadAwards(engine, state) {
  try {
    state.awards = await engine.awards();
  } catch (e) {
    state.awards = [];
    state.error = e;
  }
  if (state.award === null) state.award = state.awards[0]?.id ?? "";
}
