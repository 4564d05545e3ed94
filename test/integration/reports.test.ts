/**
 * Trainer reports over HTTP against the built server: cohort results, item analysis, one learner's
 * attempt, the CSV exports (BOM, Chinese intact) and who may see what; plus the `npm run report` CLI.
 *
 * Seeded in-process through the same SQLite file with answers chosen so the statistics are known:
 * ten cohort members of rising ability (RL01 weakest … RL10 strongest) and one learner outside the
 * cohort sit a five-question paper. "rep-key" has a wrong answer key (b; the real answer is a): the
 * three strongest choose a and lose the point, the weaker ones choose b — negative discrimination,
 * and a distractor beats the key in the top group. "rep-easy" is answered right by everyone (too easy).
 */
import { row, rows } from "@db/client";
import { execFileSync } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAttempt, insertCertificate, insertExam, recordEvent } from "@db/queries/exams";
import { insertQuestion } from "@db/queries/questions";
import { cohortAssignments, cohortMembers, cohorts, cohortTrainers } from "@db/schema";
import type { QuestionContent } from "~/domain/question";
import { expectForbidden, expectSignIn } from "../helpers/pages";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let trainer: Browserish;
let otherTrainer: Browserish;
let admin: Browserish;
let learner: Browserish;
let cohortId: number;
let examId: number;
const attemptIds: Record<string, string> = {};
const DAY = 86_400_000;

const NAMES = ["陈一", "王二", "张三", "李四", "赵五", "钱六", "孙七", "周八", "吴九", "郑十"];
const MEMBERS = NAMES.map((name, i) => ({ no: `RL${String(i + 1).padStart(2, "0")}`, name, ability: i + 1 }));
const OUTSIDER = { no: "RL99", name: "外班学员", ability: 1 };

function single(stem: string, options: string[], answer: string, module: string): QuestionContent {
  return {
    type: "single",
    stem,
    options: options.map((text, i) => ({ id: "abcd"[i], text })),
    answer,
    explanation: "",
    module,
    section: null,
    facts: [],
    tags: ["报表测试"],
    family: "",
  };
}

const QUESTIONS: { id: string; content: QuestionContent; respond: (ability: number) => unknown; right: (r: unknown) => boolean }[] = [
  {
    id: "rep-key",
    content: single("故障受理电话的人工接通率应不低于多少?", ["85%", "98%", "95%", "90%"], "b", "sla"),
    respond: (a) => (a >= 8 ? "a" : "b"),
    right: (r) => r === "b",
  },
  {
    id: "rep-easy",
    content: { type: "true_false", stem: "接听客户电话时应当礼貌。", options: [], answer: true, explanation: "", module: "etiquette", section: null, facts: [], tags: ["报表测试"], family: "" },
    respond: () => true,
    right: (r) => r === true,
  },
  { id: "rep-n1", content: single("投诉应在多长时间内回复?", ["24小时", "48小时", "72小时"], "a", "complaints"), respond: (a) => (a >= 4 ? "a" : "b"), right: (r) => r === "a" },
  { id: "rep-n2", content: single("交接班应记录什么?", ["天气", "午餐", "未结工单"], "c", "complaints"), respond: (a) => (a >= 8 ? "c" : "a"), right: (r) => r === "c" },
  { id: "rep-n3", content: single("故障修复后应当做什么?", ["回访客户", "关闭工单不回访"], "a", "sla"), respond: (a) => (a >= 8 ? "a" : "b"), right: (r) => r === "a" },
];

