/**
 * The wrong-answer book in Chromium: a learner answers a practice question wrong → the book (from the
 * header's 错题本 link) lists it, due the next day → a day later (test clock) the dashboard shows 1 due →
 * the review page serves it without its id or key, answered right it shows the explanation, the manual
 * link and "1 / 2" and is rescheduled (0 due) → at the next scheduled review, right again, it leaves the book.
 *
 * Nothing waits for real time: the server runs with the test clock and the test moves it to the
 * question's due time (a day or more: the session has expired by then, so the learner signs in again).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { exec, row } from "@db/client";
import { getQuestion } from "@db/queries/questions";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let userId: number;
/** A generated true/false question (answer: 错), the only published question of call-centre here. */
let tfId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ testClock: true }), launchBrowser()]);
  userId = (await createUser(server.db, { employeeNo: "WB001", name: "郑错题", password: "learner-pass" })).id;
  tfId = (await row<{ id: string }>(server.db,
    sql`select id from questions where module = 'call-centre' and status = 'published' and id like 'gen-fact-%-tf-false' order by id limit 1`,
  ))!.id;
  await exec(server.db, sql`update questions set status = 'retired' where module = 'call-centre' and id != ${tfId}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("工号").fill("WB001");
  await page.getByLabel("密码").fill("learner-pass");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

const entry = async () =>
  (await row<{ due: number; rightStreak: number; clearedAt: number | null }>(server.db,
    sql`select due, right_streak as "rightStreak", cleared_at as "clearedAt" from wrong_answers where user_id = ${userId} and question_id = ${tfId}`,
  ))!;

async function bookDue(page: Page): Promise<number> {
  const text = (await page.getByTestId("wrong-book-due").textContent()) ?? "";
  const m = /错题本：(\d+) 题到期/.exec(text);
  expect(m, text).toBeTruthy();
  return Number(m![1]);
}

/** Moves the server's clock to the question's next review and signs in again on the dashboard. */
async function untilDue(page: Page) {
  const { due } = await entry();
  await server.clock.set(Number(due));
  await signIn(page);
}

/** On the review page: answers 错 (right), submits, and returns the standing line. */
async function reviewRight(page: Page): Promise<string> {
  await page.getByTestId("wrong-book-due").getByRole("link", { name: "去复习" }).click();
  await page.waitForURL(/\/wrong-book\/review$/);
  await page.getByRole("heading", { level: 1, name: "错题复习" }).waitFor();
  await page.getByTestId("book-remaining").filter({ hasText: "还有 1 题到期" }).waitFor();
  // Before answering: neither the question's id nor its key nor its explanation is on the page.
  const q = (await getQuestion(server.db, tfId))!;
  const before = await page.content();
  expect(before).not.toContain(tfId);
  if (q.explanation) expect(before).not.toContain(q.explanation.slice(0, 12));
  await expect(page.getByTestId("right-answer").count()).resolves.toBe(0);
  await page.getByRole("radio", { name: "错", exact: true }).check();
  await page.getByRole("button", { name: "提交答案" }).click();
  await page.getByRole("status").filter({ hasText: "回答正确" }).waitFor();
  // The right answer, the explanation and the way back to the manual section.
  await page.getByTestId("right-answer").waitFor();
  if (q.explanation) await page.getByTestId("explanation").waitFor();
  await expect(page.getByTestId("manual-link").getAttribute("href")).resolves.toMatch(/^\/modules\/call-centre(#.+)?$/);
  return (await page.getByTestId("book-standing").textContent()) ?? "";
}

describe("the wrong-answer book", () => {
  it("a wrong practice answer enters it; reviewed right on two spaced days it leaves", async () => {
    const page = await browser.newPage();
    await signIn(page);
    expect(await bookDue(page)).toBe(0);

    // Practice: answer 对 (wrong).
    await page.goto(`${server.url}/practice/call-centre`);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await page.getByRole("radio", { name: "对", exact: true }).check();
    await page.getByRole("button", { name: "提交答案" }).click();
    await page.getByRole("status").filter({ hasText: "回答错误" }).waitFor();

    // The header's 错题本 link: the question is in the book, its review due the next day.
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "错题本" }).click();
    await page.waitForURL(/\/wrong-book$/);
    const stem = (await getQuestion(server.db, tfId))!.stem;
    await page.getByTestId("book-entries").filter({ hasText: stem.slice(0, 10) }).waitFor();
    await page.getByTestId("book-due").filter({ hasText: "现在该复习：0 题" }).waitFor();
    const added = await entry();
    expect(added.clearedAt).toBeNull();
    await page.goto(`${server.url}/dashboard`);
    expect(await bookDue(page)).toBe(0);

    // A day later: 1 due on the dashboard; reviewed right, it stays (1 of 2) and is rescheduled.
    await untilDue(page);
    expect(await bookDue(page)).toBe(1);
    expect(await reviewRight(page)).toMatch(/连续答对 1 \/ 2 次，下次复习：\d{4}-\d{2}-\d{2} \d{2}:\d{2}。/);
    const first = await entry();
    expect(first.rightStreak).toBe(1);
    expect(Number(first.due)).toBeGreaterThan(Number(added.due));
    await page.getByRole("link", { name: "下一道错题" }).click();
    await page.getByTestId("book-review-done").waitFor();
    await page.goto(`${server.url}/dashboard`);
    expect(await bookDue(page)).toBe(0);

    // At the next scheduled review, right again: it leaves the book.
    await untilDue(page);
    expect(await bookDue(page)).toBe(1);
    expect(await reviewRight(page)).toContain("已移出错题本");
    expect((await entry()).clearedAt).not.toBeNull();
    await page.goto(`${server.url}/wrong-book`);
    await page.getByText("错题本是空的").waitFor();
    await page.goto(`${server.url}/dashboard`);
    expect(await bookDue(page)).toBe(0);
    await page.close();
  });
});
