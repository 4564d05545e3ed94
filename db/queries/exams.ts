/**
 * Exams, attempts and certificates. Functions that read a learner's data take the learner's id and
 * filter by it, so a forgotten check cannot leak another person's attempt.
 */
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { preparedOnce, type Executor } from "../client";
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

export async function insertExam(db: Executor, exam: NewExam, cohortIds: number[], now: number): Promise<number> {
  const [{ id }] = await db.insert(exams).values({ ...exam, createdAt: now, updatedAt: now }).returning({ id: exams.id });
  await setExamCohorts(db, id, cohortIds);
  return id;
}

export async function updateExam(db: Executor, id: number, exam: Partial<NewExam>, now: number): Promise<void> {
  await db.update(exams).set({ ...exam, updatedAt: now }).where(eq(exams.id, id));
}

export async function setExamCohorts(db: Executor, examId: number, cohortIds: number[]): Promise<void> {
  await db.delete(examCohorts).where(eq(examCohorts.examId, examId));
  if (cohortIds.length) await db.insert(examCohorts).values(cohortIds.map((cohortId) => ({ examId, cohortId })));
}

type PreparedExam = { execute: (values: { id: number }) => Promise<ExamRow[]> };
const examById = new WeakMap<object, PreparedExam>();

/** One exam. Every exam start reads one, so the statement is prepared once per database (`preparedOnce`). */
export async function getExam(db: Executor, id: number): Promise<ExamRow | undefined> {
  if (!preparedOnce(db)) {
    const [row] = await db.select().from(exams).where(eq(exams.id, id)).limit(1);
    return row;
  }
  let prepared = examById.get(db);
  if (!prepared) {
    const query = db.select().from(exams).where(eq(exams.id, sql.placeholder("id"))).limit(1);
    // SQLite's prepare() takes no name; PostgreSQL's names the server-side statement.
    prepared = (query.prepare as unknown as (name: string) => PreparedExam).call(query, "exam_by_id");
    examById.set(db, prepared);
  }
  return (await prepared.execute({ id }))[0];
}

export async function examCohortIds(db: Executor, examId: number): Promise<number[]> {
  const found = await db.select({ id: examCohorts.cohortId }).from(examCohorts).where(eq(examCohorts.examId, examId));
  return found.map((r) => r.id);
}

export async function listExams(db: Executor, filter: { status?: ExamRow["status"] } = {}): Promise<ExamRow[]> {
  return db
    .select()
    .from(exams)
    .where(filter.status ? eq(exams.status, filter.status) : undefined)
    .orderBy(desc(exams.id));
}

/** Published exams this learner may sit: open to everyone, or to a cohort the learner belongs to. */
export async function examsForLearner(db: Executor, userId: number): Promise<ExamRow[]> {
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
    .orderBy(asc(exams.title));
}

export async function learnerMaySit(db: Executor, examId: number, userId: number): Promise<boolean> {
  return (await examsForLearner(db, userId)).some((e) => e.id === examId);
}

// --- Attempts --------------------------------------------------------------------------------

export async function attemptsOfLearner(db: Executor, userId: number, examId?: number): Promise<AttemptRow[]> {
  return db
    .select()
    .from(attempts)
    .where(and(eq(attempts.userId, userId), examId ? eq(attempts.examId, examId) : undefined))
    .orderBy(desc(attempts.startedAt));
}

export async function inProgressAttempt(db: Executor, examId: number, userId: number): Promise<AttemptRow | undefined> {
  const [row] = await db
    .select()
    .from(attempts)
    .where(and(eq(attempts.examId, examId), eq(attempts.userId, userId), eq(attempts.status, "in_progress")))
    .limit(1);
  return row;
}

export async function insertAttempt(db: Executor, a: typeof attempts.$inferInsert, items: Omit<typeof attemptItems.$inferInsert, "attemptId">[]): Promise<void> {
  await db.insert(attempts).values(a);
  for (let i = 0; i < items.length; i += 100) {
    await db.insert(attemptItems).values(items.slice(i, i + 100).map((it) => ({ ...it, attemptId: a.id })));
  }
}

/** The attempt if it belongs to this learner (a learner never sees another's attempt). */
export async function getAttemptOfLearner(db: Executor, attemptId: string, userId: number): Promise<AttemptRow | undefined> {
  const [row] = await db.select().from(attempts).where(and(eq(attempts.id, attemptId), eq(attempts.userId, userId))).limit(1);
  return row;
}

/** For trainers, who are authorised by the caller. */
export async function getAttempt(db: Executor, attemptId: string): Promise<AttemptRow | undefined> {
  const [row] = await db.select().from(attempts).where(eq(attempts.id, attemptId)).limit(1);
  return row;
}

