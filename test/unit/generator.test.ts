/**
 * Property tests of the quiz generator over the real courseware and 1,000 seeds.
 * Expected values are computed here from the facts themselves, not from the generator's helpers.
 */
import { describe, expect, it } from "vitest";
import { loadContent } from "~/content.server";
import { formatFact, type Fact } from "~/domain/content-schema";
import { generateQuestions, parseGeneratedId, typesByFact, type GeneratedQuestion } from "~/domain/generator";
import { questionContentSchema, type NumericAnswer } from "~/domain/question";

const bundle = loadContent("content");
const input = { facts: bundle.facts, scenarios: bundle.scenarios, procedures: bundle.procedures };
const SEEDS = Array.from({ length: 1000 }, (_, i) => i);
const runs = SEEDS.map((seed) => generateQuestions(input, seed));
const base = generateQuestions(input, 1);

const factById = bundle.factsById;
const unlost = bundle.facts.filter((f) => f.status !== "lost");
const lost = bundle.facts.filter((f) => f.status === "lost");
const scenarioById = new Map(bundle.scenarios.map((s) => [s.id, s]));
const procedureById = new Map(bundle.procedures.map((p) => [p.id, p]));

const byId = (qs: GeneratedQuestion[], id: string) => qs.find((q) => q.id === id);
const textOf = (q: GeneratedQuestion, optionId: string) => q.options.find((o) => o.id === optionId)?.text;
const factOf = (q: GeneratedQuestion): Fact => {
  const ref = parseGeneratedId(q.id);
  if (ref?.kind !== "fact") throw new Error(`not a fact question: ${q.id}`);
  return factById.get(ref.ref)!;
};
const ofForm = (qs: GeneratedQuestion[], form: string) => qs.filter((q) => parseGeneratedId(q.id)?.form === form && q.id.startsWith("gen-fact-"));

/** A figure option "12小时" → 12 (for a numeric fact with that unit), or null if it is not one. */
function numberIn(text: string, unit: string): number | null {
  if (!text.endsWith(unit)) return null;
  const n = text.slice(0, text.length - unit.length);
  return /^\d+(\.\d+)?$/.test(n) ? Number(n) : null;
}

/** The figure a false statement puts where the true one has the right figure. */
function replacedFigure(trueStem: string, falseStem: string, right: string): string | null {
  const at = trueStem.indexOf(right);
  if (at < 0) return null;
  const before = trueStem.slice(0, at);
  const after = trueStem.slice(at + right.length);
  if (!falseStem.startsWith(before) || !falseStem.endsWith(after)) return null;
  // "按照协议执行" is linked without a verb; a number in its place takes "为".
  return falseStem.slice(before.length, falseStem.length - after.length).replace(/^为/, "");
}

