// The national module declares history() and diff() over the core's types.
import { diff, history, type Diff, type History, type Submission } from "../../pkg/node/iid_national.js";

const a: Submission = { methodology: "iid-2023", innovations: [] };
const b: Submission = { methodology: "iid-2026", innovations: [] };
export const d: Diff = diff(a, b, { mode: "self" });
export const waterfall: [string, string, string][] = d.parts.map((p) => [p.start, p.points, p.end]);
export const h: History = history([a, b], { methodology: "iid-2026" });
export const under: (string | null | undefined)[] = h.rows.map((r) => r.index_under);
// @ts-expect-error the like-for-like methodology is an id, not a number
history([a, b], { methodology: 2026 });
// @ts-expect-error points are decimal strings
export const n: number = d.parts[0].points;
