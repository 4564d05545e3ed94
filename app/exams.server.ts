/**
 * Sitting exams: start (draw and snapshot the paper, store the deadline), autosave, flags, tab events,
 * submit, finalisation at the deadline (by the next request or the sweep), extra time, regrading and
 * certificates. The server's clock decides; the answer key never leaves this module in a learner view.
 */
import { certificateCodeFromBytes } from "~/domain/certificate-code";
import { randomBytes } from "node:crypto";
import { ENGINE, rows, transaction, type Db, type Executor } from "@db/client";
import {
  attemptItemsOf,
  certificateOfAttempt,
  extendDeadline,
  getAttempt,
  getAttemptOfLearner,
  getExam,
  inProgressAttempt,
  insertCertificate,
  overdueAttemptIds,
  publishedPool,
  recordEvent,
  revokeCertificate,
  setItemFlag,
  versionsFor,
  type AttemptRow,
  type ExamRow,
} from "@db/queries/exams";
import { hot } from "@db/queries/hot";
import { findUserById } from "@db/queries/users";
import { attemptItems, attempts, exams as examsTable, questionVersions } from "@db/schema";
import { and, eq, sql } from "drizzle-orm";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import {
  acceptsSave,
  addMonths,
  BlueprintError,
  blueprintErrorMessage,
  blueprintCandidates,
  deadlineFor,
  drawPaper,
  examClosed,
  reviewLevel,
  type ReviewLevel,
  isOverdue,
  SAVE_GRACE_MS,
  submission,
  totals,
  windowRefusal,
  type FinalisedBy,
  type PoolQuestion,
  type StartRefusal,
  type SubmitReason,
} from "~/domain/exam";
import { toPool } from "~/domain/exam-form";
import { checkResponseShape, type AutosaveRefusal, type ResponseShape } from "~/domain/autosave-body";
import { gradeResponse } from "~/domain/grading";
import { opaqueIds, toShown, toStored } from "~/domain/option-ids";
import { createRng } from "~/domain/prng";
import { shownRights } from "~/domain/shuffle";
import { countBlanks, numberBlanks, type Answer, type QuestionContent, type QuestionType } from "~/domain/question";
import { renderSafeInline, renderSafeMarkdown } from "~/domain/safe-markdown";
import { translator, type T } from "~/i18n";
import { examMessageText } from "~/i18n/autosave";
import { msg, type Message } from "~/domain/message";
import { itemScoreMilli, percentBp, pointsToMilli, reachesPassMark } from "~/domain/score";

export type ExamErrorCode = StartRefusal | "notFound" | "deadlinePassed" | "submitted" | "badRequest" | "blueprint" | "timeNotUp";

/**
 * A refusal with an HTTP status (and, for some, data the page needs). `text` is a message (catalogue key
 * and values) that each page and JSON reply renders in the reader's language (`examErrorText`,
 * `examErrorBody`); `message` is the same in Chinese, for logs.
 */
export class ExamError extends Error {
  constructor(
    public readonly code: ExamErrorCode,
    public readonly text: Message,
    public readonly status: number,
    public readonly data: Record<string, unknown> = {},
  ) {
    super(examMessageText(translator("zh"), text));
    this.name = "ExamError";
  }
}

/** The text of an exam refusal in a language. */
export function examErrorText(t: T, error: ExamError): string {
  return examMessageText(t, error.text);
}

/** An exam refusal as JSON: `{ok: false, code, message (reader's language), messageKey, messageVars, …data}`. */
export function examErrorBody(t: T, error: ExamError): Record<string, unknown> {
  return { ...error.data, ok: false, code: error.code, message: examErrorText(t, error), messageKey: error.text.key, messageVars: error.text.params ?? {} };
}

const refuse = (code: StartRefusal, status = 403) => new ExamError(code, msg(`exams.error.${code}`), status);
/** The message of an answer that arrived after the deadline (the result page shows it too). */
export const DEADLINE_MESSAGE = msg("exams.result.late");

