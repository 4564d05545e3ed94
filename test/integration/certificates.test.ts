/**
 * Certificates: issued on a pass (in-process, with the test clock), the public verification page
 * (through the built server, anonymous), revoking, the printable page's access rule, and the trainer
 * pages' refusal of learners.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { type Db, row } from "@db/client";
import { openTestDb, type TestDb } from "../helpers/db";
import { attemptItemsOf, certificatesOfLearner, getAttempt, insertAttempt, insertCertificate, insertExam, revokeCertificate, type NewExam } from "@db/queries/exams";
import { getQuestion } from "@db/queries/questions";
import { testClock } from "~/clock.server";
import { loadContent } from "~/content.server";
import { setDb } from "~/db.server";
import { addMonths } from "~/domain/exam";
import { formatDate } from "~/domain/exam-form";
import { answerAsShown, newCertificateCode, saveAnswer, startAttempt, submitAttempt } from "~/exams.server";
import { syncGeneratedQuestions } from "~/question-bank.server";
import { loader as verifyLoader } from "~/routes/verify.$code";
import { expectForbidden } from "../helpers/pages";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

const EXAM: Omit<NewExam, "status" | "createdBy"> = {
  title: "时限小测",
  description: null,
  blueprint: [{ count: 5, points: 2, modules: ["sla"], types: ["single", "true_false", "numeric"] }],
  timeLimitMinutes: 20,
  passPercent: 60,
  attemptsAllowed: 2,
  opensAt: null,
  closesAt: null,
  shuffleQuestions: true,
  shuffleOptions: true,
  multipleScoring: "all-or-nothing",
  reviewMode: "explanations",
  reviewFrom: null,
  certificateName: "服务时限认证",
  certificateValidityMonths: 12,
  audience: "everyone",
};

/** The right response for a stored question version (the shapes grading expects). */
async function rightResponse(db: Db, questionId: string, version: number): Promise<unknown> {
  const q = (await getQuestion(db, questionId, version))!;
  if (q.type === "numeric") return (q.answer as { value: number }).value;
  return q.answer;
}

async function callVerify(code: string) {
  try {
    return (await verifyLoader({ request: new Request(`http://localhost/verify/${code}`), params: { code }, context: { clientIp: "127.0.0.1" } })) as { state: string; holderName: string };
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("issuing certificates (in-process, test clock)", () => {
  let db: Db;
  let holder: number;
  let other: number;
  let examId: number;

  beforeAll(async () => {
    testDb = await openTestDb("certs");
    db = testDb.db;
    setDb(db);
    await syncGeneratedQuestions(db, loadContent("content"), 1000);
    holder = (await createUser(db, { employeeNo: "C1001", name: "钱合格" })).id;
    other = (await createUser(db, { employeeNo: "C1002", name: "孙未过" })).id;
    examId = await insertExam(db, { ...EXAM, status: "published", createdBy: null }, [], 1000);
  });
  let testDb: TestDb | undefined;
  afterAll(async () => {
    testClock.reset();
    setDb(undefined);
    await testDb?.close();
  });

  it("a pass issues exactly one certificate with a long random code and expiry = issue + months", async () => {
    const issued = Date.UTC(2026, 0, 31, 4, 0, 0); // 31 Jan 2026, 12:00 Beijing time
    testClock.set(issued);
    const { attemptId } = await startAttempt(holder, examId);
    const sitting = (await getAttempt(db, attemptId))!;
    for (const [i, it] of (await attemptItemsOf(db, attemptId)).entries()) {
      const type = (await getQuestion(db, it.questionId, it.version))!.type;
      await saveAnswer(holder, attemptId, it.position, answerAsShown(sitting, it, type, await rightResponse(db, it.questionId, it.version)), i + 1);
    }
    testClock.advance(60_000);
    const attempt = await submitAttempt(holder, attemptId);
    expect(attempt.passed).toBe(true);
    expect(attempt.percentBp).toBe(10_000);
    await submitAttempt(holder, attemptId); // a second submit (double click) issues nothing more

    const certs = await certificatesOfLearner(db, holder);
    expect(certs).toHaveLength(1);
    const c = certs[0];
    expect(c.code.replace(/-/g, "")).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
    expect(c.code.length).toBeGreaterThanOrEqual(20);
    expect(c.holderName).toBe("钱合格");
    expect(c.name).toBe("服务时限认证");
    expect(c.issuedAt).toBe(issued + 60_000);
    expect(c.expiresAt).toBe(addMonths(c.issuedAt, 12));
    expect(formatDate(c.expiresAt)).toBe("2027-01-31");
  });

  it("a fail issues none", async () => {
    const { attemptId } = await startAttempt(other, examId);
    const attempt = await submitAttempt(other, attemptId);
    expect(attempt.passed).toBe(false);
    expect(await certificatesOfLearner(db, other)).toHaveLength(0);
  });

  it("codes do not repeat and use the whole alphabet (100 random bits each)", () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newCertificateCode()));
    expect(codes.size).toBe(2000);
    const chars = new Set([...codes].join("").replace(/-/g, ""));
    expect(chars.size).toBe(32);
  });

  it("the verify page's data turns from valid to expired when the clock passes expiry, and to revoked", async () => {
    const c = (await certificatesOfLearner(db, holder))[0];
    testClock.set(c.expiresAt - 1);
    expect(await callVerify(c.code)).toMatchObject({ state: "valid", holderName: "钱合格" });
    expect(await callVerify(c.code.toLowerCase())).toMatchObject({ state: "valid" });
    testClock.set(c.expiresAt);
    expect(await callVerify(c.code)).toMatchObject({ state: "expired" });
    testClock.set(c.expiresAt - 86_400_000);
    await revokeCertificate(db, c.id, holder, "测试撤销", c.expiresAt - 86_400_000);
    const revoked = await callVerify(c.code);
    expect(revoked).toMatchObject({ state: "revoked" });
    expect(Object.keys(revoked).sort()).toEqual(["code", "expiresAt", "holderName", "issuedAt", "name", "state"]);
    const unknown = await callVerify("AAAAA-BBBBB-CCCCC-DDDDD");
    expect(unknown instanceof Response && unknown.status).toBe(404);
  });
});

