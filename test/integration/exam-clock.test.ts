/**
 * Sitting an exam, in process against a real SQLite file with the real migrations: the server's clock
 * decides (deadline stored at start, grace, finalisation by the next request or the sweep), resume,
 * one open attempt, idempotent submit, extra time, seq ordering, attempts allowed, per-learner draws,
 * grading of every question type through finalisation, and certificates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transaction, type Db } from "@db/client";
import { openTestDb, type TestDb } from "../helpers/db";
import { zhText } from "../helpers/messages";
import {
  attemptItemsOf,
  certificatesOfLearner,
  eventsOf,
  getAttempt,
  insertAttempt,
  insertExam,
  type NewExam,
} from "@db/queries/exams";
import { hot } from "@db/queries/hot";
import { getQuestion, insertQuestion } from "@db/queries/questions";
import { insertUser } from "@db/queries/users";
import { testClock } from "~/clock.server";
import { getContent } from "~/content.server";
import { setDb } from "~/db.server";
import { addMonths, SAVE_GRACE_MS } from "~/domain/exam";
import type { QuestionContent } from "~/domain/question";
import {
  answerAsShown,
  attemptClock,
  attemptView,
  DEADLINE_MESSAGE,
  ExamError,
  grantExtraTime,
  saveAnswer,
  startAttempt,
  submitAttempt,
  sweepOverdue,
} from "~/exams.server";
import { syncGeneratedQuestions } from "~/question-bank.server";

const T0 = Date.UTC(2026, 0, 31, 10, 0, 0); // 31 Jan: certificates +1 month land on 28 Feb
const MIN = 60_000;
let db: Db;
let trainerId: number;
let userSeq = 0;

async function learner(): Promise<number> {
  userSeq++;
  return (await insertUser(db, { employeeNo: `L${String(userSeq).padStart(4, "0")}`, name: `学员${userSeq}`, role: "learner" }, T0)).id;
}

async function exam(overrides: Partial<NewExam> = {}): Promise<number> {
  return await insertExam(
    db,
    {
      title: "受理时限认证",
      description: null,
      blueprint: [{ count: 5, points: 1, types: ["single"] }],
      timeLimitMinutes: 30,
      passPercent: 60,
      attemptsAllowed: 3,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: true,
      shuffleOptions: true,
      multipleScoring: "all-or-nothing",
      reviewMode: "explanations",
      reviewFrom: null,
      certificateName: null,
      certificateValidityMonths: null,
      audience: "everyone",
      status: "published",
      createdBy: trainerId,
      ...overrides,
    },
    [],
    testClockNow(),
  );
}

let clockNow = T0;
function setClock(ms: number) {
  clockNow = ms;
  testClock.set(ms);
}
const testClockNow = () => clockNow;
const advance = (ms: number) => setClock(clockNow + ms);

async function refusal(fn: () => unknown): Promise<ExamError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ExamError) return error;
    throw error;
  }
  throw new Error("expected an ExamError");
}

// --- Authored questions for grading (tag 评分测试), one of each type --------------------------------

const GRADING_TAG = "评分测试";
const base = { explanation: "", module: null, section: null, facts: [], tags: [GRADING_TAG], family: "" };
const authored: Record<string, QuestionContent> = {
  "g-single": { ...base, type: "single", stem: "故障受理应在多少秒内应答?", options: [{ id: "a", text: "10秒" }, { id: "b", text: "15秒" }, { id: "c", text: "30秒" }], answer: "b" },
  "g-multiple": {
    ...base,
    type: "multiple",
    stem: "下列哪些做法是正确的?",
    options: [{ id: "a", text: "先登记" }, { id: "b", text: "再查处" }, { id: "c", text: "限时答复" }, { id: "d", text: "推给热线" }],
    answer: ["a", "b", "c"],
  },
  "g-tf": { ...base, type: "true_false", stem: "投诉答复后一周内回访。", options: [], answer: true },
  "g-numeric": { ...base, type: "numeric", stem: "应答时限是多少秒?", options: [], answer: { value: 15, tolerance: 0.5, unit: "秒" } },
  "g-ordering": {
    ...base,
    type: "ordering",
    stem: "把投诉处理步骤排好。",
    options: [{ id: "s1", text: "查处" }, { id: "s2", text: "回访" }, { id: "s3", text: "登记" }, { id: "s4", text: "答复" }],
    answer: ["s3", "s1", "s4", "s2"],
  },
  "g-matching": {
    ...base,
    type: "matching",
    stem: "为每类客户选出时限。",
    options: [],
    answer: [
      ["金卡", "2小时"],
      ["银卡", "4小时"],
      ["普通", "8小时"],
    ],
  },
};
const RIGHT: Record<string, unknown> = {
  "g-single": "b",
  "g-multiple": ["c", "a", "b"],
  "g-tf": true,
  "g-numeric": 15.4,
  "g-ordering": ["s3", "s1", "s4", "s2"],
  "g-matching": [
    ["普通", "8小时"],
    ["金卡", "2小时"],
    ["银卡", "4小时"],
  ],
};

/** An attempt's item at a paper position, as drawn. */
const itemAt = async (attemptId: string, position: number) => (await attemptItemsOf(db, attemptId)).find((it) => it.position === position)!;
/** The i-th option of a single-choice item as the learner's page sends it: this attempt's opaque id. */
const option = async (attemptId: string, position: number, i: number) =>
  answerAsShown((await getAttempt(db, attemptId))!, await itemAt(attemptId, position), "single", (await itemAt(attemptId, position)).optionOrder[i]) as string;
