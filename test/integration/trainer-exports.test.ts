/**
 * Results exports in words (issue 12 §1): the raw responses and the cohort results as .xlsx (parsed back
 * with exceljs) carry the stem, the chosen option's text and the key's text, no internal ids in the main
 * columns, and formula-looking text neutralised; the same access rules as the CSV files.
 */
import ExcelJS from "exceljs";
import { insertQuestion } from "@db/queries/questions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuestionContent } from "~/domain/question";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";
import { DAY, seedAttempt, seedCohort, seedExam } from "./security/seed";

const EVIL_NAME = '=HYPERLINK("http://evil.example","点我")';
const STEM = "=1+1 客户投诉升级后**多久**必须回访？";
const QID = "xq-internal-id-77";

let server: TestServer;
let trainer: Browserish;
let outsider: Browserish;
let examId: number;
let cohortId: number;

beforeAll(async () => {
  server = await startServer();
  const db = server.db;
  const t = Date.now();
  const trainerId = (await createUser(db, { employeeNo: "EX-T1", role: "trainer", password: "pass-12345" })).id;
  await createUser(db, { employeeNo: "EX-T2", role: "trainer", password: "pass-12345" });
  const learner = (await createUser(db, { employeeNo: "EX-L1", name: EVIL_NAME, password: "pass-12345" })).id;
  const content = {
    type: "single",
    stem: STEM,
    options: [
      { id: "a", text: "二十四小时内" },
      { id: "b", text: "@七十二小时内" },
    ],
    answer: "a",
    explanation: "",
    module: "sla",
    section: null,
    facts: [],
    tags: ["安全测试"],
    family: "",
  } as QuestionContent;
  await insertQuestion(db, { id: QID, source: "authored", status: "published", content, createdBy: trainerId, note: "test" }, t);
  examId = await seedExam(db, "-导出考试");
  cohortId = await seedCohort(db, "导出班", trainerId, [{ userId: learner, addedAt: t - 10 * DAY }], [{ examId, assignedAt: t - 10 * DAY }]);
  await seedAttempt(db, { id: "ex-attempt-1", examId, userId: learner, startedAt: t - DAY, questionId: QID, response: "b", right: false });
  trainer = new Browserish(server.url);
  outsider = new Browserish(server.url);
  await Promise.all([trainer.login("EX-T1", "pass-12345"), outsider.login("EX-T2", "pass-12345")]);
});
afterAll(() => server?.stop());

async function sheetOf(res: Response): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

function expectNoFormula(table: unknown[][]) {
  for (const row of table)
    for (const cell of row) {
      expect(typeof cell === "object" && cell !== null && "formula" in cell, String(cell)).toBe(false);
      if (typeof cell === "string") expect(cell, cell).not.toMatch(/^[=+\-@]/);
    }
}

describe("results as .xlsx", () => {
  it("raw responses: stem, chosen option text and key text first, ids only after, formulas neutralised", async () => {
    const res = await trainer.get(`/trainer/exams/${examId}/responses.xlsx?cohort=${cohortId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="exam-\d+-cohort-\d+-responses-[\d-]+\.xlsx"/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const table = await sheetOf(res);
    expectNoFormula(table);
    const [header, row] = table;
    expect(header.slice(0, 11)).toEqual(["工号", "姓名", "考试", "第几次作答", "题干", "题型", "模块", "作答", "正确答案", "得分", "满分"]);
    expect(row[0]).toBe("EX-L1");
    expect(row[1]).toBe(`'${EVIL_NAME}`);
    expect(row[2]).toBe("'-导出考试");
    expect(row[4]).toBe("'=1+1 客户投诉升级后多久必须回访？"); // plain text: no Markdown, no HTML
    expect(row[5]).toBe("单选题");
    expect(row[7]).toBe("'@七十二小时内");
    expect(row[8]).toBe("二十四小时内");
    expect(row[9]).toBe(0); // a number stays a number
    expect(row[10]).toBe(1);
    // No internal id in the main columns; they follow at the end.
    expect(row.slice(0, 11).some((c) => typeof c === "string" && (c.includes(QID) || c.includes("ex-attempt-1")))).toBe(false);
    expect(row.slice(11)).toEqual(["ex-attempt-1", QID, 1]);
  });

  it("the CSV has the same words", async () => {
    const text = await (await trainer.get(`/trainer/exams/${examId}/responses.csv?cohort=${cohortId}`)).text();
    expect(text).toContain("'=1+1 客户投诉升级后多久必须回访？,单选题,");
    expect(text).toContain(",'@七十二小时内,二十四小时内,0,1,ex-attempt-1,xq-internal-id-77,1");
  });

  it("cohort results as .xlsx, neutralised", async () => {
    const res = await trainer.get(`/trainer/cohorts/${cohortId}/results.xlsx`);
    expect(res.status).toBe(200);
    const table = await sheetOf(res);
    expectNoFormula(table);
    expect(table[0].slice(0, 3)).toEqual(["工号", "姓名", "班组"]);
    expect(table[0]).toContain("'-导出考试 最高分（%）");
    expect(table[1][1]).toBe(`'${EVIL_NAME}`);
    expect(table[1][3]).toBe(0);
  });

  it("the pages offer the Excel files", async () => {
    expect(await (await trainer.get(`/trainer/cohorts/${cohortId}/results`)).text()).toContain(`href="/trainer/cohorts/${cohortId}/results.xlsx"`);
    expect(await (await trainer.get(`/trainer/exams/${examId}/analysis?cohort=${cohortId}`)).text()).toContain(`href="/trainer/exams/${examId}/responses.xlsx?cohort=${cohortId}"`);
  });

  it("same access as the CSV: other trainers get 404, a trainer without a cohort 403, anonymous a sign-in", async () => {
    expect((await outsider.get(`/trainer/cohorts/${cohortId}/results.xlsx`)).status).toBe(404);
    expect((await outsider.get(`/trainer/exams/${examId}/responses.xlsx?cohort=${cohortId}`)).status).toBe(404);
    expect((await trainer.get(`/trainer/exams/${examId}/responses.xlsx`)).status).toBe(403);
    const anon = new Browserish(server.url);
    const res = await anon.get(`/trainer/cohorts/${cohortId}/results.xlsx`);
    expect([302, 303]).toContain(res.status);
  });
});
