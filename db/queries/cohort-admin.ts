/**
 * Managing cohorts: who may see them, their members, the trainers responsible and the work assigned to
 * them; and what a learner has been assigned. Every function takes the database (or a transaction) first.
 *
 * Visibility: an admin sees every cohort; a trainer only the cohorts listed for them in cohort_trainers
 * (whoever creates a cohort is listed automatically). Routes fetch a cohort through getCohortFor, which
 * answers undefined for a cohort the user may not see, so a forgotten check cannot leak one.
 */
import { and, asc, eq, inArray, isNull, notExists, or, sql } from "drizzle-orm";
import type { AssignmentTarget } from "../../app/domain/assignment-target";
import { transaction, type Executor } from "../client";
import { containsTextInAny } from "../contains";
import {
  attempts,
  cohortAssignments,
  cohortMembers,
  cohortTrainers,
  cohorts,
  examCohorts,
  exams,
  moduleProgress,
  users,
  type Role,
} from "../schema";

export interface Viewer {
  id: number;
  role: Role;
}

export type CohortRow = typeof cohorts.$inferSelect;
export interface CohortSummary extends CohortRow {
  memberCount: number;
  assignmentCount: number;
}

const memberCount = sql<number>`(select count(*) from ${cohortMembers} where ${cohortMembers.cohortId} = ${cohorts.id})`.mapWith(Number);
const assignmentCount = sql<number>`(select count(*) from ${cohortAssignments} where ${cohortAssignments.cohortId} = ${cohorts.id})`.mapWith(
  Number,
);

/** The condition "this viewer may see the cohort" (admins: always). */
function visibleTo(viewer: Viewer) {
  if (viewer.role === "admin") return undefined;
  return sql`exists (select 1 from ${cohortTrainers} where ${cohortTrainers.cohortId} = ${cohorts.id} and ${cohortTrainers.userId} = ${viewer.id})`;
}

// --- Cohorts ---------------------------------------------------------------------------------

/** Creates a cohort; its creator becomes one of the trainers responsible for it. */
export async function createCohort(db: Executor, fields: { name: string; description: string | null }, creatorId: number, now: number): Promise<number> {
  return transaction(db, async (tx) => {
    const [{ id }] = await tx
      .insert(cohorts)
      .values({ name: fields.name, description: fields.description, createdBy: creatorId, createdAt: now })
      .returning({ id: cohorts.id });
    await tx.insert(cohortTrainers).values({ cohortId: id, userId: creatorId }).onConflictDoNothing();
    return id;
  });
}

export async function renameCohort(db: Executor, id: number, fields: { name: string; description: string | null }): Promise<void> {
  await db.update(cohorts).set(fields).where(eq(cohorts.id, id));
}

export async function setCohortArchived(db: Executor, id: number, archived: boolean, now: number): Promise<void> {
  await db
    .update(cohorts)
    .set({ archivedAt: archived ? now : null })
    .where(eq(cohorts.id, id));
}

/** Cohorts the viewer may see, current ones first, then archived; by name within each. */
export async function cohortsVisibleTo(db: Executor, viewer: Viewer): Promise<CohortSummary[]> {
  return db
    .select({
      id: cohorts.id,
      name: cohorts.name,
      description: cohorts.description,
      createdBy: cohorts.createdBy,
      createdAt: cohorts.createdAt,
      archivedAt: cohorts.archivedAt,
      memberCount,
      assignmentCount,
    })
    .from(cohorts)
    .where(visibleTo(viewer))
    .orderBy(sql`${cohorts.archivedAt} is not null`, asc(cohorts.name), asc(cohorts.id));
}

/** The cohort if the viewer may see it; undefined otherwise (the caller answers 404). */
export async function getCohortFor(db: Executor, viewer: Viewer, id: number): Promise<CohortRow | undefined> {
  const [row] = await db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.id, id), visibleTo(viewer)))
    .limit(1);
  return row;
}

// --- Members ---------------------------------------------------------------------------------

export interface MemberRow {
  userId: number;
  employeeNo: string;
  name: string;
  team: string | null;
  disabledAt: number | null;
  addedAt: number;
}

export async function membersOf(db: Executor, cohortId: number): Promise<MemberRow[]> {
  return db
    .select({
      userId: users.id,
      employeeNo: users.employeeNo,
      name: users.name,
      team: users.team,
      disabledAt: users.disabledAt,
      addedAt: cohortMembers.addedAt,
    })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(eq(cohortMembers.cohortId, cohortId))
    .orderBy(asc(users.employeeNo));
}

