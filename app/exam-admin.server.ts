/**
 * The trainer's exam pages: the exams list, creating and editing an exam (with its audit entry, one
 * transaction each), the attempts of an exam (extra time, regrading), the item analysis, the raw
 * responses CSV and the paper preview. Routes check the role (requireRole "trainer"); cohort-scoped
 * views check the cohort here (canSeeCohort) and answer undefined when the user may not see it.
 */
import { transaction } from "@db/client";
import { audit } from "@db/queries/audit";
import { listCohorts } from "@db/queries/cohorts";
import {
  attemptItemsOf,
  attemptsOfExam,
  certificateOfAttempt,
  eventsOf,
  examCohortIds,
  getAttempt,
  getExam,
  insertExam,
  listExams,
  publishedPool,
  setExamCohorts,
  updateExam,
  versionsFor,
  type ExamRow,
} from "@db/queries/exams";
import { getQuestion, getQuestionRow } from "@db/queries/questions";
import { attemptsOfLearnerAtExam, cohortBrief, cohortsVisibleForReports, isMemberOf } from "@db/queries/report-pages";
import { canSeeCohort } from "@db/queries/reports";
import { findUserById } from "@db/queries/users";
import { canSeeAttempt } from "@db/queries/visibility";
import type { Viewer } from "@db/queries/cohort-admin";
import { countExamAttempts, eventsOfAttempts, pageOfExamAttempts, questionVersionsOfExam, regradeEventsOfExam, visibleAttemptIds } from "@db/queries/trainer-lists";
import { getDb } from "~/db.server";
import { pageWindow, type AttemptsQuery } from "~/domain/list-query";
import { labelsOfVersions } from "~/question-labels.server";
import type { QuestionContent } from "~/domain/question";
import { regradeQuestion } from "~/exams.server";
import { examItemReport, rawResponsesCsv, rawResponsesTable } from "~/reports.server";
import { tableFile, type TableFormat } from "~/table-file.server";

type NewExamFields = Parameters<typeof insertExam>[1];

/** The exam with this id (the route's parameter), or undefined. */
export async function examByParam(idParam: string | undefined): Promise<ExamRow | undefined> {
  return /^\d{1,9}$/.test(idParam ?? "") ? getExam(getDb(), Number(idParam)) : undefined;
}

/** Every exam with its attempts (for the exams list's counts). */
export async function examsWithAttempts() {
  const db = getDb();
  const result = [];
  for (const exam of await listExams(db)) result.push({ exam, attempts: (await attemptsOfExam(db, exam.id)).map((r) => r.attempt) });
  return result;
}

/** The cohorts an exam can be opened to. */
export async function allCohorts() {
  return listCohorts(getDb());
}

/** The published questions a blueprint draws from. */
export async function questionPool() {
  return publishedPool(getDb());
}

/** The cohorts an exam is opened to. */
export async function cohortIdsOfExam(examId: number) {
  return examCohortIds(getDb(), examId);
}

/** How many attempts an exam has. */
export async function attemptCountOf(examId: number): Promise<number> {
  return (await attemptsOfExam(getDb(), examId)).length;
}

/** Creates a draft exam with its audit entry; returns its id. */
export async function createExam(actorId: number, exam: Omit<NewExamFields, "status" | "createdBy">, cohortIds: number[], at: number): Promise<number> {
  return transaction(getDb(), async (tx) => {
    const examId = await insertExam(tx, { ...exam, status: "draft", createdBy: actorId }, cohortIds, at);
    await audit(tx, actorId, "exam.create", { examId, title: exam.title }, at);
    return examId;
  });
}

/** Saves an edited exam and its cohorts with the audit entry. */
export async function saveExam(actorId: number, examId: number, exam: Partial<NewExamFields>, cohortIds: number[], at: number): Promise<void> {
  await transaction(getDb(), async (tx) => {
    await updateExam(tx, examId, exam, at);
    await setExamCohorts(tx, examId, cohortIds);
    await audit(tx, actorId, "exam.update", { examId }, at);
  });
}

/** Publishes or archives an exam with the audit entry (exam.publish / exam.archive). */
export async function setExamStatus(actorId: number, exam: Pick<ExamRow, "id" | "status">, status: "published" | "archived", at: number): Promise<void> {
  await transaction(getDb(), async (tx) => {
    await updateExam(tx, exam.id, { status }, at);
    await audit(tx, actorId, status === "published" ? "exam.publish" : "exam.archive", { examId: exam.id, from: exam.status }, at);
  });
}

