/**
 * What is due for a learner: the modules and exams assigned to their cohorts, each assignment with its
 * own due date (several cohorts may assign one module or exam). Pure: `now` is the server's clock.
 *
 * The state of one assignment — 已完成 / 未完成 / 即将到期 / 已逾期 — is decided by one function only,
 * `assignmentState` (./cohort-members, re-exported here); this module never compares dates itself. It
 * picks, per module or exam, the due date a page shows (its first deadline), and lists and counts what is
 * due soon or overdue, once per module or exam however many cohorts assign it.
 */
import { assignmentState, epochToDueDate, type AssignmentState } from "./cohort-members";

export { assignmentState, type AssignmentState };

export interface Assigned {
  kind: "module" | "exam";
  ref: string;
  dueAt: number | null;
  /** Done is per learner and module or exam (completed, passed), so the same on all its assignments. */
  done: boolean;
}

export interface DueView {
  /** The due day as every page shows it ("2026-11-30", the product's zone: ./time through cohort-members). */
  date: string;
  state: AssignmentState;
}

const key = (kind: Assigned["kind"], ref: string) => `${kind}:${ref}`;

/**
 * One assignment per module or exam (several cohorts may assign the same one): the deadline the learner
 * must meet first, i.e. the earliest due date; an assignment without one only if none has one.
 */
export function firstDeadlines<T extends Assigned>(assigned: readonly T[]): T[] {
  const first = new Map<string, T>();
  for (const a of assigned) {
    const k = key(a.kind, a.ref);
    const seen = first.get(k);
    if (!seen || (a.dueAt !== null && (seen.dueAt === null || a.dueAt < seen.dueAt))) first.set(k, a);
  }
  return [...first.values()];
}

/**
 * The due date of each assigned module and exam (key `kind:ref`): its first deadline (`firstDeadlines`)
 * and that assignment's state. A module or exam assigned without a due date has no entry.
 */
export function dueByItem(assigned: readonly Assigned[], now: number): Map<string, DueView> {
  const out = new Map<string, DueView>();
  for (const a of firstDeadlines(assigned)) {
    if (a.dueAt !== null) out.set(key(a.kind, a.ref), { date: epochToDueDate(a.dueAt), state: assignmentState(a.done, a.dueAt, now) });
  }
  return out;
}

/** One module's or exam's due date from `dueByItem`'s map, or null. */
export function dueOf(map: Map<string, DueView>, kind: Assigned["kind"], ref: string | number): DueView | null {
  return map.get(key(kind, String(ref))) ?? null;
}

/**
 * The modules and exams due soon or overdue (one line each, at its first deadline), overdue first — the
 * longest overdue first — then the soonest due.
 */
export function dueSoonAndOverdue<T extends Assigned>(assigned: readonly T[], now: number): (T & { dueAt: number; state: "overdue" | "dueSoon" })[] {
  const pressing = firstDeadlines(assigned).flatMap((a) => {
    const state = assignmentState(a.done, a.dueAt, now);
    return a.dueAt !== null && (state === "overdue" || state === "dueSoon") ? [{ ...a, dueAt: a.dueAt, state }] : [];
  });
  return pressing.sort((x, y) => (x.state === y.state ? x.dueAt - y.dueAt : x.state === "overdue" ? -1 : 1));
}

/** How many assigned modules and exams there are, and how many are overdue and due soon at their first deadline (the dashboard's summary line). */
export function dueCounts(assigned: readonly Assigned[], now: number): { total: number; overdue: number; soon: number } {
  const states = firstDeadlines(assigned).map((a) => assignmentState(a.done, a.dueAt, now));
  return { total: states.length, overdue: states.filter((s) => s === "overdue").length, soon: states.filter((s) => s === "dueSoon").length };
}
