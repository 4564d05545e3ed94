import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exec, row } from "@db/client";
import { asc, eq, sql } from "drizzle-orm";
import { practiceAnswers } from "@db/schema";
import { getQuestion } from "@db/queries/questions";
import type { NumericAnswer, Question } from "~/domain/question";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
const ids: Record<string, number> = {};

/** The single-choice question that is the only published question of business-hall during these tests. */
let singleId: string;
/** A true/false question whose id gives its answer away, the only published question of call-centre. */
let tfId: string;

beforeAll(async () => {
  server = await startServer();
  for (const no of ["P001", "P002", "P003", "P004", "P005", "P006"]) {
    ids[no] = (await createUser(server.db, { employeeNo: no, role: "learner", password: "learner-pass" })).id;
  }
  // Narrow two modules to one known question each, so the random pick is known.
  singleId = (await row<{ id: string }>(server.db,
    sql`select id from questions where module = 'business-hall' and status = 'published' and id like 'gen-%-single' order by id limit 1`,
  ))!.id;
  tfId = (await row<{ id: string }>(server.db,
    sql`select id from questions where module = 'call-centre' and status = 'published' and id like 'gen-fact-%-tf-false' order by id limit 1`,
  ))!.id;
  await exec(server.db, sql`update questions set status = 'retired' where module = 'business-hall' and id != ${singleId}`);
  await exec(server.db, sql`update questions set status = 'retired' where module = 'call-centre' and id != ${tfId}`);
});
afterAll(() => server?.stop());

async function learner(no: string) {
  const b = new Browserish(server.url);
  await b.login(no, "learner-pass");
  return b;
}
/** The id the page shows for the option with this text (ids are opaque, per display). */
function shownId(html: string, text: string): string {
  const esc = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`value="([^"]+)"[^>]*/?><span[^>]*>${esc}</span>`).exec(html);
  expect(m, `option “${text}” on the page`).toBeTruthy();
  return m![1];
}
const textOf = (q: Question, id: string) => q.options.find((o) => o.id === id)!.text;
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
/** Read through the schema, so `correct` is a boolean and `response` the parsed JSON on both engines. */
const answersOf = async (no: string) =>
  await server.db
    .select({
      question_id: practiceAnswers.questionId,
      version: practiceAnswers.version,
      correct: practiceAnswers.correct,
      mode: practiceAnswers.mode,
      response: practiceAnswers.response,
    })
    .from(practiceAnswers)
    .where(eq(practiceAnswers.userId, ids[no]))
    .orderBy(asc(practiceAnswers.id));
const cardOf = async (no: string, factId: string) =>
  await row<{ due: number; updated_at: number }>(server.db, sql`select due, updated_at from drill_cards where user_id = ${ids[no]} and fact_id = ${factId}`);
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const dueOnDashboard = async (b: Browserish) => {
  const html = await (await b.get("/dashboard")).text();
  const m = /data-testid="drill-due"[^>]*>今日待复习数字 (?:<!-- -->)?(\d+)/.exec(html);
  expect(m, "dashboard shows the due count").toBeTruthy();
  return Number(m![1]);
};
function rightAndWrong(q: Question): { right: string; wrong: string } {
  if (q.type === "numeric") {
    const value = (q.answer as NumericAnswer).value;
    return { right: String(value), wrong: String(value + 1) };
  }
  return { right: q.answer as string, wrong: q.options.find((o) => o.id !== q.answer)!.id };
}