// --- The question pool, cached until the bank changes ---------------------------------------

/** The pool being read or read for a revision: requests that need it meanwhile share one read. */
let poolCache: { revision: string; pool: Promise<PoolQuestion[]> } | undefined;

/** The published pool, re-read when the bank's revision (count and latest change) differs from the cached one: so every server sees another's edits. */
async function currentPool(db: Db): Promise<PoolQuestion[]> {
  const revision = await hot(db).bankRevision();
  if (poolCache?.revision !== revision) {
    const pool = publishedPool(db).then(toPool);
    poolCache = { revision, pool };
    // A failed read is not kept: the next request reads again.
    pool.catch(() => {
      if (poolCache?.pool === pool) poolCache = undefined;
    });
  }
  return poolCache.pool;
}

// --- What practice must not serve -------------------------------------------------------------

/**
 * Question ids practice and the drill must not serve to this learner now: every question of a family
 * on one of the learner's open papers (until that attempt is finalised — a sibling answers it too), and
 * every question a published exam with an exam-only pool can draw (reserved for certification) —
 * except, for the wrong-answer book, `keysShown`: questions whose answers this learner's own exam
 * review already shows them (reviewFor), which re-practising reveals nothing new about.
 */
export async function withheldFromPractice(userId: number, keysShown: ReadonlySet<string> = new Set()): Promise<Set<string>> {
  const db = getDb();
  const pool = await currentPool(db);
  const withheld = new Set<string>();
  const onPaper = (
    await db
      .select({ questionId: attemptItems.questionId })
      .from(attemptItems)
      .innerJoin(attempts, eq(attempts.id, attemptItems.attemptId))
      .where(and(eq(attempts.userId, userId), eq(attempts.status, "in_progress")))
  ).map((r) => r.questionId);
  if (onPaper.length) {
    const ids = new Set(onPaper);
    const families = new Set(pool.filter((q) => ids.has(q.id)).map((q) => q.family));
    for (const id of onPaper) withheld.add(id);
    for (const q of pool) if (families.has(q.family)) withheld.add(q.id);
  }
  const reserved = await db
    .select({ blueprint: examsTable.blueprint })
    .from(examsTable)
    .where(and(eq(examsTable.status, "published"), eq(examsTable.examOnlyPool, true)));
  for (const e of reserved) for (const q of blueprintCandidates(e.blueprint, pool)) if (!keysShown.has(q.id)) withheld.add(q.id);
  return withheld;
}

// --- Starting --------------------------------------------------------------------------------

export interface StartResult {
  attemptId: string;
  resumed: boolean;
}

/**
 * Start (or resume) this learner's attempt. A whole class may press 开始考试 at once, so the reads and
 * writes here use the hot statements (db/queries/hot.ts) and the paper is drawn from a cached pool.
 * The insert is one transaction (one statement on PostgreSQL) that adds the attempt only if the
 * learner's attempts are still those counted, and the unique index allows one open attempt per learner
 * and exam: two requests (on one server or two) never create two attempts, and never more than the
 * exam allows.
 *
 * `at` and `seed` are only ever given by the demo data, whose simulated learners sat the exam in the
 * past through this same code (the time they started, and a fixed seed so every demo shows the same).
 */
