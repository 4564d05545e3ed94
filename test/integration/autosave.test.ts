/**
 * The one autosave handler (app/autosave.server.ts) over HTTP through the built server: JSON replies for
 * every refusal (signed out, malformed, too large, cross-origin, wrong fields), answers of the wrong
 * shape for their question refused at save time and not stored, right shapes stored. And the same
 * handler answers in development mode (Vite), where the route used to redirect instead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertExam } from "@db/queries/exams";
import { insertQuestion } from "@db/queries/questions";
import type { QuestionContent } from "~/domain/question";
import { answerAsShown } from "~/exams.server";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

const TAG = "自动保存测试";
const base = { module: null, section: null, facts: [], tags: [TAG], explanation: "", family: "" };
const QUESTIONS: Record<string, QuestionContent> = {
  "as-single": { ...base, type: "single", stem: "单选", options: [{ id: "s1", text: "甲" }, { id: "s2", text: "乙" }], answer: "s2" },
  "as-multiple": { ...base, type: "multiple", stem: "多选", options: [{ id: "m1", text: "一" }, { id: "m2", text: "二" }, { id: "m3", text: "三" }], answer: ["m1", "m3"] },
  "as-tf": { ...base, type: "true_false", stem: "判断", options: [], answer: false },
  "as-numeric": { ...base, type: "numeric", stem: "数值", options: [], answer: { value: 15, tolerance: 0, unit: "秒" } },
  "as-ordering": { ...base, type: "ordering", stem: "排序", options: [{ id: "o1", text: "一" }, { id: "o2", text: "二" }], answer: ["o1", "o2"] },
  "as-matching": { ...base, type: "matching", stem: "匹配", options: [], answer: [["左一", "右一"], ["左二", "右二"]] },
};

let server: TestServer;
let learner: Browserish;
let attemptId: string;
/** Position of each question type on this attempt's (shuffled) paper. */
const at: Record<string, number> = {};

const post = (b: Browserish, body: string, init: { origin?: string | null; contentType?: string } = {}) =>
  b.request(`/attempts/${attemptId}/save`, { method: "POST", headers: { "Content-Type": init.contentType ?? "application/json" }, body, origin: init.origin });
const save = (position: number, response: unknown, seq: number) => post(learner, JSON.stringify({ intent: "save", position, response, seq }));
/** An answer in the question's own option ids as this attempt's page sends it (its opaque ids). */
function asShown(type: string, response: unknown): unknown {
  if (!["single", "multiple", "ordering"].includes(type)) return response;
  const position = at[type];
  const a = server.db.$client.prepare("select seed from attempts where id = ?").get(attemptId) as { seed: string };
  const row = server.db.$client.prepare("select option_order as o from attempt_items where attempt_id = ? and position = ?").get(attemptId, position) as { o: string };
  const order = JSON.parse(row.o) as string[];
  const map = (id: unknown) => (typeof id === "string" && order.includes(id) ? answerAsShown(a, { position, optionOrder: order }, "single", id) : id);
  return Array.isArray(response) ? response.map(map) : map(response);
}
const stored = (position: number) =>
  server.db.$client.prepare("select response, response_seq as seq from attempt_items where attempt_id = ? and position = ?").get(attemptId, position) as { response: string | null; seq: number };

async function expectJsonRefusal(res: Response, status: number, body: Record<string, unknown>) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(await res.json()).toMatchObject({ ok: false, ...body });
}

