/**
 * An admin records the company's value for a figure the manual lost, in Chromium, and finds it on the
 * module page beside what the manual says.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await createUser(server.db, { employeeNo: "A7001", name: "张管理", role: "admin", password: "admin-pass-1" });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("工号").fill("A7001");
  await page.getByLabel("密码").fill("admin-pass-1");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);
}

describe("local policy figures", () => {
  it("an admin enters a figure, fixes a field error, and sees it as 本单位规定 on the module page", async () => {
    const page = await browser.newPage();
    await signIn(page);
    await page.getByRole("link", { name: "本单位规定", exact: true }).click();
    await page.waitForURL(/\/admin\/policy$/);
    // The page renders after the client navigation: wait for its heading.
    await page.getByRole("heading", { level: 1, name: "本单位规定的数字", exact: true }).waitFor();

    await page.getByLabel("数字").selectOption("sp_usage_record_retention");
    await page.getByLabel("数值").fill("六个月");
    await page.getByLabel("单位").selectOption("个月");
    await page.getByLabel("依据文件").fill("用户业务记录保存规定");
    await page.getByLabel("生效日期").fill("2026-03-01");
    await page.getByRole("button", { name: "保存" }).click();
    // The wrong field says what is wrong; what was typed is kept.
    const valueError = page.locator("#policy-value-error");
    await valueError.waitFor({ state: "visible" });
    await expect(valueError.textContent()).resolves.toContain("请填写阿拉伯数字");
    await expect(page.getByLabel("数值").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByLabel("依据文件").inputValue()).resolves.toBe("用户业务记录保存规定");

    await page.getByLabel("数值").fill("5");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("status").filter({ hasText: "已保存" }).waitFor();
    await expect(page.getByTestId("policy-current").textContent()).resolves.toContain("5个月");

    await page.goto(`${server.url}/modules/confidentiality`);
    const local = page.locator('[data-local-policy="sp_usage_record_retention"]');
    await local.waitFor();
    await expect(local.textContent()).resolves.toBe("（本单位规定：5个月，依据《用户业务记录保存规定》，自 2026-03-01 起）");
    // What the manual says stays, right before it.
    await expect(
      local.evaluate((el) => el.previousElementSibling?.textContent),
    ).resolves.toBe("〔原文数字缺失〕");
    // The other lost figures have no local value and show only the manual's marker.
    await expect(page.locator('[data-local-policy="customer_data_retention"]').count()).resolves.toBe(0);
    await page.close();
  });
});
