/**
 * Accounts in Chromium: an admin resets a learner's password, the learner is made to change it at sign-in
 * (a weak one refused on the page), then lands where they were going; an admin finds a user by search,
 * edits name, team and role from the list; an admin previews a staff list (what changes, field by field)
 * and confirms it.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@db/schema";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await createUser(server.db, { employeeNo: "EA01", name: "管理员乙", role: "admin", password: "admin-pass-1" });
  await createUser(server.db, { employeeNo: "EL01", name: "林学员", role: "learner", team: "一班", password: "learner-pass-1" });
  await createUser(server.db, { employeeNo: "EL02", name: "何同学", role: "learner", team: "一班", password: "learner-pass-2" });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, employeeNo: string, password: string, landing: RegExp = /\/dashboard$/) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("工号").fill(employeeNo);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(landing);
}

// Through the schema's builder: the flag reads as a boolean on either engine.
const userRow = async (no: string) =>
  (await server.db.select({ name: users.name, team: users.team, role: users.role, must: users.mustChangePassword }).from(users).where(eq(users.employeeNo, no)))[0];

describe("a password reset by an admin is changed at the next sign-in", () => {
  it("admin resets, the learner must choose a new one (rules on the page, a weak one refused), then carries on", async () => {
    const adminPage = await browser.newPage();
    adminPage.on("dialog", (d) => void d.accept());
    await signIn(adminPage, "EA01", "admin-pass-1");
    await adminPage.goto(`${server.url}/admin/users?q=EL01`);
    await adminPage.getByRole("button", { name: "重置密码 EL01" }).click();
    const given = (await adminPage.getByTestId("new-password").textContent())!.trim();
    expect(given).toMatch(/^[A-Za-z0-9]{12}$/);
    await adminPage.close();

    const page = await browser.newPage();
    await signIn(page, "EL01", given, /\/account\/password\?redirectTo=%2Fdashboard$/);
    await expect(page.getByTestId("must-change").textContent()).resolves.toContain("你的密码是管理员设置的");
    await expect(page.getByTestId("password-rules").textContent()).resolves.toContain("不能包含你的工号");
    // Going elsewhere brings the user back here.
    await page.goto(`${server.url}/modules`);
    await page.waitForURL(/\/account\/password\?redirectTo=%2Fmodules$/);

    await page.getByLabel("当前密码").fill(given);
    await page.getByLabel("新密码", { exact: true }).fill("el01abcdef");
    await page.getByLabel("再次输入新密码").fill("el01abcdef");
    await page.getByRole("button", { name: "修改密码" }).click();
    await expect(page.locator("#next-error").textContent()).resolves.toContain("不能包含你的工号");
    expect((await userRow("EL01"))!.must).toBe(true);

    await page.getByLabel("当前密码").fill(given);
    await page.getByLabel("新密码", { exact: true }).fill("Lin-own-pass-7");
    await page.getByLabel("再次输入新密码").fill("Lin-own-pass-7");
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.waitForURL(/\/modules$/);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect((await userRow("EL01"))!.must).toBe(false);

    // Anyone can change their own password later from the header.
    await page.getByRole("link", { name: "修改密码" }).click();
    await page.waitForURL(/\/account\/password$/);
    await page.getByLabel("当前密码").waitFor();
    await expect(page.getByTestId("must-change").count()).resolves.toBe(0);
    await page.close();
  });
});

describe("an admin edits a user from the list", () => {
  it("searches, opens the edit form, changes name, team and role, and sees the list updated", async () => {
    const page = await browser.newPage();
    await signIn(page, "EA01", "admin-pass-1");
    await page.getByRole("link", { name: "账号管理" }).click();
    await page.getByLabel("搜索工号、姓名或班组").fill("何同");
    await page.getByRole("button", { name: "筛选" }).click();
    await page.waitForURL(/q=/);
    // Wait for the filtered list itself (the URL changes as the navigation starts).
    await page.getByTestId("user-total").filter({ hasText: "共 1 个账号" }).waitFor();
    await expect(page.locator("tr[data-employee-no]").count()).resolves.toBe(1);
    await page.getByRole("link", { name: "编辑 EL02" }).click();
    const form = page.getByTestId("edit-user");
    await form.getByLabel("姓名").fill("何同学（组长）");
    await form.getByLabel("班组").fill("二班");
    await form.getByLabel("角色").selectOption("trainer");
    await form.getByRole("button", { name: "保存" }).click();
    await expect(page.getByTestId("admin-message").textContent()).resolves.toContain("已保存 EL02 的修改：姓名、班组、角色");
    const row = page.locator('tr[data-employee-no="EL02"]');
    await row.filter({ hasText: "何同学（组长）" }).waitFor();
    const rowText = await row.textContent();
    expect(rowText).toContain("何同学（组长）");
    expect(rowText).toContain("培训师");
    expect(rowText).toContain("二班");
    expect((await userRow("EL02"))).toMatchObject({ name: "何同学（组长）", team: "二班", role: "trainer" });
    await page.close();
  });
});

describe("an admin previews a staff list before it applies", () => {
  it("shows new, changed (field by field) and unchanged rows, changes nothing until confirmed, then applies", async () => {
    const page = await browser.newPage();
    await signIn(page, "EA01", "admin-pass-1");
    await page.goto(`${server.url}/admin/users/import`);
    const file = path.join(server.dir, "staff.csv");
    fs.writeFileSync(file, "工号,姓名,角色,班组\nEL01,林学员,学员,三班\nEA01,管理员乙,管理员,\nEN01,新人甲,学员,三班\n");
    await page.getByLabel("CSV 文件").setInputFiles(file);
    await page.getByRole("button", { name: "上传并预览" }).click();
    await expect(page.getByTestId("import-counts").textContent()).resolves.toBe("新建 1 个，更新 1 个，未变化 1 个");
    await expect(page.locator('tr[data-employee-no="EL01"]').textContent()).resolves.toContain("班组：一班 → 三班");
    await expect(page.locator('tr[data-employee-no="EN01"]').textContent()).resolves.toContain("新建");
    expect((await userRow("EN01"))).toBeUndefined();
    expect((await userRow("EL01"))!.team).toBe("一班");

    await page.getByRole("button", { name: "确认导入" }).click();
    await expect(page.getByTestId("import-done").textContent()).resolves.toContain("新建 1 个");
    await expect(page.getByTestId("import-done").textContent()).resolves.toContain("EN01");
    expect((await userRow("EN01"))).toMatchObject({ name: "新人甲", team: "三班", must: true });
    expect((await userRow("EL01"))!.team).toBe("三班");
    await page.close();
  });
});
