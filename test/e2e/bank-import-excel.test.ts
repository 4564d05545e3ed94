/**
 * A trainer brings an Excel bank through the import page in Chromium: downloads the template, uploads a
 * file with an error (row and column named, nothing to confirm), then the corrected file, previews and
 * imports it; then pastes a text bank. A learner then practises the imported fill-in-the-blank question.
 */
import { exec, row } from "@db/client";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { SHEET_HEADERS } from "~/domain/bank-sheet";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await createUser(server.db, { employeeNo: "T9101", name: "李培训", role: "trainer", password: "trainer-pass-1" });
  await createUser(server.db, { employeeNo: "L9101", name: "赵学员", role: "learner", password: "learner-pass-1" });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, no: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("工号").fill(no);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);
}

const importedCount = async () => (await row<{ n: number }>(server.db, sql`select count(*) as n from questions where source = 'imported'`))!.n;
const e = ["", "", "", "", "", ""];

describe("Excel and text import in the browser", () => {
  it("template → a file with an error (row and column named, nothing importable) → the corrected file → imported; then pasted text", async () => {
    const page = await browser.newPage();
    await signIn(page, "T9101", "trainer-pass-1");
    await page.goto(`${server.url}/trainer/questions/import`);

    // The page offers the template and states the upload limit.
    const link = page.getByTestId("template-link");
    await expect(link.textContent()).resolves.toBe("下载 Excel 模板");
    await expect(page.locator("#file-hint").textContent()).resolves.toContain("最大 2 MB");
    const res = await page.request.get(`${server.url}${await link.getAttribute("href")}`);
    expect(res.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    expect((workbook.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual([...SHEET_HEADERS]);

    const sheet = workbook.worksheets[0];
    sheet.addRow(["单选", "故障报修电话应在铃响几声内接听？", "2 声", "3 声", "4 声", "", "", "", "B", "铃响不超过 3 声。", "telephone", "接听", ""]);
    sheet.addRow(["填空", "客户的损失，我们能做的是____返还。", ...e, "双倍|2倍", "", "complaints", "话术", ""]);
    sheet.addRow(["多选", "哪些做法符合首问负责？", "当场受理", "推诿", "", "", "", "", "AE", "", "", "", ""]); // row 4: no option E
    const bad = path.join(server.dir, "题库-有错.xlsx");
    await workbook.xlsx.writeFile(bad);

    await page.getByLabel("题目文件").setInputFiles(bad);
    await page.getByRole("button", { name: "上传并预览" }).click();
    await page.waitForURL(/\?pending=[0-9a-f]{32}$/);
    const errors = page.getByTestId("import-errors");
    await expect(errors.textContent()).resolves.toContain("第 4 行“答案”列：答案里的E没有对应的选项");
    await expect(page.getByTestId("import-summary").textContent()).resolves.toMatch(/文件格式[:：]Excel/);
    await expect(page.getByRole("button", { name: /确认导入/ }).count()).resolves.toBe(0);
    expect(await importedCount()).toBe(0);

    // Fix the row and upload again.
    sheet.getRow(4).getCell(9).value = "A";
    const good = path.join(server.dir, "题库.xlsx");
    await workbook.xlsx.writeFile(good);
    await page.getByRole("button", { name: "放弃并重新上传" }).click();
    await page.waitForURL(/\/trainer\/questions\/import$/);
    await page.getByLabel("题目文件").setInputFiles(good);
    await page.getByRole("button", { name: "上传并预览" }).click();
    await page.waitForURL(/\?pending=[0-9a-f]{32}$/);
    await expect(page.getByTestId("import-summary").textContent()).resolves.toContain("可导入 3 道题");
    // The fill-in-the-blank question previews with its numbered blank and accepted answers.
    await expect(page.getByTestId("blank-answers").textContent()).resolves.toContain("双倍 / 2倍");
    await page.getByLabel("导入后直接发布").check();
    await page.getByRole("button", { name: "确认导入 3 道题" }).click();
    await expect.poll(() => page.getByTestId("import-done").textContent().catch(() => "")).toContain("新建 3 道");
    expect(await importedCount()).toBe(3);

    // Pasted text goes through the same upload → preview → confirm.
    await page.getByLabel("或者直接粘贴纯文本题目").fill("1. 可以替来电者查询他人的账户。\n答案：错\n\n2、服务原则共有几条？\n答案：9 条\n");
    await page.getByRole("button", { name: "上传并预览" }).click();
    await page.waitForURL(/\?pending=[0-9a-f]{32}$/);
    await expect(page.getByTestId("import-summary").textContent()).resolves.toContain("可导入 2 道题");
    await page.getByRole("button", { name: "确认导入 2 道题" }).click();
    await expect.poll(() => page.getByTestId("import-done").textContent().catch(() => "")).toContain("新建 2 道");
    expect(await importedCount()).toBe(5);
    await page.close();
  });

  it("a learner practises the imported fill-in-the-blank question: one labelled input per blank, graded leniently", async () => {
    // Only the imported fill_blank question is left published in its module, so practice draws it.
    await exec(server.db, sql`update questions set status = 'retired' where module = 'complaints' and source <> 'imported'`);
    const page = await browser.newPage();
    await signIn(page, "L9101", "learner-pass-1");
    await page.goto(`${server.url}/practice/complaints`);
    await expect(page.locator("#question-stem").textContent()).resolves.toContain("____（1）");
    const html = await page.content();
    expect(html).not.toContain("双倍");
    await page.getByLabel("第 1 空").fill("２倍。");
    await page.getByRole("button", { name: "提交答案" }).click();
    await expect.poll(() => page.getByTestId("practice-feedback").textContent().catch(() => "")).toContain("回答正确");
    await expect(page.getByTestId("right-answer").textContent()).resolves.toContain("双倍 / 2倍");
    await page.close();
  });
});
