/**
 * Cohorts (班级): listing and creating them, one cohort's members, assignments and trainers, and the
 * cohort results pages. Who may see a cohort is decided here (getCohortFor / canSeeCohort: its trainers
 * and admins); routes turn "not visible" into a 404. Every change is written with its audit entry in
 * one transaction.
 */
import { transaction } from "@db/client";
import { audit } from "@db/queries/audit";
import {
  addMembers,
  addTrainer,
  assignmentsOf,
  cohortsVisibleTo,
  createCohort,
  getCohortFor,
  learnersNotIn,
  membersOf,
  removeAssignment,
  removeMember,
  removeTrainer,
  renameCohort,
  setCohortArchived,
  trainersOf,
  upsertAssignment,
  usersByEmployeeNosFolded,
  usersByIds,
  type Viewer,
} from "@db/queries/cohort-admin";
import { getExam, listExams } from "@db/queries/exams";
import { cohortBrief, memberAttempts } from "@db/queries/report-pages";
import { canSeeCohort } from "@db/queries/reports";
import { findUserByEmployeeNo } from "@db/queries/users";
import { getContent } from "~/content.server";
import { countCohortMembers, pageOfCohortMembers } from "@db/queries/trainer-lists";
import { getDb } from "~/db.server";
import { pageWindow, type MembersQuery } from "~/domain/list-query";
import { targetOf, type AssignmentTarget } from "~/domain/assignment-target";
import { cohortReport, cohortResultsCsv, cohortResultsTable } from "~/reports.server";
import { tableFile, type TableFormat } from "~/table-file.server";

type Fields = { name: string; description: string | null };

/** The cohorts this user may see. */
export async function cohortsFor(viewer: Viewer) {
  return cohortsVisibleTo(getDb(), viewer);
}

/** Creates a cohort (with its audit entry); returns its id. */
export async function createCohortFor(actorId: number, fields: Fields, at: number): Promise<number> {
  return transaction(getDb(), async (tx) => {
    const id = await createCohort(tx, fields, actorId, at);
    await audit(tx, actorId, "cohort.create", { cohortId: id, name: fields.name }, at);
    return id;
  });
}

/** The cohort with this id (the route's parameter) if the viewer may see it, else undefined. */
export async function visibleCohort(viewer: Viewer, idParam: string | undefined) {
  return /^\d{1,9}$/.test(idParam ?? "") ? getCohortFor(getDb(), viewer, Number(idParam)) : undefined;
}

/** Titles of what can be (or was) assigned. */
export async function assignableCatalogue() {
  const modules = getContent().modules.map((m) => ({ slug: m.slug, title: m.title, order: m.order }));
  const exams = (await listExams(getDb())).map((e) => ({ id: e.id, title: e.title, status: e.status }));
  return { modules, exams };
}

/**
 * One cohort's assignments, trainers, one page of its members (filtered by name, 工号 or team and
 * account status; the page clamped to the last) with the filtered and the full count, and the learners
 * that can still be picked.
 */
export async function cohortDetail(cohortId: number, picker: { q?: string; limit: number }, members: MembersQuery) {
  const db = getDb();
  const filter = { term: members.q || undefined, status: members.status };
  const counts = await countCohortMembers(db, cohortId, filter);
  const window = pageWindow(counts.matching, members.page);
  return {
    assignments: await assignmentsOf(db, cohortId),
    members: await pageOfCohortMembers(db, cohortId, filter, window.limit, window.offset),
    memberWindow: window,
    memberCount: counts.all,
    trainers: await trainersOf(db, cohortId),
    picker: await learnersNotIn(db, cohortId, picker),
  };
}

/** Users by 工号 (case- and width-folded), for a pasted or uploaded member list. */
export async function usersByEmployeeNos(employeeNos: string[]) {
  return usersByEmployeeNosFolded(getDb(), employeeNos);
}

/** Users by id. */
export async function usersWithIds(ids: number[]) {
  return usersByIds(getDb(), ids);
}

/** A user by 工号. */
export async function userByEmployeeNo(employeeNo: string) {
  return findUserByEmployeeNo(getDb(), employeeNo);
}

/** Adds members (those already in are skipped) with the audit entry; returns how many were added. */
export async function addCohortMembers(actorId: number, cohortId: number, userIds: number[], via: string, at: number): Promise<number> {
  return transaction(getDb(), async (tx) => {
    const n = await addMembers(tx, cohortId, userIds, at);
    await audit(tx, actorId, "cohort.addMembers", { cohortId, via, added: n, listed: userIds.length }, at);
    return n;
  });
}

