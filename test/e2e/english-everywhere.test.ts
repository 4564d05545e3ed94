/**
 * The English interface is English: after switching to English, main pages of each role, and the
 * page (or, where noted, the error region) after each form is sent with bad input, has no Chinese character (/\p{Script=Han}/u) in its text,
 * its title, or its aria-label/title/placeholder attributes — except inside elements marked as Chinese
 * content (`lang="zh-CN"`: courseware, questions, titles and names people typed). The bad inputs: an
 * exam definition with no title, a local policy figure with nothing filled in, a cohort member list
 * with an unknown 工号, a staff CSV with a bad row, a password change whose confirmation differs,
 * a sign-in with a wrong password, a question import with a bad question, and a question import of
 * a file named .xlsx that is not a workbook.
 * Every page is checked whole. A document title cannot mark content, so a page whose title names
 * content (a cohort's page) lists that content's text, which alone is taken out of its title.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembers, createCohort, upsertAssignment } from "@db/queries/cohort-admin";
import { insertQuestion } from "@db/queries/questions";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, tempDir, type TestServer } from "../helpers/server";
import { writeFileSync } from "node:fs";
import path from "node:path";

let server: TestServer;
let browser: Browser;
let cohortId: number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const learner = await createUser(server.db, { employeeNo: "EN-L1", name: "英文学员", role: "learner", team: "英文一组", password: "learner-pass-1" });
  const trainer = await createUser(server.db, { employeeNo: "EN-T1", name: "英文培训师", role: "trainer", password: "trainer-pass-1" });
  await createUser(server.db, { employeeNo: "EN-A1", name: "英文管理员", role: "admin", password: "admin-pass-1" });
  const now = Date.now();
  cohortId = await createCohort(server.db, { name: "英文界面测试班", description: "班级说明：英文界面检查" }, trainer.id, now);
  // Content on the pages checked whole: a member with a team, a module assigned with a due date, a
  // question in the bank with a tag (stems, names, titles and tags are Chinese content).
  await addMembers(server.db, cohortId, [learner.id], now);
  await upsertAssignment(server.db, cohortId, { kind: "module", moduleSlug: "business-hall", dueAt: now + 7 * 86_400_000 }, now);
  await insertQuestion(
    server.db,
    {
      id: "en-check-tf",
      source: "authored",
      status: "published",
      content: { type: "true_false", stem: "营业厅可以拒绝登记客户投诉。", options: [], answer: false, explanation: "不可以：投诉须登记受理。", module: "business-hall", section: null, facts: [], tags: ["英文检查"], family: "en-check-tf" },
      createdBy: null,
      note: "english-everywhere",
    },
    now,
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Chinese text on the page outside content marked lang="zh…": each offending text or attribute. */
async function chineseOutsideContent(page: Page, titleContent: readonly string[] = []): Promise<string[]> {
  return page.evaluate((titleContent) => {
    const han = /\p{Script=Han}/u;
    const content = (el: Element) => el.closest('[lang^="zh"]') !== null;
    const out: string[] = [];
    const title = titleContent.reduce((rest, c) => rest.split(c).join(""), document.title);
    if (han.test(title)) out.push(`<title> ${document.title}`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest("script, style, template, noscript") || content(el)) continue;
      if (han.test(n.nodeValue ?? "")) out.push(`<${el.tagName.toLowerCase()}> ${(n.nodeValue ?? "").trim().slice(0, 80)}`);
    }
    for (const el of document.body.querySelectorAll("[aria-label], [title], [placeholder]")) {
      if (content(el)) continue;
      for (const a of ["aria-label", "title", "placeholder"]) {
        const v = el.getAttribute(a);
        if (v && han.test(v)) out.push(`${a}="${v.slice(0, 80)}"`);
      }
    }
    return out;
  }, titleContent);
}

async function expectEnglish(page: Page, where: string, titleContent: readonly string[] = []) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
  expect(await page.evaluate(() => document.documentElement.lang), where).toBe("en");
  // Soft: every page of a journey is checked, and each one's offending texts are listed in full.
  expect.soft((await chineseOutsideContent(page, titleContent)).join("\n"), where).toBe("");
}