export async function startAttempt(
  userId: number,
  examId: number,
  at: number = now(),
  seed: string = randomBytes(12).toString("base64url"),
  tries = 3,
): Promise<StartResult> {
  const db = getDb();
  const q = hot(db);
  const t = at;
  const exam = await getExam(db, examId);
  if (!exam || exam.status !== "published") throw new ExamError("notFound", msg("exam.err.examNotFound"), 404);
  if (!(await q.maySit(examId, userId))) throw refuse("notInAudience");

  const mine = await q.learnerAttempts(examId, userId);
  const open = mine.find((a) => a.status === "in_progress");
  if (open) {
    if (!isOverdue(open.deadline, t)) return { attemptId: open.id, resumed: true };
    await finalizeAttempt(open.id, "deadline", t);
  }
  const window = windowRefusal(exam, t);
  if (window) throw refuse(window);
  if (mine.length >= exam.attemptsAllowed) throw refuse("noAttemptsLeft");

  let paper;
  try {
    paper = drawPaper(exam.blueprint, await currentPool(db), seed, { shuffleQuestions: exam.shuffleQuestions, shuffleOptions: exam.shuffleOptions });
  } catch (error) {
    if (error instanceof BlueprintError) throw new ExamError("blueprint", msg("exam.err.blueprint", { detail: blueprintErrorMessage(error) }), 409);
    throw error;
  }
  const id = randomBytes(16).toString("base64url");
  let inserted: boolean;
  try {
    // The attempt and its items at once (one statement on PostgreSQL), numbered after the attempts read
    // above, and only if they are still all there are: two starts of one learner at once (another click,
    // another server) cannot both add an attempt. If the other one is open (the unique index refused
    // this one), it is resumed; else the start is worked out again on what the other left.
    inserted = await q.insertAttempt(
      {
        id,
        examId,
        userId,
        attemptNo: mine.length + 1,
        seed,
        startedAt: t,
        deadline: deadlineFor(exam, t),
        maxScoreMilli: paper.reduce((sum, p) => sum + pointsToMilli(p.points), 0),
        multipleScoring: exam.multipleScoring,
      },
      paper.map((p) => ({ position: p.position, questionId: p.questionId, version: p.version, points: p.points, optionOrder: JSON.stringify(p.optionOrder) })),
    );
  } catch (error) {
    const existing = await inProgressAttempt(db, examId, userId);
    if (existing) return { attemptId: existing.id, resumed: true };
    throw error;
  }
  if (inserted) return { attemptId: id, resumed: false };
  const existing = await inProgressAttempt(db, examId, userId);
  if (existing) return { attemptId: existing.id, resumed: true };
  if (tries > 1) return startAttempt(userId, examId, at, seed, tries - 1);
  throw refuse("noAttemptsLeft");
}

// --- What the learner sees while sitting -------------------------------------------------------

export interface ItemView {
  position: number;
  points: number;
  type: QuestionType;
  stemHtml: string;
  /** In the order this attempt shows them. */
  options: { id: string; html: string }[];
  unit: string | null;
  /** Matching: left items and the right-hand choices (shuffled for this attempt). */
  lefts: string[];
  rights: string[];
  /** fill_blank: how many blanks (the stem shows them numbered); 0 for other types. */
  blanks: number;
  response: unknown;
  flagged: boolean;
  savedAt: number | null;
}

export interface AttemptView {
  attempt: Pick<AttemptRow, "id" | "examId" | "status" | "startedAt" | "deadline" | "attemptNo">;
  examTitle: string;
  items: ItemView[];
  serverNow: number;
}

type RenderedVersion = { type: QuestionType; stemHtml: string; options: Map<string, string>; unit: string | null; lefts: string[]; rights: string[]; blanks: number };

/** The ids this attempt shows for the options at one paper position (see option-ids.ts). */
const shownIds = (seed: string, position: number, count: number) => opaqueIds(seed, `paper|${position}`, count);

/** A stored answer as the page of this attempt would send it (resuming; simulated examinees in tests). */
export function answerAsShown(attempt: { seed: string }, item: { position: number; optionOrder: string[] }, type: string, stored: unknown): unknown {
  return toShown(type, stored, item.optionOrder, shownIds(attempt.seed, item.position, item.optionOrder.length));
}
const renderCache = new Map<string, RenderedVersion>();

