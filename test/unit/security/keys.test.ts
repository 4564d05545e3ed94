/**
 * No path to the answer key (issue 8 §1), the pure parts: the one shuffle rule, opaque and neutral
 * option ids, families on a paper, review timing and matching distractors. Each test fails when the
 * rule it names is broken.
 */
import { describe, expect, it } from "vitest";
import { loadContent } from "~/content.server";
import { BlueprintError, blueprintAvailability, drawPaper, reviewLevel, type PoolQuestion, type ReviewPolicy } from "~/domain/exam";
import { blueprintShortfalls, toPool } from "~/domain/exam-form";
import { generateQuestions } from "~/domain/generator";
import { neutralOptions, opaqueIds, toShown, toStored } from "~/domain/option-ids";
import { createRng } from "~/domain/prng";
import { questionContentSchema } from "~/domain/question";
import { shownOrder, shownRights } from "~/domain/shuffle";
import { issueMessage } from "~/domain/zod-message";
import { zhText } from "~/i18n";

const bundle = loadContent("content");
const bank = generateQuestions(bundle, "kefu-bank-v1");

describe("one shuffle rule: never the key order", () => {
  it("never shows a 3-step ordering question in key order, over 10,000 seeds (shuffled or not)", () => {
    const q = { id: "ord", type: "ordering", optionIds: ["s1", "s2", "s3"], answer: ["s1", "s2", "s3"] };
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const order = shownOrder(q, createRng(`seed-${i}`));
      expect(order.join()).not.toBe("s1,s2,s3");
      expect([...order].sort().join()).toBe("s1,s2,s3");
      seen.add(order.join());
    }
    expect(seen.size).toBe(5); // every other order does occur
    expect(shownOrder(q, null).join()).not.toBe("s1,s2,s3");
    // Stored in some other order than the key: still never the key.
    for (let i = 0; i < 2_000; i++) expect(shownOrder({ ...q, optionIds: ["s3", "s1", "s2"] }, createRng(i)).join()).not.toBe("s1,s2,s3");
  });

  it("a shuffled single choice puts the key at every position about equally often, never kept where the author put it", () => {
    const counts = [0, 0, 0, 0];
    const q = { id: "single", type: "single", optionIds: ["right", "w1", "w2", "w3"] };
    for (let i = 0; i < 8_000; i++) counts[shownOrder(q, createRng(`s${i}`)).indexOf("right")]++;
    for (const c of counts) expect(c).toBeGreaterThan(1_700); // 2,000 expected each
  });

  it("unshuffled (the exam's “do not shuffle”), the author's first option is not systematically first", () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4_000; i++) {
      const q = { id: `authored-${i}`, type: "single", optionIds: ["a", "b", "c", "d"] };
      const order = shownOrder(q, null);
      counts[order.indexOf("a")]++;
      expect(shownOrder(q, null)).toEqual(order); // the same for every learner
    }
    for (const c of counts) expect(c).toBeGreaterThan(800); // 1,000 expected each
  });
});

