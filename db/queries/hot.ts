/**
 * Prepared statements for the hottest paths (the session lookup behind every request, and exam
 * autosave): prepared once per connection instead of being rebuilt by the query builder on each call.
 */
import type Database from "better-sqlite3";
import type { Db } from "../client";

function prepareAll(sqlite: Database.Database) {
  return {
    sessionUser: sqlite.prepare<[string, number], { sessionId: string; id: number; employeeNo: string; name: string; role: "learner" | "trainer" | "admin"; team: string | null; disabledAt: number | null; mustChangePassword: number }>(
      `select s.id as sessionId, u.id, u.employee_no as employeeNo, u.name, u.role, u.team, u.disabled_at as disabledAt,
              u.must_change_password as mustChangePassword
         from sessions s join users u on u.id = s.user_id where s.id = ? and s.expires_at > ?`,
    ),
    attemptOfUser: sqlite.prepare<[string, number], { status: string; deadline: number; seed: string }>(
      "select status, deadline, seed from attempts where id = ? and user_id = ?",
    ),
    /** Params: response JSON, seq, savedAt, attempt id, position, seq (a newer stored answer wins). */
    saveItem: sqlite.prepare<[string, number, number, string, number, number]>(
      `update attempt_items set response = ?, response_seq = ?, saved_at = ?
        where attempt_id = ? and position = ? and response_seq < ?`,
    ),
    /** An attempt item with what its answer is checked against (type, options as drawn, matching pairs / fill_blank answers). */
    itemShape: sqlite.prepare<[string, number], { questionId: string; version: number; type: string; optionOrder: string; answer: string }>(
      `select ai.question_id as questionId, ai.version as version, qv.type as type, ai.option_order as optionOrder,
              case when qv.type in ('matching', 'fill_blank') then qv.answer else 'null' end as answer
         from attempt_items ai join question_versions qv on qv.question_id = ai.question_id and qv.version = ai.version
        where ai.attempt_id = ? and ai.position = ?`,
    ),
    /** 1 when the published exam is open to this learner (everyone, or one of the learner's cohorts). */
    maySit: sqlite.prepare<[number, number], { ok: number }>(
      `select 1 as ok from exams e where e.id = ? and e.status = 'published' and (e.audience = 'everyone' or exists (
         select 1 from exam_cohorts ec join cohort_members cm on cm.cohort_id = ec.cohort_id where ec.exam_id = e.id and cm.user_id = ?))`,
    ),
    /** A learner's attempts at one exam (count and the open one, in one read). */
    learnerAttempts: sqlite.prepare<[number, number], { id: string; status: string; deadline: number }>(
      "select id, status, deadline from attempts where exam_id = ? and user_id = ?",
    ),
    bankRevision: sqlite.prepare<[], { n: number; m: number | null }>("select count(*) as n, max(updated_at) as m from questions"),
    insertAttempt: sqlite.prepare(
      `insert into attempts (id, exam_id, user_id, attempt_no, seed, status, started_at, deadline, max_score, multiple_scoring)
       values (@id, @examId, @userId, @attemptNo, @seed, 'in_progress', @startedAt, @deadline, @maxScore, @multipleScoring)`,
    ),
    insertItem: sqlite.prepare<[string, number, string, number, number, string]>(
      "insert into attempt_items (attempt_id, position, question_id, version, points, option_order) values (?, ?, ?, ?, ?, ?)",
    ),
  };
}

const cache = new WeakMap<Database.Database, ReturnType<typeof prepareAll>>();

export function hot(db: Db) {
  let s = cache.get(db.$client);
  if (!s) cache.set(db.$client, (s = prepareAll(db.$client)));
  return s;
}
