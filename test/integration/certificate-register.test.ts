/**
 * The certificate register over real HTTP through the built server: who sees what (trainers their
 * cohorts' certificates, admins all, learners nothing), filters, sorting and server-side pages, CSV and
 * .xlsx exports of the filtered list, revoking and re-issuing from a row, recertification in one step,
 * and /verify reading codes typed the way people type them.
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exec, row, rows, type Db } from "@db/client";
import { addMembers, createCohort, upsertAssignment } from "@db/queries/cohort-admin";
import { insertExam, type NewExam } from "@db/queries/exams";
import { attempts, certificates } from "@db/schema";
import { newCertificateCode } from "~/exams.server";
import { expectForbidden } from "../helpers/pages";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

const DAY = 86_400_000;
const EXAM: Omit<NewExam, "title" | "certificateName"> = {
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
};

let server: TestServer;
let db: Db;
let admin: Browserish;
let trainer1: Browserish;
let trainer2: Browserish;
let learner: Browserish;
let anon: Browserish;
const now = Date.now();
let examA: number;
let examB: number;
let cohort1: number;
let cohort2: number;
/** Certificates by label, with what the tests need to know of them. */
const seeded: { code: string; userId: number; attemptId: string; label: string }[] = [];
const code = (label: string) => seeded.find((s) => s.label === label)!.code;

let seq = 0;
async function seed(userId: number, examId: number, name: string, holderName: string, issuedAt: number, expiresAt: number, label: string, extra: { revokedAt?: number; passed?: boolean } = {}) {
  const attemptId = `att-${++seq}`;
  await db.insert(attempts).values({
    id: attemptId,
    examId,
    userId,
    attemptNo: 1,
    seed: "seed",
    status: "submitted",
    startedAt: issuedAt - 600_000,
    deadline: issuedAt,
    submittedAt: issuedAt,
    finalisedBy: "learner",
    scoreMilli: 9000,
    maxScoreMilli: 10_000,
    percentBp: 9000,
    passed: extra.passed ?? true,
    multipleScoring: "all-or-nothing",
  });
  const c = newCertificateCode();
  await db.insert(certificates).values({ code: c, userId, examId, attemptId, name, holderName, issuedAt, expiresAt, revokedAt: extra.revokedAt ?? null, revokeReason: extra.revokedAt ? "旧的撤销" : null });
  seeded.push({ code: c, userId, attemptId, label });
  return c;
}

const certRow = (c: string) => row<{ revokedAt: number | null; revokedBy: number | null; reason: string | null; holderName: string }>(db, sql`select revoked_at as "revokedAt", revoked_by as "revokedBy", revoke_reason as "reason", holder_name as "holderName" from certificates where code = ${c}`);

/** The codes of the register rows on a page, in order. */
function rowCodes(html: string): string[] {
  const table = html.slice(html.indexOf('data-testid="register-table"'));
  return [...table.matchAll(/<tr data-code="([0-9A-Z-]+)"/g)].map((m) => m[1]!);
}
const count = (html: string) => Number(/data-testid="register-count"[^>]*>[^<\d]*(\d+)/.exec(html)?.[1] ?? NaN);