/** The same option as stored (the question's own id). */
const stored = async (attemptId: string, position: number, i: number) => (await itemAt(attemptId, position)).optionOrder[i];

/** Answer an attempt's questions by question id (the test knows the paper; the learner only sees positions). */
async function answerAll(userId: number, attemptId: string, responses: Record<string, unknown>, seqStart = 1) {
  let seq = seqStart;
  const attempt = (await getAttempt(db, attemptId))!;
  for (const it of await attemptItemsOf(db, attemptId)) {
    // The page sends this attempt's opaque option ids; the test knows the stored answer.
    const type = (await getQuestion(db, it.questionId, it.version))?.type ?? "";
    if (it.questionId in responses) await saveAnswer(userId, attemptId, it.position, answerAsShown(attempt, it, type, responses[it.questionId]), seq++);
  }
}
const itemScores = async (attemptId: string) => Object.fromEntries((await attemptItemsOf(db, attemptId)).map((it) => [it.questionId, it.scoreMilli]));

beforeAll(async () => {
  setClock(T0);
  testDb = await openTestDb("clock");
  db = testDb.db;
  setDb(db);
  await syncGeneratedQuestions(db, getContent(), T0);
  for (const [id, content] of Object.entries(authored)) await insertQuestion(db, { id, source: "authored", status: "published", content, createdBy: null, note: "test" }, T0);
  trainerId = (await insertUser(db, { employeeNo: "T0001", name: "王培训", role: "trainer" }, T0)).id;
});

let testDb: TestDb | undefined;
afterAll(async () => {
  testClock.reset();
  setDb(undefined);
  await testDb?.close();
});

describe("the deadline is the server's, stored at start", () => {
  it("is the start plus the time limit, capped by the exam's close", async () => {
    setClock(T0);
    const u = await learner();
    const plain = await exam({ timeLimitMinutes: 30 });
    const a = await startAttempt(u, plain);
    expect(a.resumed).toBe(false);
    expect(await getAttempt(db, a.attemptId)).toMatchObject({ startedAt: T0, deadline: T0 + 30 * MIN, status: "in_progress" });

    const closing = await exam({ timeLimitMinutes: 30, closesAt: T0 + 10 * MIN });
    const b = await startAttempt(u, closing);
    expect((await getAttempt(db, b.attemptId))!.deadline).toBe(T0 + 10 * MIN);
  });

  it("refuses to start outside the exam's window", async () => {
    setClock(T0);
    const u = await learner();
    expect((await refusal(async () => await startAttempt(u, await exam({ opensAt: T0 + MIN }))))).toMatchObject({ code: "notOpen", status: 403 });
    expect((await refusal(async () => await startAttempt(u, await exam({ closesAt: T0 })))).code).toBe("closed");
    expect((await refusal(async () => await startAttempt(u, await exam({ status: "draft" }))))).toMatchObject({ code: "notFound", status: 404 });
  });
});

