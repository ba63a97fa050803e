// Type-checked by tests/types.test.mjs (tsc --noEmit): the package's
// declarations describe the core's types, so misuse fails to compile.
import init, {
  applyChanges,
  check,
  explain,
  rubric,
  rubrics,
  score,
  validate,
  whatif,
  type Audit,
  type Change,
  type IidError,
  type Marginal,
  type Plan,
  type Rubric,
  type RubricInfo,
  type ScoreResult,
  type Submission,
  type WhatIf,
} from "../../pkg/iid_wasm.js";
// The marginal table and the planner are in the national module.
import { marginal, plan } from "../../pkg/iid_national.js";

export async function use(): Promise<string> {
  await init();
  const sub: Submission = {
    methodology: "iid-2026",
    spd: { "1": 3, "2a": { level: 2, note: "APBD on time twice" } },
    innovations: [{ id: "a", urusan: "kesehatan", levels: { "16": 3 } }],
  };
  const r: ScoreResult = score(sub);
  const index: string = r.index;
  const seats: number = r.empty_seats;
  const missing: string[] = r.yandas_missing;
  const aspects: string[] = r.breakdown.aspects.map((a) => a.name);
  const verified: ScoreResult = score(JSON.stringify(sub), { mode: "verified" });
  const audit: Audit = check(sub);
  const text: string = explain(sub).text;
  const valid: boolean = validate(sub).valid;
  const list: RubricInfo[] = rubrics();
  const rb: Rubric = rubric(list[0].id);
  const params: string[] = rb.indicators.flatMap((i) => i.parameters.map((p) => p.description));
  const changes: Change[] = [
    { op: "set", indicator: "2a", level: 3 },
    { op: "set_affair", innovation: "a", urusan: null },
  ];
  const w: WhatIf = whatif(sub, changes, { rubric: rb });
  const delta: string = w.index_delta;
  const edited: Submission = applyChanges(sub, [{ op: "add_innovation", innovation: { urusan: "sosial" } }]);
  const m: Marginal = marginal(sub, { template: { levels: { "16": 2 } } });
  const gain: string = m.items[0].gain;
  const p: Plan = plan(sub, { target: "next", costs: { default_step: "2", indicators: { "16": ["1", "3"] } } });
  const steps: string[] = p.steps.map((s) => `${s.indicator} ${s.from}->${s.to} ${s.gain} ${s.cost}`);
  const again: ScoreResult = score(p.projected_submission);
  try {
    score("{");
  } catch (e) {
    const err = e as IidError;
    return `${err.code} ${err.path} ${err.layer} ${err.message}`;
  }
  // @ts-expect-error the index is a decimal string, not a number
  const wrong: number = r.index;
  // @ts-expect-error the mode is "self" or "verified"
  score(sub, { mode: "fast" });
  // @ts-expect-error a submission has no field "inovations"
  score({ methodology: "iid-2026", inovations: [] });
  // @ts-expect-error rubric() takes an id
  rubric(2026);
  // @ts-expect-error a plan needs options with a target
  plan(sub);
  // @ts-expect-error plan options have no "traget"
  plan(sub, { traget: "next" });
  // @ts-expect-error a gain is a decimal string
  const g: number = m.items[0].gain;
  // @ts-expect-error an unknown change op
  whatif(sub, [{ op: "fly" }]);
  // @ts-expect-error what-if works on claimed levels: no mode
  whatif(sub, [], { mode: "verified" });
  // @ts-expect-error applyChanges takes a list of changes
  applyChanges(sub, { op: "set", indicator: "2a", level: 3 });
  return [edited.innovations?.length, delta, gain, steps, again, g, index, seats, missing, aspects, verified, audit, text, valid, params, wrong].join();
}
