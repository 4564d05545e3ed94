/**
 * Read-only queries behind the trainer reports. Written as plain SQL: they read tens of thousands of
 * answer rows and must stay fast (see scripts/bench-reports.ts). One text for both engines; the hot
 * item-analysis read runs on SQLite as a prepared statement returning raw arrays.
 */
import { sql, type SQL } from "drizzle-orm";
import { ENGINE, row, rows, sqliteClient, type Executor } from "../client";
import { attemptInCohort, certificateInCohort } from "./visibility";
import { PASSED_AS_NUMBER } from "./report-pages";

const inList = (ids: number[]) => sql.join(ids.map((id) => sql`${id}`), sql`, `);

/** SQLite only: the statement's rows as arrays (no per-row objects from the driver). */
function sqliteArrays<T extends unknown[]>(db: Executor, query: SQL): T[] {
  const { sql: text, params } = (db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(query);
  return sqliteClient(db).prepare(text).raw().all(...params) as T[];
}

export interface AnswerRow {
  userId: number;
  questionId: string;
  version: number;
  points: number;
  /** JSON text of the saved response, or null. */
  response: string | null;
  scoreMilli: number | null;
}

/**
 * Items of first, submitted attempts of an exam; optionally only of a cohort's members. Read as raw
 * arrays (no per-row objects from the driver): this is the hot query of the item analysis.
 */
export async function firstAttemptAnswers(db: Executor, examId: number, cohortId?: number): Promise<AnswerRow[]> {
  const cohortFilter = cohortId ? sql`and ${attemptInCohort(cohortId)}` : sql``;
  const query = sql`select a.user_id as "userId", i.question_id as "questionId", i.version, i.points, cast(i.response as text) as "response", i.score_milli as "scoreMilli"
         from attempts a join attempt_items i on i.attempt_id = a.id
        where a.exam_id = ${examId} and a.attempt_no = 1 and a.status = 'submitted' ${cohortFilter}`;
  if (ENGINE === "postgres") return rows<AnswerRow>(db, query);
  const found = sqliteArrays<[number, string, number, number, string | null, number | null]>(db, query);
  return found.map(([userId, questionId, version, points, response, scoreMilli]) => ({ userId, questionId, version, points, response, scoreMilli }));
}

export interface MemberRow {
  userId: number;
  employeeNo: string;
  name: string;
  team: string | null;
}

export async function cohortMemberRows(db: Executor, cohortId: number): Promise<MemberRow[]> {
  return rows<MemberRow>(
    db,
    sql`select u.id as "userId", u.employee_no as "employeeNo", u.name, u.team
         from cohort_members m join users u on u.id = m.user_id where m.cohort_id = ${cohortId} order by u.employee_no`,
  );
}

export interface AttemptSummaryRow {
  userId: number;
  examId: number;
  attempts: number;
  submitted: number;
  bestBp: number | null;
  passed: number;
  firstBp: number | null;
}

/** Per member and exam: attempts, best percentage, whether any attempt passed. */
export async function cohortAttemptSummaries(db: Executor, cohortId: number, examIds: number[]): Promise<AttemptSummaryRow[]> {
  if (!examIds.length) return [];
  return rows<AttemptSummaryRow>(
    db,
    sql`select a.user_id as "userId", a.exam_id as "examId", count(*) as "attempts",
              count(*) filter (where a.status = 'submitted') as "submitted", max(a.percent_bp) as "bestBp",
              max(coalesce(${PASSED_AS_NUMBER}, 0)) as "passed",
              max(case when a.attempt_no = 1 and a.status = 'submitted' then a.percent_bp end) as "firstBp"
         from attempts a
        where a.exam_id in (${inList(examIds)}) and ${attemptInCohort(cohortId)}
        group by a.user_id, a.exam_id`,
  );
}

export interface CertificateSummaryRow {
  userId: number;
  examId: number;
  code: string;
  expiresAt: number;
  revokedAt: number | null;
}

export async function cohortCertificates(db: Executor, cohortId: number): Promise<CertificateSummaryRow[]> {
  return rows<CertificateSummaryRow>(
    db,
    sql`select c.user_id as "userId", c.exam_id as "examId", c.code, c.expires_at as "expiresAt", c.revoked_at as "revokedAt"
         from certificates c
        where ${certificateInCohort(cohortId)}
        order by c.issued_at`,
  );
}

export interface ProgressSummaryRow {
  userId: number;
  moduleSlug: string;
  sectionsReached: string;
  completedAt: number | null;
}

export async function cohortProgress(db: Executor, cohortId: number): Promise<ProgressSummaryRow[]> {
  return rows<ProgressSummaryRow>(
    db,
    sql`select p.user_id as "userId", p.module_slug as "moduleSlug", cast(p.sections_reached as text) as "sectionsReached", p.completed_at as "completedAt"
         from module_progress p join cohort_members m on m.user_id = p.user_id and m.cohort_id = ${cohortId}`,
  );
}

export interface MasteryRow {
  module: string | null;
  earnedMilli: number;
  possibleMilli: number;
  answers: number;
}

/** Share of points earned on each module's questions, over the cohort's submitted attempts (./visibility). */
export async function cohortMastery(db: Executor, cohortId: number): Promise<MasteryRow[]> {
  return rows<MasteryRow>(
    db,
    sql`select v.module, sum(coalesce(i.score_milli, 0)) as "earnedMilli", sum(i.points * 1000) as "possibleMilli", count(*) as "answers"
         from attempts a
         join attempt_items i on i.attempt_id = a.id
         join question_versions v on v.question_id = i.question_id and v.version = i.version
        where a.status = 'submitted' and ${attemptInCohort(cohortId)}
        group by v.module order by v.module`,
  );
}

export interface RawResponseRow {
  employeeNo: string;
  name: string;
  examTitle: string;
  attemptNo: number;
  attemptId: string;
  questionId: string;
  version: number;
  response: string | null;
  scoreMilli: number | null;
  points: number;
}

/** One row per learner × question of every submitted attempt of an exam (optionally of a cohort). */
export async function rawResponses(db: Executor, examId: number, cohortId?: number): Promise<RawResponseRow[]> {
  const cohortFilter = cohortId ? sql`and ${attemptInCohort(cohortId)}` : sql``;
  return rows<RawResponseRow>(
    db,
    sql`select u.employee_no as "employeeNo", u.name, e.title as "examTitle", a.attempt_no as "attemptNo", a.id as "attemptId",
              i.question_id as "questionId", i.version, cast(i.response as text) as "response", i.score_milli as "scoreMilli", i.points
         from attempts a
         join users u on u.id = a.user_id
         join exams e on e.id = a.exam_id
         join attempt_items i on i.attempt_id = a.id
        where a.exam_id = ${examId} and a.status = 'submitted' ${cohortFilter}
        order by u.employee_no, a.attempt_no, i.position`,
  );
}

/** Admins see every cohort; a trainer only the cohorts they are responsible for. */
export async function canSeeCohort(db: Executor, user: { id: number; role: string }, cohortId: number): Promise<boolean> {
  if (user.role === "admin") return Boolean(await row(db, sql`select 1 as "one" from cohorts where id = ${cohortId}`));
  return Boolean(await row(db, sql`select 1 as "one" from cohort_trainers where cohort_id = ${cohortId} and user_id = ${user.id}`));
}

export async function assignedExamIds(db: Executor, cohortId: number): Promise<{ examId: number; dueAt: number | null }[]> {
  return rows<{ examId: number; dueAt: number | null }>(
    db,
    sql`select exam_id as "examId", due_at as "dueAt" from cohort_assignments where cohort_id = ${cohortId} and kind = 'exam' order by id`,
  );
}

export async function assignedModules(db: Executor, cohortId: number): Promise<{ slug: string; dueAt: number | null }[]> {
  return rows<{ slug: string; dueAt: number | null }>(
    db,
    sql`select module_slug as "slug", due_at as "dueAt" from cohort_assignments where cohort_id = ${cohortId} and kind = 'module' order by id`,
  );
}
