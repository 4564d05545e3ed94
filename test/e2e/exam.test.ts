/**
 * A learner sits an exam in Chromium: start, answer (autosave: 已保存), the countdown ignores a changed
 * computer clock, reload keeps answers and time, flag, go offline and back (unsaved banner, then saved),
 * submit through the confirmation dialog that lists unanswered questions, see the result and certificate.
 *
 * Nothing here waits for real time to pass: the server runs with the test clock (NODE_ENV=test,
 * KEFU_TEST_CLOCK=1) and the page with Playwright's clock, and deadlines are reached by moving both.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { row, rows } from "@db/client";
import { insertExam } from "@db/queries/exams";
import { insertQuestion } from "@db/queries/questions";
import type { QuestionContent } from "~/domain/question";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let examId: number;

const TAG = "e2e考试";
const base = { explanation: "", module: null, section: null, facts: [], tags: [TAG], family: "" };
const QUESTIONS: Record<string, QuestionContent> = {
  "e2e-tf1": { ...base, type: "true_false", stem: "判断一:故障受理电话应在15秒内应答。", options: [], answer: true },
  "e2e-tf2": { ...base, type: "true_false", stem: "判断二:营业厅可以拒绝登记客户投诉。", options: [], answer: false },
  "e2e-s1": {
    ...base,
    type: "single",
    stem: "单选一:投诉自受理之日起最长几日内答复?",
    options: [{ id: "a", text: "3日" }, { id: "b", text: "7日" }, { id: "c", text: "15日" }],
    answer: "b",
  },
  "e2e-s2": {
    ...base,
    type: "single",
    stem: "单选二:答复后多久内回访?",
    options: [{ id: "a", text: "一周内" }, { id: "b", text: "一个月内" }, { id: "c", text: "不回访" }],
    answer: "a",
  },
  "e2e-num": { ...base, type: "numeric", stem: "数值一:故障受理应答时限是多少秒?", options: [], answer: { value: 15, tolerance: 0, unit: "秒" } },
  "e2e-multi": {
    ...base,
    type: "multiple",
    stem: "多选一:投诉处理包括哪些环节?",
    options: [{ id: "a", text: "登记" }, { id: "b", text: "查处" }, { id: "c", text: "推诿" }],
    answer: ["a", "b"],
  },
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ testClock: true }), launchBrowser()]);
  const t = Date.now();
  for (const [id, content] of Object.entries(QUESTIONS)) await insertQuestion(server.db, { id, source: "authored", status: "published", content, createdBy: null, note: "e2e" }, t);
  examId = await insertExam(
    server.db,
    {
      title: "服务时限上岗考试",
      description: "考查服务时限与投诉处理。",
      blueprint: [{ count: 6, points: 1, tags: [TAG] }],
      timeLimitMinutes: 30,
      passPercent: 60,
      // One attempt: the result page shows the answers at once (with attempts left it shows the score only).
      attemptsAllowed: 1,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: true,
      shuffleOptions: true,
      multipleScoring: "all-or-nothing",
      reviewMode: "answers",
      reviewFrom: null,
      certificateName: "服务时限上岗证",
      certificateValidityMonths: 12,
      audience: "everyone",
      status: "published",
      createdBy: null,
    },
    [],
    t,
  );
  await createUser(server.db, { employeeNo: "X1001", name: "赵考生", password: "exam-pass-1" });
  await createUser(server.db, { employeeNo: "X1002", name: "钱考生", password: "exam-pass-2" });
  await createUser(server.db, { employeeNo: "X1003", name: "孙考生", password: "exam-pass-3" });
  await createUser(server.db, { employeeNo: "X1004", name: "李考生", password: "exam-pass-4" });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, employeeNo: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("工号").fill(employeeNo);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);
}

/** Seconds shown by the countdown ("mm:ss" or "h:mm:ss"). */
async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.getByRole("timer").textContent()) ?? "";
  return text
    .trim()
    .split(":")
    .map(Number)
    .reduce((s, n) => s * 60 + n, 0);
}