describe("generateQuestions: shape", () => {
  it("every question of every seed validates and points at an existing module section", () => {
    const anchors = new Map(bundle.modules.map((m) => [m.slug, new Set(m.toc.map((t) => t.id))]));
    for (const qs of runs) {
      for (const q of qs) {
        const parsed = questionContentSchema.safeParse(q);
        if (!parsed.success) throw new Error(`${q.id}: ${parsed.error.message}`);
        expect(q.source).toBe("generated");
        expect(q.explanation.trim().length).toBeGreaterThan(4);
        if (!anchors.get(q.module!)?.has(q.section!)) throw new Error(`${q.id}: no section ${q.module}#${q.section}`);
      }
    }
  });

  it("has the same ids, in the same order, for every seed; ids are unique and name what they test", () => {
    const ids = base.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const qs of runs) expect(qs.map((q) => q.id)).toEqual(ids);
    expect(generateQuestions(input, "另一个种子").map((q) => q.id)).toEqual(ids);
    for (const q of base) {
      const ref = parseGeneratedId(q.id);
      if (!ref) throw new Error(`unparseable id ${q.id}`);
      if (ref.kind === "fact") expect(q.facts[0]).toBe(ref.ref);
      if (ref.kind === "scenario") expect(scenarioById.has(ref.ref)).toBe(true);
      if (ref.kind === "procedure") expect(procedureById.has(ref.ref)).toBe(true);
      if (ref.kind === "match") expect(q.facts.every((f) => f.startsWith(ref.ref))).toBe(true);
    }
    expect(ids).toContain("gen-fact-fault_answer_time-single");
    expect(ids).toContain("gen-fact-fault_answer_time-tf-true");
    expect(ids).toContain("gen-fact-fault_answer_time-tf-false");
    expect(ids).toContain("gen-fact-fault_answer_time-numeric");
    expect(ids).toContain("gen-match-fixed_repair_max");
    expect(ids).toContain("gen-procedure-complaint-accept-order-ordering");
  });

  it("is deterministic: the same seed gives the same questions; a number and its string are one seed", () => {
    expect(generateQuestions(input, 1)).toEqual(base);
    expect(generateQuestions(input, "1")).toEqual(base);
    expect(runs[2]).not.toEqual(runs[3]);
  });

  it("keeps an option's id tied to its text across seeds, and the seed does move the answer", () => {
    const idOf = new Map<string, string>();
    const positions = new Map<string, Set<number>>();
    for (const qs of runs) {
      for (const q of qs) {
        for (const o of q.options) {
          const key = `${q.id}\u0000${o.text}`;
          if (idOf.has(key)) expect(o.id).toBe(idOf.get(key));
          else idOf.set(key, o.id);
        }
        if (q.type === "single") {
          const set = positions.get(q.id) ?? new Set<number>();
          set.add(q.options.findIndex((o) => o.id === q.answer));
          positions.set(q.id, set);
        }
      }
    }
    for (const [id, set] of positions) if (set.size < 3) throw new Error(`${id}: the right option sits in ${set.size} place(s) only`);
  });

  it("does not change its input", () => {
    const copy = structuredClone(input);
    generateQuestions(copy, 5);
    expect(copy).toEqual(input);
  });
});

