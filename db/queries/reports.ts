/**
 * Read-only queries behind the trainer reports. Written as plain SQL on prepared statements: they read
 * tens of thousands of answer rows and must stay fast (see scripts/bench-reports.ts).
 */
import type { Db } from "../client";
import { ATTEMPT_IN_COHORT, CERTIFICATE_IN_COHORT } from "./visibility";

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
export function firstAttemptAnswers(db: Db, examId: number, cohortId?: number): AnswerRow[] {
  const cohortFilter = cohortId ? `and ${ATTEMPT_IN_COHORT}` : "";
  const rows = db.$client
    .prepare(
      `select a.user_id, i.question_id, i.version, i.points, i.response, i.score_milli
         from attempts a join attempt_items i on i.attempt_id = a.id
        where a.exam_id = @examId and a.attempt_no = 1 and a.status = 'submitted' ${cohortFilter}`,
    )
    .raw()
    .all({ examId, cohortId }) as [number, string, number, number, string | null, number | null][];
  return rows.map(([userId, questionId, version, points, response, scoreMilli]) => ({ userId, questionId, version, points, response, scoreMilli }));
}

export interface MemberRow {
  userId: number;
  employeeNo: string;
  name: string;
  team: string | null;
}

export function cohortMemberRows(db: Db, cohortId: number): MemberRow[] {
  return db.$client
    .prepare(
      `select u.id as userId, u.employee_no as employeeNo, u.name, u.team
         from cohort_members m join users u on u.id = m.user_id where m.cohort_id = ? order by u.employee_no`,
    )
    .all(cohortId) as MemberRow[];
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
export function cohortAttemptSummaries(db: Db, cohortId: number, examIds: number[]): AttemptSummaryRow[] {
  if (!examIds.length) return [];
  return db.$client
    .prepare(
      `select a.user_id as userId, a.exam_id as examId, count(*) as attempts,
              sum(a.status = 'submitted') as submitted, max(a.percent_bp) as bestBp, max(coalesce(a.passed, 0)) as passed,
              max(case when a.attempt_no = 1 and a.status = 'submitted' then a.percent_bp end) as firstBp
         from attempts a
        where a.exam_id in (${examIds.map((_, i) => `@e${i}`).join(",")}) and ${ATTEMPT_IN_COHORT}
        group by a.user_id, a.exam_id`,
    )
    .all({ cohortId, ...Object.fromEntries(examIds.map((id, i) => [`e${i}`, id])) }) as AttemptSummaryRow[];
}

export interface CertificateSummaryRow {
  userId: number;
  examId: number;
  code: string;
  expiresAt: number;
  revokedAt: number | null;
}

export function cohortCertificates(db: Db, cohortId: number): CertificateSummaryRow[] {
  return db.$client
    .prepare(
      `select c.user_id as userId, c.exam_id as examId, c.code, c.expires_at as expiresAt, c.revoked_at as revokedAt
         from certificates c
        where ${CERTIFICATE_IN_COHORT}
        order by c.issued_at`,
    )
    .all({ cohortId }) as CertificateSummaryRow[];
}

export interface ProgressSummaryRow {
  userId: number;
  moduleSlug: string;
  sectionsReached: string;
  completedAt: number | null;
}

export function cohortProgress(db: Db, cohortId: number): ProgressSummaryRow[] {
  return db.$client
    .prepare(
      `select p.user_id as userId, p.module_slug as moduleSlug, p.sections_reached as sectionsReached, p.completed_at as completedAt
         from module_progress p join cohort_members m on m.user_id = p.user_id and m.cohort_id = ?`,
    )
    .all(cohortId) as ProgressSummaryRow[];
}

export interface MasteryRow {
  module: string | null;
  earnedMilli: number;
  possibleMilli: number;
  answers: number;
}

/** Share of points earned on each module's questions, over the cohort's submitted attempts (./visibility). */
export function cohortMastery(db: Db, cohortId: number): MasteryRow[] {
  return db.$client
    .prepare(
      `select v.module, sum(coalesce(i.score_milli, 0)) as earnedMilli, sum(i.points * 1000) as possibleMilli, count(*) as answers
         from attempts a
         join attempt_items i on i.attempt_id = a.id
         join question_versions v on v.question_id = i.question_id and v.version = i.version
        where a.status = 'submitted' and ${ATTEMPT_IN_COHORT}
        group by v.module order by v.module`,
    )
    .all({ cohortId }) as MasteryRow[];
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
export function rawResponses(db: Db, examId: number, cohortId?: number): RawResponseRow[] {
  const cohortFilter = cohortId ? `and ${ATTEMPT_IN_COHORT}` : "";
  return db.$client
    .prepare(
      `select u.employee_no as employeeNo, u.name, e.title as examTitle, a.attempt_no as attemptNo, a.id as attemptId,
              i.question_id as questionId, i.version, i.response, i.score_milli as scoreMilli, i.points
         from attempts a
         join users u on u.id = a.user_id
         join exams e on e.id = a.exam_id
         join attempt_items i on i.attempt_id = a.id
        where a.exam_id = @examId and a.status = 'submitted' ${cohortFilter}
        order by u.employee_no, a.attempt_no, i.position`,
    )
    .all({ examId, cohortId }) as RawResponseRow[];
}

/** Admins see every cohort; a trainer only the cohorts they are responsible for. */
export function canSeeCohort(db: Db, user: { id: number; role: string }, cohortId: number): boolean {
  if (user.role === "admin") return Boolean(db.$client.prepare("select 1 from cohorts where id = ?").get(cohortId));
  return Boolean(db.$client.prepare("select 1 from cohort_trainers where cohort_id = ? and user_id = ?").get(cohortId, user.id));
}

export function assignedExamIds(db: Db, cohortId: number): { examId: number; dueAt: number | null }[] {
  return (db.$client
    .prepare("select ref, due_at as dueAt from cohort_assignments where cohort_id = ? and kind = 'exam' order by id")
    .all(cohortId) as { ref: string; dueAt: number | null }[]).map((r) => ({ examId: Number(r.ref), dueAt: r.dueAt }));
}

export function assignedModules(db: Db, cohortId: number): { slug: string; dueAt: number | null }[] {
  return (db.$client
    .prepare("select ref, due_at as dueAt from cohort_assignments where cohort_id = ? and kind = 'module' order by id")
    .all(cohortId) as { ref: string; dueAt: number | null }[]).map((r) => ({ slug: r.ref, dueAt: r.dueAt }));
}
