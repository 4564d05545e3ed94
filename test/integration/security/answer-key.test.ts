/**
 * No path to the answer key (issue 8 §1), through the built server: the "always answer the first-written
 * option" attack on a GIFT-imported exam (shuffle on and off), practice never serving a question of an
 * open paper or an exam-only pool, and the result page keeping the key while attempts remain (the demo
 * exam's configuration). Needs `npx remix vite:build` first.
 */
import { exec, row, rows } from "@db/client";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { decode } from "turbo-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertExam, type NewExam } from "@db/queries/exams";
import { insertQuestion } from "@db/queries/questions";
import { attempts, questions, questionVersions } from "@db/schema";
import { DEMO_EXAM } from "~/demo.server";
import { emptyDatabase } from "../../helpers/db-target";
import { Browserish, createUser, startServer, tempDir, type TestServer } from "../../helpers/server";

const run = promisify(execFile);
const ATTACK_TAG = "先写正确项";
const N_ATTACK = 24;

let server: TestServer;

/** GIFT as Moodle authors write it: the right answer first, every time. */
function giftFile(): string {
  const blocks: string[] = [];
  for (let i = 1; i <= N_ATTACK; i++) {
    blocks.push(`// [tag:${ATTACK_TAG}]\n::atk${i}::第 ${i} 题:下列哪一项正确?{\n=正确说法${i}\n~错误说法甲${i}\n~错误说法乙${i}\n~错误说法丙${i}\n}\n`);
  }
  return blocks.join("\n");
}

async function decodeData(res: Response): Promise<Record<string, { data?: unknown }>> {
  const { value, done } = await decode(res.body!, { plugins: [(type: string, ...rest: unknown[]) => ({ value: { __type: type, rest } })] });
  await done;
  return value as Record<string, { data?: unknown }>;
}

type Item = { position: number; type: string; options: { id: string; html: string }[] };
async function paperItems(b: Browserish, attemptId: string): Promise<Item[]> {
  const data = await decodeData(await b.get(`/attempts/${attemptId}.data`));
  return (Object.entries(data).find(([id]) => id.includes("attempts"))![1].data as { items: Item[] }).items;
}

