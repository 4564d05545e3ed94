/**
 * Demo data that tells the truth: a server started in demo mode seeds a cohort whose simulated
 * attempts went through the real start / save / finalise rules. The item analysis of the demo exam
 * flags exactly the two planted questions; every attempt kept to its 30-minute limit (answers saved
 * and the attempt submitted by the deadline plus the grace); every score is what the real grader gives
 * for the stored responses; and who finalised each attempt is one of the real ways.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { row, rows } from "@db/client";
import { attemptItemsOf, versionsFor } from "@db/queries/exams";
import { SAVE_GRACE_MS } from "~/domain/exam";
import { gradeResponse } from "~/domain/grading";
import { itemScoreMilli } from "~/domain/score";
import type { Answer, QuestionType } from "~/domain/question";
import { Browserish, startServer, type TestServer } from "../helpers/server";

const EXAM_TITLE = "新员工结业考试（演示数据）";
const PLANTED = ["demo-flawed-easy", "demo-flawed-key"];

let server: TestServer;
let trainer: Browserish;
let examId: number;
let cohortId: number;

interface Row {
  id: string;
  userId: number;
  attemptNo: number;
  status: string;
  startedAt: number;
  deadline: number;
  submittedAt: number | null;
  finalisedBy: string | null;
  score: number | null;
  maxScoreMilli: number;
  multipleScoring: "all-or-nothing" | "partial";
}

/**
 * The demo start seeds 60 simulated learners' attempts through the real exam code: seconds alone, far more
 * on a loaded machine (most on PostgreSQL, one round trip per statement).
 */
const DEMO_START_MS = 120_000;

beforeAll(async () => {
  server = await startServer({ env: { KEFU_DEMO: "1", SESSION_SECRET: "" }, startTimeoutMs: DEMO_START_MS });
  trainer = new Browserish(server.url);
  await trainer.login("trainer", "kefu-demo");
  examId = (await row<{ id: number }>(server.db, sql`select id from exams where title = ${EXAM_TITLE}`))!.id;
  cohortId = (await row<{ id: number }>(server.db, sql`select id from cohorts where name = ${"2026年11月新员工班"}`))!.id;
}, DEMO_START_MS + 30_000);

afterAll(async () => {
  await server?.stop();
});

/** Raw SQL gives PostgreSQL's bigint columns as strings: numbers here, as on SQLite. */
const num = (v: unknown) => (v === null ? null : Number(v));
const attemptsOfDemo = async () =>
  (
    await rows<Row>(
      server.db,
      sql`select id, user_id as "userId", attempt_no as "attemptNo", status, started_at as "startedAt", deadline, submitted_at as "submittedAt",
              finalised_by as "finalisedBy", score_milli as "score", max_score_milli as "maxScoreMilli", multiple_scoring as "multipleScoring"
         from attempts where exam_id = ${examId} order by user_id, attempt_no`,
    )
  ).map((r) => ({ ...r, startedAt: Number(r.startedAt), deadline: Number(r.deadline), submittedAt: num(r.submittedAt), score: num(r.score), maxScoreMilli: Number(r.maxScoreMilli) }));

