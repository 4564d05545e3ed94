import { describe, expect, it } from "vitest";
import { afterBookAnswer, afterWrong, EXIT_STREAK, examItemWrong, examWrongIsNew, fromRow, isDue, toRow, type BookEntry } from "~/domain/wrong-book";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 2, 2, 0);

function stays(entry: BookEntry, correct: boolean, at: number): BookEntry {
  const out = afterBookAnswer(entry, correct, at);
  if (out.kind !== "stays") throw new Error(`expected stays, got ${out.kind}`);
  return out.entry;
}

describe("entering the book", () => {
  it("a wrong answer creates an entry due the next day (whole-day FSRS steps), streak 0", () => {
    const e = afterWrong(null, "practice", T0);
    expect(e).toMatchObject({ source: "practice", addedAt: T0, lastWrongAt: T0, rightStreak: 0, clearedAt: null });
    expect(e.due).toBe(T0 + DAY);
    expect(e.card.due).toBe(e.due);
    expect(isDue(e, T0)).toBe(false);
    expect(isDue(e, T0 + DAY)).toBe(true);
  });

  it("a second wrong answer while in the book keeps where and when it entered and resets the streak", () => {
    const e = afterWrong(null, "drill", T0);
    const right = stays(e, true, e.due);
    expect(right.rightStreak).toBe(1);
    const again = afterWrong(right, "practice", right.due - HOUR);
    expect(again).toMatchObject({ source: "drill", addedAt: T0, lastWrongAt: right.due - HOUR, rightStreak: 0, clearedAt: null });
    expect(again.card.lapses).toBeGreaterThan(0);
  });

  it("a question that left comes back as a new entry when answered wrong again", () => {
    let e = afterWrong(null, "practice", T0);
    e = stays(e, true, e.due);
    const out = afterBookAnswer(e, true, e.due);
    expect(out.kind).toBe("cleared");
    const cleared = (out as { entry: BookEntry }).entry;
    const back = afterWrong(cleared, "exam", cleared.clearedAt! + DAY);
    expect(back).toMatchObject({ source: "exam", addedAt: cleared.clearedAt! + DAY, rightStreak: 0, clearedAt: null });
    expect(back.card.reps).toBe(1);
  });

  it("an exam item earning less than full marks is wrong; ungraded is not", () => {
    expect(examItemWrong(0, 2)).toBe(true);
    expect(examItemWrong(1500, 2)).toBe(true);
    expect(examItemWrong(2000, 2)).toBe(false);
    expect(examItemWrong(null, 2)).toBe(false);
  });
});

describe("leaving the book", () => {
  it(`leaves after ${EXIT_STREAK} right answers at consecutive scheduled reviews, each spaced by days`, () => {
    expect(EXIT_STREAK).toBe(2);
    const e = afterWrong(null, "practice", T0);
    const first = stays(e, true, e.due);
    expect(first.rightStreak).toBe(1);
    expect(first.due - e.due).toBeGreaterThanOrEqual(DAY);
    const out = afterBookAnswer(first, true, first.due);
    expect(out.kind).toBe("cleared");
    expect((out as { entry: BookEntry }).entry.clearedAt).toBe(first.due);
  });

  it("a wrong answer between the right ones starts the count again", () => {
    const e = afterWrong(null, "practice", T0);
    const r1 = stays(e, true, e.due);
    const w = stays(r1, false, r1.due);
    expect(w.rightStreak).toBe(0);
    expect(w.due).toBe(r1.due + DAY);
    const r2 = stays(w, true, w.due);
    expect(r2.rightStreak).toBe(1);
    expect(afterBookAnswer(r2, true, r2.due).kind).toBe("cleared");
  });

  it("an answer before the scheduled review changes nothing", () => {
    const e = afterWrong(null, "practice", T0);
    expect(afterBookAnswer(e, true, e.due - 1)).toEqual({ kind: "notDue" });
    const r1 = stays(e, true, e.due);
    expect(afterBookAnswer(r1, true, e.due + HOUR)).toEqual({ kind: "notDue" });
  });

  it("a cleared entry is never due", () => {
    const e = { ...afterWrong(null, "practice", T0), clearedAt: T0 + 1 };
    expect(isDue(e, T0 + 100 * DAY)).toBe(false);
    expect(afterBookAnswer(e, true, T0 + 100 * DAY)).toEqual({ kind: "notDue" });
  });
});

describe("exam answers released later", () => {
  it("are news when there is no entry or nothing happened to it since the submission", () => {
    expect(examWrongIsNew(null, T0)).toBe(true);
    const e = afterWrong(null, "practice", T0 - DAY);
    expect(examWrongIsNew(e, T0)).toBe(true);
  });

  it("are not applied twice, nor after a later wrong answer, review or clearing", () => {
    const fromExam = afterWrong(null, "exam", T0);
    expect(examWrongIsNew(fromExam, T0)).toBe(false);
    const laterWrong = afterWrong(null, "practice", T0 + HOUR);
    expect(examWrongIsNew(laterWrong, T0)).toBe(false);
    const old = afterWrong(null, "practice", T0 - 3 * DAY);
    const reviewed = stays(old, true, old.due);
    expect(examWrongIsNew(reviewed, old.due - 1)).toBe(false);
    const cleared = { ...old, clearedAt: T0 + HOUR };
    expect(examWrongIsNew(cleared, T0)).toBe(false);
  });
});

describe("storage", () => {
  it("round-trips through the row shape", () => {
    const e = stays(afterWrong(null, "drill", T0), true, T0 + DAY);
    const row = JSON.parse(JSON.stringify(toRow(e)));
    expect(fromRow(row)).toEqual(e);
  });

  it("a row with a broken card starts afresh from its last wrong answer", () => {
    const e = fromRow({ source: "bogus", addedAt: T0, lastWrongAt: T0, due: T0, card: { nope: 1 }, rightStreak: 1, clearedAt: null });
    expect(e.source).toBe("practice");
    expect(e.card.due).toBe(T0 + DAY);
  });
});
