/**
 * The interface in both languages: after switching to English, a page title, an import error on the
 * question import page and a validation error on the question form are English with no Chinese
 * character; switching back, the same are Chinese.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
const CJK = /[\u3400-\u9fff]/;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await createUser(server.db, { employeeNo: "T9101", name: "语言测试培训师", role: "trainer", password: "trainer-pass-1" });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page) {
  await page.goto(`${server.url}/login`);
  await page.locator("input[name=employeeNo]").fill("T9101");
  await page.locator("input[name=password]").fill("trainer-pass-1");
  await page.locator("input[name=password]").press("Enter");
  await page.waitForURL(/\/dashboard$/);
}

/** Switches the interface language with the header's button and waits for the page to show it. */
async function switchTo(page: Page, lang: "en" | "zh-CN") {
  await page.locator('form[action="/lang"] button').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** Pastes a plain-text question file without an answer line and returns the listed errors. */
async function importErrors(page: Page): Promise<string[]> {
  await page.goto(`${server.url}/trainer/questions/import`);
  await page.locator("#pasted").fill("1. 客户来电应在铃响几声内接听？\nA. 2 声\nB. 3 声\n");
  await page.locator('button[name=intent][value="upload"]').click();
  const list = page.getByTestId("import-errors");
  await list.waitFor({ state: "visible" });
  return list.locator("li").allTextContents();
}

/** Saves a new single-choice question whose text is too short and returns the error summary's text. */
async function formError(page: Page): Promise<string> {
  await page.goto(`${server.url}/trainer/questions/new`);
  await page.locator("#q-type").selectOption("single");
  await page.locator("#q-stem").fill("x");
  await page.locator("#q-options-0-text").fill("15秒");
  await page.locator("#q-options-1-text").fill("30秒");
  await page.locator('input[name="correct"]').first().check();
  await page.locator('button[name=intent][value="save"]').click();
  const summary = page.getByTestId("error-summary");
  await summary.waitFor({ state: "visible" });
  return (await summary.textContent()) ?? "";
}

describe("finished in English, finished in Chinese", () => {
  it("shows page titles, import errors and form errors in the chosen language", async () => {
    const page = await browser.newPage();
    await signIn(page);

    await switchTo(page, "en");
    await page.goto(`${server.url}/trainer/questions/import`);
    await expect(page.title()).resolves.toBe("Import questions · Kefu Academy");

    const enImport = await importErrors(page);
    expect(enImport).toEqual(["Line 1: this question has no “答案：” (answer) line"]);
    // The only Chinese is the format's own keyword, quoted; the sentence is English.
    expect(enImport[0].replace("“答案：”", "")).not.toMatch(CJK);
    await expect(page.getByTestId("import-errors").locator("p").first().textContent()).resolves.toMatch(/^The file has 1 error and cannot be imported/);

    const enForm = await formError(page);
    expect(enForm).toContain("the question text needs at least 2 characters");
    expect(enForm).toMatch(/^1 thing to fix/);
    expect(enForm).not.toMatch(CJK);
    await expect(page.title()).resolves.toBe("New question · Kefu Academy");

    await switchTo(page, "zh-CN");
    await page.goto(`${server.url}/trainer/questions/import`);
    await expect(page.title()).resolves.toBe("导入题目 · 客服学堂");
    await expect(importErrors(page)).resolves.toEqual(["第 1 行：这道题没有“答案：”行"]);
    const zhForm = await formError(page);
    expect(zhForm).toContain("题干至少 2 个字");
    await expect(page.title()).resolves.toBe("新建题目 · 客服学堂");
    await page.close();
  });
});
