/**
 * The learner's dashboard and exam list in Chromium: the exams the learner may sit now with their window,
 * time limit, attempts left and due date; what is due soon and overdue (modules and exams assigned to the
 * learner's cohort), overdue first; the same due dates on /exams, /exams/:id, /modules and /assignments;
 * and, with an attempt open, the resume button naming the exam and the minutes left, which count down
 * with the server's clock (the test clock: nothing waits for real time).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { exec, row } from "@db/client";
import { insertExam, type NewExam } from "@db/queries/exams";
import { insertQuestion } from "@db/queries/questions";
import { dueDateToEpoch, epochToDueDate } from "~/domain/cohort-members";
import { formatDateTime } from "~/domain/time";
import type { QuestionContent } from "~/domain/question";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

const DAY = 86_400_000;
const TAG = "首页考试";
const base = { explanation: "", module: null, section: null, facts: [], tags: [TAG], family: "" };
const QUESTIONS: Record<string, QuestionContent> = {
  "db-1": { ...base, type: "true_false", stem: "首页判断一：受理投诉时应先安抚客户情绪。", options: [], answer: true },
  "db-2": { ...base, type: "true_false", stem: "首页判断二：营业厅可以拒绝登记客户投诉。", options: [], answer: false },
};
const ASSIGNED = "首页演练：投诉处理认证";
const OPEN_TO_ALL = "首页演练：礼仪自测";

let server: TestServer;
let browser: Browser;
let assignedExam: number;
let otherExam: number;
/** Server time at set-up, and the due dates as the pages show them. */
let t0: number;
let closesAt: number;
const due = { overdueModule: "", soonModule: "", exam: "", laterModule: "" };

async function exam(title: string, overrides: Partial<NewExam> = {}): Promise<number> {
  return insertExam(
    server.db,
    {
      title,
      description: null,
      blueprint: [{ count: 2, points: 1, tags: [TAG] }],
      timeLimitMinutes: 30,
      passPercent: 60,
      attemptsAllowed: 2,
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
      ...overrides,
    },
    [],
    t0,
  );
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ testClock: true }), launchBrowser()]);
  t0 = await server.clock.advance(0);
  for (const [id, content] of Object.entries(QUESTIONS)) await insertQuestion(server.db, { id, source: "authored", status: "published", content, createdBy: null, note: "e2e" }, t0);
  closesAt = t0 + 10 * DAY;
  assignedExam = await exam(ASSIGNED, { closesAt });
  otherExam = await exam(OPEN_TO_ALL, { timeLimitMinutes: 15, attemptsAllowed: 1 });
  const { id: learnerId } = await createUser(server.db, { employeeNo: "DB001", name: "钱首页", password: "learner-pass" });
  await exec(server.db, sql`insert into cohorts (name, created_at) values ('首页测试班', ${t0})`);
  const cohortId = (await row<{ id: number }>(server.db, sql`select id from cohorts where name = '首页测试班'`))!.id;
  await exec(server.db, sql`insert into cohort_members (cohort_id, user_id, added_at) values (${cohortId}, ${learnerId}, ${t0})`);
  // Due dates are the end of a day in the product's zone, stored as the cohort page stores them.
  const assign = async (kind: "module" | "exam", ref: string, days: number) => {
    const date = epochToDueDate(t0 + days * DAY);
    const moduleSlug = kind === "module" ? ref : null;
    const examId = kind === "exam" ? Number(ref) : null;
    await exec(
      server.db,
      sql`insert into cohort_assignments (cohort_id, kind, module_slug, exam_id, due_at, created_at) values (${cohortId}, ${kind}, ${moduleSlug}, ${examId}, ${dueDateToEpoch(date)}, ${t0})`,
    );
    return date;
  };
  due.overdueModule = await assign("module", "sla", -2);
  due.soonModule = await assign("module", "complaints", 1);
  due.exam = await assign("exam", String(assignedExam), 2);
  due.laterModule = await assign("module", "etiquette", 20);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("工号").fill("DB001");
  await page.getByLabel("密码").fill("learner-pass");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? "").replace(/\s+/g, " ").trim();