describe("no lost time: extra time reaches the page, and who finalised an attempt is recorded truthfully", () => {
  it("a time-triggered submit before the real deadline is refused with the deadline; the attempt stays open", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await exam({ timeLimitMinutes: 10 }));
    const deadline = (await getAttempt(db, attemptId))!.deadline;
    // The page's estimate of the server's clock ran a second fast.
    setClock(deadline - 1000);
    const early = (await refusal(async () => await submitAttempt(u, attemptId, "time")));
    expect(early).toMatchObject({ code: "timeNotUp", status: 409, message: "考试时间尚未用完（可能刚获得延时），请继续作答。", text: { key: "exam.err.timeNotUp" }, data: { deadline, serverNow: deadline - 1000 } });
    expect(await getAttempt(db, attemptId)).toMatchObject({ status: "in_progress", finalisedBy: null, submittedAt: null });
  });

  it("extra time granted with 20 s left: the save reply and the heartbeat carry the new deadline; at the old zero the page's submit is refused; later answers count", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await exam({ timeLimitMinutes: 10 }));
    const oldDeadline = (await getAttempt(db, attemptId))!.deadline;
    const [p0, p1] = (await attemptItemsOf(db, attemptId)).map((it) => it.position);
    // Answers are option ids of the items (the server refuses any other answer to a single-choice item).
    const [before, changed, afterOldZero] = [await option(attemptId, p0, 0), await option(attemptId, p0, 1), await option(attemptId, p1, 0)];
    setClock(oldDeadline - 20_000);
    expect((await saveAnswer(u, attemptId, p0, before, 1)).deadline).toBe(oldDeadline);
    await grantExtraTime(trainerId, attemptId, 5);
    const newDeadline = oldDeadline + 5 * MIN;
    advance(1000);
    expect(await attemptClock(u, attemptId)).toEqual({ status: "in_progress", deadline: newDeadline, serverNow: oldDeadline - 19_000 });
    expect((await saveAnswer(u, attemptId, p0, changed, 2)).deadline).toBe(newDeadline);

    // A page that missed the news submits at its old zero: refused, with the new deadline.
    setClock(oldDeadline);
    expect((await refusal(async () => await submitAttempt(u, attemptId, "time")))).toMatchObject({ code: "timeNotUp", data: { deadline: newDeadline } });
    // Long after the old zero (and its grace) answers are still taken, and none of the old deadline's paths close it.
    setClock(oldDeadline + SAVE_GRACE_MS + 30_000);
    await sweepOverdue();
    expect((await getAttempt(db, attemptId))!.status).toBe("in_progress");
    expect((await attemptClock(u, attemptId)).status).toBe("in_progress");
    expect(await saveAnswer(u, attemptId, p1, afterOldZero, 3)).toMatchObject({ applied: true, deadline: newDeadline });
    expect((await getAttempt(db, attemptId))!.status).toBe("in_progress");

    // At the new deadline the page's time-triggered submit is taken: by the deadline, at the deadline.
    setClock(newDeadline + 1200);
    const a = await submitAttempt(u, attemptId, "time");
    expect(a).toMatchObject({ status: "submitted", finalisedBy: "deadline", submittedAt: newDeadline });
    const responses = Object.fromEntries((await attemptItemsOf(db, attemptId)).map((it) => [it.position, it.response]));
    expect(responses[p0]).toBe(await stored(attemptId, p0, 1));
    expect(responses[p1]).toBe(await stored(attemptId, p1, 0));
  });

  it("the learner pressing 交卷 is recorded as the learner's, at the time it arrived", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await exam({ timeLimitMinutes: 10 }));
    setClock(T0 + 3 * MIN);
    expect(await submitAttempt(u, attemptId, "learner")).toMatchObject({ status: "submitted", finalisedBy: "learner", submittedAt: T0 + 3 * MIN });
    // Pressed again, or the timer firing as well: nothing changes.
    advance(MIN);
    expect(await submitAttempt(u, attemptId, "time")).toMatchObject({ finalisedBy: "learner", submittedAt: T0 + 3 * MIN });
  });

  it("a 交卷 arriving after the deadline and its grace finds the attempt already over: the deadline's", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await exam({ timeLimitMinutes: 10 }));
    const deadline = (await getAttempt(db, attemptId))!.deadline;
    setClock(deadline + SAVE_GRACE_MS + 1);
    expect(await submitAttempt(u, attemptId, "learner")).toMatchObject({ status: "submitted", finalisedBy: "deadline", submittedAt: deadline });
  });

  it("the heartbeat after the deadline and grace finalises it (the next request): the deadline's", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await exam({ timeLimitMinutes: 10 }));
    const deadline = (await getAttempt(db, attemptId))!.deadline;
    setClock(deadline + SAVE_GRACE_MS);
    expect((await attemptClock(u, attemptId)).status).toBe("in_progress");
    setClock(deadline + SAVE_GRACE_MS + 1);
    expect(await attemptClock(u, attemptId)).toMatchObject({ status: "submitted", deadline });
    expect(await getAttempt(db, attemptId)).toMatchObject({ finalisedBy: "deadline", submittedAt: deadline });
    expect((await refusal(async () => await attemptClock(await learner(), attemptId)))).toMatchObject({ code: "notFound", status: 404 });
  });

  it("extra time is not granted to an attempt whose time and grace are already up: it is finalised by the deadline", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await exam({ timeLimitMinutes: 10 }));
    const deadline = (await getAttempt(db, attemptId))!.deadline;
    setClock(deadline + SAVE_GRACE_MS + 1);
    expect((await refusal(async () => await grantExtraTime(trainerId, attemptId, 5)))).toMatchObject({ code: "submitted", status: 409 });
    expect(await getAttempt(db, attemptId)).toMatchObject({ status: "submitted", finalisedBy: "deadline", deadline });
  });
});

