/**
 * The wrong-answer book (错题本): the rules of entering it, being reviewed in it and leaving it. Pure:
 * times are epoch milliseconds passed in by the caller (the server's clock).
 *
 * - Entering: a question answered wrong in practice or the numbers drill enters at once; one answered
 *   wrong in an exam enters only once that exam's review settings let the learner see the answers
 *   (domain/exam reviewLevel ≠ "score"), dated at the attempt's submission — the service asks this
 *   module whether that wrong answer is news to the book (`examWrongIsNew`).
 * - Scheduling: one FSRS card per learner and question (ts-fsrs through domain/drill, fuzz off) with
 *   whole-day intervals (no minutes-long learning steps), so reviews are spaced: a wrong answer is
 *   rated Again (due again the next day), a right answer at a scheduled review Good.
 * - Leaving: right on EXIT_STREAK (2) consecutive scheduled reviews. A wrong answer anywhere (book,
 *   practice, drill) resets the streak; a question that left comes back when answered wrong again.
 * - Only due questions are reviewed (`isDue`): an answer before the scheduled time changes nothing, and
 *   a right answer outside the book (practice, drill) is not a scheduled review either.
 */
import { deserializeCard, newCard, Rating, review, serializeCard, type DrillCard } from "./drill";
import { pointsToMilli } from "./score";

/** Right answers on consecutive scheduled reviews that take a question out of the book. */
export const EXIT_STREAK = 2;

export const WRONG_SOURCES = ["practice", "drill", "exam"] as const;
export type WrongSource = (typeof WRONG_SOURCES)[number];

export interface BookEntry {
  /** Where the question was first answered wrong (this time in the book). */
  source: WrongSource;
  addedAt: number;
  lastWrongAt: number;
  due: number;
  card: DrillCard;
  rightStreak: number;
  /** When it left the book; null while it is in the book. */
  clearedAt: number | null;
}

/** The entry after a wrong answer at `at` (a new entry, one back in the book, or a streak reset). */
export function afterWrong(existing: BookEntry | null, source: WrongSource, at: number): BookEntry {
  const fresh = !existing || existing.clearedAt !== null;
  const card = review(fresh ? newCard(at) : existing.card, Rating.Again, at, "days");
  return {
    source: fresh ? source : existing.source,
    addedAt: fresh ? at : existing.addedAt,
    lastWrongAt: at,
    due: card.due,
    card,
    rightStreak: 0,
    clearedAt: null,
  };
}

/** True when the question is in the book and its review has come. */
export function isDue(entry: Pick<BookEntry, "due" | "clearedAt">, at: number): boolean {
  return entry.clearedAt === null && entry.due <= at;
}

export type ReviewOutcome = { kind: "notDue" } | { kind: "stays"; entry: BookEntry } | { kind: "cleared"; entry: BookEntry };

/** A re-practice answer in the book at `at`. Only a due question is reviewed. */
export function afterBookAnswer(entry: BookEntry, correct: boolean, at: number): ReviewOutcome {
  if (!isDue(entry, at)) return { kind: "notDue" };
  if (!correct) return { kind: "stays", entry: afterWrong(entry, entry.source, at) };
  const card = review(entry.card, Rating.Good, at, "days");
  const rightStreak = entry.rightStreak + 1;
  const next: BookEntry = { ...entry, card, due: card.due, rightStreak };
  return rightStreak >= EXIT_STREAK ? { kind: "cleared", entry: { ...next, clearedAt: at } } : { kind: "stays", entry: next };
}

/**
 * Whether a wrong exam answer submitted at `submittedAt`, released to the learner only now, is news to
 * the book: there is no entry, or nothing has happened to the entry since (no later wrong answer, no
 * review, not cleared after it). Applying it twice, or after the learner has moved on, would be wrong.
 */
export function examWrongIsNew(existing: BookEntry | null, submittedAt: number): boolean {
  if (!existing) return true;
  const latest = Math.max(existing.lastWrongAt, existing.clearedAt ?? 0, existing.card.last_review ?? 0, existing.addedAt);
  return latest < submittedAt;
}

/** An exam item counts as wrong when it earned less than full marks (score in thousandths of a point; null: not graded). */
export function examItemWrong(scoreMilli: number | null, points: number): boolean {
  return scoreMilli !== null && scoreMilli < pointsToMilli(points);
}

// ---------------------------------------------------------------------------------------------
// Storage (the wrong_answers row).

export interface BookRow {
  source: string;
  addedAt: number;
  lastWrongAt: number;
  due: number;
  card: unknown;
  rightStreak: number;
  clearedAt: number | null;
}

/** A stored row as an entry; a row whose card does not parse starts afresh from its last wrong answer. */
export function fromRow(r: BookRow): BookEntry {
  const source = (WRONG_SOURCES as readonly string[]).includes(r.source) ? (r.source as WrongSource) : "practice";
  const card = deserializeCard(r.card) ?? review(newCard(r.lastWrongAt), Rating.Again, r.lastWrongAt, "days");
  return { source, addedAt: r.addedAt, lastWrongAt: r.lastWrongAt, due: r.due, card, rightStreak: r.rightStreak, clearedAt: r.clearedAt };
}

export function toRow(e: BookEntry) {
  return { source: e.source, addedAt: e.addedAt, lastWrongAt: e.lastWrongAt, due: e.due, card: serializeCard(e.card), rightStreak: e.rightStreak, clearedAt: e.clearedAt };
}
