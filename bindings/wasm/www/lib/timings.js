// Per-edit timings, measured in the page with performance.now() and kept
// in window.__iidTimings (the last 500 edits) for the browser test and for
// anyone who opens the console. One record per edit:
//
//   edit       what changed ("set", "add_innovation", "name", "replace", ...)
//   apply      ms in applyChanges (the edit itself, through the engine)
//   score      ms in score()
//   toScore    ms from the start of the edit to the result rendered
//              (apply + score + building the DOM of the result)
//   toPaint    ms from the start of the edit to just after the next frame
//              (style, layout and paint of the result included)
//   marginal   ms the engine took for marginal() (in the worker)
//   plan       ms the engine took for plan(next) (in the worker)
//   toPlan     ms from the start of the edit to the marginal table and the
//              plan rendered (includes the wait for the worker)

const LIMIT = 500;
const records = (globalThis.__iidTimings ??= []);

/** Start a record; the caller fills in later fields as they come. */
export function record(fields) {
  const entry = { ...fields };
  records.push(entry);
  if (records.length > LIMIT) records.splice(0, records.length - LIMIT);
  return entry;
}

/** Round to hundredths of a millisecond (timer resolution is coarser anyway). */
export const ms = (x) => Math.round(x * 100) / 100;