describe("option ids carry no information", () => {
  const giftLike = {
    type: "single" as const,
    options: [
      { id: "a", text: "24小时" },
      { id: "b", text: "48小时" },
      { id: "c", text: "12小时" },
    ],
    answer: "a",
  };

  it("import re-derives ids and stored order from the texts only: the author's order and ids are gone", () => {
    const n = neutralOptions(giftLike);
    expect(n.options.map((o) => o.id).some((id) => ["a", "b", "c"].includes(id))).toBe(false);
    expect(n.options.find((o) => o.id === n.answer)!.text).toBe("24小时");
    // Any written order and any ids give the same stored question: nothing of the authoring survives.
    const rewritten = neutralOptions({ ...giftLike, options: [giftLike.options[2], { id: "correct", text: "24小时" }, giftLike.options[1]], answer: "correct" });
    expect(rewritten).toEqual(n);
    const ordering = neutralOptions({ type: "ordering", options: giftLike.options, answer: ["c", "a", "b"] });
    expect((ordering.answer as string[]).map((id) => ordering.options.find((o) => o.id === id)!.text)).toEqual(["12小时", "24小时", "48小时"]);
  });

  it("across many imported questions written right-answer-first, the right answer is stored first about 1 time in 3", () => {
    let first = 0;
    for (let i = 0; i < 3_000; i++) {
      const n = neutralOptions({ type: "single", options: [{ id: "a", text: `对的${i}` }, { id: "b", text: `错的${i}` }, { id: "c", text: `也错${i}` }], answer: "a" });
      if (n.options[0].id === n.answer) first++;
    }
    expect(first).toBeGreaterThan(800);
    expect(first).toBeLessThan(1_200);
  });

  it("opaque ids depend on the secret and the position shown only; unknown ids map to nothing", () => {
    const ids = opaqueIds("attempt-secret", "paper|0", 4);
    expect(new Set(ids).size).toBe(4);
    expect(opaqueIds("attempt-secret", "paper|0", 4)).toEqual(ids);
    expect(opaqueIds("other-secret", "paper|0", 4)).not.toEqual(ids);
    const order = ["o-x", "o-y", "o-z", "o-w"];
    expect(toStored("single", ids[2], order, ids)).toBe("o-z");
    expect(toShown("single", "o-z", order, ids)).toBe(ids[2]);
    expect(toStored("single", "a", order, ids)).toBeNull(); // a stored-style id scores nothing
    expect(toStored("single", "o-z", order, ids)).toBeNull(); // nor does the real one
    expect(toStored("multiple", [ids[0], "o-y", ids[3]], order, ids)).toEqual(["o-x", "o-w"]);
    expect(toStored("ordering", [ids[1], ids[0]], order, ids)).toEqual(["o-y", "o-x"]);
    expect(toStored("true_false", true, order, ids)).toBe(true);
  });
});

describe("families: never two of one family on a paper", () => {
  const pool = toPool(bank.map((q) => ({ ...q, version: 1 })));

  it("every generated question has a family naming what it tests", () => {
    for (const q of bank) expect(q.family).toMatch(/^(fact|scenario|procedure|match|phrase|point):/);
    // Every form of one figure shares the figure's family.
    for (const q of bank.filter((q) => /^gen-fact-/.test(q.id))) expect(q.family).toBe(`fact:${q.facts[0]}`);
    const sizes = new Map<string, number>();
    for (const q of bank) sizes.set(q.family, (sizes.get(q.family) ?? 0) + 1);
    expect([...sizes.values()].some((n) => n >= 2)).toBe(true);
  });

  it("1,000 papers drawn from the real generated bank hold no two questions of one family", () => {
    const blueprint = [
      { count: 20, points: 2, modules: ["sla"] },
      { count: 30, points: 2 },
    ];
    for (let i = 0; i < 1_000; i++) {
      const paper = drawPaper(blueprint, pool, `paper-${i}`, { shuffleQuestions: true, shuffleOptions: i % 2 === 0 });
      const families = paper.map((p) => pool.find((q) => q.id === p.questionId)!.family);
      expect(new Set(families).size).toBe(paper.length);
      expect(paper).toHaveLength(50);
    }
  });

  it("a blueprint needing more questions than there are families is refused with a message that says so", () => {
    const sla = pool.filter((q) => q.module === "sla");
    const families = new Set(sla.map((q) => q.family)).size;
    expect(sla.length).toBeGreaterThan(families); // there are siblings to be refused
    const blueprint = [{ count: families + 1, points: 1, modules: ["sla"] }];
    expect(blueprintAvailability(blueprint, pool)).toEqual([families]);
    expect(() => drawPaper(blueprint, pool, "x", { shuffleQuestions: true, shuffleOptions: true })).toThrow(BlueprintError);
    expect(() => drawPaper(blueprint, pool, "x", { shuffleQuestions: true, shuffleOptions: true })).toThrow(/只有 \d+ 道（同一分组的题考同一个知识点/);
    expect(blueprintShortfalls(blueprint, pool)).toEqual([{ rule: 0, wanted: families + 1, available: families, guaranteed: families }]);
    expect(() => drawPaper([{ count: families, points: 1, modules: ["sla"] }], pool, "x", { shuffleQuestions: true, shuffleOptions: true })).not.toThrow();
  });

  it("questions without a family count as their own", () => {
    const q = (id: string, family: string): PoolQuestion => ({ id, version: 1, type: "true_false", module: "m", tags: [], optionIds: [], family });
    expect(blueprintAvailability([{ count: 2, points: 1 }], [q("a", "a"), q("b", "b"), q("c", "a")])).toEqual([2]);
    expect(toPool([{ id: "solo", version: 1, type: "single", module: null, tags: [], options: [], family: "" }])[0].family).toBe("solo");
  });
});