describe("generateQuestions: figures", () => {
  it("never quizzes or mentions a lost figure", () => {
    expect(lost.length).toBeGreaterThan(0);
    for (const qs of [base, runs[0], runs[999]]) {
      for (const q of qs) {
        for (const f of lost) {
          expect(q.facts).not.toContain(f.id);
          expect(q.id).not.toContain(f.id);
          const text = [q.stem, q.explanation, ...q.options.map((o) => o.text)].join("\n");
          expect(text).not.toContain(f.metric);
        }
        expect(q.stem).not.toContain("〔原文数字缺失〕");
      }
    }
  });

  it("single choice: 4 options, one of them the formatted figure, the others same-unit, sensible and not the figure", () => {
    for (const qs of runs) {
      for (const q of ofForm(qs, "single")) {
        const fact = factOf(q);
        const right = formatFact(fact);
        expect(q.options.length).toBe(4);
        expect(textOf(q, q.answer as string)).toBe(right);
        expect(q.options.filter((o) => o.text === right)).toHaveLength(1);
        expect(new Set(q.options.map((o) => o.text)).size).toBe(4);
        for (const o of q.options) {
          if (o.id === q.answer) continue;
          if (fact.unit) expect(o.text.endsWith(fact.unit), `${q.id}: ${o.text}`).toBe(true);
          if (fact.value !== null && fact.unit) {
            const n = numberIn(o.text, fact.unit);
            if (n === null) throw new Error(`${q.id}: distractor ${o.text} is not a number in ${fact.unit}`);
            expect(n).toBeGreaterThan(0);
            expect(n).not.toBe(fact.value);
            if (fact.unit === "%") expect(n).toBeLessThanOrEqual(100);
          }
        }
      }
    }
  });

  it("single choice: prefers the look-alike traps and the other customer classes (same unit)", () => {
    for (const fact of unlost.filter((f) => f.unit !== null)) {
      const right = formatFact(fact);
      const traps = fact.traps.map((id) => factById.get(id)!).filter((t) => t.status !== "lost" && t.unit === fact.unit);
      const trapFigures = [...new Set(traps.map(formatFact))].filter((x) => x !== right);
      for (const qs of runs.slice(0, 100)) {
        const texts = byId(qs, `gen-fact-${fact.id}-single`)!.options.map((o) => o.text);
        const shown = trapFigures.filter((x) => texts.includes(x));
        expect(shown.length, `${fact.id}: ${texts.join("/")}`).toBe(Math.min(3, trapFigures.length));
      }
    }
    // The §G2.10 look-alikes in particular.
    const options = (id: string) => byId(base, `gen-fact-${id}-single`)!.options.map((o) => o.text);
    expect(options("bb_repair_max_business")).toContain("12小时"); // 宽带 商务 8h vs 固话 商务 12h
    expect(options("fixed_repair_max_business")).toContain("8小时");
    expect(options("repair_rate_public")).toContain("98%"); // 修复 95% vs 业务变更 98%
    expect(options("biz_change_rate_public")).toContain("95%");
    expect(options("disconnect_fixed_bb_phs")).toContain("8小时"); // 拆机 24小时 vs 8日
    expect(options("fault_first_contact")).not.toContain("30小时"); // a 30分钟 trap is not turned into 30小时
  });

  it("single choice on a word figure offers alternatives of the same kind", () => {
    for (const qs of runs.slice(0, 50)) {
      const texts = (id: string) => byId(qs, `gen-fact-${id}-single`)!.options.map((o) => o.text);
      expect(texts("attendance_monthly").every((t) => /^每/.test(t))).toBe(true);
      expect(texts("hotline_hours").every((t) => /^\d×\d+小时$/.test(t))).toBe(true);
      expect(texts("bb_repair_max_group")).not.toContain("2小时"); // 特殊及重要客户 may be part of 集团客户
    }
  });

  it("true/false: the true statement has the right figure; the false one changes only the figure", () => {
    for (const fact of unlost) {
      const right = formatFact(fact);
      const t = byId(base, `gen-fact-${fact.id}-tf-true`)!;
      const f = byId(base, `gen-fact-${fact.id}-tf-false`)!;
      expect(t.answer).toBe(true);
      expect(f.answer).toBe(false);
      expect(t.stem).toContain(right);
      expect(f.stem).not.toBe(t.stem);
      const replaced = replacedFigure(t.stem, f.stem, right);
      if (!replaced) throw new Error(`${fact.id}: "${f.stem}" is not "${t.stem}" with one figure changed`);
      expect(replaced).not.toBe(right);
      if (fact.unit) expect(replaced.endsWith(fact.unit), `${fact.id}: ${replaced}`).toBe(true);
      if (fact.value !== null && fact.unit) expect(numberIn(replaced, fact.unit)).toBeGreaterThan(0);
      expect(f.explanation).toContain(right);
      // Content of true/false questions does not depend on the seed.
      expect(byId(runs[7], t.id)).toEqual(t);
      expect(byId(runs[8], f.id)).toEqual(f);
    }
  });

  it("true/false on ambiguous figures asserts no comparator and keeps the metric's own words", () => {
    const ambiguous = unlost.filter((f) => f.status === "ambiguous");
    expect(ambiguous.map((f) => f.id)).toEqual(expect.arrayContaining(["repair_rate_group", "vas_notify_retry_1", "bb_repair_max_vip"]));
    for (const fact of ambiguous) {
      for (const form of ["tf-true", "tf-false"]) {
        const q = byId(base, `gen-fact-${fact.id}-${form}`)!;
        expect(q.stem).not.toMatch(/不低于|不少于|不超过|以上|以内|≥|≤/);
        expect(q.stem).toContain(fact.metric);
        expect(q.stem).not.toMatch(/集团客户.*2小时/);
      }
    }
    expect(byId(base, "gen-fact-repair_rate_public-tf-true")!.stem).toBe("判断正误:公众客户的故障修复及时率为95%。");
  });

  it("numeric: the fact's value and unit, no tolerance, for every plain-number figure", () => {
    const numericFacts = unlost.filter((f) => f.value !== null);
    expect(ofForm(base, "numeric")).toHaveLength(numericFacts.length);
    for (const fact of numericFacts) {
      const q = byId(base, `gen-fact-${fact.id}-numeric`)!;
      expect(q.answer).toEqual({ value: fact.value, tolerance: 0, unit: fact.unit } satisfies NumericAnswer);
      expect(q.stem).not.toContain(String(fact.value) + fact.unit);
    }
  });

  it("matching: one per metric spanning customer classes with different figures, pairs equal to the facts", () => {
    const groups = new Map<string, Fact[]>();
    for (const f of unlost.filter((x) => x.customerClass)) groups.set(f.metric, [...(groups.get(f.metric) ?? []), f]);
    const expected = [...groups.values()].filter((g) => g.length >= 2 && new Set(g.map(formatFact)).size >= 2);
    const matchings = base.filter((q) => q.type === "matching");
    expect(matchings).toHaveLength(expected.length);
    expect(matchings.map((q) => q.id).sort()).toEqual(
      ["gen-match-bb_repair_max", "gen-match-biz_change_rate", "gen-match-fixed_repair_max", "gen-match-repair_rate"],
    );
    for (const group of expected) {
      const q = matchings.find((m) => m.facts.includes(group[0].id))!;
      const pairs = (q.answer as [string, string][]).map((p) => p.join("="));
      expect(pairs.sort()).toEqual(group.map((f) => `${f.customerClass}=${formatFact(f)}`).sort());
    }
    expect(byId(base, "gen-match-fixed_repair_max")!.answer).toEqual([["集团客户", "8小时"], ["商务客户", "12小时"], ["公众客户", "24小时"]]);
  });

  it("every unlost fact is tested by at least three question types (by fact questions alone, too)", () => {
    const all = typesByFact(base);
    const own = typesByFact(base.filter((q) => q.id.startsWith("gen-fact-") || q.id.startsWith("gen-match-")));
    for (const fact of unlost) {
      expect(all.get(fact.id)?.size ?? 0, fact.id).toBeGreaterThanOrEqual(3);
      expect(own.get(fact.id)?.size ?? 0, fact.id).toBeGreaterThanOrEqual(3);
    }
  });

  it("word figures get a multiple choice whose right statements are exactly the true ones", () => {
    for (const fact of unlost.filter((f) => f.value === null)) {
      const q = byId(base, `gen-fact-${fact.id}-multiple`)!;
      const right = (q.answer as string[]).map((id) => textOf(q, id)!);
      const tf = byId(base, `gen-fact-${fact.id}-tf-true`)!.stem.replace(/^判断正误:/, "").replace(/。$/, "");
      expect(right).toContain(tf);
      for (const o of q.options) {
        // Each statement names one of the question's facts; it is right iff it carries that fact's figure.
        const owner = q.facts.map((id) => factById.get(id)!).find((f) => o.text.includes(f.metric))!;
        const isTrue = o.text.endsWith(formatFact(owner));
        expect(right.includes(o.text), o.text).toBe(isTrue);
      }
    }
  });
});

