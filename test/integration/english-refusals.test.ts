/**
 * The exam's JSON refusals in the reader's language: with the language cookie set to English, a save
 * after the deadline, a save to an unknown question, a bad submission and an early time-up submission
 * answer with a message key (and values) and an English message with no Chinese character; without the
 * cookie the same refusals are Chinese, with the same key. Through the built server over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertExam } from "@db/queries/exams";
import { insertQuestion } from "@db/queries/questions";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

const HAN = /\p{Script=Han}/u;
const TAG = "英文拒绝测试";
let server: TestServer;

async function examWithOneQuestion(): Promise<number> {
  const t = await server.clock.advance(0);
  await insertQuestion(
    server.db,
    {
      id: "en-refusal-q",
      source: "authored",
      status: "published",
      content: { module: null, section: null, facts: [], tags: [TAG], explanation: "", family: "", type: "true_false", stem: "客户来电应在铃响三声内接听。", options: [], answer: true },
      createdBy: null,
      note: "test",
    },
    t,
  );
  return await insertExam(
    server.db,
    {
      title: "英文拒绝考试",
      description: "",
      blueprint: [{ count: 1, points: 1, tags: [TAG] }],
      timeLimitMinutes: 10,
      passPercent: 60,
      attemptsAllowed: 2,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: false,
      shuffleOptions: false,
      multipleScoring: "all-or-nothing",
      reviewMode: "score",
      reviewFrom: null,
      certificateName: null,
      certificateValidityMonths: null,
      audience: "everyone",
      status: "published",
      createdBy: null,
    },
    [],
    t,
  );
}

/** A signed-in learner with an attempt just started; English when `english`. */
async function sitter(employeeNo: string, examId: number, english: boolean): Promise<{ b: Browserish; attemptId: string }> {
  await createUser(server.db, { employeeNo, password: "refusal-pass-1" });
  const b = new Browserish(server.url);
  if (english) expect((await b.post("/lang", { locale: "en" })).status).toBe(302);
  await b.login(employeeNo, "refusal-pass-1");
  const start = await b.post(`/exams/${examId}`, {});
  expect(start.status).toBe(302);
  return { b, attemptId: start.headers.get("location")!.split("/").pop()! };
}

const saveBody = (position: number, seq: number) => JSON.stringify({ intent: "save", position, response: true, seq });
const save = (b: Browserish, attemptId: string, body: string) =>
  b.request(`/attempts/${attemptId}/save`, { method: "POST", headers: { "Content-Type": "application/json" }, body });

beforeAll(async () => {
  server = await startServer({ testClock: true });
});
afterAll(async () => {
  await server?.stop();
});

describe("exam refusals as JSON, in the reader's language", () => {
  it("English: a key, its values and an English message; Chinese: the same key, a Chinese message", async () => {
    const examId = await examWithOneQuestion();
    const en = await sitter("ER01", examId, true);
    const zh = await sitter("ER02", examId, false);

    // A question the paper does not have.
    const enNoQ = await save(en.b, en.attemptId, saveBody(7, 1));
    expect(enNoQ.status).toBe(400);
    const enNoQBody = await enNoQ.json();
    expect(enNoQBody).toMatchObject({ ok: false, code: "badRequest", messageKey: "exam.err.noSuchQuestion", message: "There is no such question in this attempt." });
    const zhNoQ = await (await save(zh.b, zh.attemptId, saveBody(7, 1))).json();
    expect(zhNoQ).toMatchObject({ messageKey: "exam.err.noSuchQuestion", message: "没有这道题" });

    // A malformed save body (the body checks' own refusal).
    const enBad = await (await save(en.b, en.attemptId, "{")).json();
    expect(enBad.messageKey).toBe("autosave.error.malformed");
    expect(enBad.message).not.toMatch(HAN);

    // A submission saying why in a way the server does not know.
    const enSubmit = await en.b.post(`/attempts/${en.attemptId}/submit`, { reason: "bored" });
    expect(enSubmit.status).toBe(400);
    expect(await enSubmit.json()).toMatchObject({ messageKey: "exam.err.badSubmit", message: "The submission is not valid: reason must be learner or time." });

    // The page's countdown says time is up, but the server's deadline is later.
    const early = await en.b.post(`/attempts/${en.attemptId}/submit`, { reason: "time" });
    expect(early.status).toBe(409);
    const earlyBody = await early.json();
    expect(earlyBody).toMatchObject({ ok: false, code: "timeNotUp", messageKey: "exam.err.timeNotUp" });
    expect(earlyBody.message).toMatch(/^Time is not up yet/);
    expect(typeof earlyBody.deadline).toBe("number");

    // Past the deadline (and its grace): the save is refused, in each reader's language.
    await server.clock.advance(11 * 60_000);
    const enLate = await save(en.b, en.attemptId, saveBody(0, 2));
    expect(enLate.status).toBe(409);
    const enLateBody = await enLate.json();
    expect(enLateBody).toMatchObject({ ok: false, code: "deadlinePassed", messageKey: "exams.result.late" });
    expect(enLateBody.message).toMatch(/time/i);
    expect(enLateBody.message).not.toMatch(HAN);
    const zhLate = await (await save(zh.b, zh.attemptId, saveBody(0, 2))).json();
    expect(zhLate).toMatchObject({ code: "deadlinePassed", messageKey: "exams.result.late", message: "考试时间已到，这次保存没有被接受；此前已保存的答案都已保留并已交卷。" });

    // The attempt is now submitted: a further save says so, in English.
    const enClosed = await (await save(en.b, en.attemptId, saveBody(0, 3))).json();
    expect(enClosed.code).toBe("submitted");
    expect(enClosed.message).not.toMatch(HAN);
    expect(typeof enClosed.messageKey).toBe("string");
  });

  it("a signed-out save is refused in the language of the cookie it still has", async () => {
    const b = new Browserish(server.url);
    await b.post("/lang", { locale: "en" });
    const res = await save(b, "nope", saveBody(0, 1));
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.messageKey).toBe("autosave.error.signedOut");
    expect(body.message).not.toMatch(HAN);
  });
});
