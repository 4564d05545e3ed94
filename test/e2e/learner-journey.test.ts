import iconv from "iconv-lite";
import { row } from "@db/client";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await createUser(server.db, { employeeNo: "E1001", name: "陈新人", role: "learner", password: "learner-pass" });
  await createUser(server.db, { employeeNo: "E9001", name: "管理员甲", role: "admin", password: "admin-pass-1" });
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

describe("a learner studies a module", () => {
  it("signs in, reads, follows the contents, searches, completes the module and sees progress", async () => {
    const page = await browser.newPage();
    await signIn(page, "E1001", "learner-pass");
    await expect(page.getByTestId("modules-completed").textContent()).resolves.toContain("已完成 0 / 8 个模块");

    // Open the SLA module from the module list.
    await page.getByRole("link", { name: "课程", exact: true }).click();
    await page.getByRole("link", { name: /服务时限与质量指标/ }).click();
    await page.waitForURL(/\/modules\/sla$/);
    await page.getByRole("heading", { level: 1, name: "服务时限与质量指标" }).waitFor();
    await expect(page.locator('[data-fact="fault_answer_time"]').first().textContent()).resolves.toBe("15秒");

    // Follow a table-of-contents entry: the URL gets the anchor and the heading comes into view.
    const toc = page.getByRole("navigation", { name: "本模块目录" });
    const entry = toc.getByRole("link", { name: "故障受理", exact: true });
    await entry.click();
    await page.waitForURL(/#fault-intake$/);
    await page.locator("#fault-intake").waitFor({ state: "visible" });
    const top = await page.locator("#fault-intake").evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeLessThan(200);

    // Scrolling records the sections reached.
    await expect
      .poll(async () => (await row<{ s: string }>(server.db, sql`select sections_reached as s from module_progress mp join users u on u.id = mp.user_id where u.employee_no = 'E1001' and module_slug = 'sla'`))?.s ?? "[]", { timeout: 10_000 })
      .toContain("fault-intake");

    // Search with a two-character query, then follow a hit into the manual.
    await page.getByRole("link", { name: "搜索", exact: true }).click();
    await page.getByLabel("关键词").fill("投诉");
    await page.getByRole("button", { name: "搜索" }).click();
    await page.waitForURL(/\/search\?q=/);
    const hits = page.locator(".search-hit");
    // The results arrive after the client navigation: wait for them, then count.
    await hits.nth(3).waitFor();
    expect(await hits.count()).toBeGreaterThan(3);
    await expect(hits.first().locator("mark").first().textContent()).resolves.toBe("投诉");
    await page.getByLabel("关键词").fill("交接班日志");
    await page.getByRole("button", { name: "搜索" }).click();
    await page.waitForURL(/q=%E4%BA%A4/);
    await hits.first().getByRole("link").click();
    await page.waitForURL(/\/modules\/call-centre#/);

    // Mark a module complete and see it on the dashboard.
    await page.goto(`${server.url}/modules/sla`);
    await page.getByRole("button", { name: "标记为已完成" }).click();
    await page.getByRole("status").filter({ hasText: "你已完成本模块" }).waitFor({ state: "visible", timeout: 10_000 });
    await page.getByRole("link", { name: "我的学习" }).click();
    await page.waitForURL(/\/dashboard$/);
    await expect(page.getByTestId("modules-completed").textContent()).resolves.toContain("已完成 1 / 8 个模块");
    await expect(page.locator('[data-module="sla"]').textContent()).resolves.toContain("已完成");
    await page.close();
  });

  it("reads on a 360 px phone without sideways scrolling, and works from the keyboard", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/login`);
    // Keyboard only: the sign-in form starts in the 工号 field; Tab moves to 密码, Enter submits.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("employeeNo");
    await page.keyboard.type("E1001");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("password");
    await page.keyboard.type("learner-pass");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/dashboard$/);
    // On every page the first Tab reaches the skip link, which moves focus to the main content.
    await page.goto(`${server.url}/modules/sla`);
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.textContent}`)).resolves.toBe("A:跳到正文");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await page.keyboard.press("Enter");
    await page.waitForURL(/#main$/);
    for (const p of ["/dashboard", "/modules", "/modules/sla", "/modules/complaints", "/search?q=宽带"]) {
      await page.goto(server.url + p);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, p).toBeLessThanOrEqual(0);
    }
    await page.close();
  });
});

describe("an admin imports staff", () => {
  it("uploads a GBK CSV as Excel saves it and the new accounts appear", async () => {
    const page = await browser.newPage();
    await signIn(page, "E9001", "admin-pass-1");
    await page.goto(`${server.url}/admin/users/import`);
    const file = path.join(server.dir, "staff-gbk.csv");
    fs.writeFileSync(file, iconv.encode("工号,姓名,角色,班组\r\nE2001,刘一,学员,2026年11月新员工班\r\nE2002,孙二,学员,2026年11月新员工班\r\n", "gbk"));
    await page.getByLabel("CSV 文件").setInputFiles(file);
    await page.getByRole("button", { name: "上传并预览" }).click();
    await expect(page.getByTestId("import-counts").textContent()).resolves.toContain("新建 2 个");
    await page.getByRole("button", { name: "确认导入" }).click();
    await expect(page.getByTestId("import-done").textContent()).resolves.toContain("新建 2 个");
    await page.goto(`${server.url}/admin/users?q=2026`);
    await expect(page.locator('tr[data-employee-no="E2002"]').textContent()).resolves.toContain("孙二");
    await page.close();
  });
});