export async function attemptItemsOf(db: Executor, attemptId: string): Promise<AttemptItemRow[]> {
  return db.select().from(attemptItems).where(eq(attemptItems.attemptId, attemptId)).orderBy(asc(attemptItems.position));
}

export async function setItemFlag(db: Executor, attemptId: string, position: number, flagged: boolean): Promise<void> {
  await db.update(attemptItems).set({ flagged }).where(and(eq(attemptItems.attemptId, attemptId), eq(attemptItems.position, position)));
}

export async function extendDeadline(db: Executor, attemptId: string, deadline: number): Promise<void> {
  await db.update(attempts).set({ deadline }).where(eq(attempts.id, attemptId));
}

/** In-progress attempts whose deadline passed before `before`. */
export async function overdueAttemptIds(db: Executor, before: number): Promise<string[]> {
  const found = await db
    .select({ id: attempts.id })
    .from(attempts)
    .where(and(eq(attempts.status, "in_progress"), lt(attempts.deadline, before)));
  return found.map((r) => r.id);
}

export async function recordEvent(db: Executor, e: typeof attemptEvents.$inferInsert): Promise<void> {
  await db.insert(attemptEvents).values(e);
}

export async function eventsOf(db: Executor, attemptId: string) {
  return db.select().from(attemptEvents).where(eq(attemptEvents.attemptId, attemptId)).orderBy(asc(attemptEvents.at));
}

/** The exact question versions of a paper. */
export async function versionsFor(db: Executor, refs: { questionId: string; version: number }[]) {
  if (!refs.length) return [];
  const ids = [...new Set(refs.map((r) => r.questionId))];
  const rows = await db.select().from(questionVersions).where(inArray(questionVersions.questionId, ids));
  const wanted = new Set(refs.map((r) => `${r.questionId}@${r.version}`));
  return rows.filter((r) => wanted.has(`${r.questionId}@${r.version}`));
}

/** Published questions with their current version's drawing attributes. */
export async function publishedPool(db: Executor) {
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
    .orderBy(asc(questions.id));
}

export async function attemptsOfExam(db: Executor, examId: number) {
  return db
    .select({ attempt: attempts, employeeNo: users.employeeNo, name: users.name })
    .from(attempts)
    .innerJoin(users, eq(users.id, attempts.userId))
    .where(eq(attempts.examId, examId))
    .orderBy(asc(users.employeeNo), asc(attempts.attemptNo));
}

// --- Certificates ----------------------------------------------------------------------------

/**
 * Inserts a certificate; returns false (and inserts nothing) when its code is already taken, so the
 * caller draws another (codes are random, the unique index decides under concurrency). Any other
 * conflict — a second certificate for one attempt — is also "not inserted".
 */
export async function insertCertificate(db: Executor, c: typeof certificates.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(certificates).values(c).onConflictDoNothing().returning({ id: certificates.id });
  return inserted.length > 0;
}

export async function certificateByCode(db: Executor, code: string): Promise<CertificateRow | undefined> {
  const [row] = await db.select().from(certificates).where(eq(certificates.code, code)).limit(1);
  return row;
}

export async function certificatesOfLearner(db: Executor, userId: number): Promise<CertificateRow[]> {
  return db.select().from(certificates).where(eq(certificates.userId, userId)).orderBy(desc(certificates.issuedAt));
}

export async function certificateOfAttempt(db: Executor, attemptId: string): Promise<CertificateRow | undefined> {
  const [row] = await db.select().from(certificates).where(eq(certificates.attemptId, attemptId)).limit(1);
  return row;
}

export async function revokeCertificate(db: Executor, id: number, by: number, reason: string, now: number): Promise<void> {
  await db.update(certificates).set({ revokedAt: now, revokedBy: by, revokeReason: reason }).where(eq(certificates.id, id));
}

/** Certificates (not revoked) expiring before `before`, with their holders: who is due for recertification. */
export async function certificatesExpiringBefore(db: Executor, before: number) {
  return db
    .select({ certificate: certificates, employeeNo: users.employeeNo, name: users.name, team: users.team })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(and(lt(certificates.expiresAt, before), sql`${certificates.revokedAt} is null`))
    .orderBy(asc(certificates.expiresAt));
}

/** Revoked certificates with their holders, most recently revoked first. */
export async function revokedCertificates(db: Executor) {
  return db
    .select({ certificate: certificates, employeeNo: users.employeeNo, name: users.name, team: users.team })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(sql`${certificates.revokedAt} is not null`)
    .orderBy(desc(certificates.revokedAt));
}
