/**
 * Sitting an exam through the built server (npm run build first): starting, the answer key never
 * reaching the browser while the attempt is open (page HTML, single-fetch data, save replies), another
 * learner's attempt being a 404, cross-origin saves refused, and saves after submitting refused.
 */
import { answerAsShown } from "~/exams.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode } from "turbo-stream";
import { insertExam, type NewExam } from "@db/queries/exams";
import { insertQuestion } from "@db/queries/questions";
import { and, count, eq } from "drizzle-orm";
import { attemptItems, attempts, certificates as certificatesTable, questionVersions } from "@db/schema";
import type { QuestionContent } from "~/domain/question";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

const TAG = "泄露测试";
const MARK = "LEAKMARK";
const base = { module: null, section: null, facts: [], tags: [TAG], family: "" };
/** Every key and explanation is distinctive, so finding one in a response means it leaked. */
const QUESTIONS: Record<string, QuestionContent> = {
  "leak-single": {
    ...base,
    type: "single",
    stem: "单选:哪一个?",
    options: [{ id: "k1", text: "甲" }, { id: "k2", text: "乙" }, { id: "k3", text: "丙" }],
    answer: "k2",
    explanation: `${MARK}-single 正确的是乙`,
  },
  "leak-multiple": {
    ...base,
    type: "multiple",
    stem: "多选:哪些?",
    options: [{ id: "m1", text: "一" }, { id: "m2", text: "二" }, { id: "m3", text: "三" }],
    answer: ["m1", "m3"],
    explanation: `${MARK}-multiple`,
  },
  "leak-tf": { ...base, type: "true_false", stem: "判断:对吗?", options: [], answer: false, explanation: `${MARK}-tf` },
  "leak-numeric": {
    ...base,
    type: "numeric",
    stem: "数值:多少分钟?",
    options: [],
    answer: { value: 7391.5, tolerance: 0.25, unit: "分钟" },
    explanation: `${MARK}-numeric`,
  },
  "leak-ordering": {
    ...base,
    type: "ordering",
    stem: "排序:先后?",
    options: [{ id: "o1", text: "第三步骤" }, { id: "o2", text: "第一步骤" }, { id: "o3", text: "第二步骤" }],
    answer: ["o2", "o3", "o1"],
    explanation: `${MARK}-ordering`,
  },
  "leak-matching": {
    ...base,
    type: "matching",
    stem: "匹配:对应?",
    options: [],
    answer: [
      ["左一", "右一"],
      ["左二", "右二"],
    ],
    explanation: `${MARK}-matching`,
  },
  "leak-blank": {
    ...base,
    type: "fill_blank",
    stem: "填空:应在___内回访,并____。",
    options: [],
    answer: [["BLANKKEYONE", "BLANKKEYALT"], ["BLANKKEYTWO"]],
    explanation: `${MARK}-blank`,
  },
};

/** Keys that would reveal the key or let it be recomputed. */
const FORBIDDEN_KEYS = ["answer", "answers", "explanation", "tolerance", "value", "correct", "isCorrect", "rightAnswer", "key", "questionId", "version", "seed", "scoreMilli", "score", "passed"];
const ITEM_KEYS = ["blanks", "flagged", "lefts", "options", "points", "position", "response", "rights", "saved", "seq", "stemHtml", "type", "unit"];

let server: TestServer;
let examId: number;
let alice: Browserish;
let bob: Browserish;
let carol: Browserish;

/** A learner's attempt at the exam: 开始考试 (which returns the open attempt if there is one). */
async function startAttempt(b: Browserish): Promise<string> {
  const start = await b.post(`/exams/${examId}`, {});
  expect(start.status).toBe(302);
  return start.headers.get("location")!.split("/").pop()!;
}
/** Alice's open attempt, started by whichever test needs it first, so each test also passes alone. */
let alicesAttempt: Promise<string> | undefined;
const attempt = () => (alicesAttempt ??= startAttempt(alice));

