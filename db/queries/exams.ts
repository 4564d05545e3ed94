/**
 * Exams, attempts and certificates. Functions that read a learner's data take the learner's id and
 * filter by it, so a forgotten check cannot leak another person's attempt.
 */
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "../client";
import {
  attemptEvents,
  attemptItems,
  attempts,
  certificates,
  cohortMembers,
  examCohorts,
  exams,
  questionVersions,
  questions,
  users,
} from "../schema";

export type ExamRow = typeof exams.$inferSelect;
export type NewExam = Omit<typeof exams.$inferInsert, "id" | "createdAt" | "updatedAt">;
export type AttemptRow = typeof attempts.$inferSelect;
export type AttemptItemRow = typeof attemptItems.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;

// --- Exams -----------------------------------------------------------------------------------

export function insertExam(db: Executor, exam: NewExam, cohortIds: number[], now: number): number {
  const id = db.insert(exams).values({ ...exam, createdAt: now, updatedAt: now }).returning({ id: exams.id }).get().id;
  setExamCohorts(db, id, cohortIds);
  return id;
}

export function updateExam(db: Executor, id: number, exam: Partial<NewExam>, now: number) {
  db.update(exams).set({ ...exam, updatedAt: now }).where(eq(exams.id, id)).run();
}

export function setExamCohorts(db: Executor, examId: number, cohortIds: number[]) {
  db.delete(examCohorts).where(eq(examCohorts.examId, examId)).run();
  if (cohortIds.length) db.insert(examCohorts).values(cohortIds.map((cohortId) => ({ examId, cohortId }))).run();
}

export function getExam(db: Executor, id: number): ExamRow | undefined {
  return db.select().from(exams).where(eq(exams.id, id)).get();
}

export function examCohortIds(db: Executor, examId: number): number[] {
  return db.select({ id: examCohorts.cohortId }).from(examCohorts).where(eq(examCohorts.examId, examId)).all().map((r) => r.id);
}

export function listExams(db: Executor, filter: { status?: ExamRow["status"] } = {}): ExamRow[] {
  return db
    .select()
    .from(exams)
    .where(filter.status ? eq(exams.status, filter.status) : undefined)
    .orderBy(desc(exams.id))
    .all();
}

/** Published exams this learner may sit: open to everyone, or to a cohort the learner belongs to. */
export function examsForLearner(db: Executor, userId: number): ExamRow[] {
  return db
    .select()
    .from(exams)
    .where(
      and(
        eq(exams.status, "published"),
        sql`(${exams.audience} = 'everyone' or exists (
          select 1 from ${examCohorts} ec join ${cohortMembers} cm on cm.cohort_id = ec.cohort_id
          where ec.exam_id = ${exams.id} and cm.user_id = ${userId}))`,
      ),
    )
    .orderBy(asc(exams.title))
    .all();
}

export function learnerMaySit(db: Executor, examId: number, userId: number): boolean {
  return examsForLearner(db, userId).some((e) => e.id === examId);
}

// --- Attempts --------------------------------------------------------------------------------

export function attemptsOfLearner(db: Executor, userId: number, examId?: number): AttemptRow[] {
  return db
    .select()
    .from(attempts)
    .where(and(eq(attempts.userId, userId), examId ? eq(attempts.examId, examId) : undefined))
    .orderBy(desc(attempts.startedAt))
    .all();
}

export function inProgressAttempt(db: Executor, examId: number, userId: number): AttemptRow | undefined {
  return db
    .select()
    .from(attempts)
    .where(and(eq(attempts.examId, examId), eq(attempts.userId, userId), eq(attempts.status, "in_progress")))
    .get();
}

export function insertAttempt(db: Executor, a: typeof attempts.$inferInsert, items: Omit<typeof attemptItems.$inferInsert, "attemptId">[]) {
  db.insert(attempts).values(a).run();
  for (let i = 0; i < items.length; i += 100) {
    db.insert(attemptItems)
      .values(items.slice(i, i + 100).map((it) => ({ ...it, attemptId: a.id })))
      .run();
  }
}

/** The attempt if it belongs to this learner (a learner never sees another's attempt). */
export function getAttemptOfLearner(db: Executor, attemptId: string, userId: number): AttemptRow | undefined {
  return db.select().from(attempts).where(and(eq(attempts.id, attemptId), eq(attempts.userId, userId))).get();
}

/** For trainers, who are authorised by the caller. */
export function getAttempt(db: Executor, attemptId: string): AttemptRow | undefined {
  return db.select().from(attempts).where(eq(attempts.id, attemptId)).get();
}

