import fs from "node:fs";
import { exec, row } from "@db/client";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { launchBrowser } from "../helpers/browser";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await createUser(server.db, { employeeNo: "T9001", name: "王培训", role: "trainer", password: "trainer-pass-1" });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("工号").fill("T9001");
  await page.getByLabel("密码").fill("trainer-pass-1");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/dashboard$/);
}

const previewHtml = (page: Page) => page.getByTestId("question-preview").innerHTML();

describe("a trainer works on the question bank", () => {
  it("creates a question with a live preview, fixes a field error, edits it into version 2, and imports a GIFT file", async () => {
    const page = await browser.newPage();
    await signIn(page);
    await page.getByRole("link", { name: "培训管理", exact: true }).click();
    await page.waitForURL(/\/trainer$/);
    await page.getByRole("link", { name: /^题库/ }).click();
    await page.waitForURL(/\/trainer\/questions$/);
    await page.getByRole("link", { name: "新建题目" }).click();
    await page.waitForURL(/\/trainer\/questions\/new$/);

    // The preview follows what is typed.
    await page.getByLabel("题型").selectOption("single");
    await page.getByLabel("题干").fill("**故障受理**电话的应答时限是多少?");
    await expect.poll(() => previewHtml(page), { timeout: 10_000 }).toContain("<strong>故障受理</strong>");
    await page.getByLabel("选项 A", { exact: true }).fill("15秒");
    await page.getByLabel("选项 B", { exact: true }).fill("30秒");
    await page.getByLabel("选项 C", { exact: true }).fill("15秒");
    await page.getByLabel("选项 A 是正确答案").check();
    await expect.poll(() => page.getByTestId("question-preview").textContent(), { timeout: 10_000 }).toMatch(/30秒[\s\S]*15秒/);
    await expect.poll(() => page.getByTestId("question-preview").locator("li").first().textContent()).toContain("正确");

    // Saving with a duplicate option: the summary takes focus, the field says what is wrong, nothing is lost.
    await page.getByRole("button", { name: "保存为草稿" }).click();
    const summary = page.getByTestId("error-summary");
    await summary.waitFor({ state: "visible" });
    await expect(summary.textContent()).resolves.toContain("选项“15秒”重复");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).resolves.toBe("error-summary");
    const optionC = page.getByLabel("选项 C", { exact: true });
    await expect(optionC.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.locator(`#${await optionC.getAttribute("aria-describedby")}`).textContent()).resolves.toBe("选项“15秒”重复");
    await expect(page.getByLabel("题干").inputValue()).resolves.toBe("**故障受理**电话的应答时限是多少?");
    await expect(page.getByLabel("选项 A 是正确答案").isChecked()).resolves.toBe(true);
    expect((await row<{ n: number }>(server.db, sql`select count(*) as n from questions where source = 'authored'`))!.n).toBe(0);

    // The link in the summary leads to the field.
    await summary.getByRole("link", { name: "选项 C" }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("q-options-2-text");
    await optionC.fill("60秒");
    await page.getByRole("button", { name: "保存为草稿" }).click();
    await page.waitForURL(/\/trainer\/questions\/q-[0-9a-f]+\?created=1$/);
    await page.getByRole("status").filter({ hasText: "题目已创建" }).waitFor();
    const id = /\/trainer\/questions\/([^?]+)/.exec(page.url())![1];
    await expect(page.getByTestId("current-version").textContent()).resolves.toBe("v1");

    // Edit: a new version, visible in the history; the old one still readable.
    await page.getByLabel("题干").fill("**故障受理**电话的应答时限是多少秒?");
    await page.getByRole("button", { name: "保存修改" }).click();
    await expect.poll(() => page.getByTestId("action-message").textContent()).toContain("已保存为第 2 版");
    await expect.poll(() => page.getByTestId("current-version").textContent()).toBe("v2");
    await expect(page.getByTestId("version-history").locator("tbody tr").count()).resolves.toBe(2);
    await page.getByRole("link", { name: "查看第 1 版" }).click();
    await page.waitForURL(/\?version=1$/);
    await expect(page.getByTestId("old-version").textContent()).resolves.toContain("电话的应答时限是多少?");
    expect((await row<{ v: number }>(server.db, sql`select current_version as v from questions where id = ${id}`))!.v).toBe(2);

    // Import a small GIFT file: upload → preview → confirm.
    await page.goto(`${server.url}/trainer/questions`);
    await page.getByRole("link", { name: "导入", exact: true }).click();
    await page.waitForURL(/\/trainer\/questions\/import$/);
    const file = path.join(server.dir, "small.gift");
    fs.writeFileSync(file, "// [tag:e2e]\n::e1::客户来电应在铃响 3 声内接听。{T}\n\n::e2::故障受理电话应答时限?(单位:秒){#15}\n");
    await page.getByLabel("题目文件").setInputFiles(file);
    await page.getByRole("button", { name: "上传并预览" }).click();
    await page.waitForURL(/\?pending=[0-9a-f]{32}$/);
    await expect(page.getByTestId("import-summary").textContent()).resolves.toContain("可导入 2 道题");
    await expect(page.locator('[data-testid="gift-report"] tbody tr').count()).resolves.toBe(2);
    await page.getByLabel("导入后直接发布").check();
    await page.getByRole("button", { name: "确认导入 2 道题" }).click();
    await expect.poll(() => page.getByTestId("import-done").textContent().catch(() => "")).toContain("新建 2 道");
    expect((await row<{ n: number }>(server.db, sql`select count(*) as n from questions where source = 'imported' and status = 'published'`))!.n).toBe(2);
    await page.close();
  });

  it("fits a 360 px screen without sideways scrolling", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(page);
    const id = (await row<{ id: string }>(server.db, sql`select id from questions where source = 'authored' limit 1`))!.id;
    for (const p of ["/trainer/questions", "/trainer/questions/new", `/trainer/questions/${id}`, "/trainer/questions/import"]) {
      await page.goto(server.url + p);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, p).toBeLessThanOrEqual(0);
    }
    await page.close();
  });
});

