/**
 * Practice and the numbers drill: which published questions a learner may be asked (never one of their
 * open paper or its family, nor one reserved for exams), the drill's spaced-repetition cards, and the
 * recording of answers. Routes authorise, parse and grade; these functions read and write.
 */
import { transaction } from "@db/client";
import {
  drillCardsFor,
  getDrillCard,
  publishedAmong,
  publishedCountsByModule,
  publishedQuestionIds,
  recordPracticeAnswer,
  upsertDrillCard,
} from "@db/queries/practice";
import { getQuestion } from "@db/queries/questions";
import { getContent } from "~/content.server";
import { getDb } from "~/db.server";
import { drillItems, drillQuestionIds, dueCount, toFactCards } from "~/domain/drill";
import { applyLocalPolicy } from "~/domain/local-policy";
import type { Question } from "~/domain/question";
import { withheldFromPractice } from "~/exams.server";
import { currentLocalPolicy } from "~/local-policy.server";
import { noteWrongAnswer } from "~/wrong-book.server";

/** The practice start page: published questions per module and the drill's figures due now. */
export async function practiceOverview(userId: number, at: number) {
  const db = getDb();
  const counts = await publishedCountsByModule(db);
  const facts = getContent().facts;
  const items = drillItems(facts, await publishedAmong(db, facts.flatMap((f) => drillQuestionIds(f.id))));
  const due = dueCount(toFactCards(await drillCardsFor(db, userId)), items.map((i) => i.factId), at);
  return { counts, drillable: items.length, due };
}

/** Published question ids of a module (or of all) that this learner may practise now. */
export async function practiceCandidates(userId: number, module: string | undefined): Promise<string[]> {
  // Never a question of the learner's open paper (or its family), nor one reserved for exams.
  const withheld = await withheldFromPractice(userId);
  return (await publishedQuestionIds(getDb(), module)).filter((q) => !withheld.has(q));
}

/** A question (its published version, or the given one). */
export async function questionForPractice(id: string, version?: number): Promise<Question | undefined> {
  return getQuestion(getDb(), id, version);
}

/** True when answering this question would show the key of an open paper or an exam-only pool. */
export async function isWithheldFromPractice(userId: number, questionId: string): Promise<boolean> {
  return (await withheldFromPractice(userId)).has(questionId);
}

export interface PracticeAnswer {
  userId: number;
  questionId: string;
  version: number;
  response: unknown;
  correct: boolean;
}

/** Records an answer given in practice; a wrong one enters the wrong-answer book (or resets its streak there). */
export async function recordPractice(answer: PracticeAnswer, at: number): Promise<void> {
  await transaction(getDb(), async (tx) => {
    await recordPracticeAnswer(tx, { ...answer, mode: "practice", at });
    if (!answer.correct) await noteWrongAnswer(tx, answer.userId, answer.questionId, "practice", at);
  });
}

/** The drill's state for one learner: drillable items, their fact ids, the learner's cards, and how many are due. */
export async function drillState(userId: number, at: number) {
  const db = getDb();
  // Figures with a local value (本单位规定) are drilled on it, the lost ones included.
  const facts = applyLocalPolicy(getContent().facts, await currentLocalPolicy(db));
  // Never a question of the learner's open paper (or its family), nor one reserved for exams.
  const withheld = await withheldFromPractice(userId);
  const served = new Set([...(await publishedAmong(db, facts.flatMap((f) => drillQuestionIds(f.id))))].filter((id) => !withheld.has(id)));
  const items = drillItems(facts, served);
  const factIds = items.map((i) => i.factId);
  const cards = toFactCards(await drillCardsFor(db, userId));
  return { items, factIds, cards, due: dueCount(cards, factIds, at) };
}

/** True when a figure has a local value (本单位规定), which keeps a lost fact drillable. */
export async function hasLocalPolicy(factId: string): Promise<boolean> {
  return (await currentLocalPolicy(getDb())).has(factId);
}

/** The learner's stored card for a figure, if any. */
export async function drillCardOf(userId: number, factId: string) {
  return getDrillCard(getDb(), userId, factId);
}

/** One drill review: the new card and the answer, in one transaction. */
export async function recordDrillReview(answer: PracticeAnswer, factId: string, next: { due: number; card: Parameters<typeof upsertDrillCard>[4] }, at: number): Promise<void> {
  await transaction(getDb(), async (tx) => {
    await upsertDrillCard(tx, answer.userId, factId, next.due, next.card, at);
    await recordPracticeAnswer(tx, { ...answer, mode: "drill", at });
    if (!answer.correct) await noteWrongAnswer(tx, answer.userId, answer.questionId, "drill", at);
  });
}