describe("saving against the clock", () => {
  it("accepts saves before the deadline and within the grace, then refuses, finalises and keeps what was saved", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await exam({ timeLimitMinutes: 10 }));
    const deadline = (await getAttempt(db, attemptId))!.deadline;
    const [p0, p1, p2] = (await attemptItemsOf(db, attemptId)).map((it) => it.position);
    const [first, inGrace, tooLate, again] = [await option(attemptId, p0, 0), await option(attemptId, p1, 0), await option(attemptId, p2, 0), await option(attemptId, p2, 1)];

    advance(MIN);
    expect(await saveAnswer(u, attemptId, p0, first, 1)).toEqual({ savedAt: T0 + MIN, deadline, applied: true });
    setClock(deadline + SAVE_GRACE_MS - 1); // a request that was in flight at the deadline
    expect((await saveAnswer(u, attemptId, p1, inGrace, 2)).applied).toBe(true);

    setClock(deadline + SAVE_GRACE_MS + 1);
    const late = (await refusal(async () => await saveAnswer(u, attemptId, p2, tooLate, 3)));
    expect(late).toMatchObject({ code: "deadlinePassed", status: 409, message: zhText(DEADLINE_MESSAGE), text: DEADLINE_MESSAGE });

    const a = (await getAttempt(db, attemptId))!;
    expect(a).toMatchObject({ status: "submitted", finalisedBy: "deadline", submittedAt: deadline });
    const items = await attemptItemsOf(db, attemptId);
    expect(items.find((i) => i.position === p0)?.response).toBe(await stored(attemptId, p0, 0));
    expect(items.find((i) => i.position === p1)?.response).toBe(await stored(attemptId, p1, 0));
    expect(items.find((i) => i.position === p2)?.response).toBeNull();
    expect((await eventsOf(db, attemptId)).map((e) => e.kind)).toContain("late_save_refused");
    // Nothing more is taken once submitted.
    expect((await refusal(async () => await saveAnswer(u, attemptId, p2, again, 4)))).toMatchObject({ code: "submitted", status: 409 });
  });

  it("the sweep finalises an attempt nobody touches again, with what was saved", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await exam({ timeLimitMinutes: 5 }));
    const deadline = (await getAttempt(db, attemptId))!.deadline;
    const p = (await attemptItemsOf(db, attemptId))[0].position;
    const kept = await option(attemptId, p, 0);
    await saveAnswer(u, attemptId, p, kept, 1);
    setClock(deadline + SAVE_GRACE_MS);
    await sweepOverdue();
    expect((await getAttempt(db, attemptId))!.status).toBe("in_progress"); // still within the grace
    setClock(deadline + SAVE_GRACE_MS + 1);
    expect(await sweepOverdue()).toBeGreaterThanOrEqual(1);
    expect(await getAttempt(db, attemptId)).toMatchObject({ status: "submitted", finalisedBy: "sweep", submittedAt: deadline });
    expect((await attemptItemsOf(db, attemptId)).find((i) => i.position === p)?.response).toBe(await stored(attemptId, p, 0));
  });

  it("reading an overdue attempt finalises it (the next request that touches it)", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await exam({ timeLimitMinutes: 5 }));
    setClock(T0 + 5 * MIN + SAVE_GRACE_MS + 1);
    expect((await attemptView(u, attemptId)).attempt.status).toBe("submitted");
    expect((await getAttempt(db, attemptId))!.finalisedBy).toBe("deadline");
  });

  it("extra time lets through a save that would otherwise be refused", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await exam({ timeLimitMinutes: 10 }));
    const deadline = (await getAttempt(db, attemptId))!.deadline;
    setClock(deadline - MIN);
    await grantExtraTime(trainerId, attemptId, 5);
    expect((await getAttempt(db, attemptId))!.deadline).toBe(deadline + 5 * MIN);
    setClock(deadline + SAVE_GRACE_MS + 10_000);
    const p = (await attemptItemsOf(db, attemptId))[0].position;
    expect((await saveAnswer(u, attemptId, p, await option(attemptId, p, 0), 1)).applied).toBe(true);
    expect((await getAttempt(db, attemptId))!.status).toBe("in_progress");
    expect((await eventsOf(db, attemptId)).find((e) => e.kind === "extra_time")).toMatchObject({ actorId: trainerId, detail: { minutes: 5, previousDeadline: deadline } });
  });

  it("a save made while another request's transaction is open survives that transaction rolling back", async () => {
    setClock(T0);
    const u = await learner();
    const e = await exam();
    const { attemptId } = await startAttempt(u, e);
    const p = (await attemptItemsOf(db, attemptId))[0].position;
    const answer = await option(attemptId, p, 0);
    // Another request's transaction: open, awaiting its statements (other requests' code runs in between), then failing.
    const failing = transaction(db, async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve();
      throw new Error("rolled back");
    });
    const saved = saveAnswer(u, attemptId, p, answer, 1);
    await expect(failing).rejects.toThrow("rolled back");
    expect((await saved).applied).toBe(true);
    expect((await attemptItemsOf(db, attemptId)).find((i) => i.position === p)?.responseSeq).toBe(1);
  });

  it("an older save arriving late (lower seq) does not overwrite a newer one", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await exam());
    const p = (await attemptItemsOf(db, attemptId))[0].position;
    const [newer, older, sameSeq] = await Promise.all([0, 1, 2].map((i) => option(attemptId, p, i)));
    expect((await saveAnswer(u, attemptId, p, newer, 5)).applied).toBe(true);
    expect((await saveAnswer(u, attemptId, p, older, 3)).applied).toBe(false);
    expect((await saveAnswer(u, attemptId, p, sameSeq, 5)).applied).toBe(false);
    const item = (await attemptItemsOf(db, attemptId)).find((i) => i.position === p)!;
    expect(item).toMatchObject({ response: await stored(attemptId, p, 0), responseSeq: 5 });
  });

  it("refuses bad saves and another learner's attempt", async () => {
    setClock(T0);
    const u = await learner();
    const other = await learner();
    const { attemptId } = await startAttempt(u, await exam());
    expect((await refusal(async () => await saveAnswer(other, attemptId, 0, "x", 1)))).toMatchObject({ code: "notFound", status: 404 });
    expect((await refusal(async () => await attemptView(other, attemptId))).status).toBe(404);
    expect((await refusal(async () => await saveAnswer(u, attemptId, 99, "x", 1))).status).toBe(400);
    expect((await refusal(async () => await saveAnswer(u, attemptId, 0, "x", 0))).status).toBe(400);
    expect((await refusal(async () => await saveAnswer(u, attemptId, 0, "长".repeat(5000), 1))).status).toBe(413);
  });
});

