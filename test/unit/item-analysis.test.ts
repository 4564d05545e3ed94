import { describe, expect, it } from "vitest";
import { analyseItems, describe as describeScores, histogram, type ItemMeta, type LearnerResponses } from "~/domain/item-analysis";

/*
 * Worked by hand. Five learners A–E, three right/wrong items of one point each:
 *
 *        i1 i2 i3 | T    rest scores (T − x) for i1, i2, i3
 *   A     1  1  0 | 2    1 1 2
 *   B     1  0  1 | 2    1 2 1
 *   C     1  1  1 | 3    2 2 2
 *   D     0  0  1 | 1    1 1 0
 *   E     1  0  0 | 1    0 1 1
 *
 * mean T = 9/5 = 1.8; var T = (0.04+0.04+1.44+0.64+0.64)/4 = 0.7; SD = √0.7 = 0.83666.
 * i1: F = 0.8, var = 0.8/4 = 0.2 (SD 0.44721); x−x̄ = [.2,.2,.2,−.8,.2], rest−1 = [0,0,1,0,−1] ⇒ Σ = 0 ⇒ r = 0.
 * i2: F = 0.4, var = 1.2/4 = 0.3 (SD 0.54772); Σxy = 0.2, Σxx = 1.2, Σyy = 1.2 ⇒ r = 1/6.
 * i3: F = 0.6, var = 0.3; Σxy = −0.6, Σxx = 1.2, Σyy = 2.8 ⇒ r = −0.6/√3.36 = −0.32733.
 * 27 % of 5 rounds to 1: upper group = C (T = 3), lower = E (last of the tied ones at T = 1).
 * D: i1 = 1 − 1 = 0; i2 = 1 − 0 = 1; i3 = 1 − 0 = 1.
 * α = 3/2 · (1 − (0.2+0.3+0.3)/0.7) = −0.21429; SEM = 0.83666 · √1.21429 = 0.92195.
 */
const meta = (key: string, extra: Partial<ItemMeta> = {}): ItemMeta => ({ key, questionId: key, version: 1, points: 1, rightOptions: [], optionIds: [], ...extra });
const matrix = [
  [1, 1, 0],
  [1, 0, 1],
  [1, 1, 1],
  [0, 0, 1],
  [1, 0, 0],
];
const learners: LearnerResponses[] = matrix.map((row, i) => ({
  learnerId: i + 1,
  items: { i1: { score: row[0] }, i2: { score: row[1] }, i3: { score: row[2] } },
}));

describe("item analysis against hand-computed values", () => {
  const { items, exam } = analyseItems([meta("i1"), meta("i2"), meta("i3")], learners);
  const [i1, i2, i3] = items;

  it("facility and standard deviation", () => {
    expect([i1.facility, i2.facility, i3.facility]).toEqual([0.8, 0.4, 0.6]);
    expect(i1.sd).toBeCloseTo(0.44721, 5);
    expect(i2.sd).toBeCloseTo(0.54772, 5);
  });

  it("corrected item–total correlation (item removed from the total)", () => {
    expect(i1.correctedItemTotal).toBeCloseTo(0, 10);
    expect(i2.correctedItemTotal).toBeCloseTo(1 / 6, 10);
    expect(i3.correctedItemTotal).toBeCloseTo(-0.32733, 5);
  });

  it("discrimination index from the upper and lower 27 %", () => {
    expect([i1.discrimination, i2.discrimination, i3.discrimination]).toEqual([0, 1, 1]);
  });

  it("exam mean, SD, Cronbach's α (KR-20) and SEM", () => {
    expect(exam.mean).toBeCloseTo(1.8, 10);
    expect(exam.sd).toBeCloseTo(0.83666, 5);
    expect(exam.alpha).toBeCloseTo(-0.21429, 5);
    expect(exam.sem).toBeCloseTo(0.92195, 5);
    expect([exam.n, exam.k, exam.maxScore]).toEqual([5, 3, 3]);
  });

  it("flags weak and negative discrimination", () => {
    expect(i1.flags).toEqual(["weakDiscrimination"]);
    expect(i2.flags).toEqual([]);
    expect(i3.flags).toEqual(["negativeDiscrimination"]);
  });
});

describe("flags and option counts", () => {
  it("too easy, too hard", () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ learnerId: i, items: { easy: { score: 1 }, hard: { score: i === 0 ? 1 : 0 }, mid: { score: i % 2 } } }));
    const { items } = analyseItems([meta("easy"), meta("hard"), meta("mid")], ten);
    expect(items[0].flags).toContain("tooEasy");
    expect(items[1].flags).toContain("tooHard");
    expect(items[2].flags).not.toContain("tooEasy");
  });

  it("a wrong option chosen more often than the key by the top group", () => {
    // Item q: key "a"; the strongest learners (by the other item) pick "b".
    const rows: [number, string][] = [
      [1, "b"], [1, "b"], [1, "b"], [1, "a"], [0, "a"], [0, "a"], [0, "c"], [0, "a"], [0, "c"], [0, "a"],
    ];
    const ls: LearnerResponses[] = rows.map(([other, chosen], i) => ({
      learnerId: i,
      items: { other: { score: other }, q: { score: chosen === "a" ? 1 : 0, chosen: [chosen] } },
    }));
    const { items } = analyseItems([meta("other", { points: 3 }), meta("q", { rightOptions: ["a"], optionIds: ["a", "b", "c"] })], ls);
    const q = items[1];
    expect(q.optionCounts).toEqual({ a: 5, b: 3, c: 2 });
    // Upper 27 % of 10 = 3 learners: learner 3 (total 4) and learners 0, 1 (total 3, first of the ties).
    expect(q.upperOptionCounts).toEqual({ a: 1, b: 2, c: 0 });
    expect(q.flags).toContain("distractorBeatsKey");
    expect(q.flags).toContain("negativeDiscrimination");
  });

  it("random papers: an item counts only the learners who saw it, and α is not computed", () => {
    const ls: LearnerResponses[] = [
      { learnerId: 1, items: { a: { score: 1 }, b: { score: 1 } } },
      { learnerId: 2, items: { a: { score: 0 }, c: { score: 1 } } },
      { learnerId: 3, items: { b: { score: 0 }, c: { score: 0 } } },
    ];
    const { items, exam } = analyseItems([meta("a"), meta("b"), meta("c")], ls);
    expect(items.map((i) => [i.n, i.facility])).toEqual([[2, 0.5], [2, 0.5], [2, 0.5]]);
    expect(exam.alpha).toBeNull();
    expect(exam.mean).toBeCloseTo(1, 10);
  });

  it("no learners: nothing to compute, nothing flagged", () => {
    const { items, exam } = analyseItems([meta("x")], []);
    expect(items[0]).toMatchObject({ facility: null, sd: null, correctedItemTotal: null, flags: [] });
    expect(exam).toMatchObject({ n: 0, mean: null, sd: null, alpha: null });
  });
});

describe("score summaries", () => {
  it("mean, median, SD and a 10-point histogram", () => {
    expect(describeScores([50, 70, 90, 100])).toMatchObject({ n: 4, mean: 77.5, median: 80, min: 50, max: 100 });
    expect(describeScores([50, 70, 90, 100]).sd).toBeCloseTo(22.1736, 4);
    expect(histogram([0, 9.9, 10, 55, 100, 100])).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  });
});