beforeAll(async () => {
  server = await startServer();
  db = server.db;
  const adminUser = await createUser(db, { employeeNo: "R0001", name: "管理员", role: "admin", password: "admin-pass" });
  const t1 = await createUser(db, { employeeNo: "R0002", name: "培训师一", role: "trainer", password: "trainer-pass" });
  const t2 = await createUser(db, { employeeNo: "R0003", name: "培训师二", role: "trainer", password: "trainer-pass" });
  examA = await insertExam(db, { ...EXAM, title: "服务时限认证考试", certificateName: "服务时限认证" }, [], now - 900 * DAY);
  examB = await insertExam(db, { ...EXAM, title: "营业厅服务认证考试", certificateName: "营业厅服务认证" }, [], now - 900 * DAY);
  const longAgo = now - 800 * DAY;
  cohort1 = await createCohort(db, { name: "一班", description: null }, t1.id, longAgo);
  cohort2 = await createCohort(db, { name: "二班", description: null }, t2.id, longAgo);
  for (const c of [cohort1, cohort2]) {
    await upsertAssignment(db, c, { kind: "exam", examId: examA, dueAt: null }, longAgo);
    await upsertAssignment(db, c, { kind: "exam", examId: examB, dueAt: null }, longAgo);
  }
  // Cohort 1: 120 learners with a valid certificate (issued 10 days ago), so the register has three pages.
  const members1: number[] = [];
  for (let i = 1; i <= 120; i++) {
    const u = await createUser(db, { employeeNo: `L${String(i).padStart(4, "0")}`, name: `学员${String(i).padStart(3, "0")}`, team: i % 2 ? "甲组" : "乙组", password: "learner-pass" });
    members1.push(u.id);
  }
  await addMembers(db, cohort1, members1, longAgo);
  for (let i = 0; i < 120; i++) await seed(members1[i]!, examA, "服务时限认证", `学员${String(i + 1).padStart(3, "0")}`, now - 10 * DAY, now + 355 * DAY, `v${i + 1}`);
  // Cohort 1, exam B: one expiring in 10 days, one expired 5 days ago, one revoked, one whose pass a regrade took away.
  await seed(members1[0]!, examB, "营业厅服务认证", "学员001", now - 355 * DAY, now + 10 * DAY, "expiring");
  await seed(members1[1]!, examB, "营业厅服务认证", "学员002", now - 370 * DAY, now - 5 * DAY, "expired");
  await seed(members1[2]!, examB, "营业厅服务认证", "学员003", now - 100 * DAY, now + 265 * DAY, "revoked", { revokedAt: now - DAY });
  await seed(members1[3]!, examB, "营业厅服务认证", "学员004", now - 100 * DAY, now + 265 * DAY, "failedRegrade", { revokedAt: now - DAY, passed: false });
  // A holder whose name starts like a spreadsheet formula.
  const formula = await createUser(db, { employeeNo: "L0999", name: "=HYPERLINK(\"http://evil\")", team: "甲组", password: "learner-pass" });
  await addMembers(db, cohort1, [formula.id], longAgo);
  await seed(formula.id, examB, "营业厅服务认证", "=HYPERLINK(\"http://evil\")", now - 20 * DAY, now + 345 * DAY, "formula");
  // Cohort 2: two learners, one due (expired).
  const m2a = await createUser(db, { employeeNo: "M0001", name: "二班甲", team: "丙组", password: "learner-pass" });
  const m2b = await createUser(db, { employeeNo: "M0002", name: "二班乙", team: "丙组", password: "learner-pass" });
  await addMembers(db, cohort2, [m2a.id, m2b.id], longAgo);
  await seed(m2a.id, examB, "营业厅服务认证", "二班甲", now - 400 * DAY, now - 30 * DAY, "c2expired");
  await seed(m2b.id, examA, "服务时限认证", "二班乙", now - 10 * DAY, now + 355 * DAY, "c2valid");
  // Nobody's cohort: only admins see it.
  const loner = await createUser(db, { employeeNo: "N0001", name: "无班级", password: "learner-pass" });
  await seed(loner.id, examA, "服务时限认证", "无班级", now - 10 * DAY, now + 355 * DAY, "loner");
  void adminUser;

  admin = new Browserish(server.url);
  await admin.login("R0001", "admin-pass");
  trainer1 = new Browserish(server.url);
  await trainer1.login("R0002", "trainer-pass");
  trainer2 = new Browserish(server.url);
  await trainer2.login("R0003", "trainer-pass");
  learner = new Browserish(server.url);
  await learner.login("L0001", "learner-pass");
  anon = new Browserish(server.url);
}, 120_000);
afterAll(() => server?.stop());