const saveJson = (b: Browserish, id: string, body: unknown) =>
  b.request(`/attempts/${id}/save`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

async function exam(overrides: Partial<NewExam>): Promise<number> {
  return await insertExam(
    server.db,
    {
      title: "攻击测试考试",
      description: null,
      blueprint: [{ count: N_ATTACK, points: 1, tags: [ATTACK_TAG] }],
      timeLimitMinutes: 30,
      passPercent: 60,
      attemptsAllowed: 5,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: true,
      shuffleOptions: true,
      multipleScoring: "all-or-nothing",
      reviewMode: "explanations",
      reviewFrom: null,
      certificateName: "攻击测试证书",
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

async function start(b: Browserish, examId: number): Promise<string> {
  const res = await b.post(`/exams/${examId}`, {});
  expect(res.status).toBe(302);
  return res.headers.get("location")!.split("/").pop()!;
}

/** Through the schema, so `passed` is a boolean on both engines. */
const percentOf = async (attemptId: string) =>
  (await server.db.select({ percent_bp: attempts.percentBp, passed: attempts.passed }).from(attempts).where(eq(attempts.id, attemptId)))[0];

/** Every stored version of the attack questions, read through the schema (`options`, `answer` and `tags` parsed on both engines). */
const attackVersions = async () =>
  (
    await server.db
      .select({ options: questionVersions.options, answer: questionVersions.answer, tags: questions.tags })
      .from(questionVersions)
      .innerJoin(questions, eq(questions.id, questionVersions.questionId))
  ).filter((r) => r.tags.includes(ATTACK_TAG));

beforeAll(async () => {
  const dir = tempDir();
  const target = await emptyDatabase("attack");
  const file = path.join(dir, "attack.gift");
  fs.writeFileSync(file, giftFile());
  // The real import path: the bank CLI on the database the server then serves.
  await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/bank.ts", "import", file, "--format", "gift", "--publish"], {
    env: { PATH: process.env.PATH, NODE_ENV: "production", ...target.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  server = await startServer({ ...target.sameDatabase });
  for (const no of ["K001", "K002", "K003", "K004", "K005"]) await createUser(server.db, { employeeNo: no, role: "learner", password: "keys-pass-1" });
});
afterAll(() => server?.stop());

async function learner(no: string) {
  const b = new Browserish(server.url);
  await b.login(no, "keys-pass-1");
  return b;
}

describe("option ids and order carry no information (GIFT written right-answer-first)", () => {
  it("the import stored neither GIFT's a, b, c ids nor the written order", async () => {
    const stored = await attackVersions();
    expect(stored).toHaveLength(N_ATTACK);
    let storedFirst = 0;
    for (const r of stored) {
      expect(r.options.some((o) => /^[a-d]$/.test(o.id))).toBe(false);
      if (r.options[0].id === r.answer) storedFirst++;
    }
    expect(storedFirst).toBeLessThan(N_ATTACK / 2);
  });

  for (const shuffleOptions of [true, false]) {
    it(`answering "a" everywhere, or the first option shown everywhere, does not pass (shuffleOptions ${shuffleOptions ? "on" : "off"})`, async () => {
      const examId = await exam({ title: `先写正确项攻击(${shuffleOptions ? "打乱" : "不打乱"})`, shuffleOptions });
      const b = await learner(shuffleOptions ? "K001" : "K002");

      // 1. By id: "a" (and "A") as GIFT named the first-written option.
      const byId = await start(b, examId);
      const stored = new Set((await attackVersions()).flatMap((r) => r.options.map((o) => o.id)));
      const items = await paperItems(b, byId);
      const html = await (await b.get(`/attempts/${byId}`)).text();
      for (const item of items) for (const o of item.options) expect(stored.has(o.id), `stored id ${o.id} reached the browser`).toBe(false);
      for (const id of stored) expect(html).not.toContain(id);
      let seq = 1;
      for (const item of items) {
        // An id this attempt did not show is refused at save time (nothing stored), and the reply names no id.
        const res = await saveJson(b, byId, { intent: "save", position: item.position, response: "a", seq: seq++ });
        expect(res.status).toBe(400);
        const reply = await res.text();
        for (const id of stored) expect(reply).not.toContain(id);
      }
      expect((await b.post(`/attempts/${byId}/submit`, {})).status).toBe(302);
      expect((await percentOf(byId)).percent_bp).toBe(0);

      // 2. By position: the first option on screen, everywhere.
      const byPosition = await start(b, examId);
      const items2 = await paperItems(b, byPosition);
      for (const item of items2) {
        expect((await saveJson(b, byPosition, { intent: "save", position: item.position, response: item.options[0].id, seq: seq++ })).status).toBe(200);
      }
      expect((await b.post(`/attempts/${byPosition}/submit`, {})).status).toBe(302);
      const r = await percentOf(byPosition);
      expect(r.passed).toBe(false);
      expect(r.percent_bp).toBeLessThan(6000); // chance is 25 %

      // The right option, picked by its text, does score: the mapping back works.
      const honest = await start(b, examId);
      const items3 = await paperItems(b, honest);
      for (const item of items3) {
        const right = item.options.find((o) => o.html.includes("正确说法"))!;
        await saveJson(b, honest, { intent: "save", position: item.position, response: right.id, seq: seq++ });
      }
      // Resuming shows the saved answers with this attempt's ids.
      const resumed = await paperItems(b, honest);
      for (const item of resumed as (Item & { response: string })[]) expect(item.options.find((o) => o.id === item.response)!.html).toContain("正确说法");
      await b.post(`/attempts/${honest}/submit`, {});
      expect((await percentOf(honest)).percent_bp).toBe(10_000);
    });
  }
});

describe("practice never serves a question of the learner's open paper, nor an exam-only pool", () => {
  const OPEN_TAG = "练习隔离";
  const RESERVED_TAG = "仅考试";
  const stems = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}题${i + 1}:这句话对吗?`);

  beforeAll(async () => {
    // Narrow one module to known questions, so what practice may serve is known.
    await exec(server.db, sql`update questions set status = 'retired' where module = 'etiquette'`);
    const t = Date.now();
    const add = async (tag: string, stem: string, i: number) =>
      await insertQuestion(server.db, {
        id: `${tag === OPEN_TAG ? "iso" : "res"}-${i}`,
        source: "authored",
        status: "published",
        content: { type: "true_false", stem, options: [], answer: i % 2 === 0, explanation: "", module: "etiquette", section: null, facts: [], tags: [tag], family: "" },
        createdBy: null,
        note: "test",
      }, t);
    for (const [i, s] of stems(OPEN_TAG, 4).entries()) await add(OPEN_TAG, s, i);
    for (const [i, s] of stems(RESERVED_TAG, 2).entries()) await add(RESERVED_TAG, s, i);
  });

  const served = async (b: Browserish) => {
    const html = await (await b.get("/practice/etiquette")).text();
    const stem = [...stems(OPEN_TAG, 4), ...stems(RESERVED_TAG, 2)].find((s) => html.includes(s)) ?? null;
    const ref = /name="ref" value="([^"]*)"/.exec(html)?.[1] ?? null;
    return { stem, ref };
  };

  it("an open paper's questions never appear; after submitting they may; reserved ones never do", async () => {
    await exam({ title: "仅考试题库", blueprint: [{ count: 1, points: 1, tags: [RESERVED_TAG] }] }); // exam-only by default
    const b = await learner("K003");
    // Refs to every practice question, taken before the exam starts (the answer would show the key).
    const refs = new Map<string, string>();
    for (let i = 0; i < 200 && refs.size < 4; i++) {
      const s = await served(b);
      expect(s.stem, "an exam-only question was served").not.toMatch(new RegExp(RESERVED_TAG));
      if (s.stem && s.ref) refs.set(s.stem, s.ref);
    }
    expect(refs.size).toBe(4);

    const openExam = await exam({ title: "练习隔离考试", blueprint: [{ count: 2, points: 1, tags: [OPEN_TAG] }], examOnlyPool: false });
    const attemptId = await start(b, openExam);
    const onPaper = new Set(
      (await rows<{ stem: string }>(server.db, sql`select v.stem from attempt_items i join question_versions v on v.question_id = i.question_id and v.version = i.version where i.attempt_id = ${attemptId}`)).map((r) => r.stem),
    );
    expect(onPaper.size).toBe(2);

    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const s = await served(b);
      expect(s.stem).not.toBeNull();
      expect(onPaper.has(s.stem!), `practice served ${s.stem} from the open paper`).toBe(false);
      expect(s.stem).not.toMatch(new RegExp(RESERVED_TAG));
      seen.add(s.stem!);
    }
    expect(seen.size).toBe(2); // the other two are served
    // Answering a paper question in practice with a reference held from before: refused, no key.
    for (const stem of onPaper) {
      const res = await b.post("/practice/etiquette", { ref: refs.get(stem)!, answer: "true" });
      expect(res.status).toBe(409);
      const text = await res.text();
      expect(text).not.toContain("回答正确");
      expect(text).not.toContain("回答错误");
    }
    expect((await row<{ n: number }>(server.db, sql`select count(*) as "n" from practice_answers where user_id = (select id from users where employee_no = 'K003')`))!.n).toBe(0);

    // Another learner without an open paper is served them.
    const other = await learner("K004");
    const otherSeen = new Set<string>();
    for (let i = 0; i < 60 && otherSeen.size < 4; i++) otherSeen.add((await served(other)).stem!);
    expect(otherSeen.size).toBe(4);

    // Finalised: the paper's questions (not reserved) may appear again.
    await b.post(`/attempts/${attemptId}/submit`, {});
    const after = new Set<string>();
    for (let i = 0; i < 80 && after.size < 4; i++) after.add((await served(b)).stem!);
    expect(after.size).toBe(4);
  });
});

describe("review between attempts (the demo exam's configuration)", () => {
  it("a blank attempt's result shows no key while attempts remain; after the last attempt it does", async () => {
    const examId = await insertExam(server.db, { ...DEMO_EXAM, status: "published", createdBy: null }, [], Date.now());
    expect(DEMO_EXAM.examOnlyPool).toBe(true);
    expect(DEMO_EXAM.reviewTiming).not.toBe("immediately");
    const b = await learner("K005");
    const explanations = async () =>
      (await rows<{ explanation: string }>(server.db, sql`select v.explanation from attempt_items i join question_versions v on v.question_id = i.question_id and v.version = i.version join attempts a on a.id = i.attempt_id where a.exam_id = ${examId}`))
        .map((r) => r.explanation.split("\n")[0].slice(0, 20))
        .filter((e) => e.length >= 6);

    for (let n = 1; n <= 3; n++) {
      const attemptId = await start(b, examId);
      await b.post(`/attempts/${attemptId}/submit`, {}); // blank
      const res = await b.get(`/attempts/${attemptId}/result`);
      expect(res.status).toBe(200);
      const html = (await res.text()).replace(/&quot;/g, '"');
      const data = await decodeData(await b.get(`/attempts/${attemptId}/result.data`));
      const route = Object.entries(data).find(([id]) => id.includes("result"))![1].data as { level: string; items: unknown };
      if (n < 3) {
        expect(route.level).toBe("score");
        expect(route.items).toBeNull();
        expect(html).toContain("你还可以再考");
        expect(html).not.toContain('data-testid="right-answer"');
        expect(html).not.toContain('data-testid="explanation"');
        for (const e of await explanations()) expect(html).not.toContain(e);
      } else {
        // No attempt left: now, and only now, the right answers and explanations.
        expect(route.level).toBe("explanations");
        expect(route.items).not.toBeNull();
        expect(html).toContain('data-testid="right-answer"');
        expect(html).toContain('data-testid="explanation"');
      }
    }
  });
});
