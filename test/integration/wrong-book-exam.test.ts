/**
 * Exam answers and the wrong-answer book, through the built server (both engines): a wrong answer of a
 * graded attempt enters the book only once the exam's review rules let this learner see the answers —
 * never while attempts remain, never before the exam closes when review waits for the close, never when
 * the exam shows only scores — and, once in, the book lists it, serves it for review a day later and
 * shows its explanation. While an attempt that holds the question (or its family) is open, the book
 * neither lists nor serves it. Right answers never enter the book.
 *
 * The exams draw from a pool reserved for exams (exam-only, the default), as real certification exams do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { row, rows } from "@db/client";
import { insertExam, type NewExam } from "@db/queries/exams";
import { insertQuestion } from "@db/queries/questions";
import type { QuestionContent } from "~/domain/question";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

const TAG = "错题考试";
const MARK = "WBXKEYMARK";
const base = { module: null, section: null, facts: [], tags: [TAG] };
/** The learner answers 对 (true) to both: the first is right, the second wrong. */
const QUESTIONS: Record<string, QuestionContent> = {
  "wbx-right": { ...base, family: "wbx-right", type: "true_false", stem: "错题考试判断甲：受理投诉时应先安抚客户情绪。", options: [], answer: true, explanation: `${MARK}-right` },
  "wbx-wrong": { ...base, family: "wbx-wrong", type: "true_false", stem: "错题考试判断乙：营业厅可以拒绝登记客户投诉。", options: [], answer: false, explanation: `${MARK}-wrong 营业厅不得拒绝登记投诉` },
};
const WRONG_STEM = "错题考试判断乙";
const RIGHT_STEM = "错题考试判断甲";
const DAY = 86_400_000;

let server: TestServer;
const serverNow = () => server.clock.advance(0);

beforeAll(async () => {
  server = await startServer({ testClock: true });
  const t = await serverNow();
  for (const [id, content] of Object.entries(QUESTIONS)) await insertQuestion(server.db, { id, source: "authored", status: "published", content, createdBy: null, note: "test" }, t);
});
afterAll(() => server?.stop());

let examNo = 0;
async function makeExam(overrides: Partial<NewExam>): Promise<number> {
  return insertExam(
    server.db,
    {
      title: `错题本考试${++examNo}`,
      description: null,
      blueprint: [{ count: 2, points: 1, tags: [TAG] }],
      timeLimitMinutes: 30,
      passPercent: 100,
      attemptsAllowed: 1,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: true,
      shuffleOptions: true,
      multipleScoring: "all-or-nothing",
      reviewMode: "explanations",
      reviewTiming: "after_last_attempt",
      reviewFrom: null,
      certificateName: null,
      certificateValidityMonths: null,
      audience: "everyone",
      status: "published",
      createdBy: null,
      ...overrides,
    },
    [],
    await serverNow(),
  );
}

let learnerNo = 0;
async function newLearner(): Promise<{ b: Browserish; id: number; no: string }> {
  const no = `WX${String(++learnerNo).padStart(3, "0")}`;
  const { id } = await createUser(server.db, { employeeNo: no, password: "learner-pass" });
  const b = new Browserish(server.url);
  await b.login(no, "learner-pass");
  return { b, id, no };
}

/** Starts an attempt (the page's 开始考试) and returns its id. */
async function start(b: Browserish, examId: number): Promise<string> {
  const res = await b.post(`/exams/${examId}`, {});
  expect(res.status, "开始考试").toBe(302);
  return res.headers.get("location")!.split("/").pop()!;
}

/** Answers 对 to every question (right on one, wrong on the other), then submits. Returns the submission time. */
async function sitAndSubmit(b: Browserish, examId: number): Promise<number> {
  return answerAndSubmit(b, await start(b, examId));
}

async function answerAndSubmit(b: Browserish, attemptId: string): Promise<number> {
  const items = await rows<{ position: number }>(server.db, sql`select position from attempt_items where attempt_id = ${attemptId} order by position`);
  expect(items).toHaveLength(2);
  for (const it of items) {
    const res = await b.request(`/attempts/${attemptId}/save`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "save", position: it.position, response: true, seq: 1 }),
    });
    expect(res.status, "save").toBe(200);
  }
  expect((await b.post(`/attempts/${attemptId}/submit`, {})).status, "交卷").toBe(302);
  const a = (await row<{ submittedAt: number; status: string }>(server.db, sql`select submitted_at as "submittedAt", status from attempts where id = ${attemptId}`))!;
  expect(a.status).toBe("submitted");
  return Number(a.submittedAt);
}

const entries = async (userId: number) =>
  (await rows<{ questionId: string; source: string; addedAt: number; due: number; clearedAt: number | null }>(
    server.db,
    sql`select question_id as "questionId", source, added_at as "addedAt", due, cleared_at as "clearedAt" from wrong_answers where user_id = ${userId} order by question_id`,
  )).map((e) => ({ ...e, addedAt: Number(e.addedAt), due: Number(e.due) }));

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

async function dashboardDue(b: Browserish): Promise<number> {
  const html = await (await b.get("/dashboard")).text();
  const m = /data-testid="wrong-book-due"[^]*?错题本：(?:<!-- -->)?(\d+)/.exec(html);
  expect(m, "the dashboard shows the book's due count").toBeTruthy();
  return Number(m![1]);
}

/** Everything the learner's browser can get from the book: it holds neither the question nor its key. */
async function expectBookWithout(b: Browserish, where: string) {
  for (const path of ["/wrong-book", "/wrong-book.data", "/wrong-book/review", "/wrong-book/review.data"]) {
    const text = decode(await (await b.get(path)).text());
    expect(text, `${where}: ${path}`).not.toContain(WRONG_STEM);
    expect(text, `${where}: ${path}`).not.toContain(MARK);
  }
  expect(await dashboardDue(b), where).toBe(0);
}

