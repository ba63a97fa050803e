// The Node flavour declares the same functions over the same types.
import { score, type ScoreResult, type Submission } from "../../pkg/node/iid_wasm.js";

const sub: Submission = { methodology: "iid-2026", innovations: [] };
export const r: ScoreResult = score(sub, { mode: "self" });
// @ts-expect-error findings are objects, not strings
export const f: string[] = r.findings;
