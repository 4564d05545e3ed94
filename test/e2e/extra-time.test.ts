/**
 * No lost time, in Chromium: a trainer grants 5 minutes when the learner has about 20 s left; the
 * learner's page shows the new time within seconds, the learner keeps answering after the old zero,
 * and those answers count. And a page that missed the news (its heartbeat blocked) asks the server
 * at its old zero, is told the new deadline, and keeps counting instead of submitting.
 *
 * Nothing waits for real time to pass: the server runs with the test clock (NODE_ENV=test,
 * KEFU_TEST_CLOCK=1) and the learner's page with Playwright's clock; `passTimeUntil` moves both
 * together, and the test waits for what the pages show.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { row } from "@db/client";
import { insertExam } from "@db/queries/exams";
import { insertQuestion } from "@db/queries/questions";
import { SAVE_GRACE_MS } from "~/domain/exam";
import type { QuestionContent } from "~/domain/question";
import { launchBrowser } from "../helpers/browser";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;

const TAG = "延时测试";
const base = { explanation: "", module: null, section: null, facts: [], tags: [TAG], family: "" };
const QUESTIONS: Record<string, QuestionContent> = {
  "xt-1": { ...base, type: "true_false", stem: "延时判断一:故障受理电话应在15秒内应答。", options: [], answer: true },
  "xt-2": { ...base, type: "true_false", stem: "延时判断二:营业厅可以拒绝登记客户投诉。", options: [], answer: false },
  "xt-3": { ...base, type: "true_false", stem: "延时判断三:投诉答复后一周内回访。", options: [], answer: true },
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ testClock: true }), launchBrowser()]);
  const t = Date.now();
  for (const [id, content] of Object.entries(QUESTIONS)) await insertQuestion(server.db, { id, source: "authored", status: "published", content, createdBy: null, note: "e2e" }, t);
  await createUser(server.db, { employeeNo: "XT001", name: "周考生", password: "extra-pass-1" });
  await createUser(server.db, { employeeNo: "XT002", name: "吴考生", password: "extra-pass-2" });
  await createUser(server.db, { employeeNo: "XT900", name: "郑培训", role: "trainer", password: "trainer-pass-9" });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** An exam that closes `closesInMs` from now (server time): an attempt started before then has that close as its deadline. */
async function closingExam(title: string, closesInMs: number): Promise<number> {
  const t = await serverNow();
  return await insertExam(
    server.db,
    {
      title,
      description: null,
      blueprint: [{ count: 3, points: 1, tags: [TAG] }],
      timeLimitMinutes: 30,
      passPercent: 60,
      attemptsAllowed: 1,
      opensAt: null,
      closesAt: t + closesInMs,
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
}

const serverNow = () => server.clock.advance(0);

/** Time passes until `at` (server time, epoch ms): the server's clock and the learner page's move together. */
async function passTimeUntil(at: number, page: Page) {
  const skip = at - (await serverNow());
  if (skip <= 0) return;
  await server.clock.advance(skip);
  await page.clock.fastForward(skip);
}

async function signIn(page: Page, employeeNo: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("工号").fill(employeeNo);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);
}

async function start(page: Page, examId: number) {
  await page.goto(`${server.url}/exams/${examId}`);
  await page.getByRole("button", { name: "开始考试" }).click();
  await page.waitForURL(/\/attempts\/[\w-]+$/);
  await page.locator('[data-testid="attempt-page"][data-ready="true"]').waitFor({ timeout: 15_000 });
  return page.url().split("/").pop()!;
}

async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.getByRole("timer").textContent()) ?? "";
  return text
    .trim()
    .split(":")
    .map(Number)
    .reduce((s, n) => s * 60 + n, 0);
}

const question = (page: Page, stem: string) => page.locator("section[data-question]", { hasText: stem });
const saveState = (page: Page, stem: string) => question(page, stem).locator('[data-testid^="save-state-"]');
const attemptRow = async (id: string) =>
  (await row<{ status: string; deadline: number; finalisedBy: string | null; score: number | null }>(
    server.db,
    sql`select status, deadline, finalised_by as "finalisedBy", score_milli as "score" from attempts where id = ${id}`,
  ))!;

