/**
 * The trainer's exam pages over HTTP against the built server: defining an exam (errors first, values
 * kept), publishing only when the bank can fill the paper, the sample paper with answers, extra time
 * and regrading (both logged as attempt events).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { attemptEvents, attempts } from "@db/schema";
import { type Db, exec, row, rows } from "@db/client";
import { openTestDb } from "../helpers/db";
import { getExam, insertAttempt, insertExam, listExams, publishedPool, type NewExam } from "@db/queries/exams";
import { addVersion, getQuestion, insertQuestion } from "@db/queries/questions";
import { loadContent } from "~/content.server";
import { DEMO_EXAM_TITLE, ensureDemoExam } from "~/demo.server";
import { drawPaper } from "~/domain/exam";
import { toPool } from "~/domain/exam-form";
import type { QuestionContent } from "~/domain/question";
import { syncGeneratedQuestions } from "~/question-bank.server";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let trainer: Browserish;
let trainerId: number;
let learnerId: number;

beforeAll(async () => {
  server = await startServer();
  trainerId = (await createUser(server.db, { employeeNo: "T8001", name: "冯培训", role: "trainer", password: "trainer-pass" })).id;
  learnerId = (await createUser(server.db, { employeeNo: "L8001", name: "陈考生", role: "learner", password: "learner-pass" })).id;
  trainer = new Browserish(server.url);
  await trainer.login("T8001", "trainer-pass");
});
afterAll(() => server?.stop());

const BASE: Record<string, string> = {
  intent: "save",
  title: "投诉处理测验",
  description: "",
  "rules.0.count": "3",
  "rules.0.points": "5",
  "rules.0.modules": "sla",
  "rules.0.types": "numeric",
  "rules.0.tags": "",
  timeLimitMinutes: "20",
  passPercent: "60",
  attemptsAllowed: "2",
  opensAt: "",
  closesAt: "",
  shuffleQuestions: "on",
  multipleScoring: "all-or-nothing",
  reviewMode: "answers",
  reviewFrom: "",
  certificateName: "",
  certificateValidityMonths: "",
  audience: "everyone",
};

async function createExam(fields: Record<string, string>): Promise<number> {
  const res = await trainer.post("/trainer/exams/new", { ...BASE, ...fields });
  expect(res.status, await res.clone().text()).toBe(302);
  const m = /^\/trainer\/exams\/(\d+)\?created=1$/.exec(res.headers.get("location") ?? "");
  expect(m).not.toBeNull();
  return Number(m![1]);
}

const statusOf = async (id: number) => (await getExam(server.db, id))!.status;

describe("defining an exam", () => {
  it("shows every field error next to its field with status 400, keeps the values, saves nothing", async () => {
    const before = (await row<{ n: number }>(server.db, sql`select count(*) as n from exams`))!.n;
    const res = await trainer.post("/trainer/exams/new", {
      ...BASE,
      title: "  ",
      description: "保留这段说明",
      "rules.0.count": "0",
      "rules.0.tags": "情景, 投诉处理",
      passPercent: "75",
      timeLimitMinutes: "700",
      opensAt: "2026-12-01T09:00",
      closesAt: "2026-11-30T09:00",
      certificateName: "投诉处理认证",
      audience: "cohorts",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    for (const message of [
      "请填写考试名称",
      "题数应为 1–200 的整数",
      "考试时长应为 1–600 分钟的整数",
      "截止时间必须晚于开放时间",
      "填写了证书名称，也请填写有效期（月）",
      "考生范围为“指定班组”时，请至少选择一个班组",
    ])
      expect(html, message).toContain(message);
    // Next to the field: the error paragraph is referenced by the field's aria-describedby.
    expect(html).toMatch(/id="exam-title"[^>]*aria-invalid="true"[^>]*aria-describedby="exam-title-error"/);
    expect(html).toContain('id="exam-title-error"');
    // Values kept.
    expect(html).toContain("保留这段说明");
    expect(html).toMatch(/name="passPercent"[^>]*value="75"/);
    expect(html).toMatch(/name="rules\.0\.tags"[^>]*value="情景, 投诉处理"/);
    expect(html).toMatch(/name="opensAt"[^>]*value="2026-12-01T09:00"/);
    expect(html).toMatch(/name="certificateName"[^>]*value="投诉处理认证"/);
    expect(html).toMatch(/name="audience"[^>]*checked=""[^>]*value="cohorts"/);
    expect((await row<{ n: number }>(server.db, sql`select count(*) as n from exams`))!.n).toBe(before);
  });

  it("checks availability without saving", async () => {
    const res = await trainer.post("/trainer/exams/new", { ...BASE, intent: "check", "rules.0.count": "3" });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/data-testid="rule-available"[^>]*>题库中可用 \d+ 道/);
  });

  it("saves a valid exam as a draft, stores Beijing times as epoch ms, and shows it in the list", async () => {
    const id = await createExam({ title: "时限填空测验", opensAt: "2026-12-01T09:00", closesAt: "2026-12-31T18:00", certificateName: "时限认证", certificateValidityMonths: "12" });
    const exam = (await getExam(server.db, id))!;
    expect(exam).toMatchObject({
      title: "时限填空测验",
      status: "draft",
      blueprint: [{ count: 3, points: 5, modules: ["sla"], types: ["numeric"] }],
      timeLimitMinutes: 20,
      passPercent: 60,
      attemptsAllowed: 2,
      opensAt: Date.parse("2026-12-01T01:00:00Z"),
      closesAt: Date.parse("2026-12-31T10:00:00Z"),
      shuffleQuestions: true,
      shuffleOptions: false,
      reviewMode: "answers",
      certificateName: "时限认证",
      certificateValidityMonths: 12,
      audience: "everyone",
      createdBy: trainerId,
    });
    const edit = await (await trainer.get(`/trainer/exams/${id}`)).text();
    expect(edit).toMatch(/name="opensAt"[^>]*value="2026-12-01T09:00"/);
    const list = await (await trainer.get("/trainer/exams")).text();
    expect(list).toMatch(new RegExp(`data-exam-id="${id}"[\\s\\S]*时限填空测验[\\s\\S]*草稿`));
  });

  it("restricts an exam to the chosen cohorts", async () => {
    await exec(server.db, sql`insert into cohorts (name, created_at) values ('2026年11月新员工班', 0), ('投诉组', 0)`);
    const [newHires, complaints] = (await rows<{ id: number }>(server.db, sql`select id from cohorts order by id`)).map((r) => r.id);
    const form = await (await trainer.get("/trainer/exams/new")).text();
    expect(form).toContain("2026年11月新员工班");
    const res = await trainer.post("/trainer/exams/new", { ...BASE, title: "班组考试", audience: "cohorts", cohortIds: String(complaints) });
    expect(res.status).toBe(302);
    const id = Number(/exams\/(\d+)/.exec(res.headers.get("location")!)![1]);
    expect((await getExam(server.db, id))!.audience).toBe("cohorts");
    expect((await rows<{ c: number }>(server.db, sql`select cohort_id as c from exam_cohorts where exam_id = ${id}`)).map((r) => r.c)).toEqual([complaints]);
    expect(newHires).not.toBe(complaints);
    const unknown = await trainer.post("/trainer/exams/new", { ...BASE, title: "班组考试", audience: "cohorts", cohortIds: "999" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("所选班组不存在");
  });

  it("refuses to publish when a rule cannot be filled, and publishes when it can", async () => {
    const impossible = await createExam({ title: "凑不齐的考试", "rules.0.tags": "没有这个标签" });
    const refused = await trainer.post(`/trainer/exams/${impossible}`, { intent: "publish" });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain("不能发布");
    expect(html).toContain("第 1 条规则需要 3 道题，题库中符合条件的已发布题目只有 0 道");
    expect(await statusOf(impossible)).toBe("draft");

    // Overlapping rules that might come up short for some papers are refused too: "any 重叠 question"
    // may draw a numeric one, leaving one numeric question for a rule that needs two.
    const content = (id: string, type: "single" | "numeric"): QuestionContent => ({
      type,
      stem: `重叠测试题 ${id}`,
      options: type === "single" ? [{ id: "a", text: "甲" }, { id: "b", text: "乙" }] : [],
      answer: type === "single" ? "a" : { value: 1, tolerance: 0, unit: "小时" },
      explanation: "",
      module: "sla",
      section: null,
      facts: [],
      tags: ["重叠"],
      family: "",
    });
    for (const [id, type] of [["overlap-a", "single"], ["overlap-b", "numeric"], ["overlap-c", "numeric"]] as const)
      await insertQuestion(server.db, { id, source: "authored", status: "published", content: content(id, type), createdBy: trainerId, note: "create" }, Date.now());
    const overlapping = await createExam({
      title: "规则重叠的考试",
      "rules.0.count": "1",
      "rules.0.modules": "",
      "rules.0.types": "",
      "rules.0.tags": "重叠",
      "rules.1.count": "2",
      "rules.1.points": "5",
      "rules.1.types": "numeric",
      "rules.1.tags": "重叠",
    });
    const edit = await (await trainer.get(`/trainer/exams/${overlapping}`)).text();
    expect([...edit.matchAll(/data-testid="rule-available"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(["题库中可用 3 道", "题库中可用 2 道"]);
    const overlapRefused = await trainer.post(`/trainer/exams/${overlapping}`, { intent: "publish" });
    expect(overlapRefused.status).toBe(409);
    expect(await overlapRefused.text()).toContain("与前面的规则有重叠");

    const fine = await createExam({ title: "能组卷的考试" });
    const ok = await trainer.post(`/trainer/exams/${fine}`, { intent: "publish" });
    expect(ok.status).toBe(200);
    expect(await statusOf(fine)).toBe("published");
    // A published exam cannot be edited into one that cannot be filled.
    const bad = await trainer.post(`/trainer/exams/${fine}`, { ...BASE, title: "能组卷的考试", "rules.0.tags": "没有这个标签" });
    expect(bad.status).toBe(409);
    expect((await getExam(server.db, fine))!.blueprint[0].tags).toBeUndefined();
    const archived = await trainer.post(`/trainer/exams/${fine}`, { intent: "archive" });
    expect(archived.status).toBe(200);
    expect(await statusOf(fine)).toBe("archived");
  });

  it("an unknown intent is a 400 and an unknown exam a 404", async () => {
    const id = await createExam({ title: "意图测试" });
    expect((await trainer.post(`/trainer/exams/${id}`, { intent: "delete-everything" })).status).toBe(400);
    expect((await trainer.get("/trainer/exams/999999")).status).toBe(404);
    expect((await trainer.get("/trainer/exams/abc/preview")).status).toBe(404);
  });
});

describe("the sample paper", () => {
  it("draws a paper by the blueprint and shows it with the right answers and explanations", async () => {
    const id = await createExam({ title: "预览测验" });
    const res = await trainer.get(`/trainer/exams/${id}/preview?seed=fixed-seed`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const ids = [...html.matchAll(/data-question-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(html).toContain("共 3 题，满分 15 分");
    for (const qid of ids) {
      const q = (await getQuestion(server.db, qid))!;
      expect(q.type).toBe("numeric");
      expect(q.module).toBe("sla");
      const a = q.answer as { value: number; unit: string };
      expect(html).toMatch(new RegExp(`data-question-id="${qid}"[\\s\\S]*?正确答案：[\\s\\S]*?${a.value}[\\s\\S]*?${a.unit}`));
    }
    expect(html.match(/解析/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    // The same seed draws the same paper.
    const again = await (await trainer.get(`/trainer/exams/${id}/preview?seed=fixed-seed`)).text();
    expect([...again.matchAll(/data-question-id="([^"]+)"/g)].map((m) => m[1])).toEqual(ids);
  });

  it("says why when the bank cannot fill the paper", async () => {
    const id = await createExam({ title: "预览凑不齐", "rules.0.tags": "没有这个标签" });
    const html = await (await trainer.get(`/trainer/exams/${id}/preview`)).text();
    expect(html).toContain("按现在的抽题规则组不出试卷");
    expect(html).not.toContain("data-question-id");
  });
});

describe("attempts: extra time and regrading", () => {
  let examId: number;
  const inProgress = "attempt-in-progress-0001";
  const submitted = "attempt-submitted-0001";
  const questionId = "authored-regrade-1";
  const v1: QuestionContent = {
    type: "single",
    stem: "固定电话故障修复的时限,以下哪项说法正确?",
    options: [
      { id: "o-a", text: "说法甲" },
      { id: "o-b", text: "说法乙" },
    ],
    answer: "o-a",
    explanation: "原来的答案有误。",
    module: "sla",
    section: null,
    facts: [],
    tags: ["重评测试"],
    family: "",
  };

  async function seed(db: Db) {
    const exam: NewExam = {
      title: "重评与延时",
      description: null,
      blueprint: [{ count: 1, points: 10, tags: ["重评测试"] }],
      timeLimitMinutes: 30,
      passPercent: 60,
      attemptsAllowed: 3,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: false,
      shuffleOptions: false,
      multipleScoring: "all-or-nothing",
      reviewMode: "score",
      reviewFrom: null,
      certificateName: "重评证书",
      certificateValidityMonths: 6,
      audience: "everyone",
      status: "published",
      createdBy: trainerId,
    };
    examId = await insertExam(db, exam, [], Date.now());
    await insertQuestion(db, { id: questionId, source: "authored", status: "published", content: v1, createdBy: trainerId, note: "create" }, Date.now());
    const t = Date.now();
    const base = { examId, userId: learnerId, seed: "s", maxScoreMilli: 10_000, multipleScoring: "all-or-nothing" as const };
    const item = { position: 0, questionId, version: 1, points: 10, optionOrder: ["o-a", "o-b"] };
    // Answered "o-b", graded wrong against version 1.
    await insertAttempt(
      db,
      { ...base, id: submitted, attemptNo: 1, status: "submitted", startedAt: t - 3_600_000, deadline: t - 1_800_000, submittedAt: t - 2_000_000, finalisedBy: "learner", scoreMilli: 0, percentBp: 0, passed: false },
      [{ ...item, response: "o-b", responseSeq: 1, savedAt: t - 2_500_000, scoreMilli: 0 }],
    );
    await insertAttempt(db, { ...base, id: inProgress, attemptNo: 2, status: "in_progress", startedAt: t - 60_000, deadline: t + 20 * 60_000 }, [item]);
    // Two tab leaves, logged by the learner's page.
    await exec(db, sql`insert into attempt_events (attempt_id, kind, at) values (${inProgress}, 'tab_hidden', ${t - 50_000}), (${inProgress}, 'tab_visible', ${t - 40_000}), (${inProgress}, 'tab_hidden', ${t - 30_000})`);
  }

  beforeAll(async () => await seed(server.db));

  const deadlineOf = async (id: string) => (await row<{ d: number }>(server.db, sql`select deadline as d from attempts where id = ${id}`))!.d;
  // Through the schema's builder: the detail reads as an object on either engine (JSON text on SQLite, jsonb on PostgreSQL).
  const events = async (id: string, kind: "extra_time" | "regrade") =>
    await server.db
      .select({ actor: attemptEvents.actorId, detail: attemptEvents.detail })
      .from(attemptEvents)
      .where(and(eq(attemptEvents.attemptId, id), eq(attemptEvents.kind, kind)))
      .orderBy(asc(attemptEvents.id));

  it("lists the attempts with status, result and the times the learner left the tab", async () => {
    const html = await (await trainer.get(`/trainer/exams/${examId}/attempts`)).text();
    expect(html).toMatch(new RegExp(`data-attempt-id="${inProgress}"[\\s\\S]*?作答中[\\s\\S]*?data-testid="tab-leaves"[^>]*>[\\s\\S]*?2 次`));
    expect(html).toMatch(/离开，[^<]*返回/);
    expect(html).toMatch(new RegExp(`data-attempt-id="${submitted}"[\\s\\S]*?已交卷[\\s\\S]*?0 / 10 分[\\s\\S]*?未通过`));
  });

  it("grants extra time to an attempt in progress: the deadline moves and an event is logged", async () => {
    const before = await deadlineOf(inProgress);
    const bad = await trainer.post(`/trainer/exams/${examId}/attempts`, { intent: "extraTime", attemptId: inProgress, minutes: "0" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("延长时间应为 1–240 分钟的整数");
    expect(await deadlineOf(inProgress)).toBe(before);

    const ok = await trainer.post(`/trainer/exams/${examId}/attempts`, { intent: "extraTime", attemptId: inProgress, minutes: "15" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("已为 陈考生 的第 2 次作答延长 15 分钟");
    expect(await deadlineOf(inProgress)).toBe(before + 15 * 60_000);
    const logged = await events(inProgress, "extra_time");
    expect(logged).toHaveLength(1);
    expect(logged[0].actor).toBe(trainerId);
    expect(logged[0].detail).toEqual({ minutes: 15, previousDeadline: before });

    const closed = await trainer.post(`/trainer/exams/${examId}/attempts`, { intent: "extraTime", attemptId: submitted, minutes: "15" });
    expect(closed.status).toBe(409);
    // An attempt of another exam cannot be reached through this exam's page.
    const other = await createExam({ title: "别的考试" });
    expect((await trainer.post(`/trainer/exams/${other}/attempts`, { intent: "extraTime", attemptId: inProgress, minutes: "5" })).status).toBe(404);
    expect(await deadlineOf(inProgress)).toBe(before + 15 * 60_000);
  });

  it("regrades a fixed question as an explicit, logged action, and shows the log", async () => {
    // The trainer fixes the key: "o-b" was right all along (same options, so the answer means the same).
    await addVersion(server.db, questionId, { ...v1, answer: "o-b", explanation: "已更正。" }, trainerId, "edit", Date.now());

    const unknown = await trainer.post(`/trainer/exams/${examId}/attempts`, { intent: "regrade", questionId: "gen-fact-fault_answer_time-numeric" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("这道题不在本考试的任何试卷中");

    const res = await trainer.post(`/trainer/exams/${examId}/attempts`, { intent: "regrade", questionId });
    expect(res.status).toBe(200);
    // Named by its stem first, the id after it.
    expect(await res.text()).toContain(`已按“${v1.stem}”（${questionId}）的第 2 版重新评分 1 次作答`);
    const logged = await events(submitted, "regrade");
    expect(logged).toHaveLength(1);
    expect(logged[0].actor).toBe(trainerId);
    expect(logged[0].detail).toEqual({ questionId, toVersion: 2, before: 0, after: 10_000 });
    const [attempt] = await server.db.select({ score: attempts.scoreMilli, passed: attempts.passed }).from(attempts).where(eq(attempts.id, submitted));
    expect(attempt).toEqual({ score: 10_000, passed: true });
    // The paper keeps the version it showed.
    expect((await row<{ v: number }>(server.db, sql`select version as v from attempt_items where attempt_id = ${submitted}`))!.v).toBe(1);
    // Passing now earns the exam's certificate.
    expect((await row<{ n: number }>(server.db, sql`select count(*) as n from certificates where attempt_id = ${submitted}`))!.n).toBe(1);

    // A question whose type changed (single → true/false) is not regraded: the saved answer means nothing now.
    const changedType = "authored-regrade-2";
    await insertQuestion(server.db, { id: changedType, source: "authored", status: "published", content: { ...v1, tags: ["别的"] }, createdBy: trainerId, note: "create" }, Date.now());
    const t = Date.now();
    await insertAttempt(
      server.db,
      { id: "attempt-submitted-0002", examId, userId: learnerId, attemptNo: 3, seed: "s", maxScoreMilli: 10_000, multipleScoring: "all-or-nothing", status: "submitted", startedAt: t - 600_000, deadline: t - 1000, submittedAt: t - 2000, finalisedBy: "learner", scoreMilli: 10_000, percentBp: 10_000, passed: true },
      [{ position: 0, questionId: changedType, version: 1, points: 10, optionOrder: ["o-a", "o-b"], response: "o-a", responseSeq: 1, savedAt: t - 3000, scoreMilli: 10_000 }],
    );
    await addVersion(server.db, changedType, { ...v1, type: "true_false", options: [], answer: false, tags: ["别的"] }, trainerId, "edit", Date.now());
    const skipped = await trainer.post(`/trainer/exams/${examId}/attempts`, { intent: "regrade", questionId: changedType });
    expect(skipped.status).toBe(200);
    expect(await skipped.text()).toContain("重新评分 0 次作答。另有 1 份因题型或选项已改变未重新评分");
    expect(await events("attempt-submitted-0002", "regrade")).toHaveLength(0);
    expect((await row<{ s: number }>(server.db, sql`select score_milli as "s" from attempts where id = 'attempt-submitted-0002'`))!.s).toBe(10_000);

    const page = await (await trainer.get(`/trainer/exams/${examId}/attempts`)).text();
    expect(page).toMatch(new RegExp(`data-testid="regrade-log"[\\s\\S]*冯培训[\\s\\S]*陈考生[\\s\\S]*固定电话故障修复的时限[\\s\\S]*第 2 版[\\s\\S]*${questionId}[\\s\\S]*0 → 10 分`));
  });
});

describe("the demo exam", () => {
  it("is created once, published, and draws 20 questions worth 100 points from the generated bank", async () => {
    const demo = await openTestDb("demo");
    const db = demo.db;
    const empty = await ensureDemoExam(db, 1000);
    // Before the bank is synced the paper cannot be filled: kept as a draft, with the reason.
    expect(empty.created).toBe(true);
    expect((await getExam(db, empty.examId))!.status).toBe("draft");
    expect(empty.problem).toContain("题库中可用题目不足");

    const demo2 = await openTestDb("demo2");
    const db2 = demo2.db;
    await syncGeneratedQuestions(db2, loadContent("content"), 1000);
    const first = await ensureDemoExam(db2, 2000);
    expect(first).toMatchObject({ created: true, problem: null });
    expect(await ensureDemoExam(db2, 3000)).toEqual({ examId: first.examId, created: false, problem: null });
    expect((await listExams(db2)).filter((e) => e.title === DEMO_EXAM_TITLE)).toHaveLength(1);
    const exam = (await getExam(db2, first.examId))!;
    expect(exam).toMatchObject({
      status: "published",
      audience: "everyone",
      timeLimitMinutes: 30,
      passPercent: 60,
      attemptsAllowed: 3,
      certificateName: "客服基础服务认证",
      certificateValidityMonths: 24,
      reviewMode: "explanations",
    });
    const paper = drawPaper(exam.blueprint, toPool(await publishedPool(db2)), "any-seed", { shuffleQuestions: true, shuffleOptions: true });
    expect(paper).toHaveLength(20);
    expect(paper.reduce((sum, p) => sum + p.points, 0)).toBe(100);
    await demo.close();
    await demo2.close();
  });
});