// ---------------------------------------------------------------------------------------------
// Attempts, extra time, regrading

/** Every question the exam's attempts showed: the versions shown and how many submitted attempts it is in. */
export async function questionsOfExam(examId: number) {
  const used = new Map<string, { versions: Set<number>; submitted: number }>();
  for (const r of await questionVersionsOfExam(getDb(), examId)) {
    const u = used.get(r.questionId) ?? { versions: new Set<number>(), submitted: 0 };
    u.versions.add(r.version);
    // A paper holds a question once, so the attempts of its versions add up.
    u.submitted += r.submitted;
    used.set(r.questionId, u);
  }
  return used;
}

/**
 * The questions the regrade picker offers: each with the label of its current version (what a regrade
 * grades against), the versions papers showed, the current version and how many submitted attempts
 * showed it; questions with a newer version than any paper showed come first, then by stem.
 */
export async function regradeChoices(examId: number) {
  const used = await questionsOfExam(examId);
  const current = await currentVersions(used.keys());
  const labels = await labelsOfVersions([...used.keys()].flatMap((id) => {
    const v = current.get(id);
    return v == null ? [] : [{ questionId: id, version: v }];
  }));
  return [...used]
    .map(([id, u]) => {
      const versions = [...u.versions].sort((x, y) => x - y);
      const cur = current.get(id) ?? null;
      return { id, versions, submitted: u.submitted, current: cur, newer: cur !== null && cur > Math.max(...versions), label: cur === null ? null : (labels.get(`${id}@${cur}`) ?? null) };
    })
    .sort((x, y) => Number(y.newer) - Number(x.newer) || (x.label?.stem ?? x.id).localeCompare(y.label?.stem ?? y.id, "zh") || x.id.localeCompare(y.id));
}

/**
 * One page of the exam's attempts (filtered by learner name or 工号 and status, clamped to the last
 * page), each with its events and whether this viewer may open its answer sheet (canSeeAttempt's rule).
 */
export async function examAttemptsPage(viewer: Viewer, examId: number, query: AttemptsQuery) {
  const db = getDb();
  const filter = { term: query.q || undefined, status: query.status };
  const window = pageWindow(await countExamAttempts(db, examId, filter), query.page);
  const all = query.q || query.status ? await countExamAttempts(db, examId, { status: "" }) : window.total;
  const page = await pageOfExamAttempts(db, examId, filter, window.limit, window.offset);
  const ids = page.map((r) => r.attempt.id);
  const events = await eventsOfAttempts(db, ids);
  const visible = await visibleAttemptIds(db, viewer, ids);
  return {
    window,
    all,
    rows: page.map((r) => ({ ...r, events: events.filter((e) => e.attemptId === r.attempt.id), canOpen: visible.has(r.attempt.id) })),
  };
}

/** The exam's most recent regrades (at most 200): who, whose attempt, which question (labelled), scores. */
export async function regradeLog(examId: number) {
  const db = getDb();
  const events = await regradeEventsOfExam(db, examId, 200);
  const names = await userNames(events.flatMap((e) => (e.event.actorId === null ? [] : [e.event.actorId])));
  const refs = events.flatMap((e) => (typeof e.event.detail?.questionId === "string" ? [{ questionId: e.event.detail.questionId, version: Number(e.event.detail.toVersion) }] : []));
  const labels = await labelsOfVersions(refs);
  return events.map((e) => {
    const d = e.event.detail ?? {};
    const questionId = String(d.questionId ?? "");
    const toVersion = Number(d.toVersion ?? 0);
    return {
      ...e,
      by: e.event.actorId === null ? "" : (names.get(e.event.actorId) ?? ""),
      questionId,
      toVersion,
      label: labels.get(`${questionId}@${toVersion}`) ?? null,
    };
  });
}

/** The exam's attempts (with the learner's 工号 and name) and each attempt's events. */
export async function attemptsWithEvents(examId: number) {
  const db = getDb();
  const result = [];
  for (const row of await attemptsOfExam(db, examId)) result.push({ ...row, events: await eventsOf(db, row.attempt.id) });
  return result;
}

/** Users' names by id (unknown ids give ""). */
export async function userNames(ids: Iterable<number>): Promise<Map<number, string>> {
  const db = getDb();
  const names = new Map<number, string>();
  for (const id of ids) if (!names.has(id)) names.set(id, (await findUserById(db, id))?.name ?? "");
  return names;
}