export function attemptItemsOf(db: Executor, attemptId: string): AttemptItemRow[] {
  return db.select().from(attemptItems).where(eq(attemptItems.attemptId, attemptId)).orderBy(asc(attemptItems.position)).all();
}

export function setItemFlag(db: Executor, attemptId: string, position: number, flagged: boolean) {
  db.update(attemptItems).set({ flagged }).where(and(eq(attemptItems.attemptId, attemptId), eq(attemptItems.position, position))).run();
}

export function extendDeadline(db: Executor, attemptId: string, deadline: number) {
  db.update(attempts).set({ deadline }).where(eq(attempts.id, attemptId)).run();
}

/** In-progress attempts whose deadline passed before `before`. */
export function overdueAttemptIds(db: Executor, before: number): string[] {
  return db
    .select({ id: attempts.id })
    .from(attempts)
    .where(and(eq(attempts.status, "in_progress"), lt(attempts.deadline, before)))
    .all()
    .map((r) => r.id);
}

export function recordEvent(db: Executor, e: typeof attemptEvents.$inferInsert) {
  db.insert(attemptEvents).values(e).run();
}

export function eventsOf(db: Executor, attemptId: string) {
  return db.select().from(attemptEvents).where(eq(attemptEvents.attemptId, attemptId)).orderBy(asc(attemptEvents.at)).all();
}

/** The exact question versions of a paper. */
export function versionsFor(db: Executor, refs: { questionId: string; version: number }[]) {
  if (!refs.length) return [];
  const ids = [...new Set(refs.map((r) => r.questionId))];
  const rows = db.select().from(questionVersions).where(inArray(questionVersions.questionId, ids)).all();
  const wanted = new Set(refs.map((r) => `${r.questionId}@${r.version}`));
  return rows.filter((r) => wanted.has(`${r.questionId}@${r.version}`));
}

/** Published questions with their current version's drawing attributes. */
export function publishedPool(db: Executor) {
  return db
    .select({
      id: questions.id,
      version: questions.currentVersion,
      type: questions.type,
      module: questions.module,
      tags: questions.tags,
      options: questionVersions.options,
      family: questionVersions.family,
      answer: questionVersions.answer,
    })
    .from(questions)
    .innerJoin(questionVersions, and(eq(questionVersions.questionId, questions.id), eq(questionVersions.version, questions.currentVersion)))
    .where(eq(questions.status, "published"))
    .orderBy(asc(questions.id))
    .all();
}

export function attemptsOfExam(db: Executor, examId: number) {
  return db
    .select({ attempt: attempts, employeeNo: users.employeeNo, name: users.name })
    .from(attempts)
    .innerJoin(users, eq(users.id, attempts.userId))
    .where(eq(attempts.examId, examId))
    .orderBy(asc(users.employeeNo), asc(attempts.attemptNo))
    .all();
}

// --- Certificates ----------------------------------------------------------------------------

export function insertCertificate(db: Executor, c: typeof certificates.$inferInsert) {
  db.insert(certificates).values(c).run();
}

export function certificateByCode(db: Executor, code: string): CertificateRow | undefined {
  return db.select().from(certificates).where(eq(certificates.code, code)).get();
}

export function certificatesOfLearner(db: Executor, userId: number): CertificateRow[] {
  return db.select().from(certificates).where(eq(certificates.userId, userId)).orderBy(desc(certificates.issuedAt)).all();
}

export function certificateOfAttempt(db: Executor, attemptId: string): CertificateRow | undefined {
  return db.select().from(certificates).where(eq(certificates.attemptId, attemptId)).get();
}

export function revokeCertificate(db: Executor, id: number, by: number, reason: string, now: number) {
  db.update(certificates).set({ revokedAt: now, revokedBy: by, revokeReason: reason }).where(eq(certificates.id, id)).run();
}

/** Certificates (not revoked) expiring before `before`, with their holders: who is due for recertification. */
export function certificatesExpiringBefore(db: Executor, before: number) {
  return db
    .select({ certificate: certificates, employeeNo: users.employeeNo, name: users.name, team: users.team })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(and(lt(certificates.expiresAt, before), sql`${certificates.revokedAt} is null`))
    .orderBy(asc(certificates.expiresAt))
    .all();
}

/** Revoked certificates with their holders, most recently revoked first. */
export function revokedCertificates(db: Executor) {
  return db
    .select({ certificate: certificates, employeeNo: users.employeeNo, name: users.name, team: users.team })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(sql`${certificates.revokedAt} is not null`)
    .orderBy(desc(certificates.revokedAt))
    .all();
}
