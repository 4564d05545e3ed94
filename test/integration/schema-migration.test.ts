/**
 * Migrating an existing database keeps its data: a database of the release before migration
 * "assignment_ref_score_milli" (SQLite 0008, PostgreSQL 0003), with an assignment of each kind, one
 * pointing at an exam that no longer exists, a graded attempt with its certificate and an attempt in
 * progress, is migrated to the current schema on the engine under test (SQLite in `integration`,
 * PostgreSQL in `integration-pg`), then read through the app's own queries.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exec, rows, type Db } from "@db/client";
import { assignmentsForLearner, assignmentsOf } from "@db/queries/cohort-admin";
import { attemptItemsOf, getAttempt } from "@db/queries/exams";
import { assignedExamIds, assignedModules } from "@db/queries/reports";
import { canSeeAttempt } from "@db/queries/visibility";
import { openTestDbBefore, testEngine } from "../helpers/db";

const T = 1_790_000_000_000;

/** The database's own message for a refused statement (drizzle wraps it as the cause). */
async function failure(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return `${e.message} ${e.cause?.message ?? ""}`;
  }
  return "(the statement succeeded)";
}
const DAY = 86_400_000;

/** The release before: cohort_assignments.ref (text), attempts.score (thousandths, misnamed) and max_score (points). */
const OLD_RELEASE = [
  `insert into users (id, employee_no, name, role, created_at, updated_at) values
     (1, 'L1', '学员甲', 'learner', ${T}, ${T}), (2, 'R1', '培训师乙', 'trainer', ${T}, ${T})`,
  `insert into questions (id, source, status, current_version, type, stem_text, created_at, updated_at) values
     ('q1', 'authored', 'published', 1, 'single', '题一', ${T}, ${T}), ('q2', 'authored', 'published', 1, 'single', '题二', ${T}, ${T})`,
  `insert into question_versions (question_id, version, type, stem, options, answer, explanation, facts, tags, content_hash, created_at) values
     ('q1', 1, 'single', '题一', '[]', '"a"', '解', '[]', '[]', 'h1', ${T}), ('q2', 1, 'single', '题二', '[]', '"a"', '解', '[]', '[]', 'h2', ${T})`,
  `insert into exams (id, title, blueprint, time_limit_minutes, pass_percent, attempts_allowed, shuffle_questions, shuffle_options, multiple_scoring, review_mode, audience, status, created_at, updated_at) values
     (1, '上岗认证', '[{"count":2,"points":5}]', 30, 60, 2, false, false, 'partial', 'score', 'everyone', 'published', ${T}, ${T})`,
  `insert into cohorts (id, name, created_at) values (1, '十一月新员工班', ${T})`,
  `insert into cohort_members (cohort_id, user_id, added_at) values (1, 1, ${T})`,
  `insert into cohort_trainers (cohort_id, user_id) values (1, 2)`,
  `insert into cohort_assignments (id, cohort_id, kind, ref, due_at, created_at) values
     (10, 1, 'module', 'sla', ${T + 3 * DAY}, ${T}),
     (11, 1, 'exam', '1', ${T + 7 * DAY}, ${T}),
     (12, 1, 'exam', '999', null, ${T}),
     (13, 1, 'exam', 'abc', null, ${T})`,
  // Graded: 5 of 5 points and 2.5 of 5 → 7.5 of 10 points, 75 %.
  `insert into attempts (id, exam_id, user_id, attempt_no, seed, status, started_at, deadline, submitted_at, finalised_by, score, max_score, percent_bp, passed, multiple_scoring) values
     ('graded', 1, 1, 1, 's1', 'submitted', ${T + DAY}, ${T + DAY + 1_800_000}, ${T + DAY + 600_000}, 'learner', 7500, 10, 7500, true, 'partial'),
     ('open', 1, 1, 2, 's2', 'in_progress', ${T + 2 * DAY}, ${T + 2 * DAY + 1_800_000}, null, null, null, 10, null, null, 'partial')`,
  `insert into attempt_items (attempt_id, position, question_id, version, points, option_order, response, response_seq, saved_at, score_milli) values
     ('graded', 0, 'q1', 1, 5, '[]', '"a"', 1, ${T + DAY + 60_000}, 5000),
     ('graded', 1, 'q2', 1, 5, '[]', '"b"', 1, ${T + DAY + 60_000}, 2500),
     ('open', 0, 'q1', 1, 5, '[]', '"a"', 3, ${T + 2 * DAY + 60_000}, null),
     ('open', 1, 'q2', 1, 5, '[]', null, 0, null, null)`,
  `insert into attempt_events (attempt_id, kind, at) values ('graded', 'tab_hidden', ${T + DAY + 30_000})`,
  `insert into certificates (id, code, user_id, exam_id, attempt_id, name, holder_name, issued_at, expires_at) values
     (1, 'KF-MIGRATE-1', 1, 1, 'graded', '上岗认证', '学员甲', ${T + DAY + 600_000}, ${T + 400 * DAY})`,
];

