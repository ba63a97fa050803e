// Type-checked by tests/types.test.mjs (tsc --noEmit): the package's
// declarations describe the core's types, so misuse fails to compile.
import init, {
  check,
  explain,
  rubric,
  rubrics,
  score,
  validate,
  type Audit,
  type IidError,
  type Rubric,
  type RubricInfo,
  type ScoreResult,
  type Submission,
} from "../../pkg/iid_wasm.js";

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
  return [index, seats, missing, aspects, verified, audit, text, valid, params, wrong].join();
}