beforeAll(async () => {
  server = await startServer();
  const t = Date.now();
  for (const [id, content] of Object.entries(QUESTIONS)) await insertQuestion(server.db, { id, source: "authored", status: "published", content, createdBy: null, note: "test" }, t);
  const examId = await insertExam(
    server.db,
    {
      title: "自动保存考试",
      description: "",
      blueprint: [{ count: 6, points: 1, tags: [TAG] }],
      timeLimitMinutes: 30,
      passPercent: 60,
      attemptsAllowed: 1,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: true,
      shuffleOptions: true,
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
  await createUser(server.db, { employeeNo: "AS01", password: "autosave-pass" });
  learner = new Browserish(server.url);
  await learner.login("AS01", "autosave-pass");
  const start = await learner.post(`/exams/${examId}`, {});
  attemptId = start.headers.get("location")!.split("/").pop()!;
  const rows = server.db.$client.prepare("select position, question_id as q from attempt_items where attempt_id = ?").all(attemptId) as { position: number; q: string }[];
  for (const r of rows) at[QUESTIONS[r.q].type] = r.position;
  expect(Object.keys(at)).toHaveLength(6);
});

afterAll(async () => {
  await server?.stop();
});

describe("autosave refusals are JSON, with a message", () => {
  it("signed out: 401 (not a redirect), nothing written", async () => {
    const res = await post(new Browserish(server.url), JSON.stringify({ intent: "save", position: at.single, response: "s1", seq: 5 }));
    await expectJsonRefusal(res, 401, { code: "signedOut", messageKey: "autosave.error.signedOut", message: expect.stringContaining("重新登录") });
    expect(stored(at.single).seq).toBe(0);
  });

  it("malformed JSON and a body that is not UTF-8: 400", async () => {
    await expectJsonRefusal(await post(learner, "{intent: save"), 400, { code: "badRequest", messageKey: "autosave.error.malformed", message: "保存请求不是有效的 JSON，未保存。" });
    const latin1 = await learner.request(`/attempts/${attemptId}/save`, { method: "POST", body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
    await expectJsonRefusal(latin1, 400, { messageKey: "autosave.error.malformed" });
  });

  it("a body over the limit: 413 as JSON (not Express's HTML page), whatever its Content-Type", async () => {
    const big = JSON.stringify({ intent: "save", position: at.single, response: "甲".repeat(10_000), seq: 7 });
    // Refused by the server's body-size layer before the body is read (app/domain/body-limits.ts).
    await expectJsonRefusal(await post(learner, big), 413, { code: "tooLarge", message: expect.stringContaining("8 KB") });
    await expectJsonRefusal(await post(learner, big, { contentType: "text/plain" }), 413, { code: "tooLarge" });
    expect(stored(at.single).seq).toBe(0);
  });

  it("fields that do not fit the schema: 400 naming the field; an unknown intent", async () => {
    await expectJsonRefusal(await post(learner, JSON.stringify({ intent: "save", position: -1, response: null, seq: 1 })), 400, {
      messageKey: "autosave.error.invalid",
      messageVars: { field: "position" },
      message: "保存请求无效：字段 position 不符合要求，未保存。",
    });
    await expectJsonRefusal(await post(learner, JSON.stringify({ intent: "save", position: 0, response: null, seq: "2" })), 400, { messageVars: { field: "seq" } });
    await expectJsonRefusal(await post(learner, JSON.stringify({ intent: "flag", position: 0, flagged: "yes" })), 400, { messageVars: { field: "flagged" } });
    await expectJsonRefusal(await post(learner, JSON.stringify({ intent: "erase" })), 400, { messageKey: "autosave.error.unknownIntent" });
    await expectJsonRefusal(await save(99, "x", 3), 400, { message: "没有这道题" });
  });

  it("cross-origin: 403 as JSON, nothing written", async () => {
    const res = await post(learner, JSON.stringify({ intent: "save", position: at.single, response: "s1", seq: 9 }), { origin: "https://evil.example" });
    await expectJsonRefusal(res, 403, { code: "crossOrigin" });
    expect(stored(at.single).seq).toBe(0);
  });
});

describe("an answer of the wrong shape for its question is refused at save time and not stored", () => {
  const cases: [string, unknown, string][] = [
    ["single", ["s1"], "答案格式不符合单选题的要求，未保存。"],
    ["single", "s9", "答案里有本题没有的选项，未保存。"],
    ["multiple", "m1", "答案格式不符合多选题的要求，未保存。"],
    ["multiple", ["m1", "zz"], "答案里有本题没有的选项，未保存。"],
    ["true_false", "false", "答案格式不符合判断题的要求，未保存。"],
    ["numeric", "15", "数值题的答案必须是一个数，未保存。"],
    ["numeric", { value: 15 }, "数值题的答案必须是一个数，未保存。"],
    ["ordering", ["o1", "o1"], "答案格式不符合排序题的要求，未保存。"],
    ["matching", [["左九", "右一"]], "匹配题的答案里有本题没有的项目，未保存。"],
    ["matching", "左一", "答案格式不符合匹配题的要求，未保存。"],
  ];
  for (const [type, response, message] of cases) {
    it(`${type}: ${JSON.stringify(response)}`, async () => {
      const position = at[type];
      const before = stored(position);
      await expectJsonRefusal(await save(position, asShown(type, response), before.seq + 1000), 400, { code: "badRequest", message });
      expect(stored(position)).toEqual(before);
    });
  }

  it("answers of the right shape are stored (and null clears one)", async () => {
    const right: [string, unknown][] = [
      ["single", "s2"],
      ["multiple", ["m1", "m3"]],
      ["true_false", false],
      ["numeric", 15],
      ["ordering", ["o2", "o1"]],
      ["matching", [["左一", "右二"]]],
    ];
    for (const [type, response] of right) {
      const seq = stored(at[type]).seq + 1;
      const res = await save(at[type], asShown(type, response), seq);
      expect(res.status, type).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, applied: true });
      expect(stored(at[type])).toEqual({ response: JSON.stringify(response), seq });
    }
    const seq = stored(at.single).seq + 1;
    expect((await save(at.single, null, seq)).status).toBe(200);
    expect(stored(at.single)).toEqual({ response: "null", seq });
  });
});

describe("development mode (Vite) answers with the same handler", () => {
  let dev: TestServer;
  // Vite compiles the app on start: slow on a loaded 2-core machine, so a longer wait for "started".
  beforeAll(async () => {
    dev = await startServer({ env: { NODE_ENV: "development" }, startTimeoutMs: 150_000 });
    await createUser(dev.db, { employeeNo: "AS02", password: "autosave-pass" });
  }, 180_000);
  afterAll(async () => {
    await dev?.stop();
  });

  it("signed out: 401 JSON (the route used to redirect to sign-in); too large: 413 JSON; malformed: 400 JSON", { timeout: 120_000 }, async () => {
    const anon = new Browserish(dev.url);
    const body = JSON.stringify({ intent: "sync" });
    const signedOut = await anon.request("/attempts/whatever/save", { method: "POST", headers: { "Content-Type": "application/json" }, body });
    expect(signedOut.headers.get("location")).toBeNull();
    await expectJsonRefusal(signedOut, 401, { code: "signedOut" });

    const b = new Browserish(dev.url);
    await b.login("AS02", "autosave-pass");
    const big = await b.request("/attempts/whatever/save", { method: "POST", headers: { "Content-Type": "application/json" }, body: "x".repeat(20_000) });
    await expectJsonRefusal(big, 413, { code: "tooLarge" });
    await expectJsonRefusal(await b.request("/attempts/whatever/save", { method: "POST", body: "{" }), 400, { messageKey: "autosave.error.malformed" });
    await expectJsonRefusal(await b.request("/attempts/whatever/save", { method: "POST", body }), 404, { code: "notFound" });
  });
});
