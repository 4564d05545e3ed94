/**
 * Practice answers and numbers-drill cards. Everything that reads or writes a learner's data takes the
 * user id and filters by it.
 */
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { drillCards, practiceAnswers, questions } from "../schema";

export type PracticeAnswerRow = typeof practiceAnswers.$inferSelect;
export type DrillCardRow = typeof drillCards.$inferSelect;

export interface NewPracticeAnswer {
  userId: number;
  questionId: string;
  version: number;
  response: unknown;
  correct: boolean;
  mode: "practice" | "drill";
  at: number;
}

export async function recordPracticeAnswer(db: Executor, a: NewPracticeAnswer): Promise<number> {
  const [row] = await db.insert(practiceAnswers).values(a).returning({ id: practiceAnswers.id });
  return row.id;
}

/** A learner's latest answers, newest first. */
export async function practiceAnswersFor(db: Executor, userId: number, limit = 50): Promise<PracticeAnswerRow[]> {
  return db
    .select()
    .from(practiceAnswers)
    .where(eq(practiceAnswers.userId, userId))
    .orderBy(desc(practiceAnswers.at), desc(practiceAnswers.id))
    .limit(limit);
}

export async function getDrillCard(db: Executor, userId: number, factId: string): Promise<DrillCardRow | undefined> {
  const [row] = await db
    .select()
    .from(drillCards)
    .where(and(eq(drillCards.userId, userId), eq(drillCards.factId, factId)))
    .limit(1);
  return row;
}

/** All of a learner's drill cards. */
export async function drillCardsFor(db: Executor, userId: number): Promise<DrillCardRow[]> {
  return db.select().from(drillCards).where(eq(drillCards.userId, userId));
}

/** A learner's cards due at `now`, most overdue first. */
export async function dueCards(db: Executor, userId: number, now: number): Promise<DrillCardRow[]> {
  return db
    .select()
    .from(drillCards)
    .where(and(eq(drillCards.userId, userId), lte(drillCards.due, now)))
    .orderBy(asc(drillCards.due), asc(drillCards.factId));
}

export async function upsertDrillCard(db: Executor, userId: number, factId: string, due: number, card: Record<string, unknown>, now: number): Promise<void> {
  await db
    .insert(drillCards)
    .values({ userId, factId, due, card, updatedAt: now })
    .onConflictDoUpdate({ target: [drillCards.userId, drillCards.factId], set: { due, card, updatedAt: now } });
}

// ---------------------------------------------------------------------------------------------
// The published questions practice draws from (no user data).

/** Ids of the published questions, of one module or (no module) all of them. */
export async function publishedQuestionIds(db: Executor, module?: string): Promise<string[]> {
  const rows = await db
    .select({ id: questions.id })
    .from(questions)
    .where(module ? and(eq(questions.status, "published"), eq(questions.module, module)) : eq(questions.status, "published"))
    .orderBy(asc(questions.id));
  return rows.map((r) => r.id);
}

/** Number of published questions per module (questions without a module under null). */
export async function publishedCountsByModule(db: Executor): Promise<Map<string | null, number>> {
  const rows = await db
    .select({ module: questions.module, n: sql<number>`count(*)`.mapWith(Number) })
    .from(questions)
    .where(eq(questions.status, "published"))
    .groupBy(questions.module);
  return new Map(rows.map((r) => [r.module, r.n]));
}

/** Which of these question ids are published. */
export async function publishedAmong(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: questions.id })
    .from(questions)
    .where(and(eq(questions.status, "published"), inArray(questions.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}
