/**
 * Exams: drawing a paper from a blueprint, server-side timing, and certificates. Pure; the caller
 * passes the question pool, the clock and the random seed.
 */
import type { BlueprintRule } from "@db/schema";
import { createRng } from "./prng";
import { shownOrder } from "./shuffle";
import { msg, type Message } from "./message";
import { itemScoreMilli, percentBp, pointsToMilli, reachesPassMark } from "./score";
import { endOfDay, wallClock } from "./time";

export type { BlueprintRule };

/** Requests already in flight when the deadline passes are still accepted for this long. */
export const SAVE_GRACE_MS = 5_000;
/** Learners are warned this long before a certificate expires. */
export const RENEWAL_WARNING_DAYS = 30;

export interface PoolQuestion {
  id: string;
  version: number;
  type: string;
  module: string | null;
  tags: string[];
  optionIds: string[];
  /** Questions that test the same point share a family; a paper never holds two of one. */
  family: string;
  /** The key of an ordering question (its steps in the right order), so the paper never shows it. */
  answer?: unknown;
}

export interface PaperItem {
  position: number;
  questionId: string;
  version: number;
  points: number;
  optionOrder: string[];
}

/** Why a blueprint rule cannot be filled, as a message for the reader's language. */
export function blueprintErrorMessage(e: BlueprintError): Message {
  return msg("exam.err.blueprintRule", { rule: e.ruleIndex + 1, wanted: e.wanted, available: e.available });
}

export class BlueprintError extends Error {
  constructor(
    public readonly ruleIndex: number,
    public readonly available: number,
    public readonly wanted: number,
  ) {
    super(
      `第 ${ruleIndex + 1} 条抽题规则需要 ${wanted} 道题，题库中符合条件且未被其他规则抽走的已发布题目只有 ${available} 道（同一分组的题考同一个知识点，只算一道：一张试卷每组最多抽一道）`,
    );
    this.name = "BlueprintError";
  }
}

/** The questions of the pool a blueprint can draw (any rule matches): an exam-only pool reserves them. */
export function blueprintCandidates(blueprint: BlueprintRule[], pool: PoolQuestion[]): PoolQuestion[] {
  return pool.filter((q) => blueprint.some((rule) => matches(rule, q)));
}

/** Whether a question may be drawn by a rule (module, type and tag filters). */
export function matches(rule: BlueprintRule, q: Pick<PoolQuestion, "module" | "type" | "tags">): boolean {
  if (rule.modules?.length && !rule.modules.includes(q.module ?? "")) return false;
  if (rule.types?.length && !rule.types.includes(q.type)) return false;
  if (rule.tags?.length && !rule.tags.some((t) => q.tags.includes(t))) return false;
  return true;
}

/**
 * How many questions each rule can draw (for the exam form's check), taking earlier rules first. Counted
 * in families: a paper holds at most one question of a family, so siblings count once.
 */
export function blueprintAvailability(blueprint: BlueprintRule[], pool: PoolQuestion[]): number[] {
  const taken = new Set<string>();
  return blueprint.map((rule) => {
    const families = [...new Set(pool.filter((q) => !taken.has(q.family) && matches(rule, q)).map((q) => q.family))];
    families.slice(0, rule.count).forEach((f) => taken.add(f));
    return families.length;
  });
}

/**
 * Draw a paper. Each rule samples `count` questions among those matching it, at most one per family and
 * none of a family an earlier rule took; questions are shuffled if asked, options always follow the one
 * shuffle rule (./shuffle.ts: never the key order, never the author's order). Same pool + seed ⇒ same
 * paper.
 */
export function drawPaper(
  blueprint: BlueprintRule[],
  pool: PoolQuestion[],
  seed: string,
  options: { shuffleQuestions: boolean; shuffleOptions: boolean },
): PaperItem[] {
  const rng = createRng(seed);
  const taken = new Set<string>();
  const picked: { q: PoolQuestion; points: number }[] = [];
  blueprint.forEach((rule, i) => {
    const candidates = pool.filter((q) => !taken.has(q.family) && matches(rule, q));
    // Pick a random family, then a random question of it, `count` times: every family equally likely,
    // whatever number of forms it has.
    const byFamily = new Map<string, PoolQuestion[]>();
    for (const q of candidates) byFamily.set(q.family, [...(byFamily.get(q.family) ?? []), q]);
    if (byFamily.size < rule.count) throw new BlueprintError(i, byFamily.size, rule.count);
    for (const family of rng.sample([...byFamily.keys()], rule.count)) {
      taken.add(family);
      picked.push({ q: rng.pick(byFamily.get(family)!), points: rule.points });
    }
  });
  const ordered = options.shuffleQuestions ? rng.shuffle(picked) : picked;
  return ordered.map(({ q, points }, position) => ({
    position,
    questionId: q.id,
    version: q.version,
    points,
    optionOrder: shownOrder(q, options.shuffleOptions ? rng : null),
  }));
}

export interface ExamWindow {
  timeLimitMinutes: number;
  opensAt: number | null;
  closesAt: number | null;
}

export type StartRefusal = "notOpen" | "closed" | "noAttemptsLeft" | "notInAudience" | "notPublished";

/** The deadline of an attempt started now: the time limit, but never past the exam's close. */
export function deadlineFor(exam: ExamWindow, startedAt: number): number {
  const byLimit = startedAt + exam.timeLimitMinutes * 60_000;
  return exam.closesAt ? Math.min(byLimit, exam.closesAt) : byLimit;
}

export function windowRefusal(exam: ExamWindow, now: number): StartRefusal | null {
  if (exam.opensAt && now < exam.opensAt) return "notOpen";
  if (exam.closesAt && now >= exam.closesAt) return "closed";
  return null;
}