async function seedAttempt(userId: number, attemptNo: number, ability: number, key: string) {
  const id = `rep-${key}-${attemptNo}`;
  const start = Date.now() - 3 * DAY + attemptNo * 3_600_000;
  const items = QUESTIONS.map((q, position) => {
    const response = q.respond(ability);
    return { position, questionId: q.id, version: 1, points: 1, optionOrder: q.content.options.map((o) => o.id), response, responseSeq: 1, savedAt: start + 60_000, scoreMilli: q.right(response) ? 1000 : 0 };
  });
  const score = items.reduce((s, i) => s + i.scoreMilli, 0);
  const percentBp = Math.round((score / 5000) * 10_000);
  await insertAttempt(
    server.db,
    {
      id,
      examId,
      userId,
      attemptNo,
      seed: id,
      status: "submitted",
      startedAt: start,
      deadline: start + 30 * 60_000,
      submittedAt: start + 20 * 60_000,
      finalisedBy: "learner",
      scoreMilli: score,
      maxScoreMilli: 5000,
      percentBp,
      passed: percentBp >= 6000,
      multipleScoring: "all-or-nothing",
    },
    items,
  );
  return { id, start, percentBp };
}

beforeAll(async () => {
  server = await startServer();
  const db = server.db;
  const t = Date.now();
  const ids: Record<string, number> = {};
  for (const [no, role, name] of [
    ["RT01", "trainer", "负责培训师"],
    ["RT02", "trainer", "别班培训师"],
    ["RA01", "admin", "管理员"],
  ] as const) {
    ids[no] = (await createUser(db, { employeeNo: no, name, role, password: "pass-12345" })).id;
  }
  for (const m of [...MEMBERS, OUTSIDER]) ids[m.no] = (await createUser(db, { employeeNo: m.no, name: m.name, role: "learner", password: "pass-12345", team: "报表一班" })).id;

  for (const q of QUESTIONS) await insertQuestion(db, { id: q.id, source: "authored", status: "published", content: q.content, createdBy: ids.RT01, note: "test" }, t);
  cohortId = (await db.insert(cohorts).values({ name: "2026年报表测试班", description: null, createdBy: ids.RT01, createdAt: t }).returning({ id: cohorts.id }))[0].id;
  await db.insert(cohortTrainers).values({ cohortId, userId: ids.RT01 });
  // The cohort's history starts before the attempts below (trainers see only attempts made after a
  // learner joined and the exam was assigned).
  for (const m of MEMBERS) await db.insert(cohortMembers).values({ cohortId, userId: ids[m.no], addedAt: t - 10 * DAY });
  examId = await insertExam(
    db,
    {
      title: "报表测试考试",
      description: null,
      blueprint: [{ count: 5, points: 1, tags: ["报表测试"] }],
      timeLimitMinutes: 30,
      passPercent: 60,
      attemptsAllowed: 3,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: false,
      shuffleOptions: false,
      multipleScoring: "all-or-nothing",
      reviewMode: "explanations",
      reviewFrom: null,
      certificateName: "报表测试证书",
      certificateValidityMonths: 12,
      audience: "cohorts",
      status: "published",
      createdBy: ids.RT01,
    },
    [cohortId],
    t,
  );
  await db.insert(cohortAssignments).values([
    { cohortId, kind: "exam", examId, dueAt: t - DAY, createdAt: t - 10 * DAY },
    { cohortId, kind: "module", moduleSlug: "sla", dueAt: t - DAY, createdAt: t },
  ]);

  for (const m of MEMBERS) {
    const a = await seedAttempt(ids[m.no], 1, m.ability, m.no);
    attemptIds[m.no] = a.id;
    if (m.no === "RL10") await insertCertificate(db, { code: "REPT-0000-0000-0000-0010", userId: ids.RL10, examId, attemptId: a.id, name: "报表测试证书", holderName: m.name, issuedAt: a.start, expiresAt: a.start + 365 * DAY });
  }
  // RL01 tries again and passes; only first attempts count in the item analysis.
  attemptIds.RL01_2 = (await seedAttempt(ids.RL01, 2, 9, "RL01")).id;
  attemptIds.RL99 = (await seedAttempt(ids.RL99, 1, OUTSIDER.ability, "RL99")).id;
  const first = attemptIds.RL01;
  await recordEvent(db, { attemptId: first, kind: "tab_hidden", at: t - 3 * DAY + 3_700_000 });
  await recordEvent(db, { attemptId: first, kind: "tab_visible", at: t - 3 * DAY + 3_730_000 });
  await recordEvent(db, { attemptId: first, kind: "extra_time", at: t - 3 * DAY + 3_800_000, actorId: ids.RT01, detail: { minutes: 10, previousDeadline: 0 } });

  trainer = new Browserish(server.url);
  otherTrainer = new Browserish(server.url);
  admin = new Browserish(server.url);
  learner = new Browserish(server.url);
  await Promise.all([trainer.login("RT01", "pass-12345"), otherTrainer.login("RT02", "pass-12345"), admin.login("RA01", "pass-12345"), learner.login("RL01", "pass-12345")]);
});
afterAll(() => server?.stop());