describe("extra time granted in the last seconds is not lost", () => {
  it("the trainer grants 5 minutes with ~20 s left; the learner answers after the old zero and the answers count", async () => {
    const examId = await closingExam("延时考试", 30 * 60_000);
    const learnerContext = await browser.newContext();
    const trainerContext = await browser.newContext();
    const learner = await learnerContext.newPage();
    await learner.clock.install();
    const trainerPage = await trainerContext.newPage();
    await Promise.all([signIn(learner, "XT001", "extra-pass-1"), signIn(trainerPage, "XT900", "trainer-pass-9")]);
    const attemptId = await start(learner, examId);
    const oldDeadline = (await attemptRow(attemptId)).deadline;

    await question(learner, "延时判断一").getByLabel("对").check();
    await expect.poll(() => saveState(learner, "延时判断一").textContent(), { timeout: 10_000 }).toContain("已保存");

    // The trainer has the exam's attempts open and waits until the learner has about 20 s left.
    await trainerPage.goto(`${server.url}/trainer/exams/${examId}/attempts`);
    await passTimeUntil(oldDeadline - 20_000, learner);
    await expect.poll(() => secondsLeft(learner), { timeout: 10_000, interval: 250 }).toBeLessThanOrEqual(20);
    const row = trainerPage.locator(`tr[data-attempt-id="${attemptId}"]`);
    await row.getByLabel("分钟").fill("5");
    await row.getByRole("button", { name: "为 周考生 第 1 次作答延长时间" }).click();
    await expect.poll(() => trainerPage.getByTestId("action-message").textContent(), { timeout: 10_000 }).toContain("延长 5 分钟");
    expect((await attemptRow(attemptId)).deadline).toBe(oldDeadline + 5 * 60_000);

    // Within a few seconds (the heartbeat), before the old zero, the learner's page shows the new time.
    await expect.poll(() => secondsLeft(learner), { timeout: 12_000, interval: 250 }).toBeGreaterThan(4 * 60);
    expect(await serverNow()).toBeLessThan(oldDeadline);
    await expect(learner.getByTestId("time-extended").textContent()).resolves.toContain("延长考试时间");

    // The old zero and its grace pass; the page stays on the paper and keeps taking answers.
    await passTimeUntil(oldDeadline + SAVE_GRACE_MS + 1_000, learner);
    expect(learner.url()).toMatch(/\/attempts\/[\w-]+$/);
    expect(await secondsLeft(learner)).toBeGreaterThan(4 * 60);
    await question(learner, "延时判断二").getByLabel("错").check();
    await expect.poll(() => saveState(learner, "延时判断二").textContent(), { timeout: 10_000 }).toContain("已保存");
    await question(learner, "延时判断三").getByLabel("对").check();
    await expect.poll(() => saveState(learner, "延时判断三").textContent(), { timeout: 10_000 }).toContain("已保存");
    expect((await attemptRow(attemptId)).status).toBe("in_progress");

    // 交卷: all three answers count, and the trainer sees that the learner submitted.
    await learner.getByTestId("open-submit").click();
    await learner.getByRole("dialog", { name: "确认交卷" }).getByRole("button", { name: "确认交卷" }).click();
    await learner.waitForURL(/\/attempts\/[\w-]+\/result$/, { timeout: 15_000 });
    await expect(learner.getByTestId("result-score").textContent()).resolves.toBe("3 / 3");
    expect(await attemptRow(attemptId)).toMatchObject({ status: "submitted", finalisedBy: "learner", score: 3000 });
    await trainerPage.reload();
    await expect(trainerPage.locator(`tr[data-attempt-id="${attemptId}"]`).getByTestId("finalised-by").textContent()).resolves.toBe("学员交卷");
    await learnerContext.close();
    await trainerContext.close();
  });

  it("a page that missed the news asks the server at its old zero, learns the new deadline and keeps counting", async () => {
    const examId = await closingExam("延时考试(未收到通知)", 30 * 60_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await signIn(page, "XT002", "extra-pass-2");
    // The heartbeat never gets through (as if the news were lost on the way); saves still do.
    let heartbeatsBlocked = 0;
    let timeSubmits = 0;
    await page.route("**/attempts/*/save", async (route) => {
      if ((route.request().postData() ?? "").includes('"intent":"sync"')) {
        heartbeatsBlocked++;
        return route.abort("internetdisconnected");
      }
      return route.continue();
    });
    page.on("request", (r) => {
      if (r.url().endsWith("/submit") && (r.postData() ?? "").includes("reason=time")) timeSubmits++;
    });
    const attemptId = await start(page, examId);
    const oldDeadline = (await attemptRow(attemptId)).deadline;
    await passTimeUntil(oldDeadline - 20_000, page);
    await expect.poll(() => secondsLeft(page), { timeout: 10_000, interval: 250 }).toBeLessThanOrEqual(20);

    const trainer = new Browserish(server.url);
    await trainer.login("XT900", "trainer-pass-9");
    const grant = await trainer.post(`/trainer/exams/${examId}/attempts`, { intent: "extraTime", attemptId, minutes: "5" });
    expect(grant.status).toBe(200);

    // The page has not heard: it counts down to its old zero…
    expect(await secondsLeft(page)).toBeLessThanOrEqual(20);
    await passTimeUntil(oldDeadline, page);
    // …asks, is refused a time-triggered submit, and is back to counting down from the new deadline.
    await expect.poll(() => secondsLeft(page), { timeout: 15_000, interval: 250 }).toBeGreaterThan(4 * 60);
    expect(timeSubmits).toBeGreaterThanOrEqual(1);
    expect(heartbeatsBlocked).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId("time-extended").textContent()).resolves.toContain("延长考试时间");
    expect(page.url()).toMatch(/\/attempts\/[\w-]+$/);
    expect(await attemptRow(attemptId)).toMatchObject({ status: "in_progress", finalisedBy: null });

    // Answers after the old zero are taken and count.
    await passTimeUntil(oldDeadline + SAVE_GRACE_MS + 1_000, page);
    for (const [stem, label] of [["延时判断一", "对"], ["延时判断二", "错"]] as const) {
      await question(page, stem).getByLabel(label).check();
      await expect.poll(() => saveState(page, stem).textContent(), { timeout: 10_000 }).toContain("已保存");
    }
    await page.getByTestId("open-submit").click();
    await page.getByRole("dialog", { name: "确认交卷" }).getByRole("button", { name: "确认交卷" }).click();
    await page.waitForURL(/\/attempts\/[\w-]+\/result$/, { timeout: 15_000 });
    await expect(page.getByTestId("result-score").textContent()).resolves.toBe("2 / 3");
    expect(await attemptRow(attemptId)).toMatchObject({ status: "submitted", finalisedBy: "learner", score: 2000 });
    await context.close();
  });
});
