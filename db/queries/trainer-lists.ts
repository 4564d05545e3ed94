/**
 * The trainer's long lists, one page at a time with the filtered total: an exam's attempts (by
 * learner name or 工号, status, result) and a cohort's members (by name, 工号 or team, account
 * status). Text search is the one "contains, ignoring case" rule (../contains.ts). Every function takes the database first.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import { containsTextInAny } from "../contains";
import { attemptEvents, attemptItems, attempts, cohortAssignments, cohortMembers, cohortTrainers, users } from "../schema";
import type { Viewer } from "./visibility";

export type AttemptStatusFilter = "in_progress" | "submitted" | "passed" | "failed" | "";

function attemptConditions(examId: number, f: { term?: string; status: AttemptStatusFilter }): SQL | undefined {
  const c: (SQL | undefined)[] = [eq(attempts.examId, examId)];
  if (f.term) c.push(containsTextInAny([users.name, users.employeeNo], f.term));
  if (f.status === "in_progress" || f.status === "submitted") c.push(eq(attempts.status, f.status));
  if (f.status === "passed") c.push(and(eq(attempts.status, "submitted"), eq(attempts.passed, true)));
  if (f.status === "failed") c.push(and(eq(attempts.status, "submitted"), eq(attempts.passed, false)));
  return and(...c);
}

/** How many of the exam's attempts match the filter. */
export async function countExamAttempts(db: Executor, examId: number, f: { term?: string; status: AttemptStatusFilter }): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(attempts)
    .innerJoin(users, eq(users.id, attempts.userId))
    .where(attemptConditions(examId, f));
  return r?.n ?? 0;
}

/** One page of the exam's attempts matching the filter, by 工号 then attempt number. */
export async function pageOfExamAttempts(db: Executor, examId: number, f: { term?: string; status: AttemptStatusFilter }, limit: number, offset: number) {
  return db
    .select({ attempt: attempts, employeeNo: users.employeeNo, name: users.name })
    .from(attempts)
    .innerJoin(users, eq(users.id, attempts.userId))
    .where(attemptConditions(examId, f))
    .orderBy(asc(users.employeeNo), asc(attempts.attemptNo), asc(attempts.id))
    .limit(limit)
    .offset(offset);
}

/** The events of these attempts, oldest first. */
export async function eventsOfAttempts(db: Executor, attemptIds: string[]) {
  if (!attemptIds.length) return [];
  return db.select().from(attemptEvents).where(inArray(attemptEvents.attemptId, attemptIds)).orderBy(asc(attemptEvents.at), asc(attemptEvents.id));
}

/**
 * Which of these attempts the viewer may open (db/queries/visibility.ts canSeeAttempt's rule, for a
 * page of attempts in one statement): admins all; a trainer through a cohort of theirs that the
 * learner is a member of and the exam is assigned to, the attempt started after both.
 */
export async function visibleAttemptIds(db: Executor, viewer: Viewer, attemptIds: string[]): Promise<Set<string>> {
  if (!attemptIds.length) return new Set();
  if (viewer.role === "admin") return new Set(attemptIds);
  if (viewer.role !== "trainer") return new Set();
  const found = await db
    .selectDistinct({ id: attempts.id })
    .from(attempts)
    .innerJoin(cohortTrainers, eq(cohortTrainers.userId, viewer.id))
    .innerJoin(cohortMembers, and(eq(cohortMembers.cohortId, cohortTrainers.cohortId), eq(cohortMembers.userId, attempts.userId)))
    .innerJoin(
      cohortAssignments,
      and(eq(cohortAssignments.cohortId, cohortTrainers.cohortId), eq(cohortAssignments.examId, attempts.examId)),
    )
    .where(and(inArray(attempts.id, attemptIds), sql`${attempts.startedAt} >= ${cohortMembers.addedAt}`, sql`${attempts.startedAt} >= ${cohortAssignments.createdAt}`));
  return new Set(found.map((r) => r.id));
}

export type MemberStatusFilter = "active" | "disabled" | "";

function memberConditions(cohortId: number, f: { term?: string; status: MemberStatusFilter }): SQL | undefined {
  return and(
    eq(cohortMembers.cohortId, cohortId),
    f.term ? containsTextInAny([users.name, users.employeeNo, users.team], f.term) : undefined,
    f.status === "active" ? isNull(users.disabledAt) : f.status === "disabled" ? isNotNull(users.disabledAt) : undefined,
  );
}

/** How many members of the cohort match the filter, and how many it has in all. */
export async function countCohortMembers(db: Executor, cohortId: number, f: { term?: string; status: MemberStatusFilter }): Promise<{ matching: number; all: number }> {
  const [r] = await db
    .select({
      matching: sql<number>`count(case when ${memberConditions(cohortId, f) ?? sql`true`} then 1 end)`.mapWith(Number),
      all: sql<number>`count(*)`.mapWith(Number),
    })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(eq(cohortMembers.cohortId, cohortId));
  return { matching: r?.matching ?? 0, all: r?.all ?? 0 };
}

/** One page of the cohort's members matching the filter, by 工号. */
export async function pageOfCohortMembers(db: Executor, cohortId: number, f: { term?: string; status: MemberStatusFilter }, limit: number, offset: number) {
  return db
    .select({ userId: users.id, employeeNo: users.employeeNo, name: users.name, team: users.team, disabledAt: users.disabledAt, addedAt: cohortMembers.addedAt })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(memberConditions(cohortId, f))
    .orderBy(asc(users.employeeNo))
    .limit(limit)
    .offset(offset);
}

/** The question versions the exam's papers showed, with how many submitted attempts showed each. */
export async function questionVersionsOfExam(db: Executor, examId: number) {
  return db
    .select({
      questionId: attemptItems.questionId,
      version: attemptItems.version,
      submitted: sql<number>`count(distinct case when ${attempts.status} = 'submitted' then ${attempts.id} end)`.mapWith(Number),
    })
    .from(attemptItems)
    .innerJoin(attempts, eq(attempts.id, attemptItems.attemptId))
    .where(eq(attempts.examId, examId))
    .groupBy(attemptItems.questionId, attemptItems.version);
}

/** The regrade events of the exam's attempts, newest first (at most `limit`), with whose attempt it was. */
export async function regradeEventsOfExam(db: Executor, examId: number, limit: number) {
  return db
    .select({ event: attemptEvents, employeeNo: users.employeeNo, name: users.name, attemptNo: attempts.attemptNo })
    .from(attemptEvents)
    .innerJoin(attempts, eq(attempts.id, attemptEvents.attemptId))
    .innerJoin(users, eq(users.id, attempts.userId))
    .where(and(eq(attempts.examId, examId), eq(attemptEvents.kind, "regrade")))
    .orderBy(desc(attemptEvents.at), desc(attemptEvents.id))
    .limit(limit);
}
