import { describe, expect, it } from "vitest";
import { DUE_SOON_MS, dueDateToEpoch } from "~/domain/cohort-members";
import { dueByItem, dueCounts, dueOf, dueSoonAndOverdue, type Assigned } from "~/domain/due-work";

const DAY = 86_400_000;
const due = (date: string) => dueDateToEpoch(date)!;
/** 2026-11-30 12:00 in Beijing. */
const NOW = due("2026-11-30") - 12 * 3_600_000 + 1;

const a = (kind: Assigned["kind"], ref: string, dueAt: number | null, done = false, id = 0) => ({ id, kind, ref, dueAt, done });

describe("the due date each page shows for an assigned module or exam", () => {
  it("is the earliest of its assignments with a due date, as the product zone's calendar day", () => {
    const map = dueByItem([a("exam", "7", due("2026-12-20")), a("exam", "7", due("2026-12-05")), a("exam", "7", null), a("module", "sla", null)], NOW);
    expect(dueOf(map, "exam", 7)).toEqual({ date: "2026-12-05", state: "open" });
    expect(dueOf(map, "exam", "7")).toEqual({ date: "2026-12-05", state: "open" });
    // Assigned without a due date, or not assigned: nothing to show.
    expect(dueOf(map, "module", "sla")).toBeNull();
    expect(dueOf(map, "exam", 8)).toBeNull();
    // A module and an exam with the same ref are different things.
    expect(dueOf(dueByItem([a("module", "7", due("2026-12-01"))], NOW), "exam", 7)).toBeNull();
  });

  it("carries the one state rule: due soon within 3 days, overdue after the day's end, done wins", () => {
    const state = (dueAt: number, done = false) => dueOf(dueByItem([a("module", "m", dueAt, done)], NOW), "module", "m")!.state;
    expect(state(due("2026-11-30"))).toBe("dueSoon"); // today, until 23:59:59.999
    expect(state(due("2026-11-29"))).toBe("overdue"); // yesterday
    expect(state(due("2026-11-29"), true)).toBe("done");
    expect(state(NOW + DUE_SOON_MS)).toBe("dueSoon");
    expect(state(NOW + DUE_SOON_MS + 1)).toBe("open");
    expect(state(NOW - 1)).toBe("overdue");
    expect(state(NOW)).toBe("dueSoon");
  });
});

describe("what is due soon and overdue", () => {
  const list = [
    a("module", "later", due("2026-12-25"), false, 1),
    a("exam", "1", due("2026-12-01"), false, 2),
    a("module", "old", due("2026-11-20"), false, 3),
    a("module", "done", due("2026-11-01"), true, 4),
    a("exam", "2", null, false, 5),
    a("module", "recent", due("2026-11-28"), false, 6),
    a("module", "today", due("2026-11-30"), false, 7),
  ];

  it("lists overdue first (longest overdue first), then due soon (soonest first); not open, done or undated ones", () => {
    expect(dueSoonAndOverdue(list, NOW).map((x) => [x.id, x.state])).toEqual([
      [3, "overdue"],
      [6, "overdue"],
      [7, "dueSoon"],
      [2, "dueSoon"],
    ]);
  });

  it("counts every assigned module and exam by the same rule", () => {
    expect(dueCounts(list, NOW)).toEqual({ total: 7, overdue: 2, soon: 2 });
    expect(dueCounts([], NOW)).toEqual({ total: 0, overdue: 0, soon: 0 });
  });

  it("names a module or exam assigned by several cohorts once, at its first deadline, in the list and the counts", () => {
    const twice = [
      a("exam", "1", due("2026-12-02"), false, 11),
      a("exam", "1", due("2026-12-01"), false, 12),
      a("module", "sla", null, false, 13),
      a("module", "sla", due("2026-11-29"), false, 14),
      a("module", "etiquette", null, false, 15),
      a("module", "etiquette", null, false, 16),
    ];
    expect(dueSoonAndOverdue(twice, NOW).map((x) => [x.id, x.state])).toEqual([
      [14, "overdue"],
      [12, "dueSoon"],
    ]);
    expect(dueCounts(twice, NOW)).toEqual({ total: 3, overdue: 1, soon: 1 });
    // Passed or completed counts on every cohort's assignment alike: nothing pressing.
    expect(dueSoonAndOverdue(twice.map((x) => ({ ...x, done: true })), NOW)).toEqual([]);
  });

  it("moves with the clock: a day later, today's is overdue and nothing else changed", () => {
    const later = dueSoonAndOverdue(list, NOW + DAY).map((x) => [x.id, x.state]);
    expect(later).toEqual([
      [3, "overdue"],
      [6, "overdue"],
      [7, "overdue"],
      [2, "dueSoon"],
    ]);
  });
});
