/**
 * The numbers drill: spaced repetition (FSRS, via ts-fsrs) of the SLA figures, one card per learner and
 * fact. Pure: times are epoch milliseconds passed in by the caller (the server's clock).
 *
 * Scheduler: ts-fsrs defaults (target retention 90 %, short-term learning steps 1 min and 10 min,
 * relearning step 10 min), fuzz off so the schedule is reproducible.
 *
 * Rating from how the learner answered (`ratingFor`):
 * - wrong                          → Again (back within a minute, then relearned)
 * - right, but slower than 20 s    → Hard  (recalled with effort)
 * - right, faster than 5 s         → Easy  (known cold)
 * - right otherwise, or time unknown → Good
 *
 * What is due (`dueCount`, `nextDrillFact`):
 * - a card is due when its `due` time has come;
 * - a fact with no card yet is new, and counts as due — but at most NEW_CARDS_PER_DAY new facts a day
 *   (the facts introduced since midnight China Standard Time count against the limit), so a first day
 *   is not a wall of 50 figures. Reviews are never capped.
 */
import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from "ts-fsrs";
import { startOfDay } from "./time";
import { genId, parseGeneratedId } from "./generator/ids";

export { Rating } from "ts-fsrs";
export type DrillRating = Grade;

/** New facts a learner is given per day. */
export const NEW_CARDS_PER_DAY = 10;
/** Right answers slower than this are rated Hard. */
export const SLOW_MS = 20_000;
/** Right answers faster than this are rated Easy. */
export const FAST_MS = 5_000;

const scheduler = fsrs({ enable_fuzz: false });
/**
 * The same FSRS parameters without the short-term (minutes) learning steps: every interval is whole
 * days. The wrong-answer book (./wrong-book) schedules with it, so its reviews are spaced.
 */
const daysScheduler = fsrs({ enable_fuzz: false, enable_short_term: false });

/** A ts-fsrs Card as we store it: dates as epoch ms, plus when the learner first met the fact. */
export interface DrillCard {
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: State;
  last_review: number | null;
  /** When the card was created (the first time this fact was drilled); for the daily new-card limit. */
  introduced: number;
}

export interface FactCard {
  factId: string;
  card: DrillCard;
}

function fromFsrs(card: Card, introduced: number): DrillCard {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.last_review ? card.last_review.getTime() : null,
    introduced,
  };
}

function toFsrs(c: DrillCard): Card {
  return {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    ...(c.last_review !== null ? { last_review: new Date(c.last_review) } : {}),
  };
}

export function newCard(now: number): DrillCard {
  return fromFsrs(createEmptyCard(new Date(now)), now);
}

/** The card after one review at `now`; `steps` "days" skips the minutes-long learning steps (the wrong-answer book). */
export function review(card: DrillCard, rating: DrillRating, now: number, steps: "short" | "days" = "short"): DrillCard {
  return fromFsrs((steps === "days" ? daysScheduler : scheduler).next(toFsrs(card), new Date(now), rating).card, card.introduced);
}

/** See the module comment. `elapsedMs` null (unknown or implausible) never earns Easy or Hard. */
export function ratingFor(correct: boolean, elapsedMs: number | null): DrillRating {
  if (!correct) return Rating.Again;
  if (elapsedMs === null || !Number.isFinite(elapsedMs) || elapsedMs < 0) return Rating.Good;
  if (elapsedMs > SLOW_MS) return Rating.Hard;
  if (elapsedMs < FAST_MS) return Rating.Easy;
  return Rating.Good;
}

// ---------------------------------------------------------------------------------------------
// Serialisation (the drill_cards.card JSON column).

export function serializeCard(card: DrillCard): Record<string, unknown> {
  return { ...card };
}

const NUMBER_FIELDS = ["due", "stability", "difficulty", "elapsed_days", "scheduled_days", "learning_steps", "reps", "lapses", "introduced"] as const;

/** A stored card, or null when it is not one (the caller then starts the fact afresh). */
export function deserializeCard(value: unknown): DrillCard | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  for (const f of NUMBER_FIELDS) if (typeof v[f] !== "number" || !Number.isFinite(v[f])) return null;
  if (typeof v.state !== "number" || !(v.state in State)) return null;
  if (v.last_review !== null && (typeof v.last_review !== "number" || !Number.isFinite(v.last_review))) return null;
  return {
    due: v.due as number,
    stability: v.stability as number,
    difficulty: v.difficulty as number,
    elapsed_days: v.elapsed_days as number,
    scheduled_days: v.scheduled_days as number,
    learning_steps: v.learning_steps as number,
    reps: v.reps as number,
    lapses: v.lapses as number,
    state: v.state as State,
    last_review: v.last_review as number | null,
    introduced: v.introduced as number,
  };
}

