import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { epochToDueDate } from "~/domain/cohort-members";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await createUser(server.db, { employeeNo: "K7001", name: "培训师甲", role: "trainer", password: "trainer-pass" });
  await createUser(server.db, { employeeNo: "K1001", name: "新人一", role: "learner", password: "learner-pass", team: "十一月班" });
  await createUser(server.db, { employeeNo: "K1002", name: "新人二", role: "learner", password: "learner-pass", team: "十一月班" });
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

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("a trainer sets up a cohort and the learner sees the work", () => {
  it("creates a cohort, pastes members, assigns a module with a due date; the learner sees it on /assignments", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(page, "K7001", "trainer-pass");
    await page.goto(`${server.url}/trainer/cohorts`);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);

    await page.getByLabel("班级名称").fill("2026年11月新员工班");
    await page.getByRole("button", { name: "创建班级" }).click();
    await page.waitForURL(/\/trainer\/cohorts\/\d+\?created=1$/);
    await page.getByRole("heading", { level: 1, name: "2026年11月新员工班" }).waitFor();
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);

    // A mistake first: nothing is added and the bad line is named next to the box, which keeps the text.
    await page.getByLabel("工号列表").fill("K1001\nK9999");
    await page.getByRole("button", { name: "添加", exact: true }).click();
    await expect(page.getByTestId("member-errors").textContent()).resolves.toContain("第 2 行：工号 K9999 不存在");
    await expect(page.getByLabel("工号列表").inputValue()).resolves.toBe("K1001\nK9999");
    expect(await page.getByTestId("members").count()).toBe(0);

    await page.getByLabel("工号列表").fill("K1001、K1002");
    await page.getByRole("button", { name: "添加", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "已添加 2 名成员" }).waitFor();
    await expect(page.getByTestId("members").textContent()).resolves.toContain("新人二");
    await expect(page.getByLabel("工号列表").inputValue()).resolves.toBe("");

    // Assign a module due tomorrow (Beijing time), from the keyboard.
    const due = epochToDueDate(Date.now() + 24 * 60 * 60 * 1000);
    await page.getByLabel("课程模块或考试").selectOption("module:sla");
    await page.getByLabel("截止日期（可选）").fill(due);
    await page.getByLabel("截止日期（可选）").focus();
    // Tab walks through the date's day/month/year parts, then reaches the button.
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.textContent)) !== "布置"; i++) await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("布置");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "已布置：服务时限与质量指标" }).waitFor();
    await expect(page.locator('[data-assignment="module:sla"] [data-testid="due"]').textContent()).resolves.toBe(due);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await page.close();

    const learner = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(learner, "K1001", "learner-pass");
    await learner.goto(`${server.url}/assignments`);
    await learner.getByRole("heading", { name: "班级：2026年11月新员工班" }).waitFor({ state: "visible" });
    const row = learner.locator('[data-assignment="module:sla"]');
    await expect(row.getByTestId("assignment-state").textContent()).resolves.toBe("即将到期");
    await expect(row.textContent()).resolves.toContain(due);
    expect(await noSidewaysScroll(learner)).toBeLessThanOrEqual(0);
    await row.getByRole("link", { name: "服务时限与质量指标" }).click();
    await learner.waitForURL(/\/modules\/sla$/);
    await learner.close();
  });
});