describe(`migrating a database of the previous release (${testEngine()})`, () => {
  let db: Db;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const old = await openTestDbBefore("migrate", "assignment_ref_score_milli");
    for (const statement of OLD_RELEASE) await exec(old.db, sql.raw(statement));
    db = await old.migrateToLatest();
    close = old.close;
  });

  afterAll(async () => {
    await close?.();
  });

  it("moves each assignment to its typed reference and drops the ones naming no existing exam", async () => {
    expect(await rows(db, sql`select id, cohort_id as "cohortId", kind, module_slug as "moduleSlug", exam_id as "examId", due_at as "dueAt" from cohort_assignments order by id`)).toEqual([
      { id: 10, cohortId: 1, kind: "module", moduleSlug: "sla", examId: null, dueAt: T + 3 * DAY },
      { id: 11, cohortId: 1, kind: "exam", moduleSlug: null, examId: 1, dueAt: T + 7 * DAY },
    ]);
    // The app's readers see them, typed.
    expect(await assignedExamIds(db, 1)).toEqual([{ examId: 1, dueAt: T + 7 * DAY }]);
    expect(await assignedModules(db, 1)).toEqual([{ slug: "sla", dueAt: T + 3 * DAY }]);
    expect((await assignmentsOf(db, 1)).map((a) => [a.kind, a.moduleSlug, a.examId])).toEqual([
      ["exam", null, 1],
      ["module", "sla", null],
    ]);
    const learner = await assignmentsForLearner(db, 1);
    expect(learner.map((a) => ({ kind: a.kind, moduleSlug: a.moduleSlug, examId: a.examId, done: a.done, examTitle: a.examTitle }))).toEqual([
      { kind: "module", moduleSlug: "sla", examId: null, done: false, examTitle: null },
      { kind: "exam", moduleSlug: null, examId: 1, done: true, examTitle: "上岗认证" },
    ]);
    // The trainer of the cohort still sees the learner's attempt through the migrated exam assignment.
    expect(await canSeeAttempt(db, { id: 2, role: "trainer" }, "graded")).toBe(true);
  });

  it("stores the graded attempt's score and maximum in thousandths of a point, and keeps its result, items, events and certificate", async () => {
    const graded = (await getAttempt(db, "graded"))!;
    expect(graded).toMatchObject({ status: "submitted", scoreMilli: 7500, maxScoreMilli: 10_000, percentBp: 7500, passed: true, finalisedBy: "learner" });
    expect((await attemptItemsOf(db, "graded")).map((i) => [i.position, i.points, i.scoreMilli, i.response])).toEqual([
      [0, 5, 5000, "a"],
      [1, 5, 2500, "b"],
    ]);
    // Renamed in place: nothing that references attempts was deleted with it.
    expect(await rows(db, sql`select kind from attempt_events where attempt_id = 'graded'`)).toEqual([{ kind: "tab_hidden" }]);
    expect(await rows(db, sql`select code from certificates where attempt_id = 'graded'`)).toEqual([{ code: "KF-MIGRATE-1" }]);
  });

  it("keeps the attempt in progress ungraded, with its saved answers", async () => {
    const open = (await getAttempt(db, "open"))!;
    expect(open).toMatchObject({ status: "in_progress", scoreMilli: null, maxScoreMilli: 10_000, percentBp: null, passed: null });
    expect((await attemptItemsOf(db, "open")).map((i) => [i.position, i.response, i.responseSeq, i.scoreMilli])).toEqual([
      [0, "a", 3, null],
      [1, null, 0, null],
    ]);
  });

  it("holds the new constraints on the migrated data", async () => {
    expect(await failure(exec(db, sql`insert into cohort_assignments (cohort_id, kind, module_slug, created_at) values (1, 'exam', 'sla', ${T})`))).toMatch(/check constraint/i);
    expect(await failure(exec(db, sql`insert into cohort_assignments (cohort_id, kind, exam_id, created_at) values (1, 'exam', 1, ${T})`))).toMatch(/unique/i);
    expect(await failure(exec(db, sql`insert into cohort_assignments (cohort_id, kind, exam_id, created_at) values (1, 'exam', 999, ${T})`))).toMatch(/foreign key/i);
  });
});
