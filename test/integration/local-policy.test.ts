/**
 * Local policy figures (issue 11 §5) through the built server: an admin enters the company's value for a
 * figure the manual lost; the module page shows it beside the manual's marker; the bank gets questions
 * for it; changing it makes new versions and leaves recorded answers and scores alone; only admins write.
 */
import { exec, row, rows } from "@db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { attemptItems, auditLog, practiceAnswers } from "@db/schema";
import { insertExam } from "@db/queries/exams";
import { getQuestion } from "@db/queries/questions";
import type { NumericAnswer } from "~/domain/question";
import { expectForbidden, expectSignIn } from "../helpers/pages";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

const FACT = "customer_data_retention";
const NUMERIC = `gen-fact-${FACT}-numeric`;
const VALID = { factId: FACT, value: "6", unit: "个月", sourceDoc: "客户资料管理办法", effectiveDate: "2026-01-01" };

let server: TestServer;
let admin: Browserish;
let trainer: Browserish;
let learner: Browserish;
let adminId: number;
let learnerId: number;

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const policyRows = async () => await rows<{ fact_id: string; value: number; entered_by: number }>(server.db, sql`select fact_id, value, entered_by from local_policy_figures order by id`);
const questionsOf = async (fact: string) =>
  await rows<{ id: string; status: string; current_version: number }>(server.db, sql`select id, status, current_version from questions where id like ${`gen-fact-${fact}-%`} order by id`);

beforeAll(async () => {
  server = await startServer();
  adminId = (await createUser(server.db, { employeeNo: "LP-A", name: "政策管理员", role: "admin", password: "admin-pass-1" })).id;
  await createUser(server.db, { employeeNo: "LP-T", role: "trainer", password: "trainer-pass-1" });
  learnerId = (await createUser(server.db, { employeeNo: "LP-L", role: "learner", password: "learner-pass-1" })).id;
  admin = new Browserish(server.url);
  trainer = new Browserish(server.url);
  learner = new Browserish(server.url);
  await admin.login("LP-A", "admin-pass-1");
  await trainer.login("LP-T", "trainer-pass-1");
  await learner.login("LP-L", "learner-pass-1");
});
afterAll(() => server?.stop());

describe("before any local value", () => {
  it("the lost figure is not quizzed and the module shows only the manual's marker", async () => {
    expect(await questionsOf(FACT)).toEqual([]);
    const html = decode(await (await learner.get("/modules/confidentiality")).text());
    expect(html).toContain("〔原文数字缺失〕");
    expect(html).not.toContain('class="local-policy"');
    expect((await learner.post("/practice/drill", { questionId: NUMERIC, version: "1", answer: "6" })).status).toBe(404);
  });
});

describe("who may read and write", () => {
  it("trainers read the page without the form; learners and anonymous visitors cannot", async () => {
    const page = await trainer.get("/admin/policy");
    expect(page.status).toBe(200);
    const html = decode(await page.text());
    expect(html).toContain("本单位规定的数字");
    expect(html).toContain("只有管理员可以登记或修改");
    expect(html).not.toContain('name="factId"');
    await expectForbidden(await learner.get("/admin/policy"), "learner GET");
    expectSignIn(await new Browserish(server.url).get("/admin/policy"), "/admin/policy");
  });

  it("a trainer's or a learner's POST is refused and changes nothing", async () => {
    await expectForbidden(await trainer.post("/admin/policy", VALID), "trainer POST");
    await expectForbidden(await learner.post("/admin/policy", VALID), "learner POST");
    expectSignIn(await new Browserish(server.url).post("/admin/policy", VALID), "/admin/policy");
    expect(await policyRows()).toEqual([]);
    expect(await questionsOf(FACT)).toEqual([]);
  });

  it("the admin's page has the form, and the nav and trainer hub link to it", async () => {
    const html = await (await admin.get("/admin/policy")).text();
    expect(html).toContain('name="factId"');
    expect(html).toContain(`value="${FACT}"`);
    expect(html).toContain('href="/admin/policy"');
    expect(await (await trainer.get("/trainer")).text()).toContain('href="/admin/policy"');
  });
});

describe("validation", () => {
  it("a bad entry gets 400 with the field errors in Chinese and stores nothing", async () => {
    const res = await admin.post("/admin/policy", { ...VALID, value: "六", sourceDoc: "", effectiveDate: "2999-01-01" });
    expect(res.status).toBe(400);
    const html = decode(await res.text());
    expect(html).toContain("请填写阿拉伯数字");
    expect(html).toContain("请填写依据的文件名称");
    expect(html).toMatch(/生效日期不能晚于今天（\d{4}-\d{2}-\d{2}）/);
    expect(html).toMatch(/id="policy-value"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="policy-value"/);
    expect(await policyRows()).toEqual([]);
    expect(await rows(server.db, sql`select * from audit_log where action = 'policy.set'`)).toEqual([]);
  });
});

