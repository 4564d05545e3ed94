/**
 * Small read-only queries behind the trainer report pages (cohort results, item analysis, one
 * learner's attempt). Visibility follows db/queries/reports.ts `canSeeCohort`: admins see everything,
 * a trainer only the cohorts listed for them in cohort_trainers — and so only the learners in them.
 */
import { sql } from "drizzle-orm";
import { row, rows, type Executor } from "../client";
import { attemptInCohort, canSeeAttempt } from "./visibility";

export interface Viewer {
  id: number;
  role: string;
}

export interface CohortBrief {
  id: number;
  name: string;
  archived: boolean;
}

export async function cohortBrief(db: Executor, cohortId: number): Promise<CohortBrief | undefined> {
  const r = await row<{ id: number; name: string; archivedAt: number | null }>(
    db,
    sql`select id, name, archived_at as "archivedAt" from cohorts where id = ${cohortId}`,
  );
  return r ? { id: r.id, name: r.name, archived: r.archivedAt !== null } : undefined;
}

/** Cohorts the viewer may see (admins: all), current ones first, by name. */
export async function cohortsVisibleForReports(db: Executor, viewer: Viewer): Promise<CohortBrief[]> {
  const found =
    viewer.role === "admin"
      ? await rows<{ id: number; name: string; archivedAt: number | null }>(
          db,
          sql`select id, name, archived_at as "archivedAt" from cohorts order by (archived_at is not null), name, id`,
        )
      : await rows<{ id: number; name: string; archivedAt: number | null }>(
          db,
          sql`select c.id, c.name, c.archived_at as "archivedAt" from cohorts c join cohort_trainers t on t.cohort_id = c.id and t.user_id = ${viewer.id}
              order by (c.archived_at is not null), c.name, c.id`,
        );
  return found.map((r) => ({ id: r.id, name: r.name, archived: r.archivedAt !== null }));
}

/** Whether the learner is a member of the cohort. */
export async function isMemberOf(db: Executor, cohortId: number, learnerId: number): Promise<boolean> {
  return Boolean(await row(db, sql`select 1 as "one" from cohort_members where cohort_id = ${cohortId} and user_id = ${learnerId}`));
}

export interface MemberAttemptRow {
  id: string;
  userId: number;
  examId: number;
  attemptNo: number;
  status: "in_progress" | "submitted";
  percentBp: number | null;
  passed: number | null;
}

/** `passed` as 1/0/null on both engines (a boolean column on PostgreSQL, an integer on SQLite). */
export const PASSED_AS_NUMBER = sql.raw(`case when a.passed is null then null when a.passed then 1 else 0 end`);

/** The cohort's attempts (./visibility) at the given exams, in attempt order. */
export async function memberAttempts(db: Executor, cohortId: number, examIds: number[]): Promise<MemberAttemptRow[]> {
  if (!examIds.length) return [];
  return rows<MemberAttemptRow>(
    db,
    sql`select a.id, a.user_id as "userId", a.exam_id as "examId", a.attempt_no as "attemptNo", a.status,
              a.percent_bp as "percentBp", ${PASSED_AS_NUMBER} as "passed"
         from attempts a
        where a.exam_id in (${sql.join(examIds.map((id) => sql`${id}`), sql`, `)}) and ${attemptInCohort(cohortId)}
        order by a.user_id, a.exam_id, a.attempt_no`,
  );
}

/** The learner's attempts at one exam that the viewer may see (for links between them). */
export async function attemptsOfLearnerAtExam(db: Executor, userId: number, examId: number, viewer: Viewer) {
  const found = await rows<{ id: string; attemptNo: number; status: "in_progress" | "submitted"; percentBp: number | null; passed: number | null }>(
    db,
    sql`select a.id, a.attempt_no as "attemptNo", a.status, a.percent_bp as "percentBp", ${PASSED_AS_NUMBER} as "passed"
         from attempts a where a.user_id = ${userId} and a.exam_id = ${examId} order by a.attempt_no`,
  );
  const out = [];
  for (const r of found) if (await canSeeAttempt(db, viewer, r.id)) out.push(r);
  return out;
}

