/**
 * The search boxes that filter lists ignore case on either engine (SQLite's LIKE ignores ASCII case,
 * PostgreSQL's does not; db/contains.ts gives both one rule): the cohort's "add learners" list, the
 * question bank list and the user list, each searched with a mixed-case term for lower-case data, on a
 * real migrated database of the engine under test. The wildcards a person may type stay literal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCohort, learnersNotIn } from "@db/queries/cohort-admin";
import { insertQuestion, listQuestions } from "@db/queries/questions";
import { insertUser, listUsers } from "@db/queries/users";
import type { QuestionContent } from "~/domain/question";
import { openTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
let cohortId: number;

const question = (stem: string): QuestionContent => ({
  type: "single",
  stem,
  options: [
    { id: "o-a", text: "对" },
    { id: "o-b", text: "错" },
  ],
  answer: "o-a",
  explanation: "",
  module: "sla",
  section: null,
  facts: [],
  tags: [],
  family: "",
});

beforeAll(async () => {
  t = await openTestDb("searchcase");
  const now = Date.now();
  const trainer = await insertUser(t.db, { employeeNo: "T001", name: "培训师", role: "trainer" }, now);
  await insertUser(t.db, { employeeNo: "ab12", name: "小写工号", role: "learner", team: "east hall" }, now);
  await insertUser(t.db, { employeeNo: "AB99", name: "大写工号", role: "learner", team: "West Hall" }, now);
  await insertUser(t.db, { employeeNo: "cd34", name: "无关", role: "learner", team: "100% 达标组" }, now);
  await insertUser(t.db, { employeeNo: "cd35", name: "无关二", role: "learner", team: "1000 组" }, now);
  cohortId = await createCohort(t.db, { name: "搜索测试班", description: null }, trainer.id, now);
  await insertQuestion(t.db, { id: "case-adsl-1", source: "authored", status: "draft", content: question("adsl 宽带掉线时先查什么？"), createdBy: trainer.id, note: "test" }, now);
  await insertQuestion(t.db, { id: "case-fttx-1", source: "authored", status: "draft", content: question("光纤入户故障的处理时限？"), createdBy: trainer.id, note: "test" }, now);
});

afterAll(async () => {
  await t?.close();
});

const nos = (list: { employeeNo: string }[]) => list.map((u) => u.employeeNo).sort();
const candidates = async (q: string) => nos((await learnersNotIn(t.db, cohortId, { q, limit: 50 })).learners);

describe("search ignores case on the engine under test", () => {
  it("the cohort's candidate list: 'AB1' finds employee no ab12, 'ab' finds ab12 and AB99, a team by any case", async () => {
    expect(await candidates("AB1")).toEqual(["ab12"]);
    expect(await candidates("ab")).toEqual(["AB99", "ab12"]);
    expect(await candidates("EAST HALL")).toEqual(["ab12"]);
    expect(await candidates("west hall")).toEqual(["AB99"]);
  });

  it("the question bank list: a mixed-case term finds lower-case stems and ids", async () => {
    const ids = async (q: string) => (await listQuestions(t.db, { q, source: "authored" })).map((x) => x.id).sort();
    expect(await ids("ADSL")).toEqual(["case-adsl-1"]);
    expect(await ids("AdSl 宽带")).toEqual(["case-adsl-1"]);
    expect(await ids("CASE-FTTX")).toEqual(["case-fttx-1"]);
    expect(await ids("CASE-")).toEqual(["case-adsl-1", "case-fttx-1"]);
  });

  it("the user list: 'AB1' finds ab12; a typed % or _ is literal, not a wildcard", async () => {
    expect(nos(await listUsers(t.db, { q: "AB1" }))).toEqual(["ab12"]);
    expect(nos(await listUsers(t.db, { q: "100%" }))).toEqual(["cd34"]);
    expect(nos(await listUsers(t.db, { q: "a_1" }))).toEqual([]);
    expect(await candidates("100%")).toEqual(["cd34"]);
  });
});