const page = async (who: Browserish, search = "") => {
  const res = await who.get(`/trainer/certificates${search}`);
  expect(res.status, search).toBe(200);
  return res.text();
};

describe("who sees which certificates", () => {
  it("a trainer sees their cohorts' certificates only, an admin all, a learner nothing", async () => {
    expect(count(await page(trainer1))).toBe(125);
    const t2 = await page(trainer2);
    expect(count(t2)).toBe(2);
    expect(rowCodes(t2).sort()).toEqual([code("c2expired"), code("c2valid")].sort());
    expect(count(await page(admin))).toBe(128);
    // Filtering by someone else's cohort shows nothing, and says nothing about it.
    expect(count(await page(trainer1, `?cohort=${cohort2}`))).toBe(0);
    expect(count(await page(admin, `?cohort=${cohort2}`))).toBe(2);
    await expectForbidden(await learner.get("/trainer/certificates"), "GET register");
    await expectForbidden(await learner.get("/trainer/certificates/export?format=csv"), "GET export");
    const signIn = await anon.get("/trainer/certificates");
    expect(signIn.status).toBe(302);
  });

  it("every action re-checks: a trainer cannot revoke, re-issue, print or export another cohort's certificate", async () => {
    const other = code("c2valid");
    const revoke = await trainer1.post("/trainer/certificates", { intent: "revoke", code: other, reason: "不是我的班" });
    expect(revoke.status).toBe(404);
    expect((await certRow(other))!.revokedAt).toBeNull();
    expect((await trainer1.post("/trainer/certificates", { intent: "reissue", code: code("c2expired") })).status).toBe(404);
    expect((await trainer1.get(`/certificates/${other}`)).status).toBe(404);
    expect((await trainer2.get(`/certificates/${other}`)).status).toBe(200);
    const csv = await (await trainer1.get(`/trainer/certificates/export?format=csv&q=${other}`)).text();
    expect(csv).not.toContain(other);
    await expectForbidden(await learner.post("/trainer/certificates", { intent: "revoke", code: code("v1"), reason: "学员想撤销" }), "POST revoke");
    expect((await certRow(code("v1")))!.revokedAt).toBeNull();
  });
});

describe("search, filters, sorting and pages", () => {
  it("filters by name, 工号, code as typed, team, cohort, exam and status", async () => {
    expect(rowCodes(await page(trainer1, "?q=学员007"))).toEqual([code("v7")]);
    expect(rowCodes(await page(trainer1, "?q=l0008"))).toEqual([code("v8")]);
    const typed = code("v9").replace(/-/g, " ").toLowerCase().replace(/0/g, "o").replace(/1/g, "l");
    expect(rowCodes(await page(trainer1, `?q=${encodeURIComponent(typed)}`))).toEqual([code("v9")]);
    expect(count(await page(trainer1, `?team=${encodeURIComponent("甲组")}`))).toBe(60 + 2 /* 学员001 and 003 on exam B */ + 1 /* formula */);
    expect(count(await page(trainer1, `?exam=${examB}`))).toBe(5);
    expect(rowCodes(await page(trainer1, "?status=expiring"))).toEqual([code("expiring")]);
    expect(rowCodes(await page(trainer1, "?status=expired"))).toEqual([code("expired")]);
    expect(rowCodes(await page(trainer1, "?status=revoked")).sort()).toEqual([code("revoked"), code("failedRegrade")].sort());
    expect(count(await page(trainer1, "?status=valid"))).toBe(121);
    expect(count(await page(trainer1, `?status=valid&exam=${examA}&team=${encodeURIComponent("乙组")}`))).toBe(60);
    // LIKE wildcards typed by a person are taken literally.
    expect(count(await page(trainer1, "?q=%25"))).toBe(0);
    expect(count(await page(trainer1, "?q=_"))).toBe(0);
  });

  it("pages on the server: 50 rows a page, the last page holds the rest, a page past the end shows the last", async () => {
    const first = await page(trainer1, `?exam=${examA}&sort=employeeNo`);
    expect(rowCodes(first)).toHaveLength(50);
    expect(rowCodes(first)[0]).toBe(code("v1"));
    expect(first).toContain("第 1 / 3 页");
    const third = await page(trainer1, `?exam=${examA}&sort=employeeNo&page=3`);
    expect(rowCodes(third)).toEqual(Array.from({ length: 20 }, (_, i) => code(`v${101 + i}`)));
    expect(rowCodes(await page(trainer1, `?exam=${examA}&sort=employeeNo&page=99`))).toEqual(rowCodes(third));
    // The next-page link keeps the filters and the sort.
    expect(first).toMatch(new RegExp(`href="/trainer/certificates\\?exam=${examA}&amp;sort=employeeNo&amp;page=2"`));
  });

  it("sorts by the column asked for, either way", async () => {
    const desc = rowCodes(await page(trainer1, `?exam=${examA}&sort=employeeNo&dir=desc`));
    expect(desc[0]).toBe(code("v120"));
    const bySoonest = rowCodes(await page(trainer1, "?sort=expires"));
    expect(bySoonest[0]).toBe(code("expired"));
    expect(bySoonest[1]).toBe(code("expiring"));
    const byStatus = rowCodes(await page(trainer1, "?sort=status&dir=desc"));
    expect([code("revoked"), code("failedRegrade")]).toContain(byStatus[0]);
    // An unknown sort or status falls back to the defaults instead of failing.
    expect(count(await page(trainer1, "?sort=drop%20table&status=nonsense&page=-4"))).toBe(125);
  });
});