/** Question versions never change, so their rendering is cached for good (bounded in size). */
function rendered(v: { questionId: string; version: number; type: string; stem: string; options: { id: string; text: string }[]; answer: unknown }): RenderedVersion {
  // Matching: the right-hand values are the key's plus the extra ones (v.options); shuffled per attempt.
  const key = `${v.questionId}@${v.version}`;
  let r = renderCache.get(key);
  if (!r) {
    const pairs = v.type === "matching" ? (v.answer as [string, string][]) : [];
    r = {
      type: v.type as QuestionType,
      stemHtml: renderSafeMarkdown(v.type === "fill_blank" ? numberBlanks(v.stem) : v.stem),
      options: new Map(v.options.map((o) => [o.id, renderSafeInline(o.text)])),
      // The number of blanks is part of the question as shown; their answers are the key.
      blanks: v.type === "fill_blank" ? countBlanks(v.stem) : 0,
      // The unit is part of the question as shown ("… 小时"), not of the key.
      unit: v.type === "numeric" ? (v.answer as { unit: string }).unit : null,
      lefts: pairs.map((p) => p[0]),
      rights: v.type === "matching" ? shownRights({ id: v.questionId, answer: pairs, options: v.options }, null) : [],
    };
    if (renderCache.size > 5000) renderCache.clear();
    renderCache.set(key, r);
  }
  return r;
}

/** Finalises an attempt whose time is up, so every read sees the truth. Returns the fresh row. */
async function settle(attempt: AttemptRow): Promise<AttemptRow> {
  if (attempt.status === "in_progress" && isOverdue(attempt.deadline, now())) {
    await finalizeAttempt(attempt.id, "deadline");
    return (await getAttempt(getDb(), attempt.id))!;
  }
  return attempt;
}

export async function learnerAttempt(userId: number, attemptId: string): Promise<AttemptRow> {
  const a = await getAttemptOfLearner(getDb(), attemptId, userId);
  if (!a) throw new ExamError("notFound", msg("exam.err.attemptNotFound"), 404);
  return settle(a);
}

export async function attemptView(userId: number, attemptId: string): Promise<AttemptView> {
  const db = getDb();
  const attempt = await learnerAttempt(userId, attemptId);
  const exam = (await getExam(db, attempt.examId))!;
  const items = await attemptItemsOf(db, attempt.id);
  const versions = new Map((await versionsFor(db, items)).map((v) => [`${v.questionId}@${v.version}`, v]));
  const rng = createRng(`${attempt.seed}|matching`);
  return {
    attempt: { id: attempt.id, examId: attempt.examId, status: attempt.status, startedAt: attempt.startedAt, deadline: attempt.deadline, attemptNo: attempt.attemptNo },
    examTitle: exam.title,
    serverNow: now(),
    items: items.map((it) => {
      const r = rendered(versions.get(`${it.questionId}@${it.version}`)!);
      // The browser never sees a stored option id: only this attempt's opaque ids, in the order shown.
      const shown = shownIds(attempt.seed, it.position, it.optionOrder.length);
      return {
        position: it.position,
        points: it.points,
        type: r.type,
        stemHtml: r.stemHtml,
        options: it.optionOrder.map((id, k) => ({ id: shown[k], html: r.options.get(id) ?? "" })),
        unit: r.unit,
        lefts: r.lefts,
        rights: r.rights.length ? rng.shuffle(r.rights) : [],
        blanks: r.blanks,
        response: answerAsShown(attempt, it, r.type, it.response ?? null),
        flagged: it.flagged,
        savedAt: it.savedAt,
      };
    }),
  };
}

// --- Review -----------------------------------------------------------------------------------

export type ReviewHeld = "attemptsLeft" | "afterClose" | "never" | "from" | null;

/**
 * What this learner may see of a submitted attempt of this exam now (domain reviewLevel), and why
 * the answers are held back when they are: no right answer reaches a learner who could still use it.
 */
export async function reviewFor(userId: number, exam: ExamRow, t: number): Promise<{ level: ReviewLevel; held: ReviewHeld }> {
  const mine = await hot(getDb()).learnerAttempts(exam.id, userId);
  const learner = { attemptsStarted: mine.length, inProgress: mine.some((a) => a.status === "in_progress") };
  const level = reviewLevel(exam, learner, t);
  if (level !== "score" || exam.reviewMode === "score" || exam.reviewTiming === "never") return { level, held: level === "score" ? "never" : null };
  if (!examClosed(exam, t) && (learner.inProgress || learner.attemptsStarted < exam.attemptsAllowed)) return { level, held: "attemptsLeft" };
  if (exam.reviewTiming === "after_close" && !examClosed(exam, t)) return { level, held: "afterClose" };
  return { level, held: "from" };
}