/** The question ids in the page's "flagged" list. */
function flaggedIn(html: string): string[] {
  const start = html.indexOf('data-testid="flagged"');
  expect(start, "the page has a flagged list").toBeGreaterThan(-1);
  const section = html.slice(start, html.indexOf('id="items-title"', start));
  return [...new Set([...section.matchAll(/data-question="([^"]+)"/g)].map((m) => m[1]))].sort();
}

describe("the demo cohort's simulated attempts", () => {
  it("the item analysis of the demo exam flags exactly the two planted questions (for the cohort and exam-wide)", async () => {
    for (const path of [`/trainer/exams/${examId}/analysis?cohort=${cohortId}`, `/trainer/exams/${examId}/analysis`]) {
      const res = await trainer.get(path);
      expect(res.status, path).toBe(200);
      expect(flaggedIn(await res.text()), path).toEqual(PLANTED);
    }
  });

  it("every attempt kept to the time limit: started, saved and submitted within the deadline (+ grace)", async () => {
    const rows = (await attemptsOfDemo());
    // 60 learners, some of them more than once.
    expect(new Set(rows.map((r) => r.userId)).size).toBe(60);
    expect(rows.length).toBeGreaterThan(60);
    for (const r of rows) {
      expect(r.status, r.id).toBe("submitted");
      expect(r.deadline - r.startedAt, r.id).toBe(30 * 60_000);
      expect(r.submittedAt, r.id).not.toBeNull();
      expect(r.submittedAt!, r.id).toBeGreaterThan(r.startedAt);
      expect(r.submittedAt!, r.id).toBeLessThanOrEqual(r.deadline + SAVE_GRACE_MS);
      expect(r.startedAt, r.id).toBeLessThan(Date.now());
      for (const it of await attemptItemsOf(server.db, r.id)) {
        if (it.savedAt === null) continue;
        expect(it.savedAt, `${r.id}#${it.position}`).toBeGreaterThanOrEqual(r.startedAt);
        expect(it.savedAt, `${r.id}#${it.position}`).toBeLessThanOrEqual(Math.min(r.submittedAt!, r.deadline) + SAVE_GRACE_MS);
      }
    }
    // A learner's next attempt starts after the previous one ended.
    const byUser = new Map<number, Row[]>();
    for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
    for (const list of byUser.values()) for (let i = 1; i < list.length; i++) expect(list[i].startedAt).toBeGreaterThan(list[i - 1].submittedAt!);
  });

  it("who finalised each attempt is recorded truthfully: the learner before the deadline, otherwise the deadline or the sweep at the deadline", async () => {
    const rows = (await attemptsOfDemo());
    for (const r of rows) {
      expect(["learner", "deadline", "sweep"], r.id).toContain(r.finalisedBy);
      if (r.finalisedBy === "learner") expect(r.submittedAt!, r.id).toBeLessThanOrEqual(r.deadline);
      else expect(r.submittedAt, r.id).toBe(r.deadline);
    }
    expect(rows.filter((r) => r.finalisedBy === "learner").length).toBeGreaterThan(rows.length / 2);
  });

  it("every score is what the real grader gives for the stored responses; numeric answers are graded right when right", async () => {
    let numericRight = 0;
    for (const r of (await attemptsOfDemo())) {
      const items = await attemptItemsOf(server.db, r.id);
      const versions = new Map((await versionsFor(server.db, items)).map((v) => [`${v.questionId}@${v.version}`, v]));
      let total = 0;
      for (const it of items) {
        const v = versions.get(`${it.questionId}@${it.version}`)!;
        const g = it.response == null ? 0 : gradeResponse({ type: v.type as QuestionType, answer: v.answer as Answer, options: v.options }, it.response, { multiple: r.multipleScoring }).score;
        const milli = itemScoreMilli(g, it.points);
        expect(it.scoreMilli, `${r.id}#${it.position} ${it.questionId}`).toBe(milli);
        if (v.type === "numeric" && g === 1) numericRight++;
        total += milli;
      }
      expect(r.score, r.id).toBe(total);
      // The paper's total, in the same unit: every item's points in thousandths.
      expect(r.maxScoreMilli, r.id).toBe(items.reduce((s, it) => s + it.points * 1000, 0));
    }
    expect(numericRight).toBeGreaterThan(0);
  });

  it("certificates were issued when the passing attempt was finalised, only for passes", async () => {
    const certs = (
      await rows<{ issuedAt: number; submittedAt: number; passed: number | boolean }>(
        server.db,
        sql`select c.issued_at as "issuedAt", a.submitted_at as "submittedAt", a.passed from certificates c join attempts a on a.id = c.attempt_id where a.exam_id = ${examId}`,
      )
    ).map((c) => ({ issuedAt: Number(c.issuedAt), submittedAt: Number(c.submittedAt), passed: Number(c.passed) }));
    expect(certs.length).toBeGreaterThan(0);
    for (const c of certs) {
      expect(c.passed).toBe(1);
      expect(c.issuedAt).toBeGreaterThanOrEqual(c.submittedAt);
      expect(c.issuedAt).toBeLessThanOrEqual(c.submittedAt + 10 * 60_000);
    }
  });
});