async function decodeData(res: Response): Promise<unknown> {
  const { value, done } = await decode(res.body!, {
    plugins: [(type: string, ...rest: unknown[]) => ({ value: { __type: type, rest } })],
  });
  await done;
  return value;
}

function allKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => allKeys(v, into));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      allKeys(v, into);
    }
  }
  return into;
}

function expectNoKey(text: string, where: string) {
  expect(text, where).not.toContain(MARK);
  expect(text, where).not.toContain("7391");
  expect(text, where).not.toContain("BLANKKEY");
  expect(text, where).not.toMatch(/"(answer|explanation|tolerance|correct|isCorrect|questionId|seed)"/);
}

const saveJson = (b: Browserish, id: string, body: unknown, origin?: string | null) =>
  b.request(`/attempts/${id}/save`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), origin });

async function makeExam(overrides: Partial<NewExam> = {}): Promise<number> {
  return await insertExam(
    server.db,
    {
      title: "泄露检查考试",
      description: "考试说明",
      blueprint: [{ count: 7, points: 1, tags: [TAG] }],
      timeLimitMinutes: 30,
      passPercent: 60,
      attemptsAllowed: 2,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: true,
      shuffleOptions: true,
      multipleScoring: "all-or-nothing",
      reviewMode: "explanations",
      reviewFrom: null,
      certificateName: "泄露检查证书",
      certificateValidityMonths: 12,
      audience: "everyone",
      status: "published",
      createdBy: null,
      ...overrides,
    },
    [],
    Date.now(),
  );
}

beforeAll(async () => {
  server = await startServer();
  const t = Date.now();
  for (const [id, content] of Object.entries(QUESTIONS)) await insertQuestion(server.db, { id, source: "authored", status: "published", content, createdBy: null, note: "test" }, t);
  examId = await makeExam();
  await createUser(server.db, { employeeNo: "H1001", password: "alice-pass-1" });
  await createUser(server.db, { employeeNo: "H1002", password: "bob-pass-12" });
  await createUser(server.db, { employeeNo: "H1003", password: "carol-pass-1" });
  alice = new Browserish(server.url);
  bob = new Browserish(server.url);
  carol = new Browserish(server.url);
  await alice.login("H1001", "alice-pass-1");
  await bob.login("H1002", "bob-pass-12");
  await carol.login("H1003", "carol-pass-1");
});

afterAll(async () => {
  await server?.stop();
});

describe("starting an exam", () => {
  it("lists the exam, shows its details, and 开始考试 redirects to the attempt (again: the same one)", async () => {
    const list = await alice.get("/exams");
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain("泄露检查考试");
    expect(html).toContain("可以开始");
    const details = await alice.get(`/exams/${examId}`);
    expect(details.status).toBe(200);
    expect(await details.text()).toContain("开始考试");

    const start = await alice.post(`/exams/${examId}`, {});
    expect(start.status).toBe(302);
    const location = start.headers.get("location")!;
    expect(location).toMatch(/^\/attempts\/[\w-]{16,}$/);
    expect(location).toBe(`/attempts/${await attempt()}`);

    const again = await alice.post(`/exams/${examId}`, {});
    expect(again.headers.get("location")).toBe(location);
    expect(await (await alice.get("/exams")).text()).toContain("进行中·继续作答");
  });

  it("a refusal is a clear message with its status", async () => {
    const later = await makeExam({ title: "下周开放的考试", opensAt: Date.now() + 7 * 86_400_000 });
    expect(await (await alice.get("/exams")).text()).toMatch(/下周开放的考试[\s\S]*未开放/);
    const res = await alice.post(`/exams/${later}`, {});
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain("考试尚未开放");
    expect(html).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
    const draft = await makeExam({ title: "草稿考试", status: "draft" });
    expect((await alice.get(`/exams/${draft}`)).status).toBe(404);
  });

  it("an unknown exam is a 404", async () => {
    expect((await alice.get("/exams/999999")).status).toBe(404);
    expect((await alice.post("/exams/999999", {})).status).toBe(404);
  });
});

