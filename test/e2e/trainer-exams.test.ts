/**
 * A trainer defines an exam in Chromium (fixing a field error first), previews a sample paper and
 * publishes it; the public verification page renders for a certificate, also on a 360 px phone.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAttempt, insertCertificate, insertExam, getExam } from "@db/queries/exams";
import { addMonths } from "~/domain/exam";
import { newCertificateCode } from "~/exams.server";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await createUser(server.db, { employeeNo: "T9101", name: "蒋培训", role: "trainer", password: "trainer-pass" });
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

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("a trainer defines, previews and publishes an exam", () => {
  it("fixes a field error, saves a draft, previews a paper with answers and publishes it", async () => {
    const page = await browser.newPage();
    await signIn(page, "T9101", "trainer-pass");
    await page.goto(`${server.url}/trainer/exams`);
    await page.getByRole("link", { name: "新建考试" }).click();
    await page.waitForURL(/\/trainer\/exams\/new$/);
    await page.waitForLoadState("networkidle"); // hydrated: the add-a-rule button needs JavaScript

    // The first rule: 4 true/false questions on the service time limits, 5 points each.
    const rule = page.getByTestId("rule-row").first();
    await rule.getByLabel("题数").fill("4");
    await rule.getByLabel("每题分值").fill("5");
    await rule.getByLabel("服务时限与质量指标").check();
    await rule.getByLabel("判断").check();
    await page.getByLabel("考试时长（分钟）").fill("15");
    // Rows can be added in the browser; a blank one is ignored.
    const rows = await page.getByTestId("rule-row").count();
    await page.getByRole("button", { name: "添加一条规则" }).click();
    expect(await page.getByTestId("rule-row").count()).toBe(rows + 1);

    // Saving without a title: the error summary takes focus, the field says what is wrong, values stay.
    await page.getByRole("button", { name: "保存草稿" }).click();
    await page.getByTestId("error-summary").waitFor({ state: "visible" });
    await expect(page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).resolves.toBe("error-summary");
    await expect(page.getByLabel("考试名称").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.locator("#exam-title-error").textContent()).resolves.toBe("请填写考试名称");
    await expect(page.getByLabel("考试时长（分钟）").inputValue()).resolves.toBe("15");
    await expect(page.getByTestId("rule-row").first().getByLabel("判断").isChecked()).resolves.toBe(true);
    await expect(page.getByTestId("rule-row").first().getByTestId("rule-available").textContent()).resolves.toMatch(/题库中可用 \d+ 道/);

    await page.getByLabel("考试名称").fill("服务时限判断小测");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await page.waitForURL(/\/trainer\/exams\/\d+\?created=1$/);
    const examId = Number(/exams\/(\d+)/.exec(page.url())![1]);
    await expect.poll(() => page.getByTestId("exam-status").textContent()).toBe("草稿");
    expect(await getExam(server.db, examId)).toMatchObject({ title: "服务时限判断小测", status: "draft", timeLimitMinutes: 15, blueprint: [{ count: 4, points: 5, modules: ["sla"], types: ["true_false"] }] });

    // A sample paper, with the right answers and explanations.
    await page.getByRole("link", { name: "预览试卷" }).click();
    await page.waitForURL(/\/preview$/);
    const items = page.locator("[data-question-id]");
    await items.first().waitFor();
    await expect(items.count()).resolves.toBe(4);
    await expect(page.getByTestId("preview-summary").textContent()).resolves.toContain("共 4 题，满分 20 分");
    await expect(page.getByText("正确答案：").count()).resolves.toBe(4);
    const first = await items.first().getAttribute("data-question-id");
    const firstSeed = await page.getByTestId("preview-seed").textContent();
    await page.getByTestId("redraw").click();
    await page.waitForURL(/\/preview\?seed=/);
    // A new seed, a new paper of the same shape.
    await expect.poll(() => page.getByTestId("preview-seed").textContent()).not.toBe(firstSeed);
    await expect.poll(() => items.count()).toBe(4);
    expect(first).toBeTruthy();

    // Publish from the exam's page.
    await page.getByRole("link", { name: "编辑" }).click();
    await page.waitForURL(new RegExp(`/trainer/exams/${examId}$`));
    await page.getByRole("button", { name: "发布" }).click();
    await page.getByTestId("action-message").filter({ hasText: "考试已发布" }).waitFor();
    await expect.poll(() => page.getByTestId("exam-status").textContent()).toBe("已发布");
    expect((await getExam(server.db, examId))!.status).toBe("published");

    // The list shows it as published.
    await page.getByRole("link", { name: "返回考试列表" }).click();
    await page.waitForURL(/\/trainer\/exams$/);
    await expect.poll(() => page.locator(`[data-exam-id="${examId}"]`).textContent()).toContain("已发布");
    await page.close();
  });

  it("the exam pages fit a 360 px phone", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(page, "T9101", "trainer-pass");
    const examId = await insertExam(
      server.db,
      {
        title: "手机预览",
        description: null,
        blueprint: [{ count: 3, points: 1, modules: ["sla"], types: ["single"] }],
        timeLimitMinutes: 10,
        passPercent: 60,
        attemptsAllowed: 1,
        opensAt: null,
        closesAt: null,
        shuffleQuestions: true,
        shuffleOptions: true,
        multipleScoring: "all-or-nothing",
        reviewMode: "score",
        reviewFrom: null,
        certificateName: null,
        certificateValidityMonths: null,
        audience: "everyone",
        status: "draft",
        createdBy: null,
      },
      [],
      Date.now(),
    );
    for (const p of ["/trainer/exams", "/trainer/exams/new", `/trainer/exams/${examId}`, `/trainer/exams/${examId}/preview`, `/trainer/exams/${examId}/attempts`, "/trainer/certificates"]) {
      await page.goto(server.url + p);
      expect(await overflow(page), p).toBeLessThanOrEqual(0);
    }
    await page.close();
  });
});

describe("the public verification page", () => {
  it("renders a certificate for anyone, without signing in, also on a phone", async () => {
    const db = server.db;
    const holder = await createUser(db, { employeeNo: "H9101", name: "韩持证", role: "learner" });
    const issuedAt = Date.now() - 3 * 86_400_000;
    const examId = await insertExam(
      db,
      {
        title: "客服基础认证考试",
        description: null,
        blueprint: [{ count: 1, points: 1 }],
        timeLimitMinutes: 30,
        passPercent: 60,
        attemptsAllowed: 3,
        opensAt: null,
        closesAt: null,
        shuffleQuestions: true,
        shuffleOptions: true,
        multipleScoring: "all-or-nothing",
        reviewMode: "explanations",
        reviewFrom: null,
        certificateName: "客服基础服务认证",
        certificateValidityMonths: 24,
        audience: "everyone",
        status: "published",
        createdBy: null,
      },
      [],
      issuedAt,
    );
    await insertAttempt(
      db,
      { id: "e2e-cert-attempt", examId, userId: holder.id, attemptNo: 1, seed: "s", status: "submitted", startedAt: issuedAt - 60_000, deadline: issuedAt, submittedAt: issuedAt, finalisedBy: "learner", scoreMilli: 1000, maxScoreMilli: 1000, percentBp: 10_000, passed: true, multipleScoring: "all-or-nothing" },
      [],
    );
    const code = newCertificateCode();
    await insertCertificate(db, { code, userId: holder.id, examId, attemptId: "e2e-cert-attempt", name: "客服基础服务认证", holderName: "韩持证", issuedAt, expiresAt: addMonths(issuedAt, 24) });

    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const res = await page.goto(`${server.url}/verify/${code}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("证书验证");
    await expect(page.getByTestId("verify-state").textContent()).resolves.toBe("有效");
    await expect(page.getByTestId("verify-holder").textContent()).resolves.toBe("韩持证");
    await expect(page.getByTestId("verify-card").textContent()).resolves.toContain("客服基础服务认证");
    await expect(page.locator('meta[name="robots"]').getAttribute("content")).resolves.toBe("noindex");
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    const bad = await page.goto(`${server.url}/verify/AAAAA-AAAAA-AAAAA-AAAAA`);
    expect(bad?.status()).toBe(404);
    await expect(page.getByTestId("verify-invalid").textContent()).resolves.toContain("证书编号无效");
    await context.close();
  });
});