describe("practice", () => {
  it("lists the modules with their question counts", async () => {
    const b = await learner("P001");
    const html = await (await b.get("/practice")).text();
    expect(html).toMatch(/data-practice-module="business-hall"[^]*?1 题/);
    expect(html).toContain('href="/practice/mixed"');
    expect(html).toContain('href="/practice/drill"');
    expect((await b.get("/practice/no-such-module")).status).toBe(404);
  });

  it("serves a question without its answer, in the page or in the loader data", async () => {
    const b = await learner("P001");
    const q = (await getQuestion(server.db, singleId))!;
    const res = await b.get("/practice/business-hall");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(decode(html)).toContain(q.stem.slice(0, 8));
    // Every option is offered once, the right one no differently from the others.
    // Ids are opaque per display: never the question's own (text-derived) ids.
    for (const o of q.options) {
      expect(html).not.toContain(o.id);
      expect(html.split(`value="${shownId(html, o.text)}"`).length - 1).toBe(1);
    }
    expect(html).not.toContain(singleId);
    expect(html).not.toContain("正确答案");
    expect(decode(html)).not.toContain(q.explanation.slice(0, 20));
    const data = await (await b.get("/practice/business-hall.data")).text();
    expect(data).not.toMatch(/"answer"|"explanation"/);
    expect(data).not.toContain(singleId);

    // A true/false question whose id ends in -tf-false: the id never reaches the page.
    const tf = await (await b.get("/practice/call-centre")).text();
    expect(tf).toContain('value="true"');
    expect(tf).not.toContain(tfId);
    expect(tf).not.toContain("tf-false");
    expect(await (await b.get("/practice/call-centre.data")).text()).not.toContain("tf-false");
  });

  it("grades a right and a wrong answer with the explanation and the manual link, and records them for that learner only", async () => {
    const b = await learner("P001");
    const q = (await getQuestion(server.db, singleId))!;
    const { right, wrong } = rightAndWrong(q);

    const page = await (await b.get("/practice/business-hall")).text();
    const ref = hidden(page, "ref")!;
    expect(ref).toBeTruthy();
    const ok = await b.post("/practice/business-hall", { ref, seen: "", answer: shownId(page, textOf(q, right)) });
    expect(ok.status).toBe(200);
    const okHtml = decode(await ok.text());
    expect(okHtml).toContain("回答正确");
    expect(okHtml).toContain("解析");
    expect(okHtml).toContain(q.explanation.split("\n")[0].slice(0, 12));
    expect(okHtml).toContain(`href="/modules/business-hall#${q.section}"`);
    expect(okHtml).toContain("回到手册相关小节");
    expect(okHtml).toContain("下一题");
    expect(okHtml).toMatch(new RegExp(`href="/practice/business-hall\\?seen=${singleId}"`));

    const page2 = await (await b.get(`/practice/business-hall?seen=${singleId}`)).text();
    const bad = await b.post(`/practice/business-hall?seen=${singleId}`, { ref: hidden(page2, "ref")!, seen: singleId, answer: shownId(page2, textOf(q, wrong)) });
    expect(bad.status).toBe(200);
    const badHtml = decode(await bad.text());
    expect(badHtml).toContain("回答错误");
    expect(badHtml).toContain("正确答案");
    expect(badHtml).toContain(q.options.find((o) => o.id === right)!.text);
    expect(badHtml).toContain(`href="/modules/business-hall#${q.section}"`);

    // The true/false question is graded from its sealed reference too.
    const tfRef = hidden(await (await b.get("/practice/call-centre")).text(), "ref")!;
    expect(decode(await (await b.post("/practice/call-centre", { ref: tfRef, answer: "false" })).text())).toContain("回答正确");

    expect(await answersOf("P001")).toEqual([
      { question_id: singleId, version: q.version, correct: true, mode: "practice", response: right },
      { question_id: singleId, version: q.version, correct: false, mode: "practice", response: wrong },
      { question_id: tfId, version: 1, correct: true, mode: "practice", response: false },
    ]);
    expect(await answersOf("P002")).toEqual([]);
  });

  it("grades against the version shown, even after the question is edited", async () => {
    const b = await learner("P002");
    const shownPage = await (await b.get("/practice/business-hall")).text();
    const ref = hidden(shownPage, "ref")!;
    const q = (await getQuestion(server.db, singleId))!;
    const { right } = rightAndWrong(q);
    // A trainer revises the question (new version where another option is right) before the answer arrives.
    const other = q.options.find((o) => o.id !== right)!.id;
    await exec(server.db, sql`insert into question_versions (question_id, version, type, stem, options, answer, explanation, module, section, facts, tags, content_hash, created_at, note)
      select question_id, version + 1, type, stem, options, ${JSON.stringify(other)}, explanation, module, section, facts, tags, 'edited', created_at, 'edit'
      from question_versions where question_id = ${singleId} and version = ${q.version}`);
    await exec(server.db, sql`update questions set current_version = ${q.version + 1} where id = ${singleId}`);
    try {
      const res = await b.post("/practice/business-hall", { ref, answer: shownId(shownPage, textOf(q, right)) });
      expect(decode(await res.text())).toContain("回答正确");
      expect(await answersOf("P002")).toEqual([expect.objectContaining({ question_id: singleId, version: q.version, correct: true })]);
    } finally {
      await exec(server.db, sql`update questions set current_version = ${q.version} where id = ${singleId}`);
      await exec(server.db, sql`delete from question_versions where question_id = ${singleId} and version = ${q.version + 1}`);
    }
  });

  it("asks for an answer instead of grading an empty form", async () => {
    const b = await learner("P006");
    const ref = hidden(await (await b.get("/practice/business-hall")).text(), "ref")!;
    const res = await b.post("/practice/business-hall", { ref });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("请先作答");
    expect(html).toContain(`name="ref" value="${ref}"`); // the same question, still answerable
    expect(await answersOf("P006")).toEqual([]);
  });

  it("refuses to grade against a question that does not exist or a reference that was tampered with", async () => {
    const b = await learner("P006");
    const badRef = await b.post("/practice/business-hall", { ref: "not-a-ref", answer: "x" });
    expect(badRef.status).toBe(400);
    expect(await badRef.text()).toContain("引用无效");
    expect((await b.post("/practice/business-hall", { answer: "x" })).status).toBe(400);
    const ref = hidden(await (await b.get("/practice/business-hall")).text(), "ref")!;
    const flipped = ref.slice(0, 20) + (ref[20] === "A" ? "B" : "A") + ref.slice(21);
    expect((await b.post("/practice/business-hall", { ref: flipped, answer: "x" })).status).toBe(400);
    // The drill takes only its own generated questions, and only ones that exist.
    expect((await b.post("/practice/drill", { questionId: "gen-fact-no_such_fact-numeric", version: "1", answer: "1" })).status).toBe(404);
    expect((await b.post("/practice/drill", { questionId: "authored-123", version: "1", answer: "1" })).status).toBe(400);
    const page = await (await b.get("/practice/drill")).text();
    const qid = hidden(page, "questionId")!;
    expect((await b.post("/practice/drill", { questionId: qid, version: "999", answer: "1" })).status).toBe(404);
    const errorPage = await (await b.post("/practice/drill", { questionId: qid, version: "999", answer: "1" })).text();
    expect(errorPage).not.toMatch(/at [\w.]+ \(|node_modules|Error:/); // no stack trace
    expect(await answersOf("P006")).toEqual([]);
    expect((await row<{ n: number }>(server.db, sql`select count(*) as n from drill_cards where user_id = ${ids.P006}`))!.n).toBe(0);
  });

  it("requires sign-in", async () => {
    const anon = new Browserish(server.url);
    for (const path of ["/practice", "/practice/mixed", "/practice/drill"]) {
      const res = await anon.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location")).toContain("/login");
    }
    expect((await anon.post("/practice/mixed", { ref: "x", answer: "y" })).status).toBe(302);
  });
});

describe("numbers drill", () => {
  async function drillOnce(b: Browserish, pick: "right" | "wrong") {
    const page = await (await b.get("/practice/drill")).text();
    const questionId = hidden(page, "questionId")!;
    const version = hidden(page, "version")!;
    const shownAt = hidden(page, "shownAt")!;
    expect(questionId).toMatch(/^gen-fact-[a-z0-9_]+-(numeric|single)$/);
    const q = (await getQuestion(server.db, questionId, Number(version)))!;
    const answer = rightAndWrong(q)[pick];
    const res = await b.post("/practice/drill", { questionId, version, shownAt, answer });
    expect(res.status).toBe(200);
    return { questionId, factId: /^gen-fact-(.+)-(numeric|single)$/.exec(questionId)![1], html: decode(await res.text()) };
  }

  it("answering wrong makes the fact due again sooner than answering right", async () => {
    const wrongLearner = await learner("P003");
    const rightLearner = await learner("P004");
    const w = await drillOnce(wrongLearner, "wrong");
    const r = await drillOnce(rightLearner, "right");
    expect(w.factId).toBe(r.factId); // a fresh learner starts with the same first fact
    expect(w.html).toContain("回答错误");
    expect(w.html).toContain("这个数字下次复习");
    expect(r.html).toContain("回答正确");
    const wc = (await cardOf("P003", w.factId))!;
    const rc = (await cardOf("P004", r.factId))!;
    expect(wc.due - wc.updated_at).toBeLessThan(rc.due - rc.updated_at);
    expect(wc.due - wc.updated_at).toBeLessThanOrEqual(60_000);
    expect(await answersOf("P003")).toEqual([expect.objectContaining({ question_id: w.questionId, correct: false, mode: "drill" })]);
    expect(await answersOf("P004")).toEqual([expect.objectContaining({ question_id: r.questionId, correct: true, mode: "drill" })]);

    // The right learner's next item is another fact: the first is not due again yet.
    const again = await drillOnce(rightLearner, "right");
    expect(again.factId).not.toBe(r.factId);
  });

  it("the dashboard's due count drops after drilling", async () => {
    const b = await learner("P005");
    const before = await dueOnDashboard(b);
    expect(before).toBe(10); // ten new figures a day
    const { html } = await drillOnce(b, "right");
    expect(html).toContain(`今日还需复习 ${before - 1} 个数字`);
    expect(await dueOnDashboard(b)).toBe(before - 1);
    await drillOnce(b, "wrong");
    expect(await dueOnDashboard(b)).toBe(before - 2);
    // P003 and P004 drilled too, but P005's count is P005's own.
    expect(await dueOnDashboard(await learner("P006"))).toBe(10);
  });

  it("does not count a resubmitted page twice", async () => {
    const b = await learner("P006");
    const page = await (await b.get("/practice/drill")).text();
    const fields = { questionId: hidden(page, "questionId")!, version: hidden(page, "version")!, shownAt: hidden(page, "shownAt")! };
    const q = (await getQuestion(server.db, fields.questionId, Number(fields.version)))!;
    const body = { ...fields, answer: rightAndWrong(q).right };
    expect((await b.post("/practice/drill", body)).status).toBe(200);
    const second = decode(await (await b.post("/practice/drill", body)).text());
    expect(second).toContain("已经记录过");
    expect((await answersOf("P006")).filter((a) => a.mode === "drill")).toHaveLength(1);
  });
});