describe("wrong exam answers enter the book only when the exam's review shows the answers", () => {
  it("review after the last attempt: nothing after the first of two attempts; the wrong one (only) after the second", async () => {
    const examId = await makeExam({ attemptsAllowed: 2, reviewTiming: "after_last_attempt" });
    const { b, id } = await newLearner();
    await sitAndSubmit(b, examId);
    await expectBookWithout(b, "one attempt left");
    expect(await entries(id)).toEqual([]);

    // The second attempt, while it is open: still nothing.
    const attemptId = await start(b, examId);
    await expectBookWithout(b, "second attempt open");
    expect(await entries(id)).toEqual([]);
    await answerAndSubmit(b, attemptId);

    // Both attempts are finalised: the answers may be seen, and the wrong answer is in the book — once,
    // dated at the first submission that got it wrong, due a day later.
    const book = decode(await (await b.get("/wrong-book")).text());
    expect(book).toContain(WRONG_STEM);
    expect(book).not.toContain(RIGHT_STEM);
    const [entry, ...more] = await entries(id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ questionId: "wbx-wrong", source: "exam", clearedAt: null });
    const first = Number((await row<{ t: number }>(server.db, sql`select min(submitted_at) as "t" from attempts where user_id = ${id}`))!.t);
    expect(entry.addedAt).toBe(first);
    expect(entry.due).toBeGreaterThan(first);
    expect(await dashboardDue(b)).toBe(0);
  });

  it("once due, the book serves it without the key, then shows the right answer and the explanation", async () => {
    const examId = await makeExam({ attemptsAllowed: 1, reviewTiming: "immediately", reviewMode: "answers" });
    const { b: first, id, no } = await newLearner();
    await sitAndSubmit(first, examId);
    // The book takes released exam answers in when the learner next looks (dashboard or book).
    expect(await dashboardDue(first)).toBe(0);
    const [entry] = await entries(id);
    expect(entry).toMatchObject({ questionId: "wbx-wrong", source: "exam" });

    await server.clock.set(entry.due);
    const b = new Browserish(server.url);
    await b.login(no, "learner-pass");
    expect(await dashboardDue(b)).toBe(1);
    const page = decode(await (await b.get("/wrong-book/review")).text());
    expect(page).toContain(WRONG_STEM);
    // Before answering: no explanation, no question id.
    expect(page).not.toContain(MARK);
    expect(page).not.toContain("wbx-wrong");
    const ref = /name="ref" value="([^"]*)"/.exec(page)![1];
    const answered = decode(await (await b.post("/wrong-book/review", { ref, answer: "false" })).text());
    expect(answered).toContain(`${MARK}-wrong`);
    expect(answered).toContain("连续答对 1 / 2 次");
    expect(await dashboardDue(b)).toBe(0);
  });

  it("review after the exam closes: nothing before the close, the wrong answer after it", async () => {
    const closesAt = (await serverNow()) + 2 * 3_600_000;
    const examId = await makeExam({ attemptsAllowed: 1, reviewTiming: "after_close", closesAt });
    const { b, id } = await newLearner();
    const submittedAt = await sitAndSubmit(b, examId);
    await expectBookWithout(b, "exam still open");
    expect(await entries(id)).toEqual([]);

    await server.clock.set(closesAt + 1);
    expect(decode(await (await b.get("/wrong-book")).text())).toContain(WRONG_STEM);
    expect(await entries(id)).toEqual([expect.objectContaining({ questionId: "wbx-wrong", source: "exam", addedAt: submittedAt })]);
  });

  it("an exam that shows only scores never fills the book", async () => {
    const examId = await makeExam({ attemptsAllowed: 1, reviewMode: "score", reviewTiming: "immediately" });
    const { b, id, no } = await newLearner();
    await sitAndSubmit(b, examId);
    await expectBookWithout(b, "score only");
    await server.clock.advance(3 * DAY);
    const later = new Browserish(server.url);
    await later.login(no, "learner-pass");
    await expectBookWithout(later, "score only, days later");
    expect(await entries(id)).toEqual([]);
  });

  it("while an attempt holding the question is open, the book neither lists nor serves it", async () => {
    const released = await makeExam({ attemptsAllowed: 1, reviewTiming: "immediately" });
    const { b: first, id, no } = await newLearner();
    await sitAndSubmit(first, released);
    expect(await dashboardDue(first)).toBe(0);
    const [entry] = await entries(id);
    await server.clock.set(entry.due);
    const b = new Browserish(server.url);
    await b.login(no, "learner-pass");
    expect(await dashboardDue(b)).toBe(1);

    const ref = /name="ref" value="([^"]*)"/.exec(await (await b.get("/wrong-book/review")).text())![1];

    // Another exam drawing the same questions: while its attempt is open, the question is not in the book's pages.
    const other = await makeExam({ attemptsAllowed: 1, reviewTiming: "immediately" });
    const attemptId = await start(b, other);
    await expectBookWithout(b, "attempt open");
    // Answering it by a reference taken before the attempt is refused, shows no key and records nothing.
    const refused = await b.post("/wrong-book/review", { ref, answer: "false" });
    expect(refused.status).toBe(409);
    expect(decode(await refused.text())).not.toContain(MARK);
    expect((await entries(id))[0]).toEqual(entry);

    // Submitted (wrong again: its review due a day after this submission): the book lists it again.
    await answerAndSubmit(b, attemptId);
    expect(decode(await (await b.get("/wrong-book")).text())).toContain(WRONG_STEM);
  });
});
