/**
 * One certificate, one expiry date: a certificate expiring at 07:30 Beijing time (23:30 UTC the day
 * before) shows the same Beijing date on the dashboard, the certificate page, the public verify page,
 * the exams page and the result page — never the UTC date, never another format.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browserish, createUser, startServer, type TestServer } from "../../helpers/server";
import { DAY, seedAttempt, seedCertificate, seedExam, seedQuestion } from "./seed";

let server: TestServer;
let learner: Browserish;
const CODE = "DATES-00000-00000-00001";
let beijingDate: string;
let utcDate: string;

beforeAll(async () => {
  server = await startServer();
  const db = server.db;
  const learnerId = (await createUser(db, { employeeNo: "DL01", name: "日期学员", password: "pass-12345" })).id;
  await seedQuestion(db, "dates-q1", learnerId);
  const examId = await seedExam(db, "日期测试考试", { validityMonths: 12 });
  // Ten days from now, at 07:30 Beijing time (UTC+8): the UTC calendar date is the day before.
  const inTen = new Date(Date.now() + 10 * DAY + 8 * 3_600_000);
  const expiresAt = Date.UTC(inTen.getUTCFullYear(), inTen.getUTCMonth(), inTen.getUTCDate(), 7 - 8, 30);
  beijingDate = inTen.toISOString().slice(0, 10);
  utcDate = new Date(expiresAt).toISOString().slice(0, 10);
  expect(utcDate).not.toBe(beijingDate);
  await seedAttempt(db, { id: "dates-a1", examId, userId: learnerId, startedAt: Date.now() - 400 * DAY, questionId: "dates-q1", response: "a", right: true });
  await seedCertificate(db, { code: CODE, userId: learnerId, examId, attemptId: "dates-a1", name: "日期测试证书", holderName: "日期学员", issuedAt: Date.now() - 400 * DAY, expiresAt });
  learner = new Browserish(server.url);
  await learner.login("DL01", "pass-12345");
});
afterAll(() => server?.stop());

/** The page's text (tags dropped), so a date split across elements still reads as one. */
const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, " ");

describe("the same expiry date everywhere", () => {
  const pages: [string, () => Promise<Response>][] = [
    ["dashboard", () => learner.get("/dashboard")],
    ["certificate page", () => learner.get(`/certificates/${CODE}`)],
    ["verify page (anonymous)", () => new Browserish(server.url).get(`/verify/${CODE}`)],
    ["exams page", () => learner.get("/exams")],
    ["result page", () => learner.get("/attempts/dates-a1/result")],
  ];
  for (const [name, load] of pages) {
    it(name, async () => {
      const res = await load();
      expect(res.status).toBe(200);
      const body = await text(res);
      expect(body).toContain(beijingDate);
      expect(body).not.toContain(utcDate);
      expect(body).not.toContain(beijingDate.replace(/-/g, "/"));
    });
  }
});