describe("an admin enters a value", () => {
  let attemptId: string | undefined;

  /** The learner's practice answer and submitted exam attempt at version 1 (the test below, or a later test run alone). */
  const answerAtVersion1 = async (): Promise<string> => {
    // Practice: make it the only published question of the module.
    await exec(server.db, sql`update questions set status = 'retired' where module = 'confidentiality' and id != ${NUMERIC}`);
    const page = await (await learner.get("/practice/confidentiality")).text();
    const ref = /name="ref" value="([^"]*)"/.exec(page)![1];
    expect((await learner.post("/practice/confidentiality", { ref, answer: "6" })).status).toBe(200);
    // Exam: one numeric question of the module, which now can only be this one.
    const examId = await insertExam(
      server.db,
      {
        title: "本单位规定测验",
        description: "",
        // This test follows a local value into an exam; the exam's pool stays open to practice so the
        // drill below may still ask the figure (reserved pools have their own tests).
        examOnlyPool: false,
        blueprint: [{ count: 1, points: 2, modules: ["confidentiality"], types: ["numeric"] }],
        timeLimitMinutes: 30,
        passPercent: 60,
        attemptsAllowed: 1,
        opensAt: null,
        closesAt: null,
        shuffleQuestions: false,
        shuffleOptions: false,
        multipleScoring: "all-or-nothing",
        reviewMode: "explanations",
        reviewFrom: null,
        certificateName: null,
        certificateValidityMonths: null,
        audience: "everyone",
        status: "published",
        createdBy: null,
      },
      [],
      Date.now(),
    );
    const start = await learner.post(`/exams/${examId}`, {});
    expect(start.status).toBe(302);
    const id = /\/attempts\/([^/?#]+)/.exec(start.headers.get("location")!)![1];
    const save = await learner.request(`/attempts/${id}/save`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "save", position: 0, response: 6, seq: 1 }),
    });
    expect(save.status).toBe(200);
    expect((await learner.post(`/attempts/${id}/submit`, {})).status).toBe(302);
    return id;
  };
  /*
   * Each test runs alone too (`-t`): these memoised helpers make the state the earlier tests of this
   * story would have made, and do nothing when those tests have already run.
   */
  const ensureSix = async () => {
    if ((await policyRows()).length > 0) return;
    expect((await admin.post("/admin/policy", VALID)).status).toBe(200);
  };
  const ensureAnswered = async () => {
    await ensureSix();
    attemptId ??= await answerAtVersion1();
    return attemptId;
  };
  const TWELVE = { ...VALID, value: "12", sourceDoc: "客户资料管理办法（2026年修订）", effectiveDate: "2026-06-01" };
  const ensureTwelve = async () => {
    await ensureSix();
    if ((await policyRows()).some((r) => r.value === 12)) return;
    expect((await admin.post("/admin/policy", TWELVE)).status).toBe(200);
  };


  it("stores it with who entered it, audits it, and the bank gets published questions for it", async () => {
    const res = await admin.post("/admin/policy", VALID);
    expect(res.status).toBe(200);
    expect(decode(await res.text())).toMatch(/已保存：.*题库已更新（新增 \d+ 道/);
    expect(await policyRows()).toEqual([{ fact_id: FACT, value: 6, entered_by: adminId }]);
    // Through the schema: `detail` is the parsed JSON on both engines (text on SQLite, jsonb on PostgreSQL).
    const audit = await server.db.select({ actor_id: auditLog.actorId, detail: auditLog.detail }).from(auditLog).where(eq(auditLog.action, "policy.set"));
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(adminId);
    expect(audit[0].detail).toMatchObject({ factId: FACT, value: 6, unit: "个月", sourceDoc: "客户资料管理办法" });
    const qs = await questionsOf(FACT);
    expect(qs.length).toBeGreaterThanOrEqual(1);
    for (const q of qs) expect(q).toMatchObject({ status: "published", current_version: 1 });
    const numeric = (await getQuestion(server.db, NUMERIC))!;
    expect(numeric.answer as NumericAnswer).toMatchObject({ value: 6, unit: "个月" });
    expect(numeric.stem).toContain("【本单位规定】");
    expect(numeric.explanation).toContain("依据《客户资料管理办法》");
  });

  it("the module page shows it as local policy beside the manual's marker; the trainer's page lists it", async () => {
    await ensureSix();
    const html = decode(await (await learner.get("/modules/confidentiality")).text());
    expect(html).toMatch(/〔原文数字缺失〕<\/span><span class="local-policy" data-local-policy="customer_data_retention">（本单位规定：6个月，依据《客户资料管理办法》，自 2026-01-01 起）/);
    const page = decode(await (await trainer.get("/admin/policy")).text());
    expect(page).toContain("《客户资料管理办法》");
    expect(page).toContain("政策管理员（LP-A）");
  });

  it("a learner answers it in practice and in an exam, at version 1", async () => {
    await ensureSix();
    attemptId = await answerAtVersion1();
  });

  it("changing the value makes new versions and never rewrites the recorded answers or scores", async () => {
    const attemptId = await ensureAnswered();
    // Through the schema, so `correct` is a boolean and `response` the parsed JSON on both engines.
    const practiceOf = async () =>
      await server.db
        .select({ question_id: practiceAnswers.questionId, version: practiceAnswers.version, correct: practiceAnswers.correct, response: practiceAnswers.response })
        .from(practiceAnswers)
        .where(eq(practiceAnswers.userId, learnerId))
        .orderBy(asc(practiceAnswers.id));
    const itemsOf = async () =>
      await server.db
        .select({ question_id: attemptItems.questionId, version: attemptItems.version, response: attemptItems.response, score_milli: attemptItems.scoreMilli })
        .from(attemptItems)
        .where(eq(attemptItems.attemptId, attemptId))
        .orderBy(asc(attemptItems.position));
    const before = {
      practice: await practiceOf(),
      items: await itemsOf(),
      attempt: await row(server.db, sql`select status, score_milli, max_score_milli from attempts where id = ${attemptId}`),
    };
    expect(before.practice).toEqual([{ question_id: NUMERIC, version: 1, correct: true, response: 6 }]);
    expect(before.items).toEqual([{ question_id: NUMERIC, version: 1, response: 6, score_milli: 2000 }]);
    expect(before.attempt).toMatchObject({ status: "submitted", score_milli: 2000, max_score_milli: 2000 });

    const res = await admin.post("/admin/policy", TWELVE);
    expect(res.status).toBe(200);
    expect((await policyRows()).map((r) => r.value)).toEqual([6, 12]);

    const q = (await row<{ current_version: number }>(server.db, sql`select current_version from questions where id = ${NUMERIC}`))!;
    expect(q.current_version).toBe(2);
    expect(((await getQuestion(server.db, NUMERIC))!.answer as NumericAnswer).value).toBe(12);
    expect(((await getQuestion(server.db, NUMERIC, 1))!.answer as NumericAnswer).value).toBe(6);

    expect(await practiceOf()).toEqual(before.practice);
    expect(await itemsOf()).toEqual(before.items);
    expect(await row(server.db, sql`select status, score_milli, max_score_milli from attempts where id = ${attemptId}`)).toEqual(before.attempt);

    const html = decode(await (await learner.get("/modules/confidentiality")).text());
    expect(html).toContain("本单位规定：12个月，依据《客户资料管理办法（2026年修订）》，自 2026-06-01 起");
    expect(html).not.toContain("本单位规定：6个月");
    const history = decode(await (await trainer.get("/admin/policy")).text());
    expect(history).toContain("《客户资料管理办法》");
    expect(history).toContain("《客户资料管理办法（2026年修订）》");
  });

  it("the values in force survive a restart, and the start-up sync keeps the questions as they are", async () => {
    await ensureTwelve();
    const versions = await rows(server.db, sql`select question_id, version from question_versions where question_id like ${`gen-fact-${FACT}-%`} order by 1, 2`);
    const same = server.sameDatabase;
    await server.stop();
    server = await startServer({ ...same });
    expect(await rows(server.db, sql`select question_id, version from question_versions where question_id like ${`gen-fact-${FACT}-%`} order by 1, 2`)).toEqual(versions);
    expect((await questionsOf(FACT)).find((q) => q.id === NUMERIC)).toMatchObject({ current_version: 2 });
  });

  it("the numbers drill takes the figure with its local value", async () => {
    await ensureTwelve();
    const b = new Browserish(server.url);
    await b.login("LP-L", "learner-pass-1");
    const res = await b.post("/practice/drill", { questionId: NUMERIC, version: "2", answer: "12" });
    expect(res.status).toBe(200);
    expect(decode(await res.text())).toContain("回答正确");
  });
});
