/**
 * What is due for a learner: the modules and exams assigned to their cohorts, each assignment with its
 * own due date (several cohorts may assign one module or exam). Pure: `now` is the server's clock.
 *
 * The state of one assignment — 已完成 / 未完成 / 即将到期 / 已逾期 — is decided by one function only,
 * `assignmentState` (./cohort-members, re-exported here); this module never compares dates itself. It
 * picks, per module or exam, the due date a page shows, and lists what is due soon or overdue.
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
 * The due date of each assigned module and exam (key `kind:ref`): the earliest of its assignments that
 * have one — the first deadline the learner must meet — and that assignment's state. A module or exam
 * assigned without a due date has no entry.
 */
export function dueByItem(assigned: readonly Assigned[], now: number): Map<string, DueView> {
  const earliest = new Map<string, Assigned & { dueAt: number }>();
  for (const a of assigned) {
    if (a.dueAt === null) continue;
    const k = key(a.kind, a.ref);
    const seen = earliest.get(k);
    if (!seen || a.dueAt < seen.dueAt) earliest.set(k, { ...a, dueAt: a.dueAt });
  }
  const out = new Map<string, DueView>();
  for (const [k, a] of earliest) out.set(k, { date: epochToDueDate(a.dueAt), state: assignmentState(a.done, a.dueAt, now) });
  return out;
}

/** One module's or exam's due date from `dueByItem`'s map, or null. */
export function dueOf(map: Map<string, DueView>, kind: Assigned["kind"], ref: string | number): DueView | null {
  return map.get(key(kind, String(ref))) ?? null;
}

/**
 * The assignments due soon or overdue (one line per assignment), overdue first — the longest overdue
 * first — then the soonest due.
 */
export function dueSoonAndOverdue<T extends Assigned>(assigned: readonly T[], now: number): (T & { dueAt: number; state: "overdue" | "dueSoon" })[] {
  const pressing = assigned.flatMap((a) => {
    const state = assignmentState(a.done, a.dueAt, now);
    return a.dueAt !== null && (state === "overdue" || state === "dueSoon") ? [{ ...a, dueAt: a.dueAt, state }] : [];
  });
  return pressing.sort((x, y) => (x.state === y.state ? x.dueAt - y.dueAt : x.state === "overdue" ? -1 : 1));
}

/** How many assignments are overdue and due soon (the dashboard's summary line). */
export function dueCounts(assigned: readonly Assigned[], now: number): { total: number; overdue: number; soon: number } {
  const states = assigned.map((a) => assignmentState(a.done, a.dueAt, now));
  return { total: states.length, overdue: states.filter((s) => s === "overdue").length, soon: states.filter((s) => s === "dueSoon").length };
}