describe("exports of the filtered list", () => {
  it("CSV: every row of the filter (not just one page), formulas neutralised, Chinese headers", async () => {
    const res = await trainer1.get(`/trainer/certificates/export?format=csv&exam=${examA}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="certificates-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = await res.text();
    const records = parse(text.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(120);
    expect(Object.keys(records[0]!)).toEqual(["工号", "持有人", "班组", "证书", "考试", "证书编号", "颁发日期", "到期日期", "状态", "撤销时间", "撤销人", "撤销原因"]);
    expect(records.map((r) => r["证书编号"]).sort()).toEqual(seeded.filter((s) => /^v\d+$/.test(s.label)).map((s) => s.code).sort());
    const formula = parse((await (await trainer1.get("/trainer/certificates/export?format=csv&q=L0999")).text()).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(formula).toHaveLength(1);
    expect(formula[0]!["持有人"]).toBe(`'=HYPERLINK("http://evil")`);
    const revoked = parse((await (await trainer1.get("/trainer/certificates/export?format=csv&status=revoked")).text()).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(revoked.map((r) => r["状态"])).toEqual(["已撤销", "已撤销"]);
    expect(revoked[0]!["撤销原因"]).toBe("旧的撤销");
  });

  it(".xlsx: the same rows as text cells; a bad format is a clear 400", async () => {
    const res = await trainer1.get(`/trainer/certificates/export?format=xlsx&exam=${examB}&sort=employeeNo`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getRow(1).getCell(1).value).toBe("工号");
    const col = (n: number) => Array.from({ length: 5 }, (_, i) => sheet.getRow(i + 2).getCell(n).value);
    expect(col(1)).toEqual(["L0001", "L0002", "L0003", "L0004", "L0999"]);
    expect(col(6)).toEqual([code("expiring"), code("expired"), code("revoked"), code("failedRegrade"), code("formula")]);
    // A name like a formula stays text, neutralised as in every results file (CSV and .xlsx alike).
    expect(sheet.getRow(6).getCell(2).value).toBe(`'=HYPERLINK("http://evil")`);
    expect(sheet.getRow(6).getCell(2).formula).toBeUndefined();
    const bad = await trainer1.get("/trainer/certificates/export?format=pdf");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("不支持的导出格式“pdf”");
  });
});

describe("revoking and re-issuing from the register", () => {
  it("revoke needs a reason; with one it is revoked, logged, and a second revoke is refused", async () => {
    const c = code("v20");
    const none = await trainer1.post("/trainer/certificates?q=L0020", { intent: "revoke", code: c, reason: " " });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("请填写撤销原因（至少 2 个字）");
    expect((await certRow(c))!.revokedAt).toBeNull();
    const ok = await trainer1.post("/trainer/certificates?q=L0020", { intent: "revoke", code: c, reason: "离职" });
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain(`已撤销 学员020 的证书 ${c}`);
    expect(html).toMatch(new RegExp(`data-code="${c}" data-status="revoked"[\\s\\S]*原因：离职`));
    const stored = (await certRow(c))!;
    expect(stored.revokedAt).not.toBeNull();
    expect(stored.reason).toBe("离职");
    const logged = await rows<{ action: string }>(db, sql`select action as "action" from audit_log where action = 'certificate.revoke'`);
    expect(logged).toHaveLength(1);
    const again = await trainer1.post("/trainer/certificates", { intent: "revoke", code: c, reason: "再撤一次" });
    expect(again.status).toBe(409);
    expect((await certRow(c))!.reason).toBe("离职");
    expect((await anon.get(`/verify/${c}`)).status).toBe(200);
    expect(await (await anon.get(`/verify/${c}`)).text()).toMatch(/data-testid="verify-state"[^>]*>已撤销</);
  });

  it("re-issue makes a revoked certificate valid again under the same code, with the holder's current name", async () => {
    const c = code("revoked");
    const html = await page(trainer1, "?status=revoked");
    expect(html).toMatch(new RegExp(`data-code="${c}"[\\s\\S]*?aria-label="重新签发 ${c}"`));
    await exec(db, sql`update users set name = '学员三（改名）' where employee_no = 'L0003'`);
    const res = await trainer1.post("/trainer/certificates", { intent: "reissue", code: c });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`已重新签发 学员三（改名） 的证书 ${c}`);
    const stored = (await certRow(c))!;
    expect(stored).toMatchObject({ revokedAt: null, reason: null, holderName: "学员三（改名）" });
    const verify = await (await anon.get(`/verify/${c}`)).text();
    expect(verify).toMatch(/data-testid="verify-state"[^>]*>有效</);
    expect(verify).toContain("学员三（改名）");
    expect(await rows(db, sql`select 1 from audit_log where action = 'certificate.reissue'`)).toHaveLength(1);
  });

  it("re-issue is refused when there is nothing to re-issue, or the attempt no longer passes", async () => {
    const valid = await trainer1.post("/trainer/certificates", { intent: "reissue", code: code("v30") });
    expect(valid.status).toBe(409);
    expect(await valid.text()).toContain("无需重新签发");
    const failed = await trainer1.post("/trainer/certificates", { intent: "reissue", code: code("failedRegrade") });
    expect(failed.status).toBe(409);
    expect(await failed.text()).toContain("不能重新签发");
    expect((await certRow(code("failedRegrade")))!.revokedAt).not.toBeNull();
    expect((await trainer1.post("/trainer/certificates", { intent: "delete", code: code("v30") })).status).toBe(400);
  });
});

describe("recertification in one step", () => {
  it("assigns the exam to the people due, in a recertification cohort the trainer runs; again the same day reuses it", async () => {
    const html = await page(trainer1);
    expect(html).toMatch(new RegExp(`data-exam="${examB}"[\\s\\S]*?2 人到期（其中 1 人已过期）`));
    const past = await trainer1.post("/trainer/certificates", { intent: "recertify", examId: String(examB), due: "2020-01-01" });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("复训截止日期不能早于今天");
    expect(await rows(db, sql`select 1 from cohorts where name like '复训：%'`)).toHaveLength(0);

    const due = new Date(now + 40 * DAY).toISOString().slice(0, 10);
    const res = await trainer1.post("/trainer/certificates", { intent: "recertify", examId: String(examB), due });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("已把考试“营业厅服务认证考试”布置给 2 人");
    const [cohort] = await rows<{ id: number; name: string }>(db, sql`select id as "id", name as "name" from cohorts where name like '复训：%'`);
    expect(cohort!.name).toMatch(/^复训：营业厅服务认证考试（\d{4}-\d{2}-\d{2}）$/);
    const members = await rows<{ employeeNo: string }>(
      db,
      sql`select u.employee_no as "employeeNo" from cohort_members m join users u on u.id = m.user_id where m.cohort_id = ${cohort!.id} order by u.employee_no`,
    );
    // The expiring and the expired of trainer 1's cohort; not cohort 2's expired learner, not the revoked ones.
    expect(members.map((m) => m.employeeNo)).toEqual(["L0001", "L0002"]);
    const assignment = await row<{ examId: number; dueAt: number }>(db, sql`select exam_id as "examId", due_at as "dueAt" from cohort_assignments where cohort_id = ${cohort!.id} and kind = 'exam'`);
    expect(assignment!.examId).toBe(examB);
    expect(assignment!.dueAt).toBeGreaterThan(now + 39 * DAY);
    expect(await row(db, sql`select 1 from cohort_trainers where cohort_id = ${cohort!.id} and user_id = (select id from users where employee_no = 'R0002')`)).toBeTruthy();
    // The learner sees the assignment.
    const l2 = new Browserish(server.url);
    await l2.login("L0002", "learner-pass");
    expect(await (await l2.get("/assignments")).text()).toContain("营业厅服务认证考试");

    const again = await trainer1.post("/trainer/certificates", { intent: "recertify", examId: String(examB), due });
    expect(again.status).toBe(200);
    expect(await rows(db, sql`select 1 from cohorts where name like '复训：%'`)).toHaveLength(1);

    // Trainer 2 only reaches their own due learner.
    const t2 = await trainer2.post("/trainer/certificates", { intent: "recertify", examId: String(examB), due });
    expect(t2.status).toBe(200);
    expect(await t2.text()).toContain("布置给 1 人");
    // Nobody due on exam A for trainer 2.
    expect((await trainer2.post("/trainer/certificates", { intent: "recertify", examId: String(examA), due })).status).toBe(409);
  });
});

describe("/verify reads codes as people type them", () => {
  it("the URL accepts lower case, no dashes, spaces and the look-alikes O, I, L", async () => {
    const c = code("v40");
    const typed = c.replace(/-/g, "").toLowerCase().replace(/0/g, "o").replace(/1/g, "i");
    const res = await anon.get(`/verify/${encodeURIComponent(typed)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("学员040");
    expect(html).toContain(c);
    expect((await anon.get(`/verify/${encodeURIComponent(c.replace(/-/g, " "))}`)).status).toBe(200);
  });

  it("the form sends a well-formed code to its page and says what is wrong with anything else", async () => {
    const c = code("v41");
    const ok = await anon.get(`/verify?code=${encodeURIComponent(` ${c.toLowerCase().replace(/-/g, "  ")} `)}`);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`/verify/${c}`);
    const short = await anon.get("/verify?code=ABCDE-12345");
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("证书编号应为 20 个字母或数字（不计空格和连字符），你输入了 10 个。");
    const stray = await anon.get(`/verify?code=${encodeURIComponent("<b>UUUUU-UUUUU-UUUUU-UUUUU")}`);
    expect(stray.status).toBe(400);
    const strayHtml = await stray.text();
    expect(strayHtml).toContain("第 1 个字符“&lt;”");
    expect(strayHtml).not.toContain("<b>UUUUU");
    const empty = await anon.get("/verify?code=");
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("请输入证书编号。");
    const form = await anon.get("/verify");
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('data-testid="verify-form"');
  });
});