describe("attempts", () => {
  it("starting again resumes the same attempt with its answers", async () => {
    setClock(T0);
    const u = await learner();
    const e = await exam();
    const first = await startAttempt(u, e);
    const p = (await attemptItemsOf(db, first.attemptId))[1].position;
    const remembered = await option(first.attemptId, p, 0);
    await saveAnswer(u, first.attemptId, p, remembered, 1);
    advance(3 * MIN);
    const again = await startAttempt(u, e);
    expect(again).toEqual({ attemptId: first.attemptId, resumed: true });
    const view = await attemptView(u, again.attemptId);
    expect(view.items.find((i) => i.position === p)?.response).toBe(remembered);
    expect(view.attempt.deadline).toBe(T0 + 30 * MIN);
    expect(view.serverNow).toBe(T0 + 3 * MIN);
  });

  it("one attempt in progress per learner per exam, enforced by the database too", async () => {
    setClock(T0);
    const u = await learner();
    const e = await exam();
    const { attemptId } = await startAttempt(u, e);
    await expect(
      Promise.resolve().then(async () =>
        await insertAttempt(
        db,
        { id: "second-open", examId: e, userId: u, attemptNo: 2, seed: "s", status: "in_progress", startedAt: T0, deadline: T0 + MIN, maxScoreMilli: 1000, multipleScoring: "all-or-nothing" },
        [],
        ),
      ),
    ).rejects.toThrow();
    expect((await startAttempt(u, e)).attemptId).toBe(attemptId);
  });

  it("enforces the number of attempts allowed", async () => {
    setClock(T0);
    const u = await learner();
    const e = await exam({ attemptsAllowed: 2 });
    const a1 = (await startAttempt(u, e)).attemptId;
    await submitAttempt(u, a1);
    const a2 = (await startAttempt(u, e)).attemptId;
    expect(a2).not.toBe(a1);
    expect((await getAttempt(db, a2))!.attemptNo).toBe(2);
    await submitAttempt(u, a2);
    expect((await refusal(async () => await startAttempt(u, e)))).toMatchObject({ code: "noAttemptsLeft", status: 403 });
  });

  it("a start that counted the learner's attempts before another start added one adds nothing (never more attempts than allowed)", async () => {
    setClock(T0);
    const u = await learner();
    const e = await exam({ attemptsAllowed: 1 });
    const a1 = (await startAttempt(u, e)).attemptId;
    await submitAttempt(u, a1);
    // A second start that read the attempts before the first was added (a stale count of 0) inserts nothing…
    const stale = { id: "stale-start", examId: e, userId: u, attemptNo: 1, seed: "s", startedAt: T0, deadline: T0 + MIN, maxScoreMilli: 1000, multipleScoring: "all-or-nothing" };
    await expect(hot(db).insertAttempt(stale, [{ position: 0, questionId: "q", version: 1, points: 1, optionOrder: "[]" }])).resolves.toBe(false);
    expect(await getAttempt(db, "stale-start")).toBeUndefined();
    // …and the learner, with no attempt left, is refused.
    expect(await refusal(async () => await startAttempt(u, e))).toMatchObject({ code: "noAttemptsLeft", status: 403 });
  });

  it("several starts of one learner at once give one attempt", async () => {
    setClock(T0);
    const u = await learner();
    const e = await exam({ attemptsAllowed: 3 });
    const started = await Promise.all(Array.from({ length: 5 }, () => startAttempt(u, e)));
    expect(new Set(started.map((s) => s.attemptId)).size).toBe(1);
    expect(started.filter((s) => !s.resumed)).toHaveLength(1);
  });

  it("each learner gets a different draw and order", async () => {
    setClock(T0);
    const e = await exam({ blueprint: [{ count: 8, points: 1, types: ["single"] }] });
    const papers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const u = await learner();
      const { attemptId } = await startAttempt(u, e);
      papers.push((await attemptItemsOf(db, attemptId)).map((it) => `${it.questionId}:${it.optionOrder.join(",")}`).join("|"));
    }
    expect(new Set(papers).size).toBe(4);
  });

  it("the learner's view carries no answer key", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await exam({ blueprint: [{ count: 6, points: 1, tags: [GRADING_TAG] }] }));
    const view = await attemptView(u, attemptId);
    for (const item of view.items) {
      expect(Object.keys(item).sort()).toEqual(["blanks", "flagged", "lefts", "options", "points", "position", "response", "rights", "savedAt", "stemHtml", "type", "unit"]);
      for (const o of item.options) expect(Object.keys(o).sort()).toEqual(["html", "id"]);
    }
    expect(Object.keys(view.attempt).sort()).toEqual(["attemptNo", "deadline", "examId", "id", "startedAt", "status"]);
    const json = JSON.stringify(view);
    expect(json).not.toMatch(/"(answer|explanation|tolerance|correct|questionId|seed)"/);
    expect(json).not.toContain("15.5");
    const numeric = view.items.find((i) => i.type === "numeric")!;
    expect(numeric.unit).toBe("秒");
    expect(JSON.stringify(numeric)).not.toMatch(/15/);
  });
});