/** A save is accepted until the deadline plus the grace for requests already in flight. */
export function acceptsSave(deadline: number, now: number): boolean {
  return now <= deadline + SAVE_GRACE_MS;
}

/** Whole minutes left before `deadline` at `now`, rounded up (a started minute counts), never negative. */
export function minutesLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 60_000));
}

/** An attempt still open after its deadline and the grace is finalised with what was saved. */
export function isOverdue(deadline: number, now: number): boolean {
  return now > deadline + SAVE_GRACE_MS;
}

/** Why a submission was sent: 交卷 pressed ("learner"), or the page's countdown reached zero ("time"). */
export type SubmitReason = "learner" | "time";
/** Who finalised an attempt, as recorded: the learner, the deadline (seen by a request), the server's sweep. */
export type FinalisedBy = "learner" | "deadline" | "sweep";

/**
 * What a submission of an attempt still in progress does: finalise it — in whose name — or, for a
 * time-triggered submission that arrives before the deadline (the page's countdown is only an estimate,
 * and a trainer may have granted extra time it has not heard of), nothing ("timeNotUp").
 * Past the deadline and its grace the attempt was over before the request came: the deadline's.
 */
export function submission(reason: SubmitReason, deadline: number, now: number): "learner" | "deadline" | "timeNotUp" {
  if (isOverdue(deadline, now)) return "deadline";
  if (reason === "learner") return "learner";
  return now < deadline ? "timeNotUp" : "deadline";
}

// --- Results ---------------------------------------------------------------------------------

export interface GradedItem {
  points: number;
  /** 0..1 share of the points earned. */
  score: number;
}

/** Totals in thousandths of a point and basis points, so sums never drift (./score). */
export function totals(items: GradedItem[], passPercent: number) {
  const scoreMilli = items.reduce((s, i) => s + itemScoreMilli(i.score, i.points), 0);
  const maxMilli = items.reduce((s, i) => s + pointsToMilli(i.points), 0);
  const bp = percentBp(scoreMilli, maxMilli);
  return { scoreMilli, maxMilli, percentBp: bp, passed: reachesPassMark(bp, passPercent) };
}

export type ReviewLevel = "score" | "answers" | "explanations";
/** When answers may be reviewed (Moodle's review timings). */
export const REVIEW_TIMINGS = ["immediately", "after_last_attempt", "after_close", "never"] as const;
export type ReviewTiming = (typeof REVIEW_TIMINGS)[number];

export interface ReviewPolicy {
  reviewMode: ReviewLevel;
  reviewTiming: ReviewTiming;
  /** Not before this time (null: no such limit). */
  reviewFrom: number | null;
  attemptsAllowed: number;
  closesAt: number | null;
  status: string;
}

/** Whether the exam is closed for good: past its close, or no longer published. */
export function examClosed(exam: Pick<ReviewPolicy, "closesAt" | "status">, now: number): boolean {
  return exam.status !== "published" || (exam.closesAt !== null && now >= exam.closesAt);
}

/**
 * What the learner may see of a submitted attempt now. Right answers and explanations are shown only
 * when no further attempt of this learner can use them: while the exam is open and the learner has an
 * attempt in progress or attempts left, only the score — whatever the setting says. Then the timing:
 * immediately / after the last attempt (the same once nothing is left) / after the exam closes / never,
 * and never before `reviewFrom`.
 */
export function reviewLevel(exam: ReviewPolicy, learner: { attemptsStarted: number; inProgress: boolean }, now: number): ReviewLevel {
  if (exam.reviewMode === "score" || exam.reviewTiming === "never") return "score";
  const closed = examClosed(exam, now);
  const moreToCome = !closed && (learner.inProgress || learner.attemptsStarted < exam.attemptsAllowed);
  if (moreToCome) return "score";
  if (exam.reviewTiming === "after_close" && !closed) return "score";
  if (exam.reviewFrom && now < exam.reviewFrom) return "score";
  return exam.reviewMode;
}

// --- Certificates ----------------------------------------------------------------------------

/** Calendar months later in the product's time zone, clamped to the month's last day (one rule: ./time). */
export { addMonths } from "./time";

export type CertificateState = "valid" | "expiring" | "expired" | "revoked";

/**
 * The moments that separate the states at `now`: a certificate is expired when it expires at or before
 * `now`, expiring when it expires by the end of the day RENEWAL_WARNING_DAYS calendar days from today
 * (in the product's time zone, ./time), valid after that. The register filters with these bounds in SQL.
 */
export function statusBounds(now: number): { now: number; horizon: number } {
  const w = wallClock(now);
  const day = new Date(Date.UTC(w.year, w.month - 1, w.day + RENEWAL_WARNING_DAYS));
  return { now, horizon: endOfDay({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() }) };
}

/** THE state of a certificate at `now` (every page, the register and its filters): revoked wins over the rest. */
export function certificateState(c: { expiresAt: number; revokedAt: number | null }, now: number): CertificateState {
  const b = statusBounds(now);
  if (c.revokedAt !== null && c.revokedAt !== undefined) return "revoked";
  if (c.expiresAt <= b.now) return "expired";
  if (c.expiresAt <= b.horizon) return "expiring";
  return "valid";
}

/** Whole days between now and the expiry, as pages say them: "expires in 3 days" / "expired 70 days ago". */
export function daysToExpiry(expiresAt: number, now: number): number {
  const DAY = 86_400_000;
  return expiresAt > now ? Math.ceil((expiresAt - now) / DAY) : Math.floor((now - expiresAt) / DAY);
}
