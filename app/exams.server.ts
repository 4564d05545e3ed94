/**
 * Sitting exams: start (draw and snapshot the paper, store the deadline), autosave, flags, tab events,
 * submit, finalisation at the deadline (by the next request or the sweep), extra time, regrading and
 * certificates. The server's clock decides; the answer key never leaves this module in a learner view.
 */
import { randomBytes } from "node:crypto";
import type { Db, Executor } from "@db/client";
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
import { and, eq } from "drizzle-orm";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import {
  acceptsSave,
  addMonths,
  BlueprintError,
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
import { translator } from "~/i18n";
import { autosaveRefusalText } from "~/i18n/autosave";

export type ExamErrorCode = StartRefusal | "notFound" | "deadlinePassed" | "submitted" | "badRequest" | "blueprint" | "timeNotUp";

/** A refusal the pages show as it is (Chinese message) with an HTTP status (and, for some, data the page needs). */
export class ExamError extends Error {
  constructor(
    public readonly code: ExamErrorCode,
    message: string,
    public readonly status: number,
    public readonly data: Record<string, unknown> = {},
    /** A refusal the page can translate (message key and values), when there is one. */
    public readonly refusal?: AutosaveRefusal,
  ) {
    super(message);
    this.name = "ExamError";
  }
}

const MESSAGES: Record<StartRefusal, string> = {
  notOpen: "考试尚未开放",
  closed: "考试已经结束",
  noAttemptsLeft: "你已用完本考试的作答次数",
  notInAudience: "你不在本考试的考生范围内",
  notPublished: "考试尚未发布",
};
const refuse = (code: StartRefusal, status = 403) => new ExamError(code, MESSAGES[code], status);
export const DEADLINE_MESSAGE = "考试时间已到，这次保存没有被接受；此前已保存的答案都已保留并已交卷。";
export const TIME_NOT_UP_MESSAGE = "考试时间尚未用完（可能刚获得延时），请继续作答。";

// --- The question pool, cached until the bank changes ---------------------------------------

let poolCache: { revision: string; pool: PoolQuestion[] } | undefined;

function currentPool(db: Db): PoolQuestion[] {
  const r = hot(db).bankRevision.get()!;
  const revision = `${r.n}:${r.m}`;
  if (poolCache?.revision !== revision) {
    poolCache = {
      revision,
      pool: toPool(publishedPool(db)),
    };
  }
  return poolCache.pool;
}

// --- What practice must not serve -------------------------------------------------------------

/**
 * Question ids practice and the drill must not serve to this learner now: every question of a family
 * on one of the learner's open papers (until that attempt is finalised — a sibling answers it too), and
 * every question a published exam with an exam-only pool can draw (reserved for certification).
 */
export function withheldFromPractice(userId: number): Set<string> {
  const db = getDb();
  const pool = currentPool(db);
  const withheld = new Set<string>();
  const onPaper = db
    .select({ questionId: attemptItems.questionId })
    .from(attemptItems)
    .innerJoin(attempts, eq(attempts.id, attemptItems.attemptId))
    .where(and(eq(attempts.userId, userId), eq(attempts.status, "in_progress")))
    .all()
    .map((r) => r.questionId);
  if (onPaper.length) {
    const ids = new Set(onPaper);
    const families = new Set(pool.filter((q) => ids.has(q.id)).map((q) => q.family));
    for (const id of onPaper) withheld.add(id);
    for (const q of pool) if (families.has(q.family)) withheld.add(q.id);
  }
  const reserved = db
    .select({ blueprint: examsTable.blueprint })
    .from(examsTable)
    .where(and(eq(examsTable.status, "published"), eq(examsTable.examOnlyPool, true)))
    .all();
  for (const e of reserved) for (const q of blueprintCandidates(e.blueprint, pool)) withheld.add(q.id);
  return withheld;
}

// --- Starting --------------------------------------------------------------------------------

export interface StartResult {
  attemptId: string;
  resumed: boolean;
}

/**
 * Start (or resume) this learner's attempt. A whole class may press 开始考试 at once, so the reads and
 * writes here use prepared statements and the paper is drawn from a cached pool.
 *
 * `at` and `seed` are only ever given by the demo data, whose simulated learners sat the exam in the
 * past through this same code (the time they started, and a fixed seed so every demo shows the same).
 */
export function startAttempt(userId: number, examId: number, at: number = now(), seed: string = randomBytes(12).toString("base64url")): StartResult {
  const db = getDb();
  const q = hot(db);
  const t = at;
  const exam = getExam(db, examId);
  if (!exam || exam.status !== "published") throw new ExamError("notFound", "考试不存在", 404);
  if (!q.maySit.get(examId, userId)) throw refuse("notInAudience");

  const mine = q.learnerAttempts.all(examId, userId);
  const open = mine.find((a) => a.status === "in_progress");
  if (open) {
    if (!isOverdue(open.deadline, t)) return { attemptId: open.id, resumed: true };
    finalizeAttempt(open.id, "deadline", t);
  }
  const window = windowRefusal(exam, t);
  if (window) throw refuse(window);
  if (mine.length >= exam.attemptsAllowed) throw refuse("noAttemptsLeft");

  let paper;
  try {
    paper = drawPaper(exam.blueprint, currentPool(db), seed, { shuffleQuestions: exam.shuffleQuestions, shuffleOptions: exam.shuffleOptions });
  } catch (error) {
    if (error instanceof BlueprintError) throw new ExamError("blueprint", `试卷无法组成：${error.message}。请联系培训师。`, 409);
    throw error;
  }
  const id = randomBytes(16).toString("base64url");
  try {
    db.$client.transaction(() => {
      q.insertAttempt.run({
        id,
        examId,
        userId,
        attemptNo: mine.length + 1,
        seed,
        startedAt: t,
        deadline: deadlineFor(exam, t),
        maxScore: paper.reduce((sum, p) => sum + p.points, 0),
        multipleScoring: exam.multipleScoring,
      });
      for (const p of paper) q.insertItem.run(id, p.position, p.questionId, p.version, p.points, JSON.stringify(p.optionOrder));
    })();
  } catch (error) {
    // Two clicks on 开始考试 at once: the unique index lets one win; the other resumes it.
    const existing = inProgressAttempt(db, examId, userId);
    if (existing) return { attemptId: existing.id, resumed: true };
    throw error;
  }
  return { attemptId: id, resumed: false };
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
function settle(attempt: AttemptRow): AttemptRow {
  if (attempt.status === "in_progress" && isOverdue(attempt.deadline, now())) {
    finalizeAttempt(attempt.id, "deadline");
    return getAttempt(getDb(), attempt.id)!;
  }
  return attempt;
}

export function learnerAttempt(userId: number, attemptId: string): AttemptRow {
  const a = getAttemptOfLearner(getDb(), attemptId, userId);
  if (!a) throw new ExamError("notFound", "找不到这次作答", 404);
  return settle(a);
}

export function attemptView(userId: number, attemptId: string): AttemptView {
  const db = getDb();
  const attempt = learnerAttempt(userId, attemptId);
  const exam = getExam(db, attempt.examId)!;
  const items = attemptItemsOf(db, attempt.id);
  const versions = new Map(versionsFor(db, items).map((v) => [`${v.questionId}@${v.version}`, v]));
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
export function reviewFor(userId: number, exam: ExamRow, t: number): { level: ReviewLevel; held: ReviewHeld } {
  const mine = hot(getDb()).learnerAttempts.all(exam.id, userId);
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
export function saveAnswer(userId: number, attemptId: string, position: number, response: unknown, seq: number, at: number = now()): SaveResult {
  const db = getDb();
  const q = hot(db);
  const t = at;
  const a = q.attemptOfUser.get(attemptId, userId);
  if (!a) throw new ExamError("notFound", "找不到这次作答", 404);
  if (a.status !== "in_progress") throw new ExamError("submitted", "这次作答已经交卷，不能再修改答案。", 409);
  if (!acceptsSave(a.deadline, t)) {
    recordEvent(db, { attemptId, kind: "late_save_refused", at: t, detail: { position } });
    finalizeAttempt(attemptId, "deadline", t);
    throw new ExamError("deadlinePassed", DEADLINE_MESSAGE, 409);
  }
  if (!Number.isInteger(position) || position < 0 || !Number.isInteger(seq) || seq < 1) throw new ExamError("badRequest", "保存请求无效", 400);
  if (JSON.stringify(response ?? null).length > MAX_RESPONSE_BYTES) throw new ExamError("badRequest", "答案过长", 413);
  const item = q.itemShape.get(attemptId, position);
  if (!item) throw new ExamError("badRequest", "没有这道题", 400);
  // The page answers with this attempt's opaque ids (option-ids.ts): the shape is checked against the ids
  // shown, then the answer is stored with the question's own ids.
  const order = JSON.parse(item.optionOrder) as string[];
  const shown = order.length ? shownIds(a.seed, position, order.length) : [];
  // An answer of the wrong shape for its question is refused now, not stored to be graded wrong later.
  const refusal = checkResponseShape({ ...itemShape(item), optionIds: shown }, response ?? null);
  if (refusal) throw new ExamError("badRequest", autosaveRefusalText(translator("zh"), refusal.key, refusal.vars), 400, {}, refusal);
  const json = JSON.stringify(order.length ? (toStored(item.type, response ?? null, order, shown) ?? null) : (response ?? null));
  const applied = q.saveItem.run(json, seq, t, attemptId, position, seq).changes > 0;
  return { savedAt: t, deadline: a.deadline, applied };
}

/**
 * The page's heartbeat: the attempt's status and deadline now (one prepared read). An attempt whose time
 * and grace are up is finalised here ("deadline": the next request that touches it).
 */
export function attemptClock(userId: number, attemptId: string): { status: string; deadline: number; serverNow: number } {
  const q = hot(getDb());
  let a = q.attemptOfUser.get(attemptId, userId);
  if (!a) throw new ExamError("notFound", "找不到这次作答", 404);
  const t = now();
  if (a.status === "in_progress" && isOverdue(a.deadline, t)) {
    finalizeAttempt(attemptId, "deadline");
    a = q.attemptOfUser.get(attemptId, userId)!;
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

export function flagItem(userId: number, attemptId: string, position: number, flagged: boolean) {
  const a = learnerAttempt(userId, attemptId);
  if (a.status !== "in_progress") throw new ExamError("submitted", "这次作答已经交卷。", 409);
  setItemFlag(getDb(), attemptId, position, flagged);
}

/** Leaving or returning to the tab: logged for trainers, never punished automatically. */
export function logVisibility(userId: number, attemptId: string, hidden: boolean) {
  const a = learnerAttempt(userId, attemptId);
  if (a.status !== "in_progress") return;
  recordEvent(getDb(), { attemptId, kind: hidden ? "tab_hidden" : "tab_visible", at: now() });
}

// --- Finalising and grading --------------------------------------------------------------------

export type { FinalisedBy, SubmitReason };

/**
 * 交卷, by the learner ("learner") or by the page's countdown reaching zero ("time"); see
 * ~/domain/exam `submission`. A "time" submission before the real deadline is refused (`timeNotUp`,
 * with the deadline and the server's time) and the attempt stays open.
 */
export function submitAttempt(userId: number, attemptId: string, reason: SubmitReason = "learner"): AttemptRow {
  const a = getAttemptOfLearner(getDb(), attemptId, userId);
  if (!a) throw new ExamError("notFound", "找不到这次作答", 404);
  if (a.status === "in_progress") {
    const t = now();
    const outcome = submission(reason, a.deadline, t);
    if (outcome === "timeNotUp") throw new ExamError("timeNotUp", TIME_NOT_UP_MESSAGE, 409, { deadline: a.deadline, serverNow: t });
    finalizeAttempt(attemptId, outcome);
  }
  return getAttempt(getDb(), attemptId)!;
}

/**
 * Grade with what was saved and close the attempt; issue a certificate on a pass. Idempotent: a
 * second call (a double click, the sweep racing a request) finds it submitted and does nothing.
 * `by` is recorded as is (who or what ended it); the submission time is `at` (now), never later
 * than the deadline unless the learner submitted within the grace. `at` is only ever given by the
 * demo data, whose simulated attempts happened in the past.
 */
export function finalizeAttempt(attemptId: string, by: FinalisedBy, at: number = now()) {
  const db = getDb();
  db.transaction((tx) => {
    const a = tx.select().from(attempts).where(eq(attempts.id, attemptId)).get();
    if (!a || a.status !== "in_progress") return;
    const t = at;
    const exam = tx.select().from(examsTable).where(eq(examsTable.id, a.examId)).get()!;
    const result = gradeItems(tx, a);
    tx.update(attempts)
      .set({
        status: "submitted",
        submittedAt: by === "learner" ? t : Math.min(t, a.deadline),
        finalisedBy: by,
        score: result.scoreMilli,
        percentBp: result.percentBp,
        passed: result.percentBp >= exam.passPercent * 100,
      })
      .where(eq(attempts.id, attemptId))
      .run();
    if (result.percentBp >= exam.passPercent * 100) issueCertificate(tx, a, exam, t);
  });
}

function gradeItems(tx: Executor, a: AttemptRow) {
  const items = attemptItemsOf(tx, a.id);
  const versions = new Map(versionsFor(tx, items).map((v) => [`${v.questionId}@${v.version}`, v]));
  const graded = items.map((it) => {
    const v = versions.get(`${it.questionId}@${it.version}`)!;
    const g = it.response === null || it.response === undefined ? { score: 0 } : gradeResponse({ type: v.type as QuestionType, answer: v.answer as Answer, options: v.options }, it.response, { multiple: a.multipleScoring, fillBlank: a.multipleScoring });
    return { position: it.position, points: it.points, score: g.score };
  });
  for (const g of graded) {
    tx.update(attemptItems)
      .set({ scoreMilli: Math.round(g.score * g.points * 1000) })
      .where(and(eq(attemptItems.attemptId, a.id), eq(attemptItems.position, g.position)))
      .run();
  }
  return totals(graded, 0);
}

function issueCertificate(tx: Executor, a: AttemptRow, exam: ExamRow, t: number) {
  if (!exam.certificateName || !exam.certificateValidityMonths) return;
  if (certificateOfAttempt(tx, a.id)) return;
  const holder = findUserById(tx, a.userId)!;
  insertCertificate(tx, {
    code: newCertificateCode(),
    userId: a.userId,
    examId: exam.id,
    attemptId: a.id,
    name: exam.certificateName,
    holderName: holder.name,
    issuedAt: t,
    expiresAt: addMonths(t, exam.certificateValidityMonths),
  });
}

/** 20 characters of Crockford base32 (100 bits), grouped for reading aloud: XXXXX-XXXXX-XXXXX-XXXXX. */
export function newCertificateCode(): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const bytes = randomBytes(20);
  let s = "";
  for (const b of bytes) s += alphabet[b % 32];
  return s.match(/.{5}/g)!.join("-");
}

/** Finalise every attempt whose deadline (plus grace) has passed. Run every few seconds by the server. */
export function sweepOverdue(): number {
  const ids = overdueAttemptIds(getDb(), now() - SAVE_GRACE_MS);
  for (const id of ids) finalizeAttempt(id, "sweep");
  return ids.length;
}

// --- Trainer actions -------------------------------------------------------------------------

export function grantExtraTime(trainerId: number, attemptId: string, minutes: number) {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) throw new ExamError("badRequest", "延长时间应为 1–240 分钟", 400);
  const db = getDb();
  const found = getAttempt(db, attemptId);
  if (!found) throw new ExamError("notFound", "找不到这次作答", 404);
  // An attempt whose time and grace are already up is over (finalised now, by the deadline), not extended.
  const a = settle(found);
  if (a.status !== "in_progress") throw new ExamError("submitted", "这次作答已经交卷，不能再延长时间。", 409);
  db.transaction((tx) => {
    extendDeadline(tx, attemptId, a.deadline + minutes * 60_000);
    recordEvent(tx, { attemptId, kind: "extra_time", at: now(), actorId: trainerId, detail: { minutes, previousDeadline: a.deadline } });
  });
}

/**
 * Regrade the submitted attempts of an exam after a question was fixed: items that showed an older
 * version of `questionId` are graded against the current version's key, provided it has the same
 * options (same ids), so the learner's answer still means the same thing. Logged per attempt.
 */
export function regradeQuestion(trainerId: number, examId: number, questionId: string, current: QuestionContent & { version: number }) {
  const db = getDb();
  const t = now();
  const changed: string[] = [];
  db.transaction((tx) => {
    const exam = getExam(tx, examId)!;
    const affected = tx
      .select({ attempt: attempts, item: attemptItems })
      .from(attemptItems)
      .innerJoin(attempts, eq(attempts.id, attemptItems.attemptId))
      .where(and(eq(attempts.examId, examId), eq(attempts.status, "submitted"), eq(attemptItems.questionId, questionId)))
      .all();
    for (const { attempt, item } of affected) {
      // Only where the saved answer still means the same: same type and the same option ids as shown.
      // (A question that lost its options, or changed type, is left as graded.)
      const shownType = versionsFor(tx, [item])[0]?.type;
      const sameOptions = new Set(item.optionOrder).size === current.options.length && current.options.every((o) => item.optionOrder.includes(o.id));
      if (!sameOptions || shownType !== current.type) continue;
      const g = item.response == null ? { score: 0 } : gradeResponse(current, item.response, { multiple: attempt.multipleScoring, fillBlank: attempt.multipleScoring });
      tx.update(attemptItems)
        .set({ scoreMilli: Math.round(g.score * item.points * 1000) })
        .where(and(eq(attemptItems.attemptId, attempt.id), eq(attemptItems.position, item.position)))
        .run();
      const all = attemptItemsOf(tx, attempt.id);
      const scoreMilli = all.reduce((s, i) => s + (i.scoreMilli ?? 0), 0);
      const maxMilli = all.reduce((s, i) => s + i.points * 1000, 0);
      const percentBp = maxMilli ? Math.round((scoreMilli / maxMilli) * 10_000) : 0;
      const passed = percentBp >= exam.passPercent * 100;
      tx.update(attempts).set({ score: scoreMilli, percentBp, passed }).where(eq(attempts.id, attempt.id)).run();
      recordEvent(tx, { attemptId: attempt.id, kind: "regrade", at: t, actorId: trainerId, detail: { questionId, toVersion: current.version, before: attempt.score, after: scoreMilli } });
      const cert = certificateOfAttempt(tx, attempt.id);
      if (passed && !cert) issueCertificate(tx, attempt, exam, t);
      if (!passed && cert && !cert.revokedAt) revokeCertificate(tx, cert.id, trainerId, "重新评分后未达到及格线", t);
      changed.push(attempt.id);
    }
  });
  return changed;
}