// --- Saving ----------------------------------------------------------------------------------

const MAX_RESPONSE_BYTES = 4096;

export interface SaveResult {
  savedAt: number;
  /** The attempt's deadline now (a trainer may have granted extra time): the page corrects its countdown. */
  deadline: number;
  /** False when a newer answer (higher seq) was already stored; nothing changed. */
  applied: boolean;
}

/**
 * Save one answer. Accepted until the deadline plus the grace; after that it is refused, the attempt
 * is finalised with what was saved, and nothing already saved is touched. (`at`: see startAttempt.)
 */
export async function saveAnswer(userId: number, attemptId: string, position: number, response: unknown, seq: number, at: number = now()): Promise<SaveResult> {
  const db = getDb();
  const q = hot(db);
  const t = at;
  // The attempt and the item at `position`, in one read.
  const a = await q.saveContext(attemptId, userId, position);
  if (!a) throw new ExamError("notFound", msg("exam.err.attemptNotFound"), 404);
  if (a.status !== "in_progress") throw new ExamError("submitted", msg("exam.err.submittedNoChange"), 409);
  if (!acceptsSave(a.deadline, t)) {
    await recordEvent(db, { attemptId, kind: "late_save_refused", at: t, detail: { position } });
    await finalizeAttempt(attemptId, "deadline", t);
    throw new ExamError("deadlinePassed", DEADLINE_MESSAGE, 409);
  }
  if (!Number.isInteger(position) || position < 0 || !Number.isInteger(seq) || seq < 1) throw new ExamError("badRequest", msg("exam.err.badSave"), 400);
  if (JSON.stringify(response ?? null).length > MAX_RESPONSE_BYTES) throw new ExamError("badRequest", msg("exam.err.answerTooLong"), 413);
  const item = a.item;
  if (!item) throw new ExamError("badRequest", msg("exam.err.noSuchQuestion"), 400);
  // The page answers with this attempt's opaque ids (option-ids.ts): the shape is checked against the ids
  // shown, then the answer is stored with the question's own ids.
  const order = JSON.parse(item.optionOrder) as string[];
  const shown = order.length ? shownIds(a.seed, position, order.length) : [];
  // An answer of the wrong shape for its question is refused now, not stored to be graded wrong later.
  const refusal = checkResponseShape({ ...itemShape(item), optionIds: shown }, response ?? null);
  if (refusal) throw new ExamError("badRequest", msg(refusal.key, refusal.vars), 400);
  const json = JSON.stringify(order.length ? (toStored(item.type, response ?? null, order, shown) ?? null) : (response ?? null));
  const applied = await q.saveItem(json, seq, t, attemptId, position);
  return { savedAt: t, deadline: a.deadline, applied };
}

/**
 * The page's heartbeat: the attempt's status and deadline now (one prepared read). An attempt whose time
 * and grace are up is finalised here ("deadline": the next request that touches it).
 */
export async function attemptClock(userId: number, attemptId: string): Promise<{ status: string; deadline: number; serverNow: number }> {
  const q = hot(getDb());
  let a = await q.attemptOfUser(attemptId, userId);
  if (!a) throw new ExamError("notFound", msg("exam.err.attemptNotFound"), 404);
  const t = now();
  if (a.status === "in_progress" && isOverdue(a.deadline, t)) {
    await finalizeAttempt(attemptId, "deadline");
    a = (await q.attemptOfUser(attemptId, userId))!;
  }
  return { status: a.status, deadline: a.deadline, serverNow: t };
}

const shapeCache = new Map<string, ResponseShape>();