/** Active learner accounts that are not yet members, optionally filtered by 工号, 姓名 or 班组. */
export async function learnersNotIn(db: Executor, cohortId: number, filter: { q?: string; limit: number }) {
  const where = and(
    eq(users.role, "learner"),
    isNull(users.disabledAt),
    notExists(
      db
        .select({ one: sql`1` })
        .from(cohortMembers)
        .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, users.id))),
    ),
    filter.q ? containsTextInAny([users.employeeNo, users.name, users.team], filter.q) : undefined,
  );
  const rows = await db
    .select({ id: users.id, employeeNo: users.employeeNo, name: users.name, team: users.team })
    .from(users)
    .where(where)
    .orderBy(asc(users.employeeNo))
    .limit(filter.limit + 1);
  return { learners: rows.slice(0, filter.limit), more: rows.length > filter.limit };
}

/** Accounts whose 工号 matches one of these, ignoring letter case (for resolving a pasted list). */
export async function usersByEmployeeNosFolded(db: Executor, employeeNos: string[]) {
  const folded = [...new Set(employeeNos.map((n) => n.toLowerCase()))];
  const out: { id: number; employeeNo: string; role: Role }[] = [];
  for (let i = 0; i < folded.length; i += 500) {
    out.push(
      ...(await db
        .select({ id: users.id, employeeNo: users.employeeNo, role: users.role })
        .from(users)
        .where(inArray(sql`lower(${users.employeeNo})`, folded.slice(i, i + 500)))),
    );
  }
  return out;
}

/** Id and role of these accounts (those that exist), for checking a picked list. */
export async function usersByIds(db: Executor, ids: number[]) {
  const out: { id: number; employeeNo: string; role: Role; disabledAt: number | null }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(
      ...(await db
        .select({ id: users.id, employeeNo: users.employeeNo, role: users.role, disabledAt: users.disabledAt })
        .from(users)
        .where(inArray(users.id, ids.slice(i, i + 500)))),
    );
  }
  return out;
}

/** Adds the users who are not members yet; returns how many were added. Idempotent. */
export async function addMembers(db: Executor, cohortId: number, userIds: number[], now: number): Promise<number> {
  if (userIds.length === 0) return 0;
  return transaction(db, async (tx) => {
    let added = 0;
    for (let i = 0; i < userIds.length; i += 500) {
      const inserted = await tx
        .insert(cohortMembers)
        .values(userIds.slice(i, i + 500).map((userId) => ({ cohortId, userId, addedAt: now })))
        .onConflictDoNothing()
        .returning({ userId: cohortMembers.userId });
      added += inserted.length;
    }
    return added;
  });
}

export async function removeMember(db: Executor, cohortId: number, userId: number): Promise<boolean> {
  const gone = await db
    .delete(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)))
    .returning({ userId: cohortMembers.userId });
  return gone.length > 0;
}

// --- Trainers responsible --------------------------------------------------------------------

export async function trainersOf(db: Executor, cohortId: number) {
  return db
    .select({ userId: users.id, employeeNo: users.employeeNo, name: users.name, role: users.role })
    .from(cohortTrainers)
    .innerJoin(users, eq(users.id, cohortTrainers.userId))
    .where(eq(cohortTrainers.cohortId, cohortId))
    .orderBy(asc(users.employeeNo));
}

/** Returns false when the trainer was already responsible. */
export async function addTrainer(db: Executor, cohortId: number, userId: number): Promise<boolean> {
  const inserted = await db.insert(cohortTrainers).values({ cohortId, userId }).onConflictDoNothing().returning({ userId: cohortTrainers.userId });
  return inserted.length > 0;
}

export async function removeTrainer(db: Executor, cohortId: number, userId: number): Promise<boolean> {
  const gone = await db
    .delete(cohortTrainers)
    .where(and(eq(cohortTrainers.cohortId, cohortId), eq(cohortTrainers.userId, userId)))
    .returning({ userId: cohortTrainers.userId });
  return gone.length > 0;
}

// --- Assignments -----------------------------------------------------------------------------

export type AssignmentKind = (typeof cohortAssignments.$inferSelect)["kind"];
export type AssignmentRow = typeof cohortAssignments.$inferSelect;