/** The current version of each question. */
export async function currentVersions(questionIds: Iterable<string>): Promise<Map<string, number | null>> {
  const db = getDb();
  const result = new Map<string, number | null>();
  for (const id of questionIds) result.set(id, (await getQuestionRow(db, id))?.currentVersion ?? null);
  return result;
}

/** An attempt, or undefined. */
export async function attemptById(attemptId: string) {
  return getAttempt(getDb(), attemptId);
}

/** A user's public fields, or undefined. */
export async function userById(id: number) {
  return findUserById(getDb(), id);
}

/** A question's current version, or undefined. */
export async function currentQuestion(id: string) {
  return getQuestion(getDb(), id);
}

/**
 * Regrades every submitted attempt of the exam that showed this question on its current version, then
 * records exam.regrade; returns the attempts whose score changed.
 */
export async function regradeExamQuestion(actorId: number, examId: number, current: QuestionContent & { id: string; version: number }, at: number) {
  const changed = await regradeQuestion(actorId, examId, current.id, current);
  await audit(getDb(), actorId, "exam.regrade", { examId, questionId: current.id, toVersion: current.version, attempts: changed.length }, at);
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Analysis, responses CSV

/** The cohort (by the `?cohort=` value) if this user may see it, else undefined. */
export async function visibleCohortById(viewer: Viewer, cohortId: number) {
  const db = getDb();
  return (await canSeeCohort(db, viewer, cohortId)) ? cohortBrief(db, cohortId) : undefined;
}

/** The exam's item analysis, for all learners or one cohort; undefined when there is no such exam. */
export async function itemReport(examId: number, cohortId?: number) {
  return examItemReport(getDb(), examId, cohortId);
}

/** The cohorts this user may pick for reports. */
export async function reportCohorts(viewer: Viewer) {
  return cohortsVisibleForReports(getDb(), viewer);
}

/** Every response of the exam (or of one cohort's members) as CSV text. */
export async function responsesCsv(examId: number, cohortId?: number): Promise<string> {
  return rawResponsesCsv(getDb(), examId, cohortId);
}

/** Every response of the exam (or of one cohort's members) as a CSV or .xlsx file. */
export async function responsesFile(examId: number, cohortId: number | undefined, format: TableFormat) {
  return tableFile(await rawResponsesTable(getDb(), examId, cohortId), format, "作答明细");
}

/** A question at the version a paper shows. */
export async function questionAt(id: string, version: number) {
  return getQuestion(getDb(), id, version);
}

// ---------------------------------------------------------------------------------------------
// One attempt, as a trainer sees it

/**
 * Everything the trainer's attempt page shows, or undefined when there is no such attempt or this user
 * may not see it (canSeeAttempt: a trainer of one of the learner's cohorts, or an admin). `fromCohort`
 * (the `?cohort=` link back) is kept only if the user may see that cohort and the learner is in it.
 */
export async function attemptForTrainer(viewer: Viewer, attemptId: string, fromCohort: number | null) {
  const db = getDb();
  const attempt = await getAttempt(db, attemptId);
  if (!attempt || !(await canSeeAttempt(db, viewer, attempt.id))) return undefined;
  const learner = await findUserById(db, attempt.userId);
  const exam = await getExam(db, attempt.examId);
  if (!learner || !exam) return undefined;
  const cohort =
    fromCohort !== null && (await canSeeCohort(db, viewer, fromCohort)) && (await isMemberOf(db, fromCohort, learner.id))
      ? ((await cohortBrief(db, fromCohort)) ?? null)
      : null;
  const events = await eventsOf(db, attempt.id);
  const names = await userNames(events.flatMap((e) => (e.actorId === null ? [] : [e.actorId])));
  // A regrade scores an item against a newer version's key: its version is read too.
  const regradedTo = new Map<string, number>();
  for (const e of events) if (e.kind === "regrade" && typeof e.detail?.questionId === "string") regradedTo.set(e.detail.questionId, Number(e.detail.toVersion));
  const rows = await attemptItemsOf(db, attempt.id);
  const refs = [...rows.map((r) => ({ questionId: r.questionId, version: r.version })), ...[...regradedTo].map(([questionId, version]) => ({ questionId, version }))];
  const versions = new Map((await versionsFor(db, refs)).map((v) => [`${v.questionId}@${v.version}`, v]));
  const certificate = await certificateOfAttempt(db, attempt.id);
  const others = await attemptsOfLearnerAtExam(db, learner.id, exam.id, viewer);
  return { attempt, learner, exam, cohort, events, names, regradedTo, rows, versions, certificate, others };
}
