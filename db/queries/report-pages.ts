/**
 * Small read-only queries behind the trainer report pages (cohort results, item analysis, one
 * learner's attempt). Visibility follows db/queries/reports.ts `canSeeCohort`: admins see everything,
 * a trainer only the cohorts listed for them in cohort_trainers — and so only the learners in them.
 */
import type { Db } from "../client";
import { ATTEMPT_IN_COHORT, canSeeAttempt } from "./visibility";

export interface Viewer {
  id: number;
  role: string;
}

export interface CohortBrief {
  id: number;
  name: string;
  archived: boolean;
}

export function cohortBrief(db: Db, cohortId: number): CohortBrief | undefined {
  const row = db.$client.prepare("select id, name, archived_at as archivedAt from cohorts where id = ?").get(cohortId) as
    | { id: number; name: string; archivedAt: number | null }
    | undefined;
  return row ? { id: row.id, name: row.name, archived: row.archivedAt !== null } : undefined;
}

/** Cohorts the viewer may see (admins: all), current ones first, by name. */
export function cohortsVisibleForReports(db: Db, viewer: Viewer): CohortBrief[] {
  const rows = (
    viewer.role === "admin"
      ? db.$client.prepare("select id, name, archived_at as archivedAt from cohorts order by archived_at is not null, name, id").all()
      : db.$client
          .prepare(
            `select c.id, c.name, c.archived_at as archivedAt from cohorts c join cohort_trainers t on t.cohort_id = c.id and t.user_id = ?
              order by c.archived_at is not null, c.name, c.id`,
          )
          .all(viewer.id)
  ) as { id: number; name: string; archivedAt: number | null }[];
  return rows.map((r) => ({ id: r.id, name: r.name, archived: r.archivedAt !== null }));
}

/** Whether the learner is a member of the cohort. */
export function isMemberOf(db: Db, cohortId: number, learnerId: number): boolean {
  return Boolean(db.$client.prepare("select 1 from cohort_members where cohort_id = ? and user_id = ?").get(cohortId, learnerId));
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

/** The cohort's attempts (./visibility) at the given exams, in attempt order. */
export function memberAttempts(db: Db, cohortId: number, examIds: number[]): MemberAttemptRow[] {
  if (!examIds.length) return [];
  return db.$client
    .prepare(
      `select a.id, a.user_id as userId, a.exam_id as examId, a.attempt_no as attemptNo, a.status,
              a.percent_bp as percentBp, a.passed
         from attempts a
        where a.exam_id in (${examIds.map((_, i) => `@e${i}`).join(",")}) and ${ATTEMPT_IN_COHORT}
        order by a.user_id, a.exam_id, a.attempt_no`,
    )
    .all({ cohortId, ...Object.fromEntries(examIds.map((id, i) => [`e${i}`, id])) }) as MemberAttemptRow[];
}

/** The learner's attempts at one exam that the viewer may see (for links between them). */
export function attemptsOfLearnerAtExam(db: Db, userId: number, examId: number, viewer: Viewer) {
  const rows = db.$client
    .prepare(
      `select id, attempt_no as attemptNo, status, percent_bp as percentBp, passed
         from attempts where user_id = ? and exam_id = ? order by attempt_no`,
    )
    .all(userId, examId) as { id: string; attemptNo: number; status: "in_progress" | "submitted"; percentBp: number | null; passed: number | null }[];
  return rows.filter((r) => canSeeAttempt(db, viewer, r.id));
}