const question = (page: Page, stem: string): Locator => page.locator("section[data-question]", { hasText: stem });
const saveState = (q: Locator) => q.locator('[data-testid^="save-state-"]');

/** Browser-side problems, reported if the page never comes alive (e.g. assets missing after a rebuild). */
const problems = new WeakMap<Page, string[]>();
function watch(page: Page) {
  const log: string[] = [];
  problems.set(page, log);
  page.on("pageerror", (e) => log.push(`pageerror: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) log.push(`${r.status()} ${r.url()}`);
  });
}

async function waitReady(page: Page) {
  await page.locator('[data-testid="attempt-page"][data-ready="true"]').waitFor({ timeout: 15_000 }).catch((e: Error) => {
    throw new Error(`${e.message}\n${page.url()} never hydrated:\n${(problems.get(page) ?? []).join("\n")}`);
  });
}

async function startExam(page: Page, id = examId, title = "服务时限上岗考试") {
  await page.goto(`${server.url}/exams`);
  const card = page.locator(`[data-exam="${id}"]`);
  await expect(card.getByTestId("exam-status").textContent()).resolves.toBe("可以开始");
  await card.getByRole("link", { name: title }).click();
  await page.waitForURL(new RegExp(`/exams/${id}$`));
  await page.getByRole("button", { name: "开始考试" }).click();
  await page.waitForURL(/\/attempts\/[\w-]+$/);
  await waitReady(page);
}

/** An exam that closes at `closesAt` (server time): its attempts' deadline is the close (the time limit is longer). */
async function closingExam(title: string, closesAt: number): Promise<number> {
  const t = Date.now();
  return await insertExam(
    server.db,
    {
      title,
      description: null,
      blueprint: [{ count: 6, points: 1, tags: [TAG] }],
      timeLimitMinutes: 30,
      passPercent: 60,
      attemptsAllowed: 1,
      opensAt: null,
      closesAt,
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

describe("sitting an exam", () => {
  it("autosaves, keeps time against a changed clock, survives reload and offline, and submits after confirming", async () => {
    const context: BrowserContext = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    // A fake clock we can move; it runs in real time until we change it.
    await page.clock.install();
    await signIn(page, "X1001", "exam-pass-1");
    await startExam(page);
    const attemptUrl = page.url();

    // Six questions, a 30-minute countdown from the server's deadline.
    await expect(page.locator("section[data-question]").count()).resolves.toBe(6);
    const before = await secondsLeft(page);
    expect(before).toBeGreaterThan(29 * 60 - 30);
    expect(before).toBeLessThanOrEqual(30 * 60);

    // Answer: each question says 已保存 once the server has it.
    const tf1 = question(page, "判断一");
    await tf1.getByLabel("对").check();
    await expect.poll(() => saveState(tf1).textContent(), { timeout: 10_000 }).toContain("已保存");
    const s1 = question(page, "单选一");
    await s1.getByLabel("7日").check();
    await expect.poll(() => saveState(s1).textContent(), { timeout: 10_000 }).toContain("已保存");
    const tf2 = question(page, "判断二");
    await tf2.getByLabel("错").check();
    await expect.poll(() => saveState(tf2).textContent(), { timeout: 10_000 }).toContain("已保存");

    // Move the computer's clock two hours ahead: the time left does not jump.
    const shownAtShift = await secondsLeft(page);
    await page.clock.setSystemTime(Date.now() + 2 * 3600_000);
    expect(await page.evaluate(() => Date.now())).toBeGreaterThan(Date.now() + 3600_000);
    // The countdown keeps ticking (wait for it to show a new second), one second at a time.
    await expect.poll(() => secondsLeft(page), { timeout: 10_000 }).toBeLessThan(shownAtShift);
    const afterShift = await secondsLeft(page);
    expect(afterShift).toBeGreaterThan(before - 20);
    expect(afterShift).toBeLessThanOrEqual(before);

    // Flag a question: the navigator shows it.
    const s2 = question(page, "单选二");
    await s2.getByRole("button", { name: "标记此题" }).click();
    await expect(s2.getByRole("button", { name: "标记此题" }).getAttribute("aria-pressed")).resolves.toBe("true");
    const s2Number = Number((await s2.getAttribute("id"))!.replace("q-", ""));
    const navLink = page.getByTestId("navigator").getByRole("link", { name: new RegExp(`^第 ${s2Number} 题`) });
    await expect.poll(() => navLink.getAttribute("data-flagged")).toBe("true");
    await expect(navLink.getAttribute("aria-label")).resolves.toContain("已标记");
    await expect(page.getByTestId("navigator-summary").textContent()).resolves.toContain("已答 3 / 6 · 已标记 1");

    // Reload mid-exam (the browser's clock still two hours off): answers, flag and time are kept.
    await page.reload();
    await waitReady(page);
    await expect(question(page, "判断一").getByLabel("对").isChecked()).resolves.toBe(true);
    await expect(question(page, "单选一").getByLabel("7日").isChecked()).resolves.toBe(true);
    await expect(question(page, "判断二").getByLabel("错").isChecked()).resolves.toBe(true);
    await expect(saveState(question(page, "判断一")).textContent()).resolves.toContain("已保存");
    await expect(question(page, "单选二").getByRole("button", { name: "标记此题" }).getAttribute("aria-pressed")).resolves.toBe("true");
    expect(await page.evaluate(() => Date.now())).toBeGreaterThan(Date.now() + 3600_000);
    const afterReload = await secondsLeft(page);
    expect(afterReload).toBeGreaterThan(before - 60);
    expect(afterReload).toBeLessThanOrEqual(afterShift);
    expect(page.url()).toBe(attemptUrl);

    // Offline: the answer stays in the browser, the learner is told, and it is saved once back online.
    await context.setOffline(true);
    const s2Again = question(page, "单选二");
    await s2Again.getByLabel("一周内").check();
    const banner = page.getByTestId("save-banner");
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain("有 1 道题的答案尚未保存到服务器，请保持网络连接");
    await expect(saveState(s2Again).textContent()).resolves.toContain("未保存");
    const queued = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(".queue")).map((k) => localStorage.getItem(k)));
    // Queued with this attempt's opaque id for the option, never the question's own id.
    expect(queued.join("")).toContain(`"response":"${await s2Again.getByLabel("一周内").inputValue()}"`);
    expect(queued.join("")).not.toContain('"response":"a"');
    await context.setOffline(false);
    await expect.poll(() => saveState(s2Again).textContent(), { timeout: 20_000 }).toContain("已保存");
    await expect.poll(() => banner.textContent()).toBe("");

    // A number, typed: saved when typing pauses.
    const num = question(page, "数值一");
    await num.getByLabel("你的答案（只填数字）").fill("15");
    await expect.poll(() => saveState(num).textContent(), { timeout: 10_000 }).toContain("已保存");

    // 交卷: the dialog lists the unanswered question; Esc closes it and focus returns to the button.
    const multiNumber = Number((await question(page, "多选一").getAttribute("id"))!.replace("q-", ""));
    const submitButton = page.getByTestId("open-submit");
    await submitButton.click();
    const dialog = page.getByRole("dialog", { name: "确认交卷" });
    await dialog.waitFor({ state: "visible" });
    await expect(dialog.getByTestId("unanswered-list").textContent()).resolves.toBe(`还有 1 道题未作答：第 ${multiNumber} 题。`);
    await expect(page.evaluate(() => document.activeElement?.closest("dialog") !== null)).resolves.toBe(true);
    // Focus stays inside the dialog when tabbing.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Tab");
      await expect(page.evaluate(() => document.activeElement?.closest("dialog") !== null)).resolves.toBe(true);
    }
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await expect(page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).resolves.toBe("open-submit");

    await submitButton.click();
    await dialog.getByRole("button", { name: "确认交卷" }).click();
    await page.waitForURL(/\/attempts\/[\w-]+\/result$/);

    // The result: 5 of 6 right, passed, with the certificate.
    await expect(page.getByTestId("result-outcome").textContent()).resolves.toContain("通过");
    await expect(page.getByTestId("result-score").textContent()).resolves.toBe("5 / 6");
    await expect(page.getByTestId("result-percent").textContent()).resolves.toContain("83.33%");
    // Review mode "answers": each question with the learner's and the right answer.
    await expect(page.locator('[data-testid^="review-"]').count()).resolves.toBe(6);
    await expect(page.getByTestId("explanation").count()).resolves.toBe(0);
    const certificateLink = page.getByTestId("certificate-link");
    await expect(certificateLink.getAttribute("href")).resolves.toMatch(/^\/certificates\/[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    const verifyHref = (await page.getByTestId("verify-link").getAttribute("href"))!;
    expect(verifyHref).toMatch(/^\/verify\//);
    // Submitted: the browser's queue for the attempt is gone.
    await expect(page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("kefu.exam.")).length)).resolves.toBe(0);

    // The public verification page knows the certificate.
    await page.goto(server.url + verifyHref);
    await expect(page.getByTestId("verify-card").textContent()).resolves.toContain("服务时限上岗证");

    // The transcript lists the attempt; the sitting page now leads to the result.
    await page.goto(`${server.url}/exams`);
    await expect(page.getByTestId("transcript").textContent()).resolves.toContain("通过");
    await expect(page.getByTestId("certificates").textContent()).resolves.toContain("服务时限上岗证");
    await page.goto(attemptUrl);
    await page.waitForURL(/\/result$/);

    // The tab events were logged for the trainers.
    const events = await rows<{ kind: string }>(server.db, sql`select kind from attempt_events where attempt_id = ${attemptUrl.split("/").pop()}`);
    expect(events.map((e) => e.kind)).not.toContain("late_save_refused");
    await context.close();
  });

  it("works at 360 px and from the keyboard; leaving the tab is logged", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    watch(page);
    await signIn(page, "X1002", "exam-pass-2");
    await startExam(page);
    const attemptId = page.url().split("/").pop()!;
    for (const p of [`/exams`, `/exams/${examId}`, `/attempts/${attemptId}`]) {
      await page.goto(server.url + p);
      if (p.startsWith("/attempts")) await waitReady(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, p).toBeLessThanOrEqual(0);
    }

    // Keyboard: jump from the navigator to a question, choose with Space, flag with Enter.
    const tf1 = question(page, "判断一");
    const n = Number((await tf1.getAttribute("id"))!.replace("q-", ""));
    await page.getByTestId("navigator").getByRole("link", { name: new RegExp(`^第 ${n} 题`) }).focus();
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(`q-${n}`);
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).resolves.toBe("radio");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await page.keyboard.press("Space");
    await expect.poll(() => saveState(tf1).textContent(), { timeout: 10_000 }).toContain("已保存");
    await expect(tf1.getByLabel("对").isChecked()).resolves.toBe(true);
    await tf1.getByRole("button", { name: "标记此题" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => tf1.getByRole("button", { name: "标记此题" }).getAttribute("aria-pressed")).toBe("true");

    // Leaving the tab (visibilitychange) is logged with its time, not punished.
    await page.evaluate(() => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await expect
      .poll(async () => (await rows<{ kind: string }>(server.db, sql`select kind from attempt_events where attempt_id = ${attemptId}`)).map((e) => e.kind))
      .toContain("tab_hidden");
    const status = (await row<{ status: string }>(server.db, sql`select status from attempts where id = ${attemptId}`))!;
    expect(status.status).toBe("in_progress");
    await context.close();
  });

  it("a save the server refuses (a proxy's HTML 413) shows 未保存 with the reason and is not retried", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    await signIn(page, "X1004", "exam-pass-4");
    await startExam(page);
    const attemptId = page.url().split("/").pop()!;

    // In front of the server, something answers saves with an HTML 413 page (as a proxy would).
    let refused = 0;
    await page.route("**/attempts/*/save", async (route) => {
      if (!route.request().postData()?.includes('"intent":"save"')) return route.continue();
      refused++;
      await route.fulfill({ status: 413, contentType: "text/html", body: "<html><body><h1>413 Request Entity Too Large</h1></body></html>" });
    });
    const tf1 = question(page, "判断一");
    await tf1.getByLabel("对").check();
    await expect.poll(() => saveState(tf1).getAttribute("data-state"), { timeout: 10_000 }).toBe("rejected");
    expect(await saveState(tf1).textContent()).toBe("⚠ 未保存：保存请求过大（最多 8192 字节），未保存。");
    // Final: nothing is left queued to be sent again, and it was sent once.
    const queued = await page.evaluate((key) => window.localStorage.getItem(key), `kefu.exam.${attemptId}.queue`);
    expect(JSON.parse(queued ?? "[]")).toEqual([]);
    expect(refused).toBe(1);

    // The next answer goes through again.
    await page.unroute("**/attempts/*/save");
    await tf1.getByLabel("错").check();
    await expect.poll(() => saveState(tf1).textContent(), { timeout: 10_000 }).toContain("已保存");
    expect(refused).toBe(1);
    await context.close();
  });

  it("announces one minute left, and at 0 submits what was saved and shows the result", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    // The page's clock (Date, timers, performance.now) runs in real time until the test moves it.
    await page.clock.install();
    await signIn(page, "X1003", "exam-pass-3");

    /** Move the server's and the page's clocks together, so the page's estimate of server time holds. */
    const skip = async (ms: number) => {
      await server.clock.advance(ms);
      await page.clock.fastForward(ms);
    };
    const deadlineOf = async (attemptUrl: string) =>
      (await row<{ deadline: number }>(server.db, sql`select deadline from attempts where id = ${attemptUrl.split("/").pop()!}`))!.deadline;

    // Closing in half an hour; skip to 61 s before the close: the screen reader hears "1 分钟" once
    // the mark is crossed.
    const soon = await closingExam("一分钟提醒考试", (await server.clock.advance(0)) + 30 * 60_000);
    await startExam(page, soon, "一分钟提醒考试");
    const announcement = page.getByTestId("timer-announcement");
    await expect(announcement.getAttribute("aria-live")).resolves.toBe("assertive");
    await expect(announcement.textContent()).resolves.toBe("");
    await skip((await deadlineOf(page.url())) - 61_000 - (await server.clock.advance(0)));
    await expect.poll(() => announcement.textContent(), { timeout: 15_000 }).toBe("考试还剩 1 分钟，时间到将自动交卷。");
    expect(await secondsLeft(page)).toBeLessThanOrEqual(60);

    // Another exam: answer one question, skip to a second before the close, and the page submits by
    // itself at 0.
    const now = await closingExam("即将结束的考试", (await server.clock.advance(0)) + 10 * 60_000);
    await startExam(page, now, "即将结束的考试");
    const tf1 = question(page, "判断一");
    await tf1.getByLabel("对").check();
    await expect.poll(() => saveState(tf1).textContent(), { timeout: 10_000 }).toContain("已保存");
    const attemptUrl = page.url();
    await skip((await deadlineOf(attemptUrl)) - 1_000 - (await server.clock.advance(0)));
    await page.waitForURL(/\/attempts\/[\w-]+\/result$/, { timeout: 20_000 });
    await expect(page.getByTestId("result-score").textContent()).resolves.toBe("1 / 6");
    await expect(page.getByTestId("score-only").textContent()).resolves.toContain("只公布成绩");
    const finalised = (await row<{ status: string; at: number; by: string }>(
      server.db,
      sql`select status, submitted_at as "at", finalised_by as "by" from attempts where id = ${attemptUrl.split("/").pop()!}`,
    ))!;
    // The page submitted at 0 (not the server's sweep, which waits for the grace to pass).
    expect(finalised).toMatchObject({ status: "submitted", at: await deadlineOf(attemptUrl) });
    expect(finalised.by).not.toBe("sweep");
    await context.close();
  });
});
