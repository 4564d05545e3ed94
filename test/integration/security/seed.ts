/** Seeding helpers for the security tests: exams, cohorts and finished attempts written straight to the test database. */
import { insertAttempt, insertCertificate, insertExam } from "@db/queries/exams";
import { insertQuestion } from "@db/queries/questions";
import { cohortAssignments, cohortMembers, cohorts, cohortTrainers } from "@db/schema";
import type { Db } from "@db/client";
import type { QuestionContent } from "~/domain/question";

export const DAY = 86_400_000;

export async function seedQuestion(db: Db, id: string, createdBy: number) {
  const content: QuestionContent = {
    type: "single",
    stem: `安全测试题 ${id}`,
    options: [
      { id: "a", text: "甲" },
      { id: "b", text: "乙" },
    ],
    answer: "a",
    explanation: "",
    module: "sla",
    section: null,
    facts: [],
    tags: ["安全测试"],
    family: "",
  } as QuestionContent;
  await insertQuestion(db, { id, source: "authored", status: "published", content, createdBy, note: "test" }, Date.now());
}

export async function seedExam(db: Db, title: string, opts: { validityMonths?: number } = {}): Promise<number> {
  return await insertExam(
    db,
    {
      title,
      description: null,
      blueprint: [{ count: 1, points: 1, tags: ["安全测试"] }],
      timeLimitMinutes: 30,
      passPercent: 50,
      attemptsAllowed: 3,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: false,
      shuffleOptions: false,
      multipleScoring: "all-or-nothing",
      reviewMode: "score",
      reviewFrom: null,
      certificateName: opts.validityMonths ? `${title}证书` : null,
      certificateValidityMonths: opts.validityMonths ?? null,
      audience: "everyone",
      status: "published",
      createdBy: null,
    },
    [],
    Date.now(),
  );
}

export async function seedCohort(db: Db, name: string, trainerId: number, members: { userId: number; addedAt: number }[], exams: { examId: number; assignedAt: number }[]): Promise<number> {
  const id = (await db.insert(cohorts).values({ name, description: null, createdBy: trainerId, createdAt: Date.now() }).returning({ id: cohorts.id }))[0].id;
  await db.insert(cohortTrainers).values({ cohortId: id, userId: trainerId });
  for (const m of members) await db.insert(cohortMembers).values({ cohortId: id, userId: m.userId, addedAt: m.addedAt });
  for (const e of exams) await db.insert(cohortAssignments).values({ cohortId: id, kind: "exam", examId: e.examId, dueAt: null, createdAt: e.assignedAt });
  return id;
}

export async function seedAttempt(
  db: Db,
  a: { id: string; examId: number; userId: number; attemptNo?: number; startedAt: number; questionId: string; response: unknown; right: boolean },
) {
  const start = a.startedAt;
  await insertAttempt(
    db,
    {
      id: a.id,
      examId: a.examId,
      userId: a.userId,
      attemptNo: a.attemptNo ?? 1,
      seed: a.id,
      status: "submitted",
      startedAt: start,
      deadline: start + 30 * 60_000,
      submittedAt: start + 10 * 60_000,
      finalisedBy: "learner",
      scoreMilli: a.right ? 1000 : 0,
      maxScoreMilli: 1000,
      percentBp: a.right ? 10_000 : 0,
      passed: a.right,
      multipleScoring: "all-or-nothing",
    },
    [{ position: 0, questionId: a.questionId, version: 1, points: 1, optionOrder: ["a", "b"], response: a.response, responseSeq: 1, savedAt: start + 60_000, scoreMilli: a.right ? 1000 : 0 }],
  );
}

export async function seedCertificate(db: Db, c: { code: string; userId: number; examId: number; attemptId: string; name: string; holderName: string; issuedAt: number; expiresAt: number }) {
  await insertCertificate(db, c);
}
