/**
 * The wrong-answer book's rows (wrong_answers). Every learner query takes the user id and filters by it.
 * Portable SQL only (SQLite and PostgreSQL): builders, and raw SQL with quoted aliases.
 */
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { rows } from "../client";
import { attemptItems, attempts, cohortMembers, questions, wrongAnswers } from "../schema";

export type WrongAnswerRow = typeof wrongAnswers.$inferSelect;

export async function getWrongAnswer(db: Executor, userId: number, questionId: string): Promise<WrongAnswerRow | undefined> {
  const [r] = await db
    .select()
    .from(wrongAnswers)
    .where(and(eq(wrongAnswers.userId, userId), eq(wrongAnswers.questionId, questionId)))
    .limit(1);
  return r;
}

export interface WrongAnswerValues {
  source: "practice" | "drill" | "exam";
  addedAt: number;
  lastWrongAt: number;
  due: number;
  card: Record<string, unknown>;
  rightStreak: number;
  clearedAt: number | null;
}

export async function putWrongAnswer(db: Executor, userId: number, questionId: string, v: WrongAnswerValues): Promise<void> {
  await db
    .insert(wrongAnswers)
    .values({ userId, questionId, ...v })
    .onConflictDoUpdate({ target: [wrongAnswers.userId, wrongAnswers.questionId], set: { ...v } });
}

/** A learner's questions in the book (not cleared), soonest due first, with the question's stem text. */
export async function bookOf(db: Executor, userId: number) {
  return db
    .select({
      questionId: wrongAnswers.questionId,
      source: wrongAnswers.source,
      addedAt: wrongAnswers.addedAt,
      lastWrongAt: wrongAnswers.lastWrongAt,
      due: wrongAnswers.due,
      rightStreak: wrongAnswers.rightStreak,
      stemText: questions.stemText,
      type: questions.type,
      module: questions.module,
      status: questions.status,
    })
    .from(wrongAnswers)
    .innerJoin(questions, eq(questions.id, wrongAnswers.questionId))
    .where(and(eq(wrongAnswers.userId, userId), isNull(wrongAnswers.clearedAt)))
    .orderBy(asc(wrongAnswers.due), asc(wrongAnswers.questionId));
}

/** How many of a learner's questions in the book are due at `at` (published ones only: the others are not served). */
export async function dueInBook(db: Executor, userId: number, at: number): Promise<{ questionId: string }[]> {
  return db
    .select({ questionId: wrongAnswers.questionId })
    .from(wrongAnswers)
    .innerJoin(questions, eq(questions.id, wrongAnswers.questionId))
    .where(and(eq(wrongAnswers.userId, userId), isNull(wrongAnswers.clearedAt), lte(wrongAnswers.due, at), eq(questions.status, "published")))
    .orderBy(asc(wrongAnswers.due), asc(wrongAnswers.questionId));
}

/** The graded items of a learner's submitted attempts, with the attempt's exam and submission time. */
export async function gradedExamItemsOf(db: Executor, userId: number) {
  return db
    .select({
      attemptId: attempts.id,
      examId: attempts.examId,
      submittedAt: attempts.submittedAt,
      questionId: attemptItems.questionId,
      points: attemptItems.points,
      scoreMilli: attemptItems.scoreMilli,
    })
    .from(attemptItems)
    .innerJoin(attempts, eq(attempts.id, attemptItems.attemptId))
    .where(and(eq(attempts.userId, userId), eq(attempts.status, "submitted")))
    .orderBy(asc(attempts.submittedAt), asc(attemptItems.position));
}

export interface CohortBookRow {
  questionId: string;
  stemText: string;
  type: string;
  module: string | null;
  learners: number;
  due: number;
}

/** The questions in most books of a cohort's members (not cleared), most first. */
export async function cohortBookTop(db: Executor, cohortId: number, at: number, limit = 20): Promise<CohortBookRow[]> {
  const list = await rows<CohortBookRow>(
    db,
    sql`select ${wrongAnswers.questionId} as "questionId", ${questions.stemText} as "stemText", ${questions.type} as "type",
          ${questions.module} as "module", count(*) as "learners", count(*) filter (where ${wrongAnswers.due} <= ${at}) as "due"
        from ${wrongAnswers}
        join ${cohortMembers} on ${cohortMembers.userId} = ${wrongAnswers.userId} and ${cohortMembers.cohortId} = ${cohortId}
        join ${questions} on ${questions.id} = ${wrongAnswers.questionId}
        where ${wrongAnswers.clearedAt} is null
        group by ${wrongAnswers.questionId}, ${questions.stemText}, ${questions.type}, ${questions.module}
        order by count(*) desc, ${wrongAnswers.questionId} asc
        limit ${limit}`,
  );
  return list.map((r) => ({ ...r, learners: Number(r.learners), due: Number(r.due) }));
}