export async function assignmentsOf(db: Executor, cohortId: number): Promise<AssignmentRow[]> {
  return db
    .select()
    .from(cohortAssignments)
    .where(eq(cohortAssignments.cohortId, cohortId))
    .orderBy(asc(cohortAssignments.kind), sql`${cohortAssignments.dueAt} is null`, asc(cohortAssignments.dueAt), asc(cohortAssignments.id));
}

/**
 * Assigns a module or an exam (by slug or exam id) with a due time; assigning the same thing again
 * changes its due time. An exam restricted to chosen cohorts is opened to this cohort as well, so its
 * members can sit what they were assigned (removing the assignment later does not close it again).
 */
export async function upsertAssignment(db: Executor, cohortId: number, a: AssignmentTarget & { dueAt: number | null }, now: number): Promise<void> {
  await transaction(db, async (tx) => {
    if (a.kind === "module") {
      await tx
        .insert(cohortAssignments)
        .values({ cohortId, kind: "module", moduleSlug: a.moduleSlug, dueAt: a.dueAt, createdAt: now })
        .onConflictDoUpdate({ target: [cohortAssignments.cohortId, cohortAssignments.moduleSlug], set: { dueAt: a.dueAt } });
      return;
    }
    await tx
      .insert(cohortAssignments)
      .values({ cohortId, kind: "exam", examId: a.examId, dueAt: a.dueAt, createdAt: now })
      .onConflictDoUpdate({ target: [cohortAssignments.cohortId, cohortAssignments.examId], set: { dueAt: a.dueAt } });
    const [exam] = await tx.select({ audience: exams.audience }).from(exams).where(eq(exams.id, a.examId)).limit(1);
    if (exam?.audience === "cohorts") await tx.insert(examCohorts).values({ examId: a.examId, cohortId }).onConflictDoNothing();
  });
}

/** Removes an assignment of this cohort (false if there is none with that id in this cohort). */
export async function removeAssignment(db: Executor, cohortId: number, assignmentId: number): Promise<boolean> {
  const gone = await db
    .delete(cohortAssignments)
    .where(and(eq(cohortAssignments.id, assignmentId), eq(cohortAssignments.cohortId, cohortId)))
    .returning({ id: cohortAssignments.id });
  return gone.length > 0;
}

export interface LearnerAssignment {
  id: number;
  cohortId: number;
  cohortName: string;
  kind: AssignmentKind;
  /** kind "module": the slug; kind "exam": null. */
  moduleSlug: string | null;
  /** kind "exam": the exam; kind "module": null. */
  examId: number | null;
  dueAt: number | null;
  /** Module: the learner marked it completed. Exam: the learner has a passed attempt. */
  done: boolean;
  /** Exams only: title and status (null when the exam no longer exists). */
  examTitle: string | null;
  examStatus: "draft" | "published" | "archived" | null;
}

/** What this learner has been assigned through the (current) cohorts they belong to. */
export async function assignmentsForLearner(db: Executor, userId: number): Promise<LearnerAssignment[]> {
  const moduleDone = sql`exists (select 1 from ${moduleProgress} where ${moduleProgress.userId} = ${userId}
    and ${moduleProgress.moduleSlug} = ${cohortAssignments.moduleSlug} and ${moduleProgress.completedAt} is not null)`;
  const examDone = sql`exists (select 1 from ${attempts} where ${attempts.userId} = ${userId}
    and ${attempts.examId} = ${cohortAssignments.examId} and ${attempts.passed} is true)`;
  return db
    .select({
      id: cohortAssignments.id,
      cohortId: cohorts.id,
      cohortName: cohorts.name,
      kind: cohortAssignments.kind,
      moduleSlug: cohortAssignments.moduleSlug,
      examId: cohortAssignments.examId,
      dueAt: cohortAssignments.dueAt,
      done: sql<boolean>`case when ${cohortAssignments.kind} = 'module' then ${moduleDone} else ${examDone} end`.mapWith((v) => v === true || Number(v) === 1),
      examTitle: exams.title,
      examStatus: exams.status,
    })
    .from(cohortAssignments)
    .innerJoin(cohorts, eq(cohorts.id, cohortAssignments.cohortId))
    .innerJoin(cohortMembers, and(eq(cohortMembers.cohortId, cohorts.id), eq(cohortMembers.userId, userId)))
    .leftJoin(exams, eq(exams.id, cohortAssignments.examId))
    .where(isNull(cohorts.archivedAt))
    .orderBy(asc(cohorts.name), asc(cohorts.id), sql`${cohortAssignments.dueAt} is null`, asc(cohortAssignments.dueAt), asc(cohortAssignments.id));
}