describe("generateQuestions: procedures and scenarios", () => {
  it("ordering: the answer is the procedure's steps in order, never shown already in order", () => {
    for (const qs of runs) {
      for (const q of qs.filter((x) => x.type === "ordering")) {
        const procedure = procedureById.get(parseGeneratedId(q.id)!.ref)!;
        expect((q.answer as string[]).map((id) => textOf(q, id))).toEqual(procedure.steps);
        expect(q.options.map((o) => o.id)).not.toEqual(q.answer);
      }
    }
    expect(base.filter((q) => q.type === "ordering")).toHaveLength(bundle.procedures.length);
  });

  it("scenario single: one right handling and three wrong ones; multiple: all right ones, only for 2+", () => {
    for (const qs of runs) {
      for (const s of bundle.scenarios) {
        const single = byId(qs, `gen-scenario-${s.id}-single`)!;
        const wrongTexts = s.wrong.map((w) => w.text);
        expect(single.options).toHaveLength(1 + Math.min(3, s.wrong.length));
        expect(s.right).toContain(textOf(single, single.answer as string));
        for (const o of single.options) if (o.id !== single.answer) expect(wrongTexts).toContain(o.text);
        expect(single.explanation.startsWith(s.explanation)).toBe(true);
        expect(single.facts).toEqual(s.facts);

        const multiple = byId(qs, `gen-scenario-${s.id}-multiple`);
        if (s.right.length < 2) {
          expect(multiple).toBeUndefined();
          continue;
        }
        expect((multiple!.answer as string[]).map((id) => textOf(multiple!, id)).sort()).toEqual([...s.right].sort());
        for (const o of multiple!.options) if (!s.right.includes(o.text)) expect(wrongTexts).toContain(o.text);
        expect(multiple!.options.length).toBe(s.right.length + Math.min(3, s.wrong.length));
      }
    }
  });

  it("scenario questions cover all modules", () => {
    const modules = new Set(base.filter((q) => q.id.startsWith("gen-scenario-")).map((q) => q.module));
    expect([...modules].sort()).toEqual(bundle.modules.map((m) => m.slug).sort());
    expect(modules.size).toBeGreaterThanOrEqual(8);
  });
});