describe("a hostile question in a real browser", () => {
  it("runs no script on the list, the edit page, the live preview, an old version or the import preview", async () => {
    const http = new Browserish(server.url);
    await http.login("T9001", "trainer-pass-1");
    const payload = (n: number) =>
      `危险${n} <script>window.__xss=${n}</script> <img src=x onerror="window.__xss=${n}"> <img src=x onerror=alert(${n})> [点我](javascript:window.__xss=${n})`;
    const f = new FormData();
    for (const [k, v] of Object.entries({
      intent: "save",
      type: "single",
      stem: payload(1),
      "options.0.text": payload(2),
      "options.1.text": "安全选项",
      correct: "1",
      explanation: payload(3),
    }))
      f.append(k, v);
    const created = await http.post("/trainer/questions/new", f);
    expect(created.status).toBe(302);
    const id = /\/trainer\/questions\/([^?]+)/.exec(created.headers.get("Location")!)![1];

    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // The Content-Security-Policy would block an injected inline script anyway; a violation report in the
    // console would mean the sanitiser let one through. So: no violation, no dangerous element at all.
    const cspViolations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await signIn(page);
    const xss = async () => {
      const dangerous = await page.evaluate(
        () => document.querySelectorAll("main script, main img, main svg, main iframe, main [onerror], main [onload], main [onclick], main a[href^='javascript:' i]").length,
      );
      expect(dangerous).toBe(0);
      return page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
    };

    await page.goto(`${server.url}/trainer/questions?q=${encodeURIComponent("危险1")}`);
    await page.locator(`[data-question-id="${id}"]`).waitFor();
    expect(await xss()).toBeUndefined();

    await page.goto(`${server.url}/trainer/questions/${id}`);
    await expect(page.getByTestId("question-preview").textContent()).resolves.toContain("<script>window.__xss=1</script>");
    // Type more hostile text: the live preview renders it, still as text.
    await page.getByLabel("题干").fill(payload(4));
    await expect.poll(() => page.getByTestId("question-preview").textContent(), { timeout: 10_000 }).toContain("危险4");
    await page.getByTestId("question-preview").getByText("点我").first().click();
    await page.getByRole("button", { name: "保存修改" }).click();
    await expect.poll(() => page.getByTestId("action-message").textContent()).toContain("已保存为第 2 版");
    expect(await xss()).toBeUndefined();

    await page.goto(`${server.url}/trainer/questions/${id}?version=1`);
    await page.getByTestId("old-version").waitFor();
    expect(await xss()).toBeUndefined();

    await page.goto(`${server.url}/trainer/questions/import`);
    const file = path.join(server.dir, "hostile.json");
    fs.writeFileSync(
      file,
      JSON.stringify([{ type: "true_false", stem: payload(5), answer: true, explanation: payload(6), tags: ["<svg onload=alert(7)>"] }]),
    );
    await page.getByLabel("题目文件").setInputFiles(file);
    await page.getByRole("button", { name: "上传并预览" }).click();
    await page.waitForURL(/\?pending=/);
    await expect(page.getByTestId("import-summary").textContent()).resolves.toContain("可导入 1 道题");
    await expect(page.locator("main").textContent()).resolves.toContain("危险5");

    // Every image on the page has finished loading or failing, so any onerror would have run by now.
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
    expect(await xss()).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(cspViolations).toEqual([]);
    await page.close();
  });
});
