/**
 * The hottest paths (the session lookup behind every request, exam start and autosave), per engine.
 * SQLite: statements prepared once per connection instead of being rebuilt by the query builder on
 * each call (wrapped in async functions so callers read the same on both engines). PostgreSQL: plain
 * parameterised statements through `rows` (node-postgres sends them to the server as they are).
 */
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { ENGINE, rows, sqliteClient, type Executor } from "../client";

export interface SessionUserRow {
  sessionId: string;
  id: number;
  employeeNo: string;
  name: string;
  role: "learner" | "trainer" | "admin";
  team: string | null;
  disabledAt: number | null;
  /** 1 (SQLite) or true (PostgreSQL) while the user must change a password an admin chose. */
  mustChangePassword: number | boolean;
}

/** An attempt item with what its answer is checked against (type, options as drawn, matching pairs / fill_blank answers), as JSON text. */
export interface ItemShapeRow {
  questionId: string;
  version: number;
  type: string;
  optionOrder: string;
  answer: string;
}

export interface NewAttemptRow {
  id: string;
  examId: number;
  userId: number;
  attemptNo: number;
  seed: string;
  startedAt: number;
  deadline: number;
  maxScoreMilli: number;
  multipleScoring: string;
}

export interface NewAttemptItemRow {
  position: number;
  questionId: string;
  version: number;
  points: number;
  /** JSON text of the option ids in the order shown. */
  optionOrder: string;
}