describe("review timing: right answers only when no further attempt can use them", () => {
  const exam: ReviewPolicy = { reviewMode: "explanations", reviewTiming: "immediately", reviewFrom: null, attemptsAllowed: 3, closesAt: null, status: "published" };
  const now = Date.parse("2026-11-29T12:00:00Z");

  it("attempts left and the exam open ⇒ score only, whatever the timing says", () => {
    for (const reviewTiming of ["immediately", "after_last_attempt", "after_close", "never"] as const) {
      expect(reviewLevel({ ...exam, reviewTiming }, { attemptsStarted: 1, inProgress: false }, now)).toBe("score");
      // The last attempt allowed is in progress: an earlier result must not help it.
      expect(reviewLevel({ ...exam, reviewTiming }, { attemptsStarted: 3, inProgress: true }, now)).toBe("score");
    }
  });

  it("after the last attempt: shown for immediately / after_last_attempt, not for after_close (open) or never", () => {
    const done = { attemptsStarted: 3, inProgress: false };
    expect(reviewLevel(exam, done, now)).toBe("explanations");
    expect(reviewLevel({ ...exam, reviewTiming: "after_last_attempt", reviewMode: "answers" }, done, now)).toBe("answers");
    expect(reviewLevel({ ...exam, reviewTiming: "after_close" }, done, now)).toBe("score");
    expect(reviewLevel({ ...exam, reviewTiming: "never" }, done, now)).toBe("score");
    expect(reviewLevel({ ...exam, reviewFrom: now + 1 }, done, now)).toBe("score");
  });

  it("once the exam has closed, attempts left no longer matter (no attempt can use the key)", () => {
    const closed = { ...exam, closesAt: now - 1 };
    expect(reviewLevel(closed, { attemptsStarted: 1, inProgress: false }, now)).toBe("explanations");
    expect(reviewLevel({ ...closed, reviewTiming: "after_close" }, { attemptsStarted: 1, inProgress: false }, now)).toBe("explanations");
    expect(reviewLevel({ ...exam, status: "archived", reviewTiming: "after_close" }, { attemptsStarted: 1, inProgress: false }, now)).toBe("explanations");
    expect(reviewLevel({ ...closed, reviewMode: "score" }, { attemptsStarted: 3, inProgress: false }, now)).toBe("score");
  });
});

describe("matching: at least one plausible extra value on the right", () => {
  it("every generated matching question offers a same-unit value that matches nothing", () => {
    const matching = bank.filter((q) => q.type === "matching");
    expect(matching.length).toBeGreaterThan(0);
    for (const q of matching) {
      const keyValues = new Set((q.answer as [string, string][]).map((p) => p[1]));
      expect(q.options.length, q.id).toBeGreaterThanOrEqual(1);
      for (const o of q.options) expect(keyValues.has(o.text), `${q.id}: ${o.text}`).toBe(false);
      const unitOf = (s: string) => s.replace(/^[\d.]+/, "");
      // Figures: an extra of the same unit (texts, e.g. the techniques' targets: plausible texts).
      if (q.id.startsWith("gen-match-")) for (const o of q.options) expect([...keyValues].map(unitOf)).toContain(unitOf(o.text));
      const rights = shownRights(q, createRng(q.id));
      expect(rights.length).toBeGreaterThan(keyValues.size);
      expect(questionContentSchema.safeParse(q).success).toBe(true);
    }
  });

  it("an extra value equal to a key value is refused with a message", () => {
    const r = questionContentSchema.safeParse({
      type: "matching",
      stem: "请匹配",
      options: [{ id: "x1", text: "99%" }],
      answer: [
        ["政企", "99%"],
        ["公众", "98%"],
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => zhText(issueMessage(i)))).toContain("干扰项“99%”与正确的右侧项目相同");
  });
});
