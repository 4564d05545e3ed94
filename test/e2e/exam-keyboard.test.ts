/**
 * Sitting an exam by keyboard alone (issue 12 §6), in Chromium, on the demo exam (20 questions): the
 * first answer is a skip link and a Tab away from page load, a submit button is a Tab or two after the
 * last answer, the question navigator is one tab stop moved with the arrow keys (Home/End, Enter goes to
 * the question, flags are in its names), and the paper is submitted without the mouse.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

const EXAM = "客服基础认证考试";
const QUESTIONS = 20;

let server: TestServer;
let browser: Browser;
let examPath: string;
let learners = 0;

/** The demo start seeds 60 simulated learners' attempts: far longer on a loaded machine, most on PostgreSQL. */
const DEMO_START_MS = 120_000;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { KEFU_DEMO: "1", SESSION_SECRET: "" }, startTimeoutMs: DEMO_START_MS }), launchBrowser()]);
}, DEMO_START_MS + 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A new learner, signed in, who has just started the demo exam; the page is loaded afresh at the attempt. */
async function sitting(width = 1280): Promise<Page> {
  const employeeNo = `KB${String(++learners).padStart(3, "0")}`;
  await createUser(server.db, { employeeNo, name: `键盘${learners}`, role: "learner", password: "keyboard-1" });
  const page = await browser.newPage({ viewport: { width, height: width < 600 ? 740 : 800 } });
  await page.goto(`${server.url}/login`);
  await page.getByLabel("工号").fill(employeeNo);
  await page.getByLabel("密码").fill("keyboard-1");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);
  if (!examPath) {
    await page.goto(`${server.url}/exams`);
    examPath = (await page.getByRole("link", { name: EXAM, exact: true }).first().getAttribute("href")) ?? "";
    expect(examPath).toMatch(/^\/exams\/\d+$/);
  }
  await page.goto(server.url + examPath);
  await page.getByRole("button", { name: "开始考试" }).click();
  await page.waitForURL(/\/attempts\/[\w-]+$/);
  // From page load: a fresh load of the attempt, nothing focused yet.
  await page.goto(page.url());
  await page.locator('[data-testid="attempt-page"][data-ready="true"]').waitFor();
  return page;
}

interface Focused {
  tag: string;
  type: string;
  text: string;
  label: string;
  testid: string;
  /** id of the question section holding the focus, if any. */
  question: string;
  inNavigator: boolean;
  inAnswer: boolean;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName ?? "",
      type: el?.getAttribute("type") ?? "",
      text: (el?.textContent ?? "").trim(),
      label: el?.getAttribute("aria-label") ?? "",
      testid: el?.dataset.testid ?? "",
      question: el?.closest("section[data-question]")?.id ?? "",
      inNavigator: Boolean(el?.closest('[data-testid="navigator-toolbar"]')),
      inAnswer: Boolean(el?.closest("section[data-question] fieldset")),
    };
  });
}

/** Focus on one of the question's answer controls (inputs; the ordering question's move buttons), not its flag button. */
const isAnswerInput = (f: Focused) => f.inAnswer;

/** Presses Tab until `done` holds (at most `max` times); the number of presses, or Infinity. */
async function tabUntil(page: Page, done: (f: Focused) => boolean, max: number, key = "Tab"): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press(key);
    if (done(await focused(page))) return n;
  }
  return Infinity;
}

