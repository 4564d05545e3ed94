/**
 * The wrong-answer book (错题本) service: questions a learner got wrong in practice, the numbers drill and —
 * once the exam's review settings let them see the answers — exams, re-practised on an FSRS schedule until
 * answered right at EXIT_STREAK consecutive scheduled reviews (rules: domain/wrong-book). Routes authorise,
 * parse and grade; these functions read and write. A question the learner may not practise now (one of a
 * family on their open paper, or one reserved for exams whose key no exam review of theirs shows:
 * exams.server withheldFromPractice) is neither listed nor served while that lasts.
 */
import { transaction, type Executor } from "@db/client";
import { getExam } from "@db/queries/exams";
import { getQuestion } from "@db/queries/questions";
import { bookOf, cohortBookTop, dueInBook, getWrongAnswer, gradedExamItemsOf, putWrongAnswer } from "@db/queries/wrong-book";
import { getDb } from "~/db.server";
import type { Question } from "~/domain/question";
import { afterBookAnswer, afterWrong, examItemWrong, examWrongIsNew, EXIT_STREAK, fromRow, toRow, type ReviewOutcome, type WrongSource } from "~/domain/wrong-book";
import { reviewFor, withheldFromPractice } from "~/exams.server";

export { EXIT_STREAK };

/** A wrong answer in practice or the drill at `at`: the question enters the book (or its streak resets). Call inside the answer's transaction. */
export async function noteWrongAnswer(db: Executor, userId: number, questionId: string, source: Exclude<WrongSource, "exam">, at: number): Promise<void> {
  const row = await getWrongAnswer(db, userId, questionId);
  await putWrongAnswer(db, userId, questionId, toRow(afterWrong(row ? fromRow(row) : null, source, at)));
}

/**
 * The learner's graded exam items whose answers the exam's review shows this learner now (reviewLevel
 * "answers" or "explanations", exams.server reviewFor) — never earlier, so the book cannot leak a key an
 * attempt could still use.
 */
async function releasedExamItems(userId: number, at: number) {
  const db = getDb();
  const items = (await gradedExamItemsOf(db, userId)).filter((i) => i.submittedAt !== null);
  const released = new Map<number, boolean>();
  for (const examId of new Set(items.map((i) => i.examId))) {
    const exam = await getExam(db, examId);
    released.set(examId, exam ? (await reviewFor(userId, exam, at)).level !== "score" : false);
  }
  return items.filter((i) => released.get(i.examId));
}

/**
 * Brings the learner's wrong exam answers into the book, for the exams whose review now shows this
 * learner the answers. Each wrong answer is applied once, dated at its attempt's submission. Returns the
 * questions whose keys the learner's exam reviews show (the book may serve those even from a pool
 * reserved for exams: re-practising them reveals nothing new).
 */
export async function syncExamWrongs(userId: number, at: number): Promise<{ added: number; keysShown: Set<string> }> {
  const released = await releasedExamItems(userId, at);
  const keysShown = new Set(released.map((i) => i.questionId));
  const due = released.filter((i) => examItemWrong(i.scoreMilli, i.points));
  if (!due.length) return { added: 0, keysShown };
  const added = await transaction(getDb(), async (tx) => {
    let n = 0;
    for (const i of due) {
      const row = await getWrongAnswer(tx, userId, i.questionId);
      const existing = row ? fromRow(row) : null;
      if (!examWrongIsNew(existing, i.submittedAt!)) continue;
      await putWrongAnswer(tx, userId, i.questionId, toRow(afterWrong(existing, "exam", i.submittedAt!)));
      n++;
    }
    return n;
  });
  return { added, keysShown };
}

/**
 * Brings released exam answers in, then the questions the book must not show this learner now: a family
 * on an open paper, or a question reserved for exams whose key no review of theirs has shown.
 */
async function bookWithheld(userId: number, at: number): Promise<Set<string>> {
  const { keysShown } = await syncExamWrongs(userId, at);
  return withheldFromPractice(userId, keysShown);
}

/** The learner's book page: what is in it (stem text, never ids), what is due now, when the next one falls due. */
export async function wrongBookPage(userId: number, at: number) {
  const withheld = await bookWithheld(userId, at);
  const entries = (await bookOf(getDb(), userId)).filter((e) => !withheld.has(e.questionId) && e.status === "published");
  return {
    entries: entries.map((e) => ({
      stemText: e.stemText,
      type: e.type,
      module: e.module,
      source: e.source,
      addedAt: e.addedAt,
      due: e.due,
      isDue: e.due <= at,
      rightStreak: e.rightStreak,
    })),
    dueCount: entries.filter((e) => e.due <= at).length,
    exitStreak: EXIT_STREAK,
  };
}

/** How many questions of the book are due now (for the dashboard). */
export async function wrongBookDueCount(userId: number, at: number): Promise<number> {
  const withheld = await bookWithheld(userId, at);
  return (await dueInBook(getDb(), userId, at)).filter((e) => !withheld.has(e.questionId)).length;
}

/** The next due question of the book to re-practise (published version), or null. */
export async function nextBookQuestion(userId: number, at: number): Promise<Question | null> {
  const withheld = await bookWithheld(userId, at);
  const next = (await dueInBook(getDb(), userId, at)).find((e) => !withheld.has(e.questionId));
  return next ? ((await getQuestion(getDb(), next.questionId)) ?? null) : null;
}

export type BookAnswerOutcome = ReviewOutcome["kind"] | "notInBook" | "withheld";

/**
 * A re-practice answer in the book (graded by the caller with the one grader): the card is reviewed when
 * the question is due; right at EXIT_STREAK consecutive scheduled reviews takes it out of the book.
 */
export async function answerInBook(userId: number, questionId: string, correct: boolean, at: number): Promise<{ outcome: BookAnswerOutcome; rightStreak: number; due: number | null }> {
  if ((await bookWithheld(userId, at)).has(questionId)) return { outcome: "withheld", rightStreak: 0, due: null };
  return transaction(getDb(), async (tx) => {
    const row = await getWrongAnswer(tx, userId, questionId);
    if (!row || row.clearedAt !== null) return { outcome: "notInBook" as const, rightStreak: 0, due: null };
    const out = afterBookAnswer(fromRow(row), correct, at);
    if (out.kind === "notDue") return { outcome: "notDue" as const, rightStreak: row.rightStreak, due: row.due };
    await putWrongAnswer(tx, userId, questionId, toRow(out.entry));
    return { outcome: out.kind, rightStreak: out.entry.rightStreak, due: out.kind === "cleared" ? null : out.entry.due };
  });
}

/** A published question (its given version) for grading a book answer. */
export async function bookQuestion(id: string, version: number): Promise<Question | undefined> {
  return getQuestion(getDb(), id, version);
}

/** Per cohort: the questions in most of its members' books (stem text first), for trainers. */
export async function cohortWrongBook(cohortId: number, at: number) {
  return cohortBookTop(getDb(), cohortId, at);
}
