/** Scores in one unit (app/domain/score.ts): thousandths of a point, one percentage formula, one pass rule. */
import { describe, expect, it } from "vitest";
import { totals } from "~/domain/exam";
import { itemScoreMilli, milliToPoints, percentBp, pointsToMilli, reachesPassMark } from "~/domain/score";
import { targetKey, targetOf, targetRef } from "~/domain/assignment-target";

describe("scores in thousandths of a point", () => {
  it("converts the blueprint's whole points once, and back for people to read", () => {
    expect(pointsToMilli(5)).toBe(5000);
    expect(pointsToMilli(0)).toBe(0);
    expect(milliToPoints(87_500)).toBe(87.5);
    expect(milliToPoints(3333)).toBe(3.333);
    expect(milliToPoints(pointsToMilli(12))).toBe(12);
  });

  it("scores an item as the share earned of its points, rounded to a thousandth", () => {
    expect(itemScoreMilli(1, 5)).toBe(5000);
    expect(itemScoreMilli(0, 5)).toBe(0);
    expect(itemScoreMilli(1 / 3, 2)).toBe(667);
    expect(itemScoreMilli(2 / 3, 1)).toBe(667);
  });

  it("derives the percentage (basis points) from the two milli totals, and the pass mark from it", () => {
    expect(percentBp(87_500, 100_000)).toBe(8750);
    expect(percentBp(4000, 12_000)).toBe(3333);
    expect(percentBp(7333, 12_000)).toBe(6111);
    expect(percentBp(0, 0)).toBe(0);
    expect(reachesPassMark(6000, 60)).toBe(true);
    expect(reachesPassMark(5999, 60)).toBe(false);
  });

  it("the exam totals use exactly these rules", () => {
    const r = totals([{ points: 2, score: 1 / 3 }, { points: 5, score: 1 }, { points: 5, score: 0 }], 60);
    expect(r).toEqual({ scoreMilli: 667 + 5000, maxMilli: 12_000, percentBp: percentBp(5667, 12_000), passed: false });
  });
});

describe("an assignment's typed target", () => {
  it("reads the stored columns of either kind and writes the picker's key", () => {
    const m = targetOf({ kind: "module", moduleSlug: "sla", examId: null });
    const e = targetOf({ kind: "exam", moduleSlug: null, examId: 7 });
    expect(m).toEqual({ kind: "module", moduleSlug: "sla" });
    expect(e).toEqual({ kind: "exam", examId: 7 });
    expect([targetKey(m), targetKey(e), targetRef(e)]).toEqual(["module:sla", "exam:7", "7"]);
  });

  it("refuses a row whose reference does not match its kind", () => {
    expect(() => targetOf({ kind: "exam", moduleSlug: "sla", examId: null })).toThrow();
    expect(() => targetOf({ kind: "module", moduleSlug: null, examId: 7 })).toThrow();
  });
});