/** What a saved answer must look like for one attempt item (its options as drawn; question versions never change). */
function itemShape(item: { questionId: string; version: number; type: string; optionOrder: string; answer: string }): ResponseShape {
  const key = `${item.questionId}@${item.version}|${item.optionOrder}`;
  let shape = shapeCache.get(key);
  if (!shape) {
    const answer = JSON.parse(item.answer) as unknown;
    const pairs = item.type === "matching" ? (answer as [string, string][]) : [];
    shape = {
      type: item.type as QuestionType,
      optionIds: JSON.parse(item.optionOrder) as string[],
      lefts: pairs.map((p) => p[0]),
      blanks: item.type === "fill_blank" && Array.isArray(answer) ? answer.length : 0,
    };
    if (shapeCache.size > 20_000) shapeCache.clear();
    shapeCache.set(key, shape);
  }
  return shape;
}

export async function flagItem(userId: number, attemptId: string, position: number, flagged: boolean): Promise<void> {
  const a = await learnerAttempt(userId, attemptId);
  if (a.status !== "in_progress") throw new ExamError("submitted", msg("exams.sit.closed"), 409);
  await setItemFlag(getDb(), attemptId, position, flagged);
}

/** Leaving or returning to the tab: logged for trainers, never punished automatically. */
export async function logVisibility(userId: number, attemptId: string, hidden: boolean): Promise<void> {
  const a = await learnerAttempt(userId, attemptId);
  if (a.status !== "in_progress") return;
  await recordEvent(getDb(), { attemptId, kind: hidden ? "tab_hidden" : "tab_visible", at: now() });
}

// --- Finalising and grading --------------------------------------------------------------------

export type { FinalisedBy, SubmitReason };

/**
 * 交卷, by the learner ("learner") or by the page's countdown reaching zero ("time"); see
 * ~/domain/exam `submission`. A "time" submission before the real deadline is refused (`timeNotUp`,
 * with the deadline and the server's time) and the attempt stays open.
 */
export async function submitAttempt(userId: number, attemptId: string, reason: SubmitReason = "learner"): Promise<AttemptRow> {
  const a = await getAttemptOfLearner(getDb(), attemptId, userId);
  if (!a) throw new ExamError("notFound", msg("exam.err.attemptNotFound"), 404);
  if (a.status === "in_progress") {
    const t = now();
    const outcome = submission(reason, a.deadline, t);
    if (outcome === "timeNotUp") throw new ExamError("timeNotUp", msg("exam.err.timeNotUp"), 409, { deadline: a.deadline, serverNow: t });
    await finalizeAttempt(attemptId, outcome);
  }
  return (await getAttempt(getDb(), attemptId))!;
}

/**
 * Grade with what was saved and close the attempt; issue a certificate on a pass. Exactly once: the
 * close is a conditional update (`where status = 'in_progress'`) in one transaction with the grades and
 * the certificate, so a second call (a double click, the sweep racing a request, another server's
 * sweep) finds nothing to close and does nothing. `by` is recorded as is (who or what ended it); the
 * submission time is `at` (now), never later than the deadline unless the learner submitted within the
 * grace. `at` is only ever given by the demo data, whose simulated attempts happened in the past.
 * Returns whether this call finalised it.
 */
export async function finalizeAttempt(attemptId: string, by: FinalisedBy, at: number = now()): Promise<boolean> {
  return transaction(getDb(), (tx) => finalizeIn(tx, attemptId, by, at));
}