export async function renameCohortFor(actorId: number, cohortId: number, fields: Fields, at: number): Promise<void> {
  await transaction(getDb(), async (tx) => {
    await renameCohort(tx, cohortId, fields);
    await audit(tx, actorId, "cohort.rename", { cohortId, name: fields.name }, at);
  });
}

export async function setCohortArchivedFor(actorId: number, cohortId: number, archived: boolean, at: number): Promise<void> {
  await transaction(getDb(), async (tx) => {
    await setCohortArchived(tx, cohortId, archived, at);
    await audit(tx, actorId, `cohort.${archived ? "archive" : "unarchive"}`, { cohortId }, at);
  });
}

/** Removes a member; returns the member removed, or undefined when the user was not a member. */
export async function removeCohortMember(actorId: number, cohortId: number, userId: number, at: number) {
  return transaction(getDb(), async (tx) => {
    const member = (await membersOf(tx, cohortId)).find((m) => m.userId === userId);
    if (!member || !(await removeMember(tx, cohortId, userId))) return undefined;
    await audit(tx, actorId, "cohort.removeMember", { cohortId, userId }, at);
    return member;
  });
}

/** Assigns a module or an exam (or changes its due date). */
export async function assignToCohort(actorId: number, cohortId: number, item: AssignmentTarget, dueAt: number | null, at: number): Promise<void> {
  await transaction(getDb(), async (tx) => {
    await upsertAssignment(tx, cohortId, { ...item, dueAt }, at);
    await audit(tx, actorId, "cohort.assign", { cohortId, ...item, dueAt }, at);
  });
}

/** Removes an assignment; returns it, or undefined when the cohort has no such assignment. */
export async function unassignFromCohort(actorId: number, cohortId: number, assignmentId: number, at: number) {
  return transaction(getDb(), async (tx) => {
    const existing = (await assignmentsOf(tx, cohortId)).find((a) => a.id === assignmentId);
    if (!existing || !(await removeAssignment(tx, cohortId, assignmentId))) return undefined;
    await audit(tx, actorId, "cohort.unassign", { cohortId, ...targetOf(existing) }, at);
    return existing;
  });
}

/** Makes a trainer responsible for the cohort; false when they already were. */
export async function addCohortTrainer(actorId: number, cohortId: number, trainerId: number, at: number): Promise<boolean> {
  return transaction(getDb(), async (tx) => {
    const added = await addTrainer(tx, cohortId, trainerId);
    if (added) await audit(tx, actorId, "cohort.addTrainer", { cohortId, userId: trainerId }, at);
    return added;
  });
}

/** Removes a trainer; returns them, or undefined when they were not responsible for the cohort. */
export async function removeCohortTrainer(actorId: number, cohortId: number, userId: number, at: number) {
  return transaction(getDb(), async (tx) => {
    const trainer = (await trainersOf(tx, cohortId)).find((tr) => tr.userId === userId);
    if (!trainer || !(await removeTrainer(tx, cohortId, userId))) return undefined;
    await audit(tx, actorId, "cohort.removeTrainer", { cohortId, userId }, at);
    return trainer;
  });
}

// ---------------------------------------------------------------------------------------------
// Results

/** The cohort's name and id for the results pages, if this user may see it (its trainers, admins). */
export async function visibleCohortBrief(viewer: Viewer, idParam: string | undefined) {
  const db = getDb();
  const cohortId = /^\d{1,9}$/.test(idParam ?? "") ? Number(idParam) : null;
  return cohortId !== null && (await canSeeCohort(db, viewer, cohortId)) ? cohortBrief(db, cohortId) : undefined;
}

/** The cohort report, each exam's pass mark, and the members' attempts at the assigned exams. */
export async function cohortResults(cohortId: number, at: number) {
  const db = getDb();
  const report = await cohortReport(db, cohortId, at);
  const passPercent = new Map<number, number | null>();
  for (const e of report.exams) passPercent.set(e.id, (await getExam(db, e.id))?.passPercent ?? null);
  const attempts = await memberAttempts(db, cohortId, report.exams.map((e) => e.id));
  return { report, passPercent, attempts };
}

/** The cohort's results as CSV text. */
/** The cohort's results as a CSV or .xlsx file. */
export async function cohortResultsFile(cohortId: number, at: number, format: TableFormat) {
  return tableFile(cohortResultsTable(await cohortReport(getDb(), cohortId, at)), format, "成绩");
}

export async function cohortResultsCsvText(cohortId: number, at: number): Promise<string> {
  return cohortResultsCsv(await cohortReport(getDb(), cohortId, at));
}