describe("the answer key never reaches the browser while the attempt is open", () => {
  it("not in the page's HTML", async () => {
    const attemptId = await attempt();
    const res = await alice.get(`/attempts/${attemptId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const html = await res.text();
    expect(html).toContain("单选:哪一个?");
    expect(html).toContain("分钟"); // the numeric unit is part of the question as shown
    expect(html).toContain('role="timer"');
    expectNoKey(html, "attempt HTML");
  });

  it("not in the loader data (single fetch), whose items carry only what the page needs", async () => {
    const attemptId = await attempt();
    const res = await alice.get(`/attempts/${attemptId}.data`);
    expect(res.status).toBe(200);
    const raw = await res.clone().text();
    expectNoKey(raw, "attempt .data");
    const data = (await decodeData(res)) as Record<string, { data?: { items: Record<string, unknown>[] } }>;
    const route = Object.entries(data).find(([id]) => id.includes("attempts"))![1].data!;
    expect(route.items).toHaveLength(7);
    const storedIds = Object.values(QUESTIONS).flatMap((q) => q.options.map((o) => o.id));
    for (const item of route.items) {
      expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
      for (const o of item.options as Record<string, unknown>[]) {
        expect(Object.keys(o).sort()).toEqual(["html", "id"]);
        // Option ids are this attempt's opaque ids, never the question's own (which could be "correct").
        expect(storedIds).not.toContain(o.id);
      }
    }
    for (const id of storedIds) expect(raw).not.toContain(`"${id}"`);
    const keys = allKeys(data);
    for (const k of FORBIDDEN_KEYS) expect(keys.has(k), `key "${k}" in loader data`).toBe(false);
    // Numeric: the unit, never the value. Matching: the right-hand choices, never paired.
    const numeric = route.items.find((i) => i.type === "numeric")!;
    expect(numeric.unit).toBe("分钟");
    const matching = route.items.find((i) => i.type === "matching")!;
    expect(matching.lefts).toEqual(["左一", "左二"]);
    expect([...(matching.rights as string[])].sort()).toEqual(["右一", "右二"]);
    expect(matching.response).toBeNull();
    // Fill in the blank: how many blanks, never what fills them.
    const blank = route.items.find((i) => i.type === "fill_blank")!;
    expect(blank.blanks).toBe(2);
    expect(blank.options).toEqual([]);
    expect(blank.stemHtml).toContain("（1）");
    expect(blank.stemHtml).toContain("（2）");
  });

  it("not in the save replies, which say only whether the save was stored", async () => {
    const attemptId = await attempt();
    const page = (await decodeData(await alice.get(`/attempts/${attemptId}.data`))) as Record<string, { data?: { items: { position: number; type: string; options: { id: string; html: string }[] }[] } }>;
    const items = Object.entries(page).find(([id]) => id.includes("attempts"))![1].data!.items;
    let seq = 1;
    for (const item of items) {
      // The right answers, picked by their text and sent with this attempt's ids.
      const ids = (...texts: string[]) => texts.map((t) => item.options.find((o) => o.html === t)!.id);
      const response = item.type === "numeric" ? 7391.5 : item.type === "true_false" ? false : item.type === "single" ? ids("乙")[0] : item.type === "multiple" ? ids("一", "三") : item.type === "ordering" ? ids("第一步骤", "第二步骤", "第三步骤") : item.type === "fill_blank" ? ["三日", "道歉"] : [["左一", "右一"]];
      const res = await saveJson(alice, attemptId, { intent: "save", position: item.position, response, seq: seq++ });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(MARK);
      expect(Object.keys(JSON.parse(text)).sort()).toEqual(["applied", "deadline", "ok", "savedAt"]);
    }
    const flag = await saveJson(alice, attemptId, { intent: "flag", position: 0, flagged: true });
    expect(await flag.json()).toEqual({ ok: true });
    const sync = await saveJson(alice, attemptId, { intent: "sync" });
    expect(Object.keys(await sync.json()).sort()).toEqual(["deadline", "ok", "serverNow", "status"]);
    const visibility = await saveJson(alice, attemptId, { intent: "visibility", hidden: true });
    expect((await visibility.json()).ok).toBe(true);
    // Still no key with the answers saved: the reload shows them back, nothing more.
    expectNoKey((await (await alice.get(`/attempts/${attemptId}`)).text()).replace(/7391\.5/g, ""), "HTML after saving");
    expectNoKey((await (await alice.get(`/attempts/${attemptId}.data`)).text()).replace(/7391\.5/g, ""), ".data after saving");
  });

  it("the result page is not reachable before submitting", async () => {
    const attemptId = await attempt();
    const res = await alice.get(`/attempts/${attemptId}/result`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/attempts/${attemptId}`);
    const data = await alice.get(`/attempts/${attemptId}/result.data`);
    expectNoKey(await data.text(), "result .data while open");
  });

  it("bad save requests are refused with a clear message", async () => {
    const attemptId = await attempt();
    const notJson = await alice.request(`/attempts/${attemptId}/save`, { method: "POST", body: "not json" });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ ok: false, code: "badRequest" });
    const noSuchQuestion = await saveJson(alice, attemptId, { intent: "save", position: 99, response: "x", seq: 100 });
    expect(noSuchQuestion.status).toBe(400);
    expect((await noSuchQuestion.json()).message).toBe("没有这道题");
    expect((await saveJson(alice, attemptId, { intent: "nope" })).status).toBe(400);
    // The save-time shape check: a fill_blank response is one string per blank.
    const page = (await decodeData(await alice.get(`/attempts/${attemptId}.data`))) as Record<string, { data?: { items: { position: number; type: string }[] } }>;
    const blank = Object.entries(page).find(([id]) => id.includes("attempts"))![1].data!.items.find((i) => i.type === "fill_blank")!;
    for (const response of [["只有一个"], "不是数组", [1, 2], ["a", "b", "c"]]) {
      const res = await saveJson(alice, attemptId, { intent: "save", position: blank.position, response, seq: 500 });
      expect(res.status, JSON.stringify(response)).toBe(400);
      expect((await res.json()).message).toBe("答案格式不符合填空题的要求，未保存。");
    }
    const [stored] = await server.db
      .select({ response: attemptItems.response })
      .from(attemptItems)
      .where(and(eq(attemptItems.attemptId, attemptId), eq(attemptItems.position, blank.position)));
    expect(stored.response).toEqual(["三日", "道歉"]);
  });
});