/** The body of finalizeAttempt, inside the caller's transaction. */
async function finalizeIn(tx: Executor, attemptId: string, by: FinalisedBy, t: number): Promise<boolean> {
  if (ENGINE === "postgres") await rows(tx, sql`select id from attempts where id = ${attemptId} for update`);
  const [a] = await tx.select().from(attempts).where(eq(attempts.id, attemptId)).limit(1);
  if (!a || a.status !== "in_progress") return false;
  const [exam] = await tx.select().from(examsTable).where(eq(examsTable.id, a.examId)).limit(1);
  const graded = await gradeItems(tx, a);
  const passed = reachesPassMark(graded.result.percentBp, exam.passPercent);
  const closed = await tx
    .update(attempts)
    .set({
      status: "submitted",
      submittedAt: by === "learner" ? t : Math.min(t, a.deadline),
      finalisedBy: by,
      scoreMilli: graded.result.scoreMilli,
      percentBp: graded.result.percentBp,
      passed,
    })
    .where(and(eq(attempts.id, attemptId), eq(attempts.status, "in_progress")))
    .returning({ id: attempts.id });
  if (!closed.length) return false;
  for (const g of graded.items) {
    await tx
      .update(attemptItems)
      .set({ scoreMilli: g.scoreMilli })
      .where(and(eq(attemptItems.attemptId, a.id), eq(attemptItems.position, g.position)));
  }
  if (passed) await issueCertificate(tx, a, exam, t);
  return true;
}

/** Grades the saved answers (nothing written): each item's score and the attempt's totals. */
async function gradeItems(tx: Executor, a: AttemptRow) {
  const items = await attemptItemsOf(tx, a.id);
  const versions = new Map((await versionsFor(tx, items)).map((v) => [`${v.questionId}@${v.version}`, v]));
  const graded = items.map((it) => {
    const v = versions.get(`${it.questionId}@${it.version}`)!;
    const g = it.response === null || it.response === undefined ? { score: 0 } : gradeResponse({ type: v.type as QuestionType, answer: v.answer as Answer, options: v.options }, it.response, { multiple: a.multipleScoring, fillBlank: a.multipleScoring });
    return { position: it.position, points: it.points, score: g.score };
  });
  return {
    items: graded.map((g) => ({ position: g.position, scoreMilli: itemScoreMilli(g.score, g.points) })),
    result: totals(graded, 0),
  };
}

/**
 * One certificate per attempt (unique index on the attempt). Codes are random; should one collide with
 * an existing code (unique index on the code), another is drawn.
 */
async function issueCertificate(tx: Executor, a: AttemptRow, exam: ExamRow, t: number): Promise<void> {
  if (!exam.certificateName || !exam.certificateValidityMonths) return;
  if (await certificateOfAttempt(tx, a.id)) return;
  const holder = (await findUserById(tx, a.userId))!;
  for (let tries = 0; tries < 5; tries++) {
    const inserted = await insertCertificate(tx, {
      code: newCertificateCode(),
      userId: a.userId,
      examId: exam.id,
      attemptId: a.id,
      name: exam.certificateName,
      holderName: holder.name,
      issuedAt: t,
      expiresAt: addMonths(t, exam.certificateValidityMonths),
    });
    if (inserted || (await certificateOfAttempt(tx, a.id))) return;
  }
  throw new Error(`证书编号连续冲突，未能为作答 ${a.id} 发证`);
}

/** 20 characters of Crockford base32 (100 bits), grouped for reading aloud: XXXXX-XXXXX-XXXXX-XXXXX. */
export function newCertificateCode(): string {
  return certificateCodeFromBytes(randomBytes(20));
}

/**
 * Finalise every attempt whose deadline (plus grace) has passed. Run every few seconds by every server.
 * PostgreSQL: each batch is claimed with `for update skip locked` inside one transaction, so two
 * servers' sweeps share the work and never finalise one attempt twice (finalising is also conditional).
 * SQLite: one transaction per attempt (BEGIN IMMEDIATE serialises the writers).
 */
export async function sweepOverdue(): Promise<number> {
  const db = getDb();
  const before = now() - SAVE_GRACE_MS;
  if (ENGINE === "postgres") {
    let total = 0;
    for (;;) {
      const done = await transaction(db, async (tx) => {
        const due = await rows<{ id: string }>(
          tx,
          sql`select id from attempts where status = 'in_progress' and deadline < ${before}
               order by deadline limit 50 for update skip locked`,
        );
        let n = 0;
        for (const { id } of due) if (await finalizeIn(tx, id, "sweep", now())) n++;
        return { claimed: due.length, finalised: n };
      });
      total += done.finalised;
      if (done.claimed < 50) return total;
    }
  }
  const ids = await overdueAttemptIds(db, before);
  let n = 0;
  for (const id of ids) if (await finalizeAttempt(id, "sweep")) n++;
  return n;
}

