import { afterEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { row, type Db } from "@db/client";
import { getQuestion, listVersions, setQuestionStatus } from "@db/queries/questions";
import { loadContent } from "~/content.server";
import { syncGeneratedQuestions } from "~/question-bank.server";
import { openTestDb, type TestDb } from "../helpers/db";

const content = loadContent("content");

/** A fresh, migrated database on the engine under test for each test; closed after it. */
let opened: TestDb | undefined;
async function freshDb(): Promise<Db> {
  opened = await openTestDb("sync");
  return opened.db;
}
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

describe("generated questions follow the courseware", () => {
  it("are created once, keep their ids and add nothing when synced again", async () => {
    const db = await freshDb();
    const first = await syncGeneratedQuestions(db, content, 1000);
    expect(first.created).toBeGreaterThan(100);
    const again = await syncGeneratedQuestions(db, content, 2000);
    expect(again).toEqual({ created: 0, revised: 0, retired: 0, unchanged: first.created });
    expect(Number((await row<{ n: number | string }>(db, sql`select count(*) as "n" from question_versions`))!.n)).toBe(first.created);
  });

  it("a changed figure makes a new version and leaves the old one as it was", async () => {
    const db = await freshDb();
    await syncGeneratedQuestions(db, content, 1000);
    const v1 = (await getQuestion(db, "gen-fact-fixed_repair_max_business-numeric"))!;
    expect(v1.answer).toEqual({ value: 12, tolerance: 0, unit: "小时" });
    const corrected = {
      ...content,
      facts: content.facts.map((f) => (f.id === "fixed_repair_max_business" ? { ...f, value: 10 } : f)),
    };
    const summary = await syncGeneratedQuestions(db, corrected, 5000);
    expect(summary.revised).toBeGreaterThan(0);
    const v2 = (await getQuestion(db, "gen-fact-fixed_repair_max_business-numeric"))!;
    expect(v2.version).toBe(2);
    expect(v2.answer).toEqual({ value: 10, tolerance: 0, unit: "小时" });
    expect(await getQuestion(db, v1.id, 1)).toEqual(v1);
    expect((await listVersions(db, v1.id)).map((v) => v.note)).toEqual(["regenerated", "generated"]);
  });

  it("retires questions the content no longer produces, and respects a trainer's retirement", async () => {
    const db = await freshDb();
    await syncGeneratedQuestions(db, content, 1000);
    const gone = content.scenarios[0].id;
    const fewer = { ...content, scenarios: content.scenarios.slice(1) };
    const s = await syncGeneratedQuestions(db, fewer, 2000);
    expect(s.retired).toBeGreaterThan(0);
    expect((await getQuestion(db, `gen-scenario-${gone}-single`))!.status).toBe("retired");
    await setQuestionStatus(db, "gen-fact-fault_answer_time-numeric", "retired", 3000);
    await syncGeneratedQuestions(db, content, 4000);
    expect((await getQuestion(db, "gen-fact-fault_answer_time-numeric"))!.status).toBe("retired");
  });
});