describe("generateQuestions: versions", () => {
  const changed = (id: string, patch: Partial<Fact>) => ({
    ...input,
    facts: input.facts.map((f) => (f.id === id ? { ...f, ...patch } : f)),
  });

  it("a changed figure changes that fact's questions but not their ids, and leaves unrelated ones alone", () => {
    const after = generateQuestions(changed("fixed_repair_max_business", { value: 10 }), 1);
    expect(after.map((q) => q.id)).toEqual(base.map((q) => q.id));
    const touched = base.filter((q) => q.facts.includes("fixed_repair_max_business"));
    expect(touched.map((q) => q.id)).toEqual(
      expect.arrayContaining([
        "gen-fact-fixed_repair_max_business-single",
        "gen-fact-fixed_repair_max_business-tf-true",
        "gen-fact-fixed_repair_max_business-tf-false",
        "gen-fact-fixed_repair_max_business-numeric",
        "gen-match-fixed_repair_max",
      ]),
    );
    for (const q of touched) expect(byId(after, q.id), q.id).not.toEqual(q);
    expect(textOf(byId(after, "gen-fact-fixed_repair_max_business-single")!, byId(after, "gen-fact-fixed_repair_max_business-single")!.answer as string)).toBe("10小时");
    expect(byId(after, "gen-fact-fixed_repair_max_business-numeric")!.answer).toEqual({ value: 10, tolerance: 0, unit: "小时" });
    // Questions on facts that neither are nor cite it stay exactly the same.
    for (const id of ["gen-fact-fault_answer_time-single", "gen-fact-hotline_hours-multiple", "gen-match-repair_rate"]) {
      expect(byId(after, id)).toEqual(byId(base, id));
    }
  });

  it("a changed word figure changes its questions too", () => {
    const after = generateQuestions(changed("attendance_monthly", { valueText: "每周" }), 1);
    expect(after.map((q) => q.id)).toEqual(base.map((q) => q.id));
    for (const form of ["single", "tf-true", "tf-false", "multiple"]) {
      const id = `gen-fact-attendance_monthly-${form}`;
      expect(byId(after, id), id).not.toEqual(byId(base, id));
    }
  });

  it("a figure that becomes lost drops its questions and is no longer used as a distractor", () => {
    const after = generateQuestions(changed("fixed_repair_max_business", { status: "lost", value: null, note: "丢失" }), 1);
    expect(after.some((q) => q.facts.includes("fixed_repair_max_business"))).toBe(false);
    expect(after.some((q) => q.id.includes("fixed_repair_max_business"))).toBe(false);
    const bb = byId(after, "gen-fact-bb_repair_max_business-single")!;
    expect(bb.options.map((o) => o.text)).not.toContain("12小时");
    expect(byId(after, "gen-match-fixed_repair_max")!.answer).toEqual([["集团客户", "8小时"], ["公众客户", "24小时"]]);
  });
});

describe("parseGeneratedId", () => {
  it("reads back what a generated id tests", () => {
    expect(parseGeneratedId("gen-fact-fault_answer_time-tf-false")).toEqual({ kind: "fact", ref: "fault_answer_time", form: "tf-false" });
    expect(parseGeneratedId("gen-match-repair_rate")).toEqual({ kind: "match", ref: "repair_rate", form: "matching" });
    expect(parseGeneratedId("gen-scenario-phone-ring-while-slouching-multiple")).toEqual({
      kind: "scenario",
      ref: "phone-ring-while-slouching",
      form: "multiple",
    });
    expect(parseGeneratedId("gen-procedure-escalation-ordering")).toEqual({ kind: "procedure", ref: "escalation", form: "ordering" });
    expect(parseGeneratedId("q-authored-17")).toBeNull();
  });
});