// --- Trainer actions -------------------------------------------------------------------------

export async function grantExtraTime(trainerId: number, attemptId: string, minutes: number): Promise<void> {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) throw new ExamError("badRequest", msg("ef.extraMinutes"), 400);
  const db = getDb();
  const found = await getAttempt(db, attemptId);
  if (!found) throw new ExamError("notFound", msg("exam.err.attemptNotFound"), 404);
  // An attempt whose time and grace are already up is over (finalised now, by the deadline), not extended.
  const a = await settle(found);
  if (a.status !== "in_progress") throw new ExamError("submitted", msg("exam.err.submittedNoExtra"), 409);
  await transaction(db, async (tx) => {
    await extendDeadline(tx, attemptId, a.deadline + minutes * 60_000);
    await recordEvent(tx, { attemptId, kind: "extra_time", at: now(), actorId: trainerId, detail: { minutes, previousDeadline: a.deadline } });
  });
}

/**
 * Regrade the submitted attempts of an exam after a question was fixed: items that showed an older
 * version of `questionId` are graded against the current version's key, provided it has the same
 * options (same ids), so the learner's answer still means the same thing. Logged per attempt.
 */
export async function regradeQuestion(trainerId: number, examId: number, questionId: string, current: QuestionContent & { version: number }): Promise<string[]> {
  const db = getDb();
  const t = now();
  const changed: string[] = [];
  await transaction(db, async (tx) => {
    const exam = (await getExam(tx, examId))!;
    const affected = await tx
      .select({ attempt: attempts, item: attemptItems })
      .from(attemptItems)
      .innerJoin(attempts, eq(attempts.id, attemptItems.attemptId))
      .where(and(eq(attempts.examId, examId), eq(attempts.status, "submitted"), eq(attemptItems.questionId, questionId)));
    for (const { attempt, item } of affected) {
      // Only where the saved answer still means the same: same type and the same option ids as shown.
      // (A question that lost its options, or changed type, is left as graded.)
      const shownType = (await versionsFor(tx, [item]))[0]?.type;
      const sameOptions = new Set(item.optionOrder).size === current.options.length && current.options.every((o) => item.optionOrder.includes(o.id));
      if (!sameOptions || shownType !== current.type) continue;
      const g = item.response == null ? { score: 0 } : gradeResponse(current, item.response, { multiple: attempt.multipleScoring, fillBlank: attempt.multipleScoring });
      await tx
        .update(attemptItems)
        .set({ scoreMilli: itemScoreMilli(g.score, item.points) })
        .where(and(eq(attemptItems.attemptId, attempt.id), eq(attemptItems.position, item.position)));
      const all = await attemptItemsOf(tx, attempt.id);
      const scoreMilli = all.reduce((s, i) => s + (i.scoreMilli ?? 0), 0);
      const bp = percentBp(scoreMilli, attempt.maxScoreMilli);
      const passed = reachesPassMark(bp, exam.passPercent);
      await tx.update(attempts).set({ scoreMilli, percentBp: bp, passed }).where(eq(attempts.id, attempt.id));
      await recordEvent(tx, { attemptId: attempt.id, kind: "regrade", at: t, actorId: trainerId, detail: { questionId, toVersion: current.version, before: attempt.scoreMilli, after: scoreMilli } });
      const cert = await certificateOfAttempt(tx, attempt.id);
      if (passed && !cert) await issueCertificate(tx, attempt, exam, t);
      if (!passed && cert && !cert.revokedAt) await revokeCertificate(tx, cert.id, trainerId, "重新评分后未达到及格线", t);
      changed.push(attempt.id);
    }
  });
  return changed;
}
