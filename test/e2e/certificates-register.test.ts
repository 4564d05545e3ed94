/**
 * The certificate register in Chromium: a trainer filters the register, revokes a certificate from its
 * row with a reason, and downloads the filtered export; the printable certificate carries a QR code that
 * decodes to its verification URL (on screen, on a phone and in print); a visitor types a code the way
 * people do into /verify and lands on the certificate.
 */
import fs from "node:fs";
import jsQR from "jsqr";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembers, createCohort, upsertAssignment } from "@db/queries/cohort-admin";
import { insertExam } from "@db/queries/exams";
import { attempts, certificates } from "@db/schema";
import { newCertificateCode } from "~/exams.server";
import { launchBrowser } from "../helpers/browser";
import { createUser, startServer, type TestServer } from "../helpers/server";

const DAY = 86_400_000;
let server: TestServer;
let browser: Browser;
const codes: Record<string, string> = {};

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const db = server.db;
  const now = Date.now();
  const trainer = await createUser(db, { employeeNo: "Q7001", name: "培训师", role: "trainer", password: "trainer-pass" });
  const examId = await insertExam(
    db,
    {
      title: "服务时限认证考试",
      certificateName: "服务时限认证",
      status: "published",
      createdBy: null,
      description: null,
      blueprint: [{ count: 5, points: 2, modules: ["sla"], types: ["single"] }],
      timeLimitMinutes: 20,
      passPercent: 60,
      attemptsAllowed: 3,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: true,
      shuffleOptions: true,
      multipleScoring: "all-or-nothing",
      reviewMode: "score",
      reviewFrom: null,
      certificateValidityMonths: 12,
      audience: "everyone",
    },
    [],
    now - 500 * DAY,
  );
  const cohort = await createCohort(db, { name: "十一月班", description: null }, trainer.id, now - 400 * DAY);
  await upsertAssignment(db, cohort, { kind: "exam", examId, dueAt: null }, now - 400 * DAY);
  const people = [
    ["Q1001", "林一", "甲组"],
    ["Q1002", "林二", "乙组"],
    ["Q1003", "林三", "甲组"],
  ] as const;
  let n = 0;
  for (const [employeeNo, name, team] of people) {
    const u = await createUser(db, { employeeNo, name, team, password: "learner-pass" });
    await addMembers(db, cohort, [u.id], now - 400 * DAY);
    const attemptId = `e2e-${++n}`;
    const issuedAt = now - 10 * DAY;
    await db.insert(attempts).values({
      id: attemptId, examId, userId: u.id, attemptNo: 1, seed: "s", status: "submitted", startedAt: issuedAt - 600_000, deadline: issuedAt,
      submittedAt: issuedAt, finalisedBy: "learner", scoreMilli: 9000, maxScoreMilli: 10_000, percentBp: 9000, passed: true, multipleScoring: "all-or-nothing",
    });
    codes[employeeNo] = newCertificateCode();
    await db.insert(certificates).values({ code: codes[employeeNo]!, userId: u.id, examId, attemptId, name: "服务时限认证", holderName: name, issuedAt, expiresAt: issuedAt + 365 * DAY });
  }
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

/** Draws the QR code's SVG on a canvas in the page and decodes the pixels with jsQR. */
async function decodeQr(page: Page): Promise<string | null> {
  const image = await page.getByTestId("certificate-qr").evaluate(async (svg) => {
    const markup = new XMLSerializer().serializeToString(svg);
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 240;
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, 240, 240);
    ctx.drawImage(img, 0, 0, 240, 240);
    return Array.from(ctx.getImageData(0, 0, 240, 240).data);
  });
  return jsQR(Uint8ClampedArray.from(image), 240, 240)?.data ?? null;
}

describe("the certificate register in a browser", () => {
  it("a trainer filters, revokes from the row with a reason, and exports the filtered list", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, "Q7001", "trainer-pass");
    await page.goto(`${server.url}/trainer/certificates`);
    await expect(page.getByTestId("register-count").textContent()).resolves.toBe("共 3 张证书");

    await page.getByLabel("班组", { exact: true }).selectOption("甲组");
    await page.getByRole("button", { name: "筛选", exact: true }).click();
    await page.getByTestId("register-count").filter({ hasText: "共 2 张证书" }).waitFor();
    await page.getByLabel("姓名、工号或证书编号").fill("q1003");
    await page.getByRole("button", { name: "筛选", exact: true }).click();
    await page.getByTestId("register-count").filter({ hasText: "共 1 张证书" }).waitFor();
    expect(page.url()).toContain("team=");
    const row = page.locator(`tr[data-code="${codes.Q1003}"]`);
    await expect(row.getByTestId("status").textContent()).resolves.toBe("有效");

    // Revoke from the row: the reason is required.
    await row.getByText("撤销…").click();
    const reason = row.getByLabel("撤销原因（必填）");
    await row.getByRole("button", { name: "确认撤销" }).click();
    await expect(reason.evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).resolves.toBe(true);
    await reason.fill("复核发现代考");
    await row.getByRole("button", { name: "确认撤销" }).click();
    await page.getByRole("status").filter({ hasText: `已撤销 林三 的证书 ${codes.Q1003}` }).waitFor();
    await row.getByTestId("status").filter({ hasText: "已撤销" }).waitFor();
    await expect(row.getByTestId("revoke-reason").textContent()).resolves.toBe("原因：复核发现代考");
    expect(page.url()).toContain("q=q1003");

    // The export link carries the filters: the file holds just this certificate, now revoked.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^证书登记簿-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    const lines = csv.trim().split(/\r\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(codes.Q1003);
    expect(lines[1]).toContain("已撤销");
    expect(lines[1]).toContain("复核发现代考");
    expect(await page.getByTestId("export-xlsx").getAttribute("href")).toMatch(/^\/trainer\/certificates\/export\?format=xlsx&q=q1003&team=/);
    await context.close();
  });

  it("the printable certificate carries a QR code of its verification URL, on screen, on a phone and in print", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, "Q1001", "learner-pass");
    await page.goto(`${server.url}/certificates/${codes.Q1001}`);
    const expected = `${server.url}/verify/${codes.Q1001}`;
    await expect(decodeQr(page)).resolves.toBe(expected);
    await page.setViewportSize({ width: 360, height: 740 });
    const phone = await page.getByTestId("certificate-qr").boundingBox();
    expect(phone!.width).toBeGreaterThanOrEqual(64);
    expect(phone!.x + phone!.width).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ media: "print" });
    await expect(page.getByTestId("certificate-qr").isVisible()).resolves.toBe(true);
    const printed = await page.getByTestId("certificate-qr").boundingBox();
    expect(printed!.width).toBeGreaterThan(90); // 30 mm
    await context.close();
  });

  it("a visitor types a code the way people do into /verify and reaches the certificate", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/verify`);
    await page.getByLabel("证书编号", { exact: true }).fill("ABCDE 12345");
    await page.getByRole("button", { name: "核验" }).click();
    await page.getByRole("alert").filter({ hasText: "你输入了 10 个" }).waitFor();
    const typed = codes.Q1002!.toLowerCase().replace(/-/g, " ").replace(/0/g, "o").replace(/1/g, "l");
    await page.getByLabel("证书编号", { exact: true }).fill(typed);
    await page.getByRole("button", { name: "核验" }).click();
    await page.waitForURL(`${server.url}/verify/${codes.Q1002}`);
    await expect(page.getByTestId("verify-state").textContent()).resolves.toBe("有效");
    await expect(page.getByTestId("verify-holder").textContent()).resolves.toBe("林二");
    await page.close();
  });
});