describe("sitting an exam by keyboard", () => {
  for (const width of [1280, 360]) {
    it(`at ${width}px the first answer is at most 3 Tabs from page load (skip link first), and a submit button at most 3 after the last answer`, async () => {
      const page = await sitting(width);
      // The first Tab reaches the skip link to the current question; Enter follows it; the next Tab is in the answer.
      await page.keyboard.press("Tab");
      const first = await focused(page);
      expect(first.text).toBe("跳到当前题目");
      await page.keyboard.press("Enter");
      await expect.poll(async () => (await focused(page)).question).toBe("q-1");
      const more = await tabUntil(page, (f) => isAnswerInput(f) && f.question === "q-1", 2);
      expect(1 + more, "Tab presses from page load to the first answer").toBeLessThanOrEqual(3);

      // The last question's last answer input, then Tab to a submit button.
      await page.locator(`#q-${QUESTIONS} fieldset`).locator("input, select, textarea, button:not([disabled])").last().focus();
      const last = await focused(page);
      expect(last.question).toBe(`q-${QUESTIONS}`);
      expect(isAnswerInput(last)).toBe(true);
      const toSubmit = await tabUntil(page, (f) => f.tag === "BUTTON" && f.text === "交卷", 3);
      expect(toSubmit, "Tab presses from the last answer to a submit button").toBeLessThanOrEqual(3);
      await page.close();
    });
  }

  it("the navigator is one tab stop: arrow keys, Home and End move in it, Enter goes to the question, flags are in the names", async () => {
    const page = await sitting();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).question).toBe("q-1");

    // Flag question 1 by keyboard (Tab to its flag button; a radio group is one stop).
    const flagAt = await tabUntil(page, (f) => f.testid === "flag-1", 10);
    expect(flagAt).toBeLessThan(Infinity);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("flag-1").getAttribute("aria-pressed")).resolves.toBe("true");

    // Back into the navigator: it sits just before the questions and holds one tab stop, on the question in view.
    const back = await tabUntil(page, (f) => f.inNavigator, 12, "Shift+Tab");
    expect(back).toBeLessThan(Infinity);
    expect((await focused(page)).label).toMatch(/^第 1 题:.*已标记/);
    expect(await page.getByTestId("navigator-toolbar").locator('[tabindex="0"]').count()).toBe(1);

    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect((await focused(page)).label).toMatch(/^第 3 题:未作答$/);
    await page.keyboard.press("End");
    expect((await focused(page)).label).toMatch(new RegExp(`^第 ${QUESTIONS} 题`));
    await page.keyboard.press("ArrowRight");
    expect((await focused(page)).label).toMatch(new RegExp(`^第 ${QUESTIONS} 题`));
    await page.keyboard.press("Home");
    expect((await focused(page)).label).toMatch(/^第 1 题/);
    await page.keyboard.press("ArrowLeft");
    expect((await focused(page)).label).toMatch(/^第 1 题/);
    // Down moves one row of the grid as laid out (5 numbers a row on a desktop screen).
    await page.keyboard.press("ArrowDown");
    expect((await focused(page)).label).toMatch(/^第 6 题/);
    await page.keyboard.press("ArrowUp");
    expect((await focused(page)).label).toMatch(/^第 1 题/);
    // Still one tab stop, now where focus is.
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await page.getByTestId("navigator-toolbar").locator('[tabindex="0"]').count()).toBe(1);
    await expect(page.getByTestId("navigator-toolbar").locator('[tabindex="0"]').getAttribute("aria-label")).resolves.toMatch(/^第 3 题/);

    // Enter goes to question 3: focus on it, the navigator marks it current, the next Tab answers it.
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).question).toBe("q-3");
    await expect(page.getByTestId("navigator-toolbar").getByRole("link", { name: /^第 3 题/ }).getAttribute("aria-current")).resolves.toBe("step");
    await page.keyboard.press("Tab");
    const answer = await focused(page);
    expect(answer.question).toBe("q-3");
    expect(isAnswerInput(answer)).toBe(true);

    // Space on a number also goes to its question: from the navigator's tab stop (the question in view), two on.
    await page.getByTestId("navigator-toolbar").locator('[tabindex="0"]').focus();
    const inView = Number(/^第 (\d+) 题/.exec((await focused(page)).label)?.[1]);
    expect(inView).toBeGreaterThanOrEqual(3);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press(" ");
    await expect.poll(async () => (await focused(page)).question).toBe(`q-${inView + 2}`);
    await page.close();
  });

  it("answers and submits without the mouse: the submit button after the last question opens the confirmation, Enter confirms", async () => {
    const page = await sitting();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).question).toBe("q-1");
    await page.keyboard.press("Tab");
    const input = await focused(page);
    expect(isAnswerInput(input)).toBe(true);
    // Space chooses a radio or checkbox (or, in an ordering question, moves the first step down): saved.
    await page.keyboard.press("Space");
    await expect.poll(() => page.getByTestId("save-state-1").getAttribute("data-state")).toBe("saved");
    await expect(page.getByTestId("navigator-toolbar").getByRole("link", { name: /^第 1 题:已作答/ }).count()).resolves.toBe(1);

    // To the end of the paper: the navigator's End, Enter, then Tab past the last question to 交卷.
    await tabUntil(page, (f) => f.inNavigator, 3, "Shift+Tab");
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).question).toBe(`q-${QUESTIONS}`);
    const presses = await tabUntil(page, (f) => f.testid === "submit-end", 12);
    expect(presses).toBeLessThan(Infinity);
    await expect(page.getByTestId("paper-end").textContent()).resolves.toContain(`已作答 1 / ${QUESTIONS} 题`);

    // Enter opens the confirmation with focus on 继续作答; Esc closes it and focus returns to the button.
    await page.keyboard.press("Enter");
    const dialog = page.getByTestId("submit-dialog");
    await dialog.waitFor({ state: "visible" });
    await expect(dialog.getByTestId("unanswered-list").textContent()).resolves.toContain(`还有 ${QUESTIONS - 1} 道题未作答`);
    expect((await focused(page)).text).toBe("继续作答");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect((await focused(page)).testid).toBe("submit-end");

    // Again, and this time Tab to 确认交卷 and Enter: the result page.
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "visible" });
    await page.keyboard.press("Tab");
    expect((await focused(page)).text).toBe("确认交卷");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/attempts\/[\w-]+\/result$/);
    await page.close();
  });
});