// ---------------------------------------------------------------------------------------------
// What is due.

/** Start of the day (product time zone, ./time) containing `now`: the new-card limit counts per day. */
export function dayStart(now: number): number {
  return startOfDay(now);
}

interface DueState {
  /** Cards of drillable facts whose time has come, most overdue first. */
  due: FactCard[];
  /** Drillable facts without a card, in the given order. */
  unseen: string[];
  /** How many new facts may still be started today. */
  newAllowed: number;
}

function dueState(cards: readonly FactCard[], factIds: readonly string[], now: number, newPerDay: number): DueState {
  const drillable = new Set(factIds);
  const mine = cards.filter((c) => drillable.has(c.factId));
  const withCard = new Set(mine.map((c) => c.factId));
  const today = dayStart(now);
  const introducedToday = mine.filter((c) => c.card.introduced >= today).length;
  const unseen = factIds.filter((id, i) => !withCard.has(id) && factIds.indexOf(id) === i);
  return {
    due: mine.filter((c) => c.card.due <= now).sort((a, b) => a.card.due - b.card.due || a.factId.localeCompare(b.factId)),
    unseen,
    newAllowed: Math.max(0, Math.min(unseen.length, newPerDay - introducedToday)),
  };
}

/** Facts to drill now: due reviews plus the new facts still allowed today. Cards of facts not in `factIds` are ignored. */
export function dueCount(cards: readonly FactCard[], factIds: readonly string[], now: number, newPerDay = NEW_CARDS_PER_DAY): number {
  const s = dueState(cards, factIds, now, newPerDay);
  return s.due.length + s.newAllowed;
}

/** The next fact to drill: the most overdue review, else the first new fact allowed today, else null. */
export function nextDrillFact(
  cards: readonly FactCard[],
  factIds: readonly string[],
  now: number,
  newPerDay = NEW_CARDS_PER_DAY,
): { factId: string; isNew: boolean } | null {
  const s = dueState(cards, factIds, now, newPerDay);
  if (s.due.length) return { factId: s.due[0].factId, isNew: false };
  if (s.newAllowed > 0) return { factId: s.unseen[0], isNew: true };
  return null;
}

/** When the next card of a drillable fact falls due (for "nothing due now" pages), or null. */
export function nextDueAt(cards: readonly FactCard[], factIds: readonly string[]): number | null {
  const drillable = new Set(factIds);
  const dues = cards.filter((c) => drillable.has(c.factId)).map((c) => c.card.due);
  return dues.length ? Math.min(...dues) : null;
}

// ---------------------------------------------------------------------------------------------
// Which facts can be drilled, and with which question.

/** Generated question ids the drill may show for a fact, best first: numeric, else single choice. */
export function drillQuestionIds(factId: string): string[] {
  return [genId.fact(factId, "numeric"), genId.fact(factId, "single")];
}

export interface DrillItem {
  factId: string;
  questionId: string;
}

/**
 * The drillable facts, in the courseware's order (fact number): unlost facts with a published
 * generated question (`published` = ids of published questions).
 */
export function drillItems(
  facts: readonly { id: string; n: number; status: string }[],
  published: ReadonlySet<string>,
): DrillItem[] {
  return [...facts]
    .filter((f) => f.status !== "lost")
    .sort((a, b) => a.n - b.n)
    .flatMap((f) => {
      const questionId = drillQuestionIds(f.id).find((id) => published.has(id));
      return questionId ? [{ factId: f.id, questionId }] : [];
    });
}

/** The fact a drill question is about, if `questionId` is one of the ids the drill uses. */
export function factOfDrillQuestion(questionId: string): string | null {
  const ref = parseGeneratedId(questionId);
  return ref?.kind === "fact" && (ref.form === "numeric" || ref.form === "single") ? ref.ref : null;
}

/** Stored rows → cards; a row whose card does not parse is left out (that fact starts afresh). */
export function toFactCards(rows: readonly { factId: string; card: unknown }[]): FactCard[] {
  return rows.flatMap((r) => {
    const card = deserializeCard(r.card);
    return card ? [{ factId: r.factId, card }] : [];
  });
}