describe("verification and printing over HTTP", () => {
  let server: TestServer;
  let learner: Browserish;
  let otherLearner: Browserish;
  let trainer: Browserish;
  let anon: Browserish;
  const now = Date.now();
  const DAY = 86_400_000;
  const certs: Record<"valid" | "expired" | "toRevoke", { code: string; attemptId: string }> = {} as never;

  /** An exam, a submitted passing attempt and its certificate, written straight into the server's database. */
  async function seedCertificate(db: Db, userId: number, holderName: string, issuedAt: number, expiresAt: number, name = "服务时限认证") {
    const examId = await insertExam(db, { ...EXAM, status: "published", createdBy: null }, [], issuedAt);
    const attemptId = `att-${Math.random().toString(36).slice(2)}`;
    await insertAttempt(
      db,
      {
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
        scoreMilli: 8700,
        maxScoreMilli: 10_000,
        percentBp: 8700,
        passed: true,
        multipleScoring: "all-or-nothing",
      },
      [],
    );
    const code = newCertificateCode();
    await insertCertificate(db, { code, userId, examId, attemptId, name, holderName, issuedAt, expiresAt });
    return { code, attemptId };
  }

  beforeAll(async () => {
    server = await startServer();
    const holder = await createUser(server.db, { employeeNo: "H7001", name: "周持证", role: "learner", password: "learner-pass" });
    await createUser(server.db, { employeeNo: "H7002", name: "吴旁人", role: "learner", password: "learner-pass" });
    // An admin: sees every certificate (trainers see only their cohorts' ones: certificate-register.test.ts).
    await createUser(server.db, { employeeNo: "T7001", name: "郑培训", role: "admin", password: "trainer-pass" });
    certs.valid = await seedCertificate(server.db, holder.id, "周持证", now - 10 * DAY, addMonths(now - 10 * DAY, 24));
    // Another certificate name: an expired one whose holder has a newer one of the same name is not due.
    certs.expired = await seedCertificate(server.db, holder.id, "周持证", now - 800 * DAY, now - 70 * DAY, "营业厅服务认证");
    certs.toRevoke = await seedCertificate(server.db, holder.id, "周持证", now - 5 * DAY, addMonths(now - 5 * DAY, 12));
    learner = new Browserish(server.url);
    await learner.login("H7001", "learner-pass");
    otherLearner = new Browserish(server.url);
    await otherLearner.login("H7002", "learner-pass");
    trainer = new Browserish(server.url);
    await trainer.login("T7001", "trainer-pass");
    anon = new Browserish(server.url);
  });
  afterAll(() => server?.stop());

  it("/verify/:code is public and shows holder, certificate, dates and 有效 — and nothing else", async () => {
    const res = await anon.get(`/verify/${certs.valid.code}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("周持证");
    expect(html).toContain("服务时限认证");
    expect(html).toContain(formatDate(now - 10 * DAY));
    expect(html).toContain(formatDate(addMonths(now - 10 * DAY, 24)));
    expect(html).toMatch(/data-testid="verify-state"[^>]*>有效</);
    expect(html).toMatch(/<meta name="robots" content="noindex"/);
    expect(res.headers.get("x-robots-tag")).toBe("noindex");
    // Nothing of the attempt, the score or the account.
    for (const secret of ["H7001", certs.valid.attemptId, "8700", "87%", "percent", "score", "userId", "examId"]) expect(html, secret).not.toContain(secret);
  });

  it("shows 已过期 after the expiry date", async () => {
    const html = await (await anon.get(`/verify/${certs.expired.code}`)).text();
    expect(html).toMatch(/data-testid="verify-state"[^>]*>已过期</);
  });

  it("a trainer revokes with a required reason; the page then shows 已撤销 without the reason", async () => {
    const noReason = await trainer.post("/trainer/certificates", { intent: "revoke", code: certs.toRevoke.code, reason: " " });
    expect(noReason.status).toBe(400);
    const page = await noReason.text();
    expect(page).toContain("请填写撤销原因");
    expect(page).toContain(`value="${certs.toRevoke.code}"`);
    expect((await row<{ r: number | null }>(server.db, sql`select revoked_at as r from certificates where code = ${certs.toRevoke.code}`))!.r).toBeNull();

    const unknown = await trainer.post("/trainer/certificates", { intent: "revoke", code: "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ", reason: "核查" });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("没有找到这张证书");

    const ok = await trainer.post("/trainer/certificates", { intent: "revoke", code: certs.toRevoke.code.toLowerCase(), reason: "考试作弊经核实" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("已撤销 周持证 的证书");
    const html = await (await anon.get(`/verify/${certs.toRevoke.code}`)).text();
    expect(html).toMatch(/data-testid="verify-state"[^>]*>已撤销</);
    expect(html).not.toContain("考试作弊经核实");

    // The register lists it as revoked with its reason, and the expired one as due for recertification.
    const list = await (await trainer.get("/trainer/certificates?status=revoked")).text();
    expect(list).toMatch(new RegExp(`data-code="${certs.toRevoke.code}" data-status="revoked"[\\s\\S]*考试作弊经核实`));
    const full = await (await trainer.get("/trainer/certificates")).text();
    const dueTable = full.slice(full.indexOf('data-testid="due-table"'), full.indexOf('id="register-title"'));
    expect(dueTable).toMatch(new RegExp(`data-code="${certs.expired.code}"[\\s\\S]*已过期 70 天`));
    expect(dueTable).toContain(`href="/verify/${certs.expired.code}"`);
    expect(dueTable).not.toContain(`data-code="${certs.valid.code}"`);
  });

  it("an unknown code is a 404 that says the code is not valid", async () => {
    const res = await anon.get("/verify/AAAAA-BBBBB-CCCCC-DDDDD");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("证书编号无效");
    expect(html).toMatch(/<meta name="robots" content="noindex"/);
    expect((await anon.get("/verify/%3Cscript%3E")).status).toBe(404);
  });

  it("the printable certificate opens for its holder and trainers only", async () => {
    const own = await learner.get(`/certificates/${certs.valid.code}`);
    expect(own.status).toBe(200);
    const html = await own.text();
    expect(html).toContain("@page { size: A4 landscape");
    expect(html).toContain("周持证");
    expect(html).toContain(certs.valid.code);
    expect(html).toContain(`${server.url}/verify/${certs.valid.code}`);
    expect((await trainer.get(`/certificates/${certs.valid.code}`)).status).toBe(200);
    expect((await otherLearner.get(`/certificates/${certs.valid.code}`)).status).toBe(404);
    const anonymous = await anon.get(`/certificates/${certs.valid.code}`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login");
  });

  it("learners get 403 on every trainer exam and certificate page, reading or writing", async () => {
    for (const p of ["/trainer/exams", "/trainer/exams/new", "/trainer/exams/1", "/trainer/exams/1/preview", "/trainer/exams/1/attempts", "/trainer/certificates"]) {
      await expectForbidden(await learner.get(p), `GET ${p}`);
    }
    const posts: [string, Record<string, string>][] = [
      ["/trainer/exams/new", { intent: "save", title: "x" }],
      ["/trainer/exams/1", { intent: "publish" }],
      ["/trainer/exams/1/attempts", { intent: "extraTime", attemptId: certs.valid.attemptId, minutes: "10" }],
      ["/trainer/exams/1/attempts", { intent: "regrade", questionId: "x" }],
      ["/trainer/certificates", { intent: "revoke", code: certs.valid.code, reason: "想撤销别人的证书" }],
    ];
    for (const [p, body] of posts) await expectForbidden(await learner.post(p, body), `POST ${p}`);
    expect((await row<{ r: number | null }>(server.db, sql`select revoked_at as r from certificates where code = ${certs.valid.code}`))!.r).toBeNull();
  });
});
