/**
 * A trainer's working day in Chromium, on the demo cohort (60 learners, an exam with two planted
 * flawed questions; issue 12 §1 and §7): find a question in the bank by its text and copy its id,
 * read item analysis and an answer sheet by stems (not ids), open an attempt's answer sheet from the
 * exam's attempts page, page through the cohort's members — and at 360 px no page scrolls sideways
 * outside its scroll containers.
 */
import { row } from "@db/client";
import { sql } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "~/db.server";
import { DEMO_COHORT_NAME, ensureDemoCohort } from "~/demo-cohort.server";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let cohortId: number;
let examId: number;
const FLAWED_STEM = "故障受理电话的人工接通率应不低于多少？";

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await createUser(server.db, { employeeNo: "K7001", name: "工作日培训师", role: "trainer", password: "trainer-pass" });
  setDb(server.db);
  try {
    expect(await ensureDemoCohort("K7001")).toBe(true);
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

async function signedIn(width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("工号").fill("K7001");
  await page.getByLabel("密码").fill("trainer-pass");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);
  return { context, page };
}

/** How far the page itself scrolls sideways (wide tables scroll inside their own box, which does not count). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("a trainer's working day", () => {
  it("finds a question by its text, copies its id, and opens it: the editor's title is the stem", async () => {
    const { context, page } = await signedIn(1280);
    await page.goto(`${server.url}/trainer/questions`);
    await page.getByLabel("搜索题干或题目编号").fill("人工接通率");
    await page.getByRole("button", { name: "筛选", exact: true }).click();
    await page.waitForURL(/q=/);
    const row = page.locator('tr[data-question-id="demo-flawed-key"]');
    await row.waitFor();
    await expect(row.getByTestId("question-stem").textContent()).resolves.toBe(FLAWED_STEM);
    await expect(row.getByTestId("question-type").textContent()).resolves.toBe("单选");
    await expect(row.getByTestId("question-id").textContent()).resolves.toBe("demo-flawed-key");

    // The copy button, by keyboard: the id lands on the clipboard and the page says so.
    const copy = row.getByRole("button", { name: "复制编号 demo-flawed-key" });
    await copy.focus();
    await page.keyboard.press("Enter");
    await row.getByText("已复制。").waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe("demo-flawed-key");

    await row.getByRole("link", { name: FLAWED_STEM }).click();
    await page.waitForURL(/\/trainer\/questions\/demo-flawed-key$/);
    await page.getByRole("heading", { level: 1, name: FLAWED_STEM, exact: true }).waitFor();
    await context.close();
  });

  it("reads item analysis by stems, opens an answer sheet from the attempts page, pages through members", async () => {
    const { context, page } = await signedIn(1280);
    await page.goto(`${server.url}/trainer/exams/${examId}/analysis?cohort=${cohortId}`);
    const flagged = page.getByTestId("flagged");
    await flagged.waitFor();
    const card = flagged.locator('[data-question="demo-flawed-key"]');
    await expect(card.getByTestId("question-stem").first().textContent()).resolves.toBe(FLAWED_STEM);
    // Every row of the item table leads with a stem, never with an id.
    const heads = await page.getByTestId("items").locator("tbody th[scope=row]").evaluateAll((ths) => ths.map((th) => th.querySelector('[data-testid="question-stem"]')?.textContent ?? ""));
    expect(heads.length).toBeGreaterThan(5);
    for (const h of heads) expect(h).not.toMatch(/^(gen|demo)-/);
    await card.getByRole("link", { name: `修改这道题：${FLAWED_STEM}` }).waitFor();

    // The attempts page: regrading on top, then the list; an attempt's link opens its answer sheet.
    await page.goto(`${server.url}/trainer/exams/${examId}/attempts`);
    const panel = page.getByTestId("regrade-panel");
    await panel.waitFor();
    await panel.getByLabel(FLAWED_STEM).waitFor();
    await page.getByLabel("学员姓名或工号").fill("n2601");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await page.waitForURL(/q=n2601/);
    const firstRow = page.getByTestId("attempts-table").locator("tbody tr").first();
    await expect(firstRow.textContent()).resolves.toContain("N2601");
    await firstRow.getByTestId("answer-sheet-link").click();
    await page.waitForURL(/\/trainer\/attempts\/[^/?]+$/);
    const item = page.getByTestId("attempt-item").first();
    await item.waitFor();
    const stem = (await item.getByTestId("item-stem").textContent())!.trim();
    expect(stem.length).toBeGreaterThan(4);
    // The meta line names type and module before the id, which is secondary.
    const meta = item.getByTestId("question-meta-line");
    await expect(meta.getByTestId("question-type").textContent()).resolves.toMatch(/^(单选|多选|判断|数值|排序|匹配|填空)$/);
    expect(await meta.getByTestId("question-module").count()).toBe(1);
    await meta.getByTestId("question-id").waitFor();

    // Members: 60, two pages; page 2 keeps the search and shows the last ten.
    await page.goto(`${server.url}/trainer/cohorts/${cohortId}`);
    await page.getByTestId("members-count").getByText("第 1–50 条，共 60 条").waitFor();
    await page.getByTestId("members-pager").getByRole("link", { name: "下一页" }).click();
    await page.waitForURL(/page=2/);
    await page.getByTestId("members-count").getByText("第 51–60 条，共 60 条").waitFor();
    await expect(page.getByTestId("members").locator("tbody tr").count()).resolves.toBe(10);
    await page.getByLabel("姓名、工号或班组").fill("N265");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await page.waitForURL(/q=N265/);
    await page.getByTestId("members-count").getByText("第 1–10 条，共 10 条").waitFor();
    await context.close();
  });

  it("at 360 px no page scrolls sideways: lists, item analysis, attempts, an answer sheet, members, the editor", async () => {
    const { context, page } = await signedIn(360);
    const attemptId = (await row<{ id: string }>(server.db, sql`select id from attempts where exam_id = ${examId} and status = 'submitted' order by id limit 1`))!.id;
    for (const path of [
      "/trainer/questions",
      "/trainer/questions/demo-flawed-key",
      `/trainer/exams/${examId}/analysis?cohort=${cohortId}`,
      `/trainer/exams/${examId}/attempts`,
      `/trainer/exams/${examId}/preview?seed=working-day`,
      `/trainer/attempts/${attemptId}`,
      `/trainer/cohorts/${cohortId}`,
      `/trainer/cohorts/${cohortId}/wrong-book`,
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await sideways(page), path).toBeLessThanOrEqual(0);
      // No question id is squeezed to one character per line: each visible id box is wider than it is tall per line.
      const squeezed = await page.getByTestId("question-id").evaluateAll((els) =>
        els.filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.width < 40;
        }).length,
      );
      expect(squeezed, path).toBe(0);
    }
    await context.close();
  });
});
