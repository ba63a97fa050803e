// The national module declares history(), diff() and the award catalog
// over the core's types.
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

// The award definitions are listed with their quotas, as numbers, and
// shown whole by id.
import { awardDefinition, awards, type AwardDefinition, type AwardInfo } from "../../pkg/node/iid_national.js";
export const listed: AwardInfo[] = awards();
export const quotas: [string, number, number][] = listed[0].clusters.map((c) => [c.id, c.nominees, c.winners]);
export const whole: AwardDefinition = awardDefinition(listed[0].id);
// @ts-expect-error an award id is a string
awardDefinition(2023);