describe("a learner cannot reach another's attempt", () => {
  it("page, data, save, submit and result are 404 for another learner", async () => {
    const attemptId = await attempt();
    expect(await (await saveJson(alice, attemptId, { intent: "flag", position: 0, flagged: true })).json()).toEqual({ ok: true });
    expect((await bob.get(`/attempts/${attemptId}`)).status).toBe(404);
    const data = await bob.get(`/attempts/${attemptId}.data`);
    expectNoKey(await data.text(), "another's .data");
    const save = await saveJson(bob, attemptId, { intent: "save", position: 0, response: "k1", seq: 10_000 });
    expect(save.status).toBe(404);
    expect(await save.json()).toMatchObject({ ok: false, code: "notFound" });
    expect((await saveJson(bob, attemptId, { intent: "flag", position: 0, flagged: false })).status).toBe(404);
    expect((await bob.post(`/attempts/${attemptId}/submit`, {})).status).toBe(404);
    expect((await bob.get(`/attempts/${attemptId}/result`)).status).toBe(404);
    // And alice's attempt is untouched.
    const [flagged] = await server.db
      .select({ flagged: attemptItems.flagged })
      .from(attemptItems)
      .where(and(eq(attemptItems.attemptId, attemptId), eq(attemptItems.position, 0)));
    expect(flagged.flagged).toBe(true);
  });

  it("signed out: the save is refused with 401 and a message, and nothing is written", async () => {
    const attemptId = await attempt();
    const anon = new Browserish(server.url);
    const res = await saveJson(anon, attemptId, { intent: "save", position: 0, response: "k1", seq: 10_001 });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, code: "signedOut", message: expect.stringContaining("重新登录") });
  });
});