const BOM_BYTES = [0xef, 0xbb, 0xbf];
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const decode = (bytes: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
/** CSV lines without the BOM (no field in these files contains a line break). */
const lines = (text: string) => text.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
const noStack = (text: string) => expect(text).not.toMatch(/at \w+ \(|node_modules|\.tsx?:\d+/);

describe("cohort results page", () => {
  it("shows the summary, an accessible score chart, the members × exams grid, progress and mastery", async () => {
    const res = await trainer.get(`/trainer/cohorts/${cohortId}/results`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("班级成绩：2026年报表测试班");
    for (const name of NAMES) expect(html).toContain(name);
    expect(html).not.toContain(OUTSIDER.name);
    // Best scores: RL01 40% then 80%; RL02–03 40%; RL04–07 60%; RL08–10 80% → mean 64%, median 60%, 8 of 10 passed.
    expect(html).toMatch(/data-testid="stat-mean"[^>]*>64%</);
    expect(html).toMatch(/data-testid="stat-median"[^>]*>60%</);
    expect(html).toMatch(/data-testid="stat-pass-rate"[^>]*>80%</);
    expect(html).toMatch(/data-testid="stat-n"[^>]*>10 \/ 10</);
    // The chart: an SVG image with a title and a description, ten bars, and a table alternative.
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-\d+-title chart-\d+-desc"/);
    expect((html.match(/data-testid="chart-bar"/g) ?? []).length).toBe(10);
    expect(html).toContain("40–49 分：2 人");
    expect(html).toContain("60–69 分：4 人");
    expect(html).toContain("80–89 分：4 人");
    expect(html).toContain('data-testid="chart-table"');
    // The grid: RL02 failed and is overdue; RL10 holds a certificate; every attempt links to its page.
    const row = (no: string) => html.slice(html.indexOf(`data-member="${no}"`), html.indexOf("</tr>", html.indexOf(`data-member="${no}"`)));
    expect(row("RL02")).toContain("未通过");
    expect(row("RL02")).toContain("逾期");
    expect(row("RL10")).toContain("通过");
    expect(row("RL10")).not.toContain("未通过");
    expect(row("RL10")).toContain("有效");
    expect(row("RL10")).not.toContain("逾期");
    expect(row("RL01")).toContain(`href="/trainer/attempts/${attemptIds.RL01}?cohort=${cohortId}"`);
    expect(row("RL01")).toContain(`href="/trainer/attempts/${attemptIds.RL01_2}?cohort=${cohortId}"`);
    expect(row("RL01")).toMatch(/data-testid="attempt-count"[^>]*>2</);
    // Reading progress of the assigned module, overdue for everyone (nobody read it).
    expect(html).toContain('data-testid="progress-grid"');
    expect(html).toContain("服务时限与质量指标");
    // Mastery: complaints (rep-n1, rep-n2) is weaker than etiquette (rep-easy) and listed before it.
    const mastery = html.slice(html.indexOf('data-testid="mastery"'));
    expect(mastery.indexOf('data-module="complaints"')).toBeGreaterThan(-1);
    expect(mastery.indexOf('data-module="complaints"')).toBeLessThan(mastery.indexOf('data-module="etiquette"'));
    // Downloads.
    expect(html).toContain(`href="/trainer/cohorts/${cohortId}/results.csv"`);
    expect(html).toContain(`href="/trainer/exams/${examId}/responses.csv?cohort=${cohortId}"`);
    expect(html).toContain(`href="/trainer/exams/${examId}/analysis?cohort=${cohortId}"`);
  });

  it("admins see every cohort's results", async () => {
    expect((await admin.get(`/trainer/cohorts/${cohortId}/results`)).status).toBe(200);
  });
});

describe("CSV exports", () => {
  it("cohort results: UTF-8 with a BOM, a Chinese header and the names intact, as an attachment", async () => {
    const res = await trainer.get(`/trainer/cohorts/${cohortId}/results.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="cohort-\d+-results-[\d-]+\.csv"; filename\*=UTF-8''/);
    const bytes = await bytesOf(res);
    expect([...bytes.slice(0, 3)]).toEqual(BOM_BYTES);
    const text = decode(bytes);
    expect(text.startsWith("\uFEFF工号,姓名,")).toBe(true);
    const rows = lines(text);
    expect(rows).toHaveLength(1 + MEMBERS.length);
    expect(rows[0]).toContain("报表测试考试 最高分（%）");
    expect(rows.find((r) => r.startsWith("RL02,"))).toBe("RL02,王二,报表一班,40,1,否,,是,0/11");
    expect(rows.find((r) => r.startsWith("RL10,"))).toMatch(/^RL10,郑十,报表一班,80,1,是,\d{4}-\d{2}-\d{2},,0\/11$/);
  });

  it("raw responses: one row per learner × question of every submitted attempt, with a BOM", async () => {
    const res = await trainer.get(`/trainer/exams/${examId}/responses.csv?cohort=${cohortId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; /);
    const bytes = await bytesOf(res);
    expect([...bytes.slice(0, 3)]).toEqual(BOM_BYTES);
    const rows = lines(decode(bytes));
    expect(rows[0]).toBe("工号,姓名,考试,第几次作答,题干,题型,模块,作答,正确答案,得分,满分,作答编号,题目编号,版本");
    // 10 members × 5 questions, plus RL01's second attempt; the learner outside the cohort is not there.
    expect(rows).toHaveLength(1 + (MEMBERS.length + 1) * QUESTIONS.length);
    expect(rows.some((r) => r.startsWith("RL99,"))).toBe(false);
    // Words first (stem, type, the answer and the key as option texts), ids only in the last columns.
    const cells = (suffix: string) => rows.find((r) => r.endsWith(suffix))!.split(",");
    const rl10 = cells(`,${attemptIds.RL10},rep-key,1`);
    expect([...rl10.slice(0, 6), ...rl10.slice(7)]).toEqual(["RL10", "郑十", "报表测试考试", "1", "故障受理电话的人工接通率应不低于多少?", "单选题", "85%", "98%", "0", "1", attemptIds.RL10, "rep-key", "1"]);
    expect(cells(`,${attemptIds.RL02},rep-key,1`).slice(7, 11)).toEqual(["98%", "98%", "1", "1"]);
    const rl01 = cells(`,${attemptIds.RL01_2},rep-easy,1`);
    expect([...rl01.slice(0, 6), ...rl01.slice(7, 11)]).toEqual(["RL01", "陈一", "报表测试考试", "2", "接听客户电话时应当礼貌。", "判断题", "正确", "正确", "1", "1"]);
    const pairs = new Set(rows.slice(1).map((r) => r.split(",").slice(11, 13).join("|")));
    expect(pairs.size).toBe(rows.length - 1);
  });

  it("the whole exam's responses (no cohort) are for admins only", async () => {
    const res = await admin.get(`/trainer/exams/${examId}/responses.csv`);
    expect(res.status).toBe(200);
    const rows = lines(decode(await bytesOf(res)));
    expect(rows).toHaveLength(1 + (MEMBERS.length + 2) * QUESTIONS.length);
    expect(rows.some((r) => r.startsWith("RL99,外班学员,"))).toBe(true);
    expect((await trainer.get(`/trainer/exams/${examId}/responses.csv`)).status).toBe(403);
  });
});

describe("who may see what", () => {
  it("a trainer not responsible for the cohort gets 404 on its results, CSVs, filtered analysis and a member's attempt", async () => {
    for (const path of [
      `/trainer/cohorts/${cohortId}/results`,
      `/trainer/cohorts/${cohortId}/results.csv`,
      `/trainer/exams/${examId}/responses.csv?cohort=${cohortId}`,
      `/trainer/exams/${examId}/analysis?cohort=${cohortId}`,
      `/trainer/attempts/${attemptIds.RL02}`,
    ]) {
      const res = await otherTrainer.get(path);
      expect(res.status, path).toBe(404);
      const body = await res.text();
      noStack(body);
      expect(body).not.toContain("王二");
    }
  });

  it("a learner gets 403 everywhere, even for their own attempt's trainer page", async () => {
    for (const path of [
      `/trainer/cohorts/${cohortId}/results`,
      `/trainer/cohorts/${cohortId}/results.csv`,
      `/trainer/exams/${examId}/responses.csv?cohort=${cohortId}`,
      `/trainer/exams/${examId}/analysis`,
      `/trainer/attempts/${attemptIds.RL01}`,
    ]) {
      const res = await learner.get(path);
      noStack(await res.clone().text());
      await expectForbidden(res, path);
    }
  });

  it("anonymous visitors are sent to sign in; bad ids are 404 without a stack trace", async () => {
    const anon = new Browserish(server.url);
    for (const path of [`/trainer/cohorts/${cohortId}/results.csv`, `/trainer/exams/${examId}/analysis?cohort=${cohortId}`]) expectSignIn(await anon.get(path), path);
    for (const path of ["/trainer/cohorts/999999/results", "/trainer/cohorts/abc/results.csv", "/trainer/exams/999999/analysis", "/trainer/exams/x/responses.csv", `/trainer/exams/${examId}/analysis?cohort=abc`, "/trainer/attempts/nope"]) {
      const r = await trainer.get(path);
      expect(r.status, path).toBe(404);
      noStack(await r.text());
    }
  });

  it("the exam-wide analysis is open to any trainer but shows no names", async () => {
    const res = await otherTrainer.get(`/trainer/exams/${examId}/analysis`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const name of [...NAMES, OUTSIDER.name]) expect(html).not.toContain(name);
    for (const no of ["RL01", "RL99"]) expect(html).not.toContain(no);
    expect(html).toMatch(/data-testid="exam-n"[^>]*>11</);
    // The other trainer has no cohort to filter by, and no download of named responses.
    expect(html).not.toContain("2026年报表测试班");
    expect(html).not.toContain("responses.csv");
  });
});

describe("item analysis page", () => {
  it("flags the planted flawed questions and links each flag to the question's edit page", async () => {
    const res = await trainer.get(`/trainer/exams/${examId}/analysis?cohort=${cohortId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("题目分析：报表测试考试");
    expect(html).toMatch(/data-testid="exam-n"[^>]*>10</);
    expect(html).toMatch(/data-testid="exam-k"[^>]*>5</);
    expect(html).toMatch(/data-testid="exam-alpha"[^>]*>-?\d\.\d{3}</);
    expect(html).toMatch(/data-testid="exam-sem"[^>]*>\d+\.\d{2}</);

    const flagged = html.slice(html.indexOf('data-testid="flagged"'), html.indexOf('id="items-title"'));
    const card = (id: string) => {
      const start = flagged.indexOf(`data-question="${id}"`);
      expect(start, id).toBeGreaterThan(-1);
      return flagged.slice(start, flagged.indexOf('data-testid="flag-link"', start) + 200);
    };
    const key = card("rep-key");
    expect(key).toContain('data-flag="negativeDiscrimination"');
    expect(key).toContain("负区分度");
    expect(key).toContain('data-flag="distractorBeatsKey"');
    expect(key).toContain("干扰项");
    expect(key).toContain('href="/trainer/questions/rep-key"');
    const easy = card("rep-easy");
    expect(easy).toContain('data-flag="tooEasy"');
    expect(easy).toContain("过易");
    expect(easy).toContain('href="/trainer/questions/rep-easy"');
    // The most serious problem comes first; the sound questions are not in the list.
    expect(flagged.indexOf('data-question="rep-key"')).toBeLessThan(flagged.indexOf('data-question="rep-easy"'));
    expect(flagged).not.toContain('data-question="rep-n1"');

    // Option counts: the key (b) is marked; in the top group (3 learners) a was chosen 3 times, b never.
    const options = html.slice(html.indexOf('id="item-rep-key_1-options"'));
    const table = options.slice(0, options.indexOf("</table>"));
    expect(table).toMatch(/data-option="B" data-right="true"[\s\S]*?98%[\s\S]*?正确答案/);
    const row = (label: string) => table.slice(table.indexOf(`data-option="${label}"`), table.indexOf("</tr>", table.indexOf(`data-option="${label}"`)));
    expect(row("A")).toContain("85%");
    expect(row("A")).toMatch(/data-testid="option-count">3<\/span>[\s\S]*?\(30%\)/);
    expect(row("A")).toMatch(/data-testid="option-upper">3<\/span>[\s\S]*?多于正确答案/);
    expect(row("B")).toMatch(/data-testid="option-count">7<\/span>/);
    expect(row("B")).toMatch(/data-testid="option-upper">0<\/span>/);
  });
});

describe("item analysis: when α cannot be computed the page says why", () => {
  const exam = async (title: string) =>
    await insertExam(
      server.db,
      {
        title,
        description: null,
        blueprint: [{ count: 2, points: 1, tags: ["报表测试"] }],
        timeLimitMinutes: 30,
        passPercent: 60,
        attemptsAllowed: 1,
        opensAt: null,
        closesAt: null,
        shuffleQuestions: true,
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
      Date.now(),
    );
  const paper = async (attemptId: string, examId: number, userId: number, questionIds: string[]) =>
    await insertAttempt(
      server.db,
      { id: attemptId, examId, userId, attemptNo: 1, seed: attemptId, status: "submitted", startedAt: 1, deadline: 2, submittedAt: 2, finalisedBy: "learner", scoreMilli: 1000, maxScoreMilli: 2000, percentBp: 5000, passed: false, multipleScoring: "all-or-nothing" },
      questionIds.map((questionId, position) => ({ position, questionId, version: 1, points: 1, optionOrder: [], response: null, scoreMilli: position === 0 ? 1000 : 0 })),
    );

  it("no attempts yet: nothing to analyse, fewer than 2 learners", async () => {
    const id = await exam("尚无人作答的考试");
    const html = await (await trainer.get(`/trainer/exams/${id}/analysis`)).text();
    expect(html).toContain('data-testid="no-data"');
    expect(html).toMatch(/data-testid="alpha-note"[^>]*>少于 2 人作答/);
    expect(html).toMatch(/data-testid="exam-alpha"[^>]*>—</);
  });

  it("random papers: learners saw different questions, so α and SEM are not computed", async () => {
    const id = await exam("随机抽题的考试");
    const users = await rows<{ id: number }>(server.db, sql`select id from users where employee_no in ('RL01', 'RL02', 'RL03') order by employee_no`);
    await paper("rep-random-1", id, users[0].id, ["rep-n1", "rep-n2"]);
    await paper("rep-random-2", id, users[1].id, ["rep-n1", "rep-n3"]);
    await paper("rep-random-3", id, users[2].id, ["rep-n2", "rep-n3"]);
    const html = await (await trainer.get(`/trainer/exams/${id}/analysis`)).text();
    expect(html).toMatch(/data-testid="exam-n"[^>]*>3</);
    expect(html).toMatch(/data-testid="alpha-note"[^>]*>α 和 SEM 未计算：试卷随机抽题/);
    expect(html).toMatch(/data-testid="exam-sem"[^>]*>—</);
  });
});

describe("one learner's attempt, for the trainer", () => {
  it("shows each answer with the right one and the score, and the tab-leave and extra-time events", async () => {
    const res = await trainer.get(`/trainer/attempts/${attemptIds.RL10}?cohort=${cohortId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("郑十");
    expect(html).toContain(`href="/trainer/cohorts/${cohortId}/results"`);
    const at = html.indexOf('data-question="rep-key"');
    const item = html.slice(at, html.indexOf('data-testid="attempt-item"', at));
    expect(item).toContain('data-outcome="wrong"');
    expect(item).toMatch(/data-testid="learner-answer"[\s\S]*?85%/);
    expect(item).toMatch(/data-testid="right-answer"[\s\S]*?98%/);
    expect(item).toContain("0 / 1 分");
    expect(html).toContain('href="/trainer/questions/rep-key"');

    const first = await (await trainer.get(`/trainer/attempts/${attemptIds.RL01}`)).text();
    const events = first.slice(first.indexOf('data-testid="events"'));
    expect(events).toContain("离开考试页面");
    expect(events).toContain("回到考试页面");
    expect(events).toContain("延长时间 10 分钟（操作人：负责培训师）");
    // Links between the learner's attempts.
    expect(first).toContain(`href="/trainer/attempts/${attemptIds.RL01_2}"`);
    expect((await admin.get(`/trainer/attempts/${attemptIds.RL99}`)).status).toBe(200);
    // RL99 is in no cohort of this trainer.
    expect((await trainer.get(`/trainer/attempts/${attemptIds.RL99}`)).status).toBe(404);
  });
});

describe("npm run report", () => {
  const run = (...args: string[]) =>
    execFileSync("npm", ["run", "--silent", "report", "--", ...args], {
      env: { ...process.env, ...server.databaseEnv },
      encoding: "buffer",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });

  it("--format json: exam statistics (α, SEM) and every item with its flags", () => {
    const out = JSON.parse(run("--exam", String(examId), "--format", "json").toString("utf8")) as {
      examStatistics: { n: number; k: number; alpha: number | null; sem: number | null };
      items: { questionId: string; flags: string[] }[];
    };
    expect(out.examStatistics.n).toBe(11);
    expect(out.examStatistics.k).toBe(5);
    expect(typeof out.examStatistics.alpha).toBe("number");
    expect(typeof out.examStatistics.sem).toBe("number");
    const flags = Object.fromEntries(out.items.map((i) => [i.questionId, i.flags]));
    expect(flags["rep-key"]).toEqual(expect.arrayContaining(["negativeDiscrimination", "distractorBeatsKey"]));
    expect(flags["rep-easy"]).toContain("tooEasy");
    expect(flags["rep-n1"]).toEqual([]);
  });

  it("--format csv: raw responses starting with the BOM, Chinese intact", () => {
    const bytes = run("--exam", String(examId), "--cohort", String(cohortId), "--format", "csv");
    expect([...bytes.subarray(0, 3)]).toEqual(BOM_BYTES);
    const rows = lines(decode(new Uint8Array(bytes)));
    expect(rows[0]).toBe("工号,姓名,考试,第几次作答,题干,题型,模块,作答,正确答案,得分,满分,作答编号,题目编号,版本");
    expect(rows).toHaveLength(1 + (MEMBERS.length + 1) * QUESTIONS.length);
    expect(rows.some((r) => r.startsWith("RL03,张三,报表测试考试,"))).toBe(true);
  });
});