describe("submitting and grading", () => {
  const gradingExam = async (overrides: Partial<NewExam> = {}) =>
    await exam({ blueprint: [{ count: 6, points: 2, tags: [GRADING_TAG] }], passPercent: 60, certificateName: "客服上岗证", certificateValidityMonths: 1, ...overrides });

  it("grades every type through finalisation and issues a certificate on a pass (expiry = issue + validity)", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await gradingExam());
    await answerAll(u, attemptId, RIGHT);
    advance(10 * MIN);
    const a = await submitAttempt(u, attemptId);
    expect(a).toMatchObject({ status: "submitted", finalisedBy: "learner", submittedAt: T0 + 10 * MIN, scoreMilli: 12_000, maxScoreMilli: 12_000, percentBp: 10_000, passed: true });
    const certs = await certificatesOfLearner(db, u);
    expect(certs).toHaveLength(1);
    expect(certs[0]).toMatchObject({ attemptId, name: "客服上岗证", issuedAt: T0 + 10 * MIN, expiresAt: addMonths(T0 + 10 * MIN, 1) });
    expect(certs[0].expiresAt).toBe(Date.UTC(2026, 1, 28, 10, 10)); // 31 Jan + 1 month = 28 Feb
    expect(certs[0].code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
  });

  it("all-or-nothing multiple choice: a partly right answer scores 0; numeric outside the tolerance is wrong; no certificate on a fail", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await gradingExam());
    await answerAll(u, attemptId, {
      "g-single": "b", // right: 2
      "g-multiple": ["a", "b"], // 2 of 3: 0 under all-or-nothing
      "g-tf": false, // wrong
      "g-numeric": 15.6, // outside ±0.5
      "g-ordering": ["s1", "s3", "s4", "s2"], // wrong
      "g-matching": RIGHT["g-matching"], // right: 2
    });
    const a = await submitAttempt(u, attemptId);
    expect(await itemScores(attemptId)).toEqual({ "g-single": 2000, "g-multiple": 0, "g-tf": 0, "g-numeric": 0, "g-ordering": 0, "g-matching": 2000 });
    expect(a).toMatchObject({ scoreMilli: 4000, percentBp: 3333, passed: false });
    expect(await certificatesOfLearner(db, u)).toEqual([]);
  });

  it("partial multiple choice: (right − wrong) / right; numeric within the tolerance is right", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await gradingExam({ multipleScoring: "partial", certificateName: null, certificateValidityMonths: null }));
    await answerAll(u, attemptId, { ...RIGHT, "g-multiple": ["a", "b"], "g-numeric": 14.5, "g-tf": false, "g-ordering": null });
    const a = await submitAttempt(u, attemptId);
    expect(await itemScores(attemptId)).toEqual({ "g-single": 2000, "g-multiple": 1333, "g-tf": 0, "g-numeric": 2000, "g-ordering": 0, "g-matching": 2000 });
    expect(a).toMatchObject({ scoreMilli: 7333, percentBp: 6111, passed: true });

    const u2 = await learner();
    const b = (await startAttempt(u2, await gradingExam({ multipleScoring: "partial" }))).attemptId;
    await answerAll(u2, b, { "g-multiple": ["a", "b", "d"] }); // 2 right − 1 wrong = 1/3
    await submitAttempt(u2, b);
    expect((await itemScores(b))["g-multiple"]).toBe(667);
  });

  it("submitting twice records once: same score, one certificate", async () => {
    setClock(T0);
    const u = await learner();
    const { attemptId } = await startAttempt(u, await gradingExam());
    await answerAll(u, attemptId, RIGHT);
    advance(MIN);
    const first = await submitAttempt(u, attemptId);
    advance(MIN);
    const second = await submitAttempt(u, attemptId);
    expect(second).toEqual(first);
    expect(await certificatesOfLearner(db, u)).toHaveLength(1);
    // The sweep racing the learner changes nothing either.
    setClock(T0 + 2 * 60 * MIN);
    await sweepOverdue();
    expect(await getAttempt(db, attemptId)).toEqual(first);
  });
});