/** A new page in English (the language cookie set by the header's button), signed in when asked. */
async function englishPage(who?: { employeeNo: string; password: string }): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/login`);
  await page.locator('form[action="/lang"] button').click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  if (who) {
    await page.locator("input[name=employeeNo]").fill(who.employeeNo);
    await page.locator("input[name=password]").fill(who.password);
    await page.locator("input[name=password]").press("Enter");
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  }
  return page;
}

/** The error region of a form has no Chinese outside content. */
async function expectEnglishRegion(page: Page, selector: string, where: string) {
  const texts = await page.locator(selector).evaluateAll((els) => {
    const han = /\p{Script=Han}/u;
    const out: string[] = [];
    for (const root of els) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement?.closest('[lang^="zh"]')) continue;
        if (han.test(n.nodeValue ?? "")) out.push((n.nodeValue ?? "").trim());
      }
    }
    return out;
  });
  expect(await page.locator(selector).count(), `${where}: ${selector} shown`).toBeGreaterThan(0);
  expect(texts.join("\n"), where).toBe("");
}

async function visit(page: Page, pathname: string, titleContent: readonly string[] = []) {
  await page.goto(`${server.url}${pathname}`);
  await expectEnglish(page, pathname, titleContent);
}

describe("the English interface has no Chinese outside content", () => {
  it("sign-in page, and a wrong password", async () => {
    const page = await englishPage();
    await expectEnglish(page, "/login");
    await page.locator("input[name=employeeNo]").fill("EN-L1");
    await page.locator("input[name=password]").fill("wrong-password-1");
    await page.locator("input[name=password]").press("Enter");
    await page.getByRole("alert").first().waitFor();
    await expectEnglish(page, "/login (wrong password)");
    await page.close();
  });

  it("learner: main pages, and a password change whose confirmation differs", async () => {
    const page = await englishPage({ employeeNo: "EN-L1", password: "learner-pass-1" });
    for (const p of ["/dashboard", "/modules", "/practice", "/exams", "/wrong-book", "/account/password", "/verify"]) await visit(page, p);
    await page.goto(`${server.url}/account/password`);
    await page.locator("#current").fill("learner-pass-1");
    await page.locator("#next").fill("a-new-pass-2026");
    await page.locator("#confirm").fill("another-pass-2026");
    await page.locator("#confirm").press("Enter");
    await page.locator("#confirm-error").waitFor();
    await expectEnglish(page, "/account/password (mismatch)");
    await page.close();
  });

  it("trainer: main pages, and the exam form, a cohort member list and a question import with bad input", async () => {
    const page = await englishPage({ employeeNo: "EN-T1", password: "trainer-pass-1" });
    for (const p of ["/trainer", "/trainer/questions", "/trainer/exams/new", "/trainer/cohorts", "/trainer/exams", "/trainer/certificates"]) await visit(page, p);
    await visit(page, `/trainer/cohorts/${cohortId}`, ["英文界面测试班"]);

    await page.goto(`${server.url}/trainer/exams/new`);
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
    await page.locator('button[name=intent][value="save"]').click();
    await page.getByTestId("error-summary").waitFor();
    await expect(page.locator("#exam-title-error").textContent()).resolves.toBe("enter the exam's title");
    await expectEnglish(page, "/trainer/exams/new (no title)");
    expect(await page.title()).toBe("New exam · Kefu Academy");

    await page.goto(`${server.url}/trainer/cohorts/${cohortId}`);
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
    await page.locator("#paste-text").fill("EN-L1\nNO-SUCH-9");
    await page.locator("#paste-text").locator("xpath=ancestor::form").locator("button[type=submit]").click();
    const errors = page.getByTestId("member-errors");
    await errors.waitFor();
    await expect(errors.locator("li").allTextContents()).resolves.toEqual(["Line 2: there is no account with employee number NO-SUCH-9"]);
    await expectEnglish(page, "cohort members (unknown employee number)", ["英文界面测试班"]);

    await page.goto(`${server.url}/trainer/questions/import`);
    await page.locator("#pasted").fill("1. 客户来电应在铃响几声内接听？\nA. 2 声\nB. 3 声\n");
    await page.locator('button[name=intent][value="upload"]').click();
    await page.getByTestId("import-errors").waitFor();
    // The format's own keyword (答案：) is quoted in the message: the only Chinese allowed.
    const importErrors = await page.getByTestId("import-errors").locator("li").allTextContents();
    expect(importErrors).toEqual(["Line 1: this question has no “答案：” (answer) line"]);
    expect(importErrors[0].replace("“答案：”", "")).not.toMatch(/\p{Script=Han}/u);

    // A spreadsheet that is not one: the reader's reason, in English too.
    const notXlsx = path.join(tempDir(), "not-a-workbook.xlsx");
    writeFileSync(notXlsx, "这不是 Excel 文件\n");
    await page.goto(`${server.url}/trainer/questions/import`);
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
    await page.locator("#file").setInputFiles(notXlsx);
    await page.locator('button[name=intent][value="upload"]').click();
    await page.getByTestId("import-message").waitFor();
    await expect(page.getByTestId("import-message").textContent()).resolves.toMatch(
      /^This Excel file cannot be read: it is not a valid \.xlsx file \(.+\)\. Save it in Excel or WPS as “Excel Workbook \(\*\.xlsx\)” and upload it again$/,
    );
    // The page's format guide quotes the formats' Chinese keywords, so only the message is checked.
    await expectEnglishRegion(page, '[data-testid="import-message"]', "/trainer/questions/import (not a spreadsheet)");
    await page.close();
  });

  it("admin: main pages, and a local policy figure and a staff CSV with bad input", async () => {
    const page = await englishPage({ employeeNo: "EN-A1", password: "admin-pass-1" });
    for (const p of ["/admin/users", "/admin/users/import", "/admin/policy"]) await visit(page, p);

    await page.goto(`${server.url}/admin/policy`);
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
    await page.locator("#policy-value").locator("xpath=ancestor::form").locator("button[type=submit]").click();
    await page.locator("#policy-value-error").waitFor();
    await expect(page.locator("#policy-value-error").textContent()).resolves.toBe("enter the value your company's rule sets");
    await expectEnglish(page, "/admin/policy (nothing filled in)");

    const csv = path.join(tempDir(), "staff-bad-row.csv");
    writeFileSync(csv, "工号,姓名,角色,班组\nA1001,张三,学员,一班\nbad no,李四,学员,二班\n");
    await page.goto(`${server.url}/admin/users/import`);
    await page.locator("#file").setInputFiles(csv);
    await page.locator("#file").locator("xpath=ancestor::form").locator("button[type=submit]").click();
    await page.getByRole("alert").first().waitFor();
    await expectEnglishRegion(page, '[role="alert"]', "/admin/users/import (bad row)");
    await page.close();
  });
});