describe("the learner's dashboard", () => {
  it("shows the exams to sit now, what is due and overdue, and the due dates on every learner page", async () => {
    const page = await browser.newPage();
    await signIn(page);

    // Exams to sit now: window, time limit, attempts left; the assigned one with its due date (due soon).
    const sitNow = page.getByTestId("sit-now");
    const assigned = sitNow.locator(`[data-exam="${assignedExam}"]`);
    const assignedText = (await assigned.textContent())!;
    expect(assignedText).toContain(ASSIGNED);
    expect(assignedText).toContain("限时 30 分钟");
    expect(assignedText).toContain("剩余次数：2 / 2");
    expect(assignedText).toContain(`开放时间：${formatDateTime(closesAt)} 截止`);
    await expect(assigned.getByTestId("due-note").getAttribute("data-state")).resolves.toBe("dueSoon");
    expect(await assigned.getByTestId("due-note").textContent()).toBe(`截止日期：${due.exam}即将到期`);
    const other = sitNow.locator(`[data-exam="${otherExam}"]`);
    expect(await other.textContent()).toContain("限时 15 分钟");
    expect(await other.textContent()).toContain("剩余次数：1 / 1");
    await expect(other.getByTestId("due-note").count()).resolves.toBe(0);

    // Due soon and overdue: overdue first, then the soonest; not the one due in 20 days.
    const items = await page.getByTestId("due-list").locator("li").allTextContents();
    expect(items.map((s) => s.replace(/\s+/g, ""))).toEqual([
      expect.stringMatching(new RegExp(`^已逾期·课程·.+（截止${due.overdueModule}）$`)),
      expect.stringMatching(new RegExp(`^即将到期·课程·.+（截止${due.soonModule}）$`)),
      `即将到期·考试·${ASSIGNED}（截止${due.exam}）`,
    ]);
    expect(await text(page, '[data-testid="assignments-due"]')).toContain("学习任务：1 项已逾期，2 项即将到期。");
    // The module cards carry their due dates too.
    expect(await page.locator('[data-module="sla"]').getByTestId("due-note").textContent()).toBe(`截止日期：${due.overdueModule}已逾期`);
    expect(await page.locator('[data-module="etiquette"]').getByTestId("due-note").textContent()).toBe(`截止日期：${due.laterModule}`);

    // /exams: the assigned exam's card shows its due date.
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "考试" }).click();
    await page.waitForURL(/\/exams$/);
    expect(await page.locator(`[data-exam="${assignedExam}"]`).getByTestId("due-note").textContent()).toBe(`截止日期：${due.exam}即将到期`);
    await expect(page.locator(`[data-exam="${otherExam}"]`).getByTestId("due-note").count()).resolves.toBe(0);

    // /exams/:id: the due date among the exam's facts.
    await page.locator(`[data-exam="${assignedExam}"]`).getByRole("link", { name: ASSIGNED }).click();
    await page.waitForURL(new RegExp(`/exams/${assignedExam}$`));
    // The URL changes before the new page renders: wait for the exam's own facts, not the list's due note.
    await page.getByTestId("attempts-used").waitFor();
    expect(await page.getByTestId("due-note").textContent()).toBe(`${due.exam}即将到期`);

    // /modules and /assignments.
    await page.goto(`${server.url}/modules`);
    expect(await page.getByTestId("due-note").allTextContents()).toEqual(
      expect.arrayContaining([`截止日期：${due.overdueModule}已逾期`, `截止日期：${due.soonModule}即将到期`, `截止日期：${due.laterModule}`]),
    );
    await page.goto(`${server.url}/assignments`);
    expect(await text(page, `[data-assignment="exam:${assignedExam}"]`)).toContain(due.exam);
    await page.close();
  });

  it("names the open exam and its minutes left on the resume button, counting down with the server's clock", async () => {
    const page = await browser.newPage();
    await signIn(page);
    await page.goto(`${server.url}/exams/${assignedExam}`);
    await page.getByRole("button", { name: "开始考试" }).click();
    await page.waitForURL(/\/attempts\/[\w-]+$/);
    await page.locator('[data-testid="attempt-page"][data-ready="true"]').waitFor();
    const attemptPath = new URL(page.url()).pathname;

    await page.clock.install();
    await page.goto(`${server.url}/dashboard`);
    const resume = page.getByTestId("resume-attempt");
    expect(await resume.textContent()).toBe(`继续作答：${ASSIGNED}（剩余 30 分钟）`);
    // The open exam is resumed, not offered again among the exams to sit.
    await expect(page.getByTestId("sit-now").locator(`[data-exam="${assignedExam}"]`).count()).resolves.toBe(0);

    await server.clock.advance(10 * 60_000 + 1);
    await page.reload();
    expect(await page.getByTestId("resume-attempt").textContent()).toBe(`继续作答：${ASSIGNED}（剩余 20 分钟）`);
    // Left open, the button counts down by itself (the page's clock moved on; no reload).
    await page.clock.runFor(5 * 60_000);
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="resume-attempt"]')?.textContent === want,
      `继续作答：${ASSIGNED}（剩余 15 分钟）`,
    );
    await page.getByTestId("resume-attempt").click();
    await page.waitForURL((url) => url.pathname === attemptPath);
    await page.locator('[data-testid="attempt-page"][data-ready="true"]').waitFor();
    await page.close();
  });
});