export interface Hot {
  sessionUser(sessionId: string, now: number): Promise<SessionUserRow | undefined>;
  attemptOfUser(attemptId: string, userId: number): Promise<{ status: string; deadline: number; seed: string } | undefined>;
  /**
   * Stores an answer unless a newer one (higher seq) is stored or the attempt is no longer in progress;
   * returns whether it was applied. PostgreSQL: the attempt row is share-locked, so a save and the
   * finalisation of its attempt (which locks the row for update) never cross: the save lands before the
   * grading reads it, or is refused.
   */
  saveItem(responseJson: string, seq: number, savedAt: number, attemptId: string, position: number): Promise<boolean>;
  itemShape(attemptId: string, position: number): Promise<ItemShapeRow | undefined>;
  /** Whether the published exam is open to this learner (everyone, or one of the learner's cohorts). */
  maySit(examId: number, userId: number): Promise<boolean>;
  /** A learner's attempts at one exam (count and the open one, in one read). */
  learnerAttempts(examId: number, userId: number): Promise<{ id: string; status: string; deadline: number }[]>;
  /** Changes whenever a question is added or changed. */
  bankRevision(): Promise<string>;
  /** Inserts an attempt ('in_progress') and its items; the caller holds the transaction. */
  insertAttempt(a: NewAttemptRow, items: NewAttemptItemRow[]): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// SQLite

function prepareAll(sqlite: Database.Database) {
  return {
    sessionUser: sqlite.prepare<[string, number], SessionUserRow>(
      `select s.id as sessionId, u.id, u.employee_no as employeeNo, u.name, u.role, u.team, u.disabled_at as disabledAt,
              u.must_change_password as mustChangePassword
         from sessions s join users u on u.id = s.user_id where s.id = ? and s.expires_at > ?`,
    ),
    attemptOfUser: sqlite.prepare<[string, number], { status: string; deadline: number; seed: string }>(
      "select status, deadline, seed from attempts where id = ? and user_id = ?",
    ),
    saveItem: sqlite.prepare<[string, number, number, string, number, number]>(
      `update attempt_items set response = ?, response_seq = ?, saved_at = ?
        where attempt_id = ? and position = ? and response_seq < ?
          and exists (select 1 from attempts a where a.id = attempt_items.attempt_id and a.status = 'in_progress')`,
    ),
    itemShape: sqlite.prepare<[string, number], ItemShapeRow>(
      `select ai.question_id as questionId, ai.version as version, qv.type as type, ai.option_order as optionOrder,
              case when qv.type in ('matching', 'fill_blank') then qv.answer else 'null' end as answer
         from attempt_items ai join question_versions qv on qv.question_id = ai.question_id and qv.version = ai.version
        where ai.attempt_id = ? and ai.position = ?`,
    ),
    maySit: sqlite.prepare<[number, number], { ok: number }>(
      `select 1 as ok from exams e where e.id = ? and e.status = 'published' and (e.audience = 'everyone' or exists (
         select 1 from exam_cohorts ec join cohort_members cm on cm.cohort_id = ec.cohort_id where ec.exam_id = e.id and cm.user_id = ?))`,
    ),
    learnerAttempts: sqlite.prepare<[number, number], { id: string; status: string; deadline: number }>(
      "select id, status, deadline from attempts where exam_id = ? and user_id = ?",
    ),
    bankRevision: sqlite.prepare<[], { n: number; m: number | null }>("select count(*) as n, max(updated_at) as m from questions"),
    insertAttempt: sqlite.prepare<[NewAttemptRow]>(
      `insert into attempts (id, exam_id, user_id, attempt_no, seed, status, started_at, deadline, max_score_milli, multiple_scoring)
       values (@id, @examId, @userId, @attemptNo, @seed, 'in_progress', @startedAt, @deadline, @maxScoreMilli, @multipleScoring)`,
    ),
    insertItem: sqlite.prepare<[string, number, string, number, number, string]>(
      "insert into attempt_items (attempt_id, position, question_id, version, points, option_order) values (?, ?, ?, ?, ?, ?)",
    ),
  };
}

const sqliteCache = new WeakMap<Database.Database, Hot>();

function sqliteHot(sqlite: Database.Database): Hot {
  const s = prepareAll(sqlite);
  return {
    sessionUser: async (sessionId, now) => s.sessionUser.get(sessionId, now),
    attemptOfUser: async (attemptId, userId) => s.attemptOfUser.get(attemptId, userId),
    saveItem: async (json, seq, savedAt, attemptId, position) => s.saveItem.run(json, seq, savedAt, attemptId, position, seq).changes > 0,
    itemShape: async (attemptId, position) => s.itemShape.get(attemptId, position),
    maySit: async (examId, userId) => Boolean(s.maySit.get(examId, userId)),
    learnerAttempts: async (examId, userId) => s.learnerAttempts.all(examId, userId),
    bankRevision: async () => {
      const r = s.bankRevision.get()!;
      return `${r.n}:${r.m}`;
    },
    insertAttempt: async (a, items) => {
      s.insertAttempt.run(a);
      for (const it of items) s.insertItem.run(a.id, it.position, it.questionId, it.version, it.points, it.optionOrder);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

function pgHot(db: Executor): Hot {
  return {
    sessionUser: async (sessionId, now) =>
      (
        await rows<SessionUserRow>(
          db,
          sql`select s.id as "sessionId", u.id, u.employee_no as "employeeNo", u.name, u.role, u.team, u.disabled_at as "disabledAt",
                 u.must_change_password as "mustChangePassword"
                from sessions s join users u on u.id = s.user_id where s.id = ${sessionId} and s.expires_at > ${now}`,
        )
      )[0],
    attemptOfUser: async (attemptId, userId) =>
      (await rows<{ status: string; deadline: number; seed: string }>(db, sql`select status, deadline, seed from attempts where id = ${attemptId} and user_id = ${userId}`))[0],
    saveItem: async (json, seq, savedAt, attemptId, position) => {
      const changed = await rows<{ one: number }>(
        db,
        sql`update attempt_items set response = ${json}::jsonb, response_seq = ${seq}, saved_at = ${savedAt}
             where attempt_id = ${attemptId} and position = ${position} and response_seq < ${seq}
               and exists (select 1 from attempts a where a.id = ${attemptId} and a.status = 'in_progress' for share)
             returning 1 as "one"`,
      );
      return changed.length > 0;
    },
    itemShape: async (attemptId, position) =>
      (
        await rows<ItemShapeRow>(
          db,
          sql`select ai.question_id as "questionId", ai.version as "version", qv.type as "type", ai.option_order::text as "optionOrder",
                     case when qv.type in ('matching', 'fill_blank') then qv.answer::text else 'null' end as "answer"
                from attempt_items ai join question_versions qv on qv.question_id = ai.question_id and qv.version = ai.version
               where ai.attempt_id = ${attemptId} and ai.position = ${position}`,
        )
      )[0],
    maySit: async (examId, userId) =>
      (
        await rows(
          db,
          sql`select 1 as "ok" from exams e where e.id = ${examId} and e.status = 'published' and (e.audience = 'everyone' or exists (
                select 1 from exam_cohorts ec join cohort_members cm on cm.cohort_id = ec.cohort_id where ec.exam_id = e.id and cm.user_id = ${userId}))`,
        )
      ).length > 0,
    learnerAttempts: async (examId, userId) =>
      rows<{ id: string; status: string; deadline: number }>(db, sql`select id, status, deadline from attempts where exam_id = ${examId} and user_id = ${userId}`),
    bankRevision: async () => {
      const [r] = await rows<{ n: number; m: number | null }>(db, sql`select count(*) as "n", max(updated_at) as "m" from questions`);
      return `${r.n}:${r.m}`;
    },
    insertAttempt: async (a, items) => {
      await rows(
        db,
        sql`insert into attempts (id, exam_id, user_id, attempt_no, seed, status, started_at, deadline, max_score_milli, multiple_scoring)
            values (${a.id}, ${a.examId}, ${a.userId}, ${a.attemptNo}, ${a.seed}, 'in_progress', ${a.startedAt}, ${a.deadline}, ${a.maxScoreMilli}, ${a.multipleScoring})`,
      );
      if (items.length)
        await rows(
          db,
          sql`insert into attempt_items (attempt_id, position, question_id, version, points, option_order) values ${sql.join(
            items.map((it) => sql`(${a.id}, ${it.position}, ${it.questionId}, ${it.version}, ${it.points}, ${it.optionOrder}::jsonb)`),
            sql`, `,
          )}`,
        );
    },
  };
}

export function hot(db: Executor): Hot {
  if (ENGINE === "postgres") return pgHot(db);
  const client = sqliteClient(db);
  let h = sqliteCache.get(client);
  if (!h) sqliteCache.set(client, (h = sqliteHot(client)));
  return h;
}
