/**
 * Cohort isolation: a trainer sees a learner's attempts only through a cohort they are responsible
 * for, for exams assigned to it, and only attempts made after the learner joined and the exam was
 * assigned. Adding another trainer's learner to your own cohort (and assigning the exam) shows you
 * nothing of what happened before — on the attempt page, the cohort results, both CSV exports and the
 * item analysis. Admins see everything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { row } from "@db/client";
import { Browserish, createUser, startServer, type TestServer } from "../../helpers/server";
import { DAY, seedAttempt, seedCohort, seedExam, seedQuestion } from "./seed";

let server: TestServer;
let owner: Browserish; // the victim's own trainer
let intruder: Browserish; // another trainer
let admin: Browserish;
let examId: number;
let otherExamId: number;
let intruderCohort: number;
let ownCohort: number;
const VICTIM = "隐私学员";

beforeAll(async () => {
  server = await startServer();
  const db = server.db;
  const t = Date.now();
  const ownerId = (await createUser(db, { employeeNo: "IT01", role: "trainer", password: "pass-12345" })).id;
  const intruderId = (await createUser(db, { employeeNo: "IT02", role: "trainer", password: "pass-12345" })).id;
  await createUser(db, { employeeNo: "IA01", role: "admin", password: "pass-12345" });
  const victim = (await createUser(db, { employeeNo: "IL01", name: VICTIM, password: "pass-12345" })).id;
  const peer = (await createUser(db, { employeeNo: "IL02", name: "同班学员", password: "pass-12345" })).id;
  await seedQuestion(db, "iso-q1", ownerId);
  examId = await seedExam(db, "隔离测试考试");
  otherExamId = await seedExam(db, "未分配的考试");

  // The owner's cohort: both learners since 20 days ago, the exam assigned then (not the other exam).
  ownCohort = await seedCohort(db, "本班", ownerId, [{ userId: victim, addedAt: t - 20 * DAY }, { userId: peer, addedAt: t - 20 * DAY }], [{ examId, assignedAt: t - 20 * DAY }]);
  await seedAttempt(db, { id: "iso-victim-1", examId, userId: victim, startedAt: t - 5 * DAY, questionId: "iso-q1", response: "b", right: false });
  await seedAttempt(db, { id: "iso-peer-1", examId, userId: peer, startedAt: t - 5 * DAY, questionId: "iso-q1", response: "a", right: true });
  await seedAttempt(db, { id: "iso-victim-other", examId: otherExamId, userId: victim, startedAt: t - 4 * DAY, questionId: "iso-q1", response: "a", right: true });

  // The intruder's own cohort: the victim added just now, the exam assigned just now.
  intruderCohort = await seedCohort(db, "别班", intruderId, [{ userId: victim, addedAt: t - 1000 }], [{ examId, assignedAt: t - 1000 }]);

  owner = new Browserish(server.url);
  intruder = new Browserish(server.url);
  admin = new Browserish(server.url);
  await Promise.all([owner.login("IT01", "pass-12345"), intruder.login("IT02", "pass-12345"), admin.login("IA01", "pass-12345")]);
});
afterAll(() => server?.stop());

describe("a trainer who adds someone else's learner to their cohort", () => {
  it("cannot open the learner's earlier attempt", async () => {
    expect((await intruder.get("/trainer/attempts/iso-victim-1")).status).toBe(404);
    expect((await intruder.get(`/trainer/attempts/iso-victim-1?cohort=${intruderCohort}`)).status).toBe(404);
  });

  it("sees no score of it in the cohort results or the results CSV", async () => {
    const html = await (await intruder.get(`/trainer/cohorts/${intruderCohort}/results`)).text();
    expect(html).toContain(VICTIM); // a member, yes
    expect(html).not.toContain("iso-victim-1");
    const csv = await (await intruder.get(`/trainer/cohorts/${intruderCohort}/results.csv`)).text();
    const row = csv.split("\r\n").find((l) => l.includes(VICTIM))!;
    // 最高分 empty, 0 attempts, not passed.
    expect(row).toMatch(new RegExp(`^IL01,${VICTIM},[^,]*,,0,否`));
  });

  it("gets no rows in the raw responses CSV and no data in the item analysis", async () => {
    const res = await intruder.get(`/trainer/exams/${examId}/responses.csv?cohort=${intruderCohort}`);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).not.toContain("IL01");
    expect(csv.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean)).toHaveLength(1); // header only
    const analysis = await (await intruder.get(`/trainer/exams/${examId}/analysis?cohort=${intruderCohort}`)).text();
    expect(analysis).toContain('data-testid="no-data"');
  });

  it("does see attempts made after the learner joined and the exam was assigned", async () => {
    await seedAttempt(server.db, { id: "iso-victim-2", examId, userId: (await row<{ id: number }>(server.db, sql`select id from users where employee_no = 'IL01'`))!.id, attemptNo: 2, startedAt: Date.now(), questionId: "iso-q1", response: "a", right: true });
    expect((await intruder.get("/trainer/attempts/iso-victim-2")).status).toBe(200);
    const page = await (await intruder.get("/trainer/attempts/iso-victim-2")).text();
    expect(page).not.toContain("/trainer/attempts/iso-victim-1"); // no link to the earlier one either
    expect((await intruder.get("/trainer/attempts/iso-victim-1")).status).toBe(404);
  });
});

describe("the learner's own trainer", () => {
  it("sees the attempts at exams assigned to the cohort", async () => {
    expect((await owner.get("/trainer/attempts/iso-victim-1")).status).toBe(200);
    const csv = await (await owner.get(`/trainer/exams/${examId}/responses.csv?cohort=${ownCohort}`)).text();
    expect(csv).toContain("iso-victim-1");
    expect(csv).toContain("iso-peer-1");
  });

  it("but not the learner's attempt at an exam not assigned to any of their cohorts", async () => {
    expect((await owner.get("/trainer/attempts/iso-victim-other")).status).toBe(404);
    const csv = await (await owner.get(`/trainer/exams/${otherExamId}/responses.csv?cohort=${ownCohort}`)).text();
    expect(csv).not.toContain("iso-victim-other");
  });
});

describe("admins", () => {
  it("see every attempt", async () => {
    for (const id of ["iso-victim-1", "iso-victim-other", "iso-peer-1"]) expect((await admin.get(`/trainer/attempts/${id}`)).status).toBe(200);
  });
});
