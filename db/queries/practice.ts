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

export function recordPracticeAnswer(db: Executor, a: NewPracticeAnswer): number {
  const row = db.insert(practiceAnswers).values(a).returning({ id: practiceAnswers.id }).get();
  return row.id;
}

/** A learner's latest answers, newest first. */
export function practiceAnswersFor(db: Executor, userId: number, limit = 50): PracticeAnswerRow[] {
  return db
    .select()
    .from(practiceAnswers)
    .where(eq(practiceAnswers.userId, userId))
    .orderBy(desc(practiceAnswers.at), desc(practiceAnswers.id))
    .limit(limit)
    .all();
}

export function getDrillCard(db: Executor, userId: number, factId: string): DrillCardRow | undefined {
  return db
    .select()
    .from(drillCards)
    .where(and(eq(drillCards.userId, userId), eq(drillCards.factId, factId)))
    .get();
}

/** All of a learner's drill cards. */
export function drillCardsFor(db: Executor, userId: number): DrillCardRow[] {
  return db.select().from(drillCards).where(eq(drillCards.userId, userId)).all();
}

/** A learner's cards due at `now`, most overdue first. */
export function dueCards(db: Executor, userId: number, now: number): DrillCardRow[] {
  return db
    .select()
    .from(drillCards)
    .where(and(eq(drillCards.userId, userId), lte(drillCards.due, now)))
    .orderBy(asc(drillCards.due), asc(drillCards.factId))
    .all();
}

export function upsertDrillCard(db: Executor, userId: number, factId: string, due: number, card: Record<string, unknown>, now: number) {
  db.insert(drillCards)
    .values({ userId, factId, due, card, updatedAt: now })
    .onConflictDoUpdate({ target: [drillCards.userId, drillCards.factId], set: { due, card, updatedAt: now } })
    .run();
}

// ---------------------------------------------------------------------------------------------
// The published questions practice draws from (no user data).

/** Ids of the published questions, of one module or (no module) all of them. */
export function publishedQuestionIds(db: Executor, module?: string): string[] {
  return db
    .select({ id: questions.id })
    .from(questions)
    .where(module ? and(eq(questions.status, "published"), eq(questions.module, module)) : eq(questions.status, "published"))
    .orderBy(asc(questions.id))
    .all()
    .map((r) => r.id);
}

/** Number of published questions per module (questions without a module under null). */
export function publishedCountsByModule(db: Executor): Map<string | null, number> {
  const rows = db
    .select({ module: questions.module, n: sql<number>`count(*)` })
    .from(questions)
    .where(eq(questions.status, "published"))
    .groupBy(questions.module)
    .all();
  return new Map(rows.map((r) => [r.module, r.n]));
}

/** Which of these question ids are published. */
export function publishedAmong(db: Executor, ids: readonly string[]): Set<string> {
  if (!ids.length) return new Set();
  return new Set(
    db
      .select({ id: questions.id })
      .from(questions)
      .where(and(eq(questions.status, "published"), inArray(questions.id, [...ids])))
      .all()
      .map((r) => r.id),
  );
}
