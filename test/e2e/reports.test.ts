/**
 * The trainer's report journey in Chromium, on the demo cohort (60 learners, an exam with two planted
 * flawed questions) seeded into the server's database: open the cohort's results (the chart renders,
 * wide tables scroll inside their box at 360 px), open the exam's item analysis from there, follow a
 * flag to the question's edit page; and follow a member's attempt link.
 */
import { row } from "@db/client";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { setDb } from "~/db.server";
import { DEMO_COHORT_NAME, ensureDemoCohort } from "~/demo-cohort.server";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let cohortId: number;
let examId: number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await createUser(server.db, { employeeNo: "K8001", name: "报表培训师", role: "trainer", password: "trainer-pass" });
  setDb(server.db);
  try {
    expect(await ensureDemoCohort("K8001")).toBe(true);
  } finally {
    setDb(undefined);
  }
  cohortId = (await row<{ id: number }>(server.db, sql`select id from cohorts where name = ${DEMO_COHORT_NAME}`))!.id;
  examId = Number((await row<{ examId: number }>(server.db, sql`select exam_id as "examId" from cohort_assignments where cohort_id = ${cohortId} and kind = 'exam'`))!.examId);
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

const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("a trainer reads the cohort's results and finds the broken question", () => {
  it("results page with its chart → item analysis → a flag's link to the question edit page", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, "K8001", "trainer-pass");
    await page.goto(`${server.url}/trainer/cohorts/${cohortId}/results`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(`班级成绩：${DEMO_COHORT_NAME}`);

    // The chart: an image named by its title, ten bars whose heights follow the counts.
    const chart = page.getByRole("img", { name: "新员工结业考试（演示数据）：最高分分布" });
    await chart.waitFor({ state: "visible" });
    const bars = chart.getByTestId("chart-bar");
    expect(await bars.count()).toBe(10);
    const counts = (await bars.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-count"))))) as number[];
    expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
    const heights = (await bars.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) as number[];
    const tallest = counts.indexOf(Math.max(...counts));
    expect(heights[tallest]).toBeGreaterThan(50);
    counts.forEach((n, i) => (n === 0 ? expect(heights[i]).toBe(0) : expect(heights[i]).toBeGreaterThan(0)));
    // The same numbers as a table, opened from the keyboard.
    await page.getByText("以表格查看分布").focus();
    await page.keyboard.press("Enter");
    const table = page.getByTestId("chart-table");
    await table.waitFor({ state: "visible" });
    await expect(table.locator("tbody tr").count()).resolves.toBe(10);
    await expect(table.locator("tbody tr").nth(tallest).locator("td").textContent()).resolves.toBe(String(counts[tallest]));

    // Mastery: weakest module first, with its percentage.
    const shares = await page.getByTestId("mastery-share").allTextContents();
    const values = shares.map((s) => Number(s.replace("%", "")));
    expect(values.length).toBeGreaterThan(1);
    expect([...values].sort((a, b) => a - b)).toEqual(values);

    // Item analysis of the cohort's exam.
    await page.getByTestId("analysis-link").click();
    await page.waitForURL(new RegExp(`/trainer/exams/${examId}/analysis\\?cohort=${cohortId}$`));
    await expect(page.getByTestId("exam-n").textContent()).resolves.toBe("60");
    const flagged = page.getByTestId("flagged");
    const key = flagged.locator('[data-question="demo-flawed-key"]');
    await expect(key.locator('[data-flag="negativeDiscrimination"]').textContent()).resolves.toBe("负区分度");
    await key.locator('[data-flag="distractorBeatsKey"]').waitFor({ state: "visible" });
    await expect(flagged.locator('[data-question="demo-flawed-easy"] [data-flag="tooEasy"]').textContent()).resolves.toBe("过易");
    // The wrong key is marked as the right option; the real answer beats it in the top group.
    const options = page.locator('article[data-question="demo-flawed-key"]');
    await expect(options.locator('tr[data-right="true"] th').textContent()).resolves.toContain("98%");

    // Follow the flag's link, from the keyboard, to the question's edit page.
    const link = key.getByRole("link", { name: "修改这道题：故障受理电话的人工接通率应不低于多少？" });
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/trainer\/questions\/demo-flawed-key$/);
    await page.getByRole("heading", { level: 1, name: "故障受理电话的人工接通率应不低于多少？", exact: true }).waitFor();
    await page.close();
  });

  it("at 360 px the pages do not scroll sideways; wide tables scroll inside their box; a member's attempt opens", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(page, "K8001", "trainer-pass");
    await page.goto(`${server.url}/trainer/cohorts/${cohortId}/results`);
    await page.getByTestId("score-chart").waitFor();
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    const box = page.getByRole("region", { name: "成员 × 考试（表格可横向滚动）" });
    const [scrollW, clientW] = await box.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollW).toBeGreaterThan(clientW);

    const first = page.locator('[data-member="N2601"]').getByTestId("attempt-link").first();
    const label = await first.getAttribute("aria-label");
    expect(label).toMatch(/^查看 .+ 的第 1 次作答$/);
    await first.click();
    await page.waitForURL(/\/trainer\/attempts\/[^/?]+\?cohort=\d+$/);
    await page.getByTestId("attempt-summary").waitFor();
    await expect(page.getByTestId("attempt-item").count()).resolves.toBe(20);
    await page.getByTestId("right-answer").first().waitFor({ state: "visible" });
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);

    await page.goto(`${server.url}/trainer/exams/${examId}/analysis?cohort=${cohortId}`);
    await page.getByTestId("exam-stats").waitFor();
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    await page.close();
  });
});