describe("cross-origin and after submitting", () => {
  it("refuses a cross-origin save (403) and changes nothing", async () => {
    const attemptId = await attempt();
    const res = await saveJson(alice, attemptId, { intent: "save", position: 0, response: "k3", seq: 20_000 }, "http://evil.example");
    expect(res.status).toBe(403);
    const siteOnly = await alice.request(`/attempts/${attemptId}/save`, {
      method: "POST",
      origin: null,
      headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "cross-site" },
      body: JSON.stringify({ intent: "save", position: 0, response: "k3", seq: 20_001 }),
    });
    expect(siteOnly.status).toBe(403);
    const [row] = await server.db
      .select({ seq: attemptItems.responseSeq })
      .from(attemptItems)
      .where(and(eq(attemptItems.attemptId, attemptId), eq(attemptItems.position, 0)));
    expect(row.seq).toBeLessThan(20_000);
  });

  it("submits once, then refuses saves with 409; the result (and only now the key) is shown", async () => {
    // Carol's own attempt, every answer right, so submitting it passes and issues a certificate.
    const attemptId = await startAttempt(carol);
    const right: Record<string, unknown> = { single: "k2", multiple: ["m1", "m3"], true_false: false, numeric: 7391.5, ordering: ["o2", "o3", "o1"], matching: [["左一", "右一"], ["左二", "右二"]] };
    const items = await server.db
      .select({ position: attemptItems.position, optionOrder: attemptItems.optionOrder, type: questionVersions.type })
      .from(attemptItems)
      .innerJoin(questionVersions, and(eq(questionVersions.questionId, attemptItems.questionId), eq(questionVersions.version, attemptItems.version)))
      .where(eq(attemptItems.attemptId, attemptId));
    const [{ seed }] = await server.db.select({ seed: attempts.seed }).from(attempts).where(eq(attempts.id, attemptId));
    // The right answers as Carol's page sends them: this attempt's opaque option ids.
    const shown = (item: (typeof items)[number]) => answerAsShown({ seed }, { position: item.position, optionOrder: item.optionOrder }, item.type, right[item.type]);
    for (const item of items) expect((await saveJson(carol, attemptId, { intent: "save", position: item.position, response: shown(item), seq: 1 })).status).toBe(200);
    const submit = await carol.post(`/attempts/${attemptId}/submit`, {});
    expect(submit.status).toBe(302);
    expect(submit.headers.get("location")).toBe(`/attempts/${attemptId}/result`);
    const again = await carol.post(`/attempts/${attemptId}/submit`, {});
    expect(again.headers.get("location")).toBe(`/attempts/${attemptId}/result`);

    const late = await saveJson(carol, attemptId, { intent: "save", position: 0, response: "k1", seq: 30_000 });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ ok: false, code: "submitted" });

    const page = await carol.get(`/attempts/${attemptId}`);
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe(`/attempts/${attemptId}/result`);
    const result = await carol.get(`/attempts/${attemptId}/result`);
    expect(result.status).toBe(200);
    const html = await result.text();
    // Review mode "explanations", but a second attempt is allowed: the key stays hidden until none is left.
    expectNoKey(html, "result while an attempt remains");
    expect(html).toContain("你还可以再考");
    const second = await carol.post(`/exams/${examId}`, {});
    const secondId = second.headers.get("location")!.split("/").pop()!;
    expectNoKey(await (await carol.get(`/attempts/${attemptId}/result`)).text(), "first result while the second is open");
    await carol.post(`/attempts/${secondId}/submit`, {});
    const finalHtml = await (await carol.get(`/attempts/${attemptId}/result`)).text();
    expect(finalHtml).toContain(`${MARK}-single`);
    expect(finalHtml).toContain("7391.5");
    expect(finalHtml).toContain("BLANKKEYONE / BLANKKEYALT");
    const [certificates] = await server.db.select({ n: count() }).from(certificatesTable).where(eq(certificatesTable.attemptId, attemptId));
    expect(certificates.n).toBe(1);
    expect(html).toContain(`/verify/`);
  });
});
