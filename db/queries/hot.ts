/**
 * The hottest paths (the session lookup behind every request, exam start and autosave), per engine.
 * SQLite: statements prepared once per connection instead of being rebuilt by the query builder on
 * each call (wrapped in async functions so callers read the same on both engines). PostgreSQL: named
 * statements, prepared once per pooled connection (no query building in this process, no parsing or
 * planning on the server after the first use).
 */
import type Database from "better-sqlite3";
import DataLoader from "dataloader";
import type pg from "pg";
import { ENGINE, pgPool, preparedOnce, sqliteClient, transaction, writeOutsideOthersTransaction, type Executor } from "../client";

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

/** What a save is checked against, in one read: the learner's attempt and, if it has one at that position, the item's shape. */
export interface SaveContextRow {
  status: string;
  deadline: number;
  seed: string;
  /** Null when the attempt has no item at that position. */
  item: ItemShapeRow | null;
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
  /** The learner's attempt (undefined if there is none of theirs with this id) and its item at `position`. */
  saveContext(attemptId: string, userId: number, position: number): Promise<SaveContextRow | undefined>;
  /** Whether the published exam is open to this learner (everyone, or one of the learner's cohorts). */
  maySit(examId: number, userId: number): Promise<boolean>;
  /** A learner's attempts at one exam (count and the open one, in one read). */
  learnerAttempts(examId: number, userId: number): Promise<{ id: string; status: string; deadline: number }[]>;
  /** Changes whenever a question is added or changed. */
  bankRevision(): Promise<string>;
  /** Inserts an attempt ('in_progress') and its items; the caller holds the transaction. */
  /**
   * Inserts an attempt ('in_progress') and its items, atomically (one statement on PostgreSQL, one
   * transaction on SQLite), if the learner's attempts at the exam number `attemptNo - 1` when it runs; false (nothing inserted) if another start got there first. The unique index (one attempt in
   * progress per learner and exam) refuses a start racing with one still open.
   */
  insertAttempt(a: NewAttemptRow, items: NewAttemptItemRow[]): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// SQLite

function prepareAll(sqlite: Database.Database) {
  return {
    sessionUser: sqlite.prepare<[string, number], SessionUserRow>(
      `select s.id as sessionId, u.id, u.employee_no as employeeNo, u.name, u.role, u.team, u.disabled_at as disabledAt,
              u.must_change_password as mustChangePassword
         from sessions s join users u on u.id = s.user_id where s.id = ? and s.expires_at > ?`
    ),
    attemptOfUser: sqlite.prepare<[string, number], { status: string; deadline: number; seed: string }>(
      "select status, deadline, seed from attempts where id = ? and user_id = ?"
    ),
    saveItem: sqlite.prepare<[string, number, number, string, number, number]>(
      `update attempt_items set response = ?, response_seq = ?, saved_at = ?
        where attempt_id = ? and position = ? and response_seq < ?
          and exists (select 1 from attempts a where a.id = attempt_items.attempt_id and a.status = 'in_progress')`
    ),
    saveContext: sqlite.prepare<[number, string, number], SaveContextFlat>(
      `select a.status, a.deadline, a.seed, ai.question_id as questionId, ai.version as version, qv.type as type, ai.option_order as optionOrder,
              case when qv.type in ('matching', 'fill_blank') then qv.answer else 'null' end as answer
         from attempts a
         left join attempt_items ai on ai.attempt_id = a.id and ai.position = ?
         left join question_versions qv on qv.question_id = ai.question_id and qv.version = ai.version
        where a.id = ? and a.user_id = ?`
    ),
    maySit: sqlite.prepare<[number, number], { ok: number }>(
      `select 1 as ok from exams e where e.id = ? and e.status = 'published' and (e.audience = 'everyone' or exists (
         select 1 from exam_cohorts ec join cohort_members cm on cm.cohort_id = ec.cohort_id where ec.exam_id = e.id and cm.user_id = ?))`
    ),
    learnerAttempts: sqlite.prepare<[number, number], { id: string; status: string; deadline: number }>(
      "select id, status, deadline from attempts where exam_id = ? and user_id = ?"
    ),
    bankRevision: sqlite.prepare<[], { n: number; m: number | null }>("select count(*) as n, max(updated_at) as m from questions"),
    attemptCount: sqlite.prepare<[number, number], { n: number }>("select count(*) as n from attempts where exam_id = ? and user_id = ?"),
    insertAttempt: sqlite.prepare<[NewAttemptRow]>(
      `insert into attempts (id, exam_id, user_id, attempt_no, seed, status, started_at, deadline, max_score_milli, multiple_scoring)
       values (@id, @examId, @userId, @attemptNo, @seed, 'in_progress', @startedAt, @deadline, @maxScoreMilli, @multipleScoring)`
    ),
    insertItem: sqlite.prepare<[string, number, string, number, number, string]>(
      "insert into attempt_items (attempt_id, position, question_id, version, points, option_order) values (?, ?, ?, ?, ?, ?)"
    ),
  };
}

/** The save context as one flat row (the item's columns null when there is no item at that position). */
type SaveContextFlat = { status: string; deadline: number; seed: string } & {
  [K in keyof ItemShapeRow]: ItemShapeRow[K] | null;
};

function saveContextOf(r: SaveContextFlat | undefined): SaveContextRow | undefined {
  if (!r) return undefined;
  const item =
    r.questionId === null || r.type === null
      ? null
      : {
          questionId: r.questionId,
          version: r.version!,
          type: r.type,
          optionOrder: r.optionOrder!,
          answer: r.answer!,
        };
  return { status: r.status, deadline: r.deadline, seed: r.seed, item };
}

/** A position the database can look up: anything that is not a small non-negative integer finds no item. */
const itemPosition = (position: number) => (Number.isInteger(position) && position >= 0 && position < 1_000_000 ? position : -1);

const sqliteCache = new WeakMap<Database.Database, Hot>();

function sqliteHot(sqlite: Database.Database, db: Executor): Hot {
  const s = prepareAll(sqlite);
  return {
    sessionUser: async (sessionId, now) => s.sessionUser.get(sessionId, now),
    attemptOfUser: async (attemptId, userId) => s.attemptOfUser.get(attemptId, userId),
    saveItem: (json, seq, savedAt, attemptId, position) =>
      writeOutsideOthersTransaction(db, () => s.saveItem.run(json, seq, savedAt, attemptId, position, seq).changes > 0),
    saveContext: async (attemptId, userId, position) => saveContextOf(s.saveContext.get(itemPosition(position), attemptId, userId)),
    maySit: async (examId, userId) => Boolean(s.maySit.get(examId, userId)),
    learnerAttempts: async (examId, userId) => s.learnerAttempts.all(examId, userId),
    bankRevision: async () => {
      const r = s.bankRevision.get()!;
      return `${r.n}:${r.m}`;
    },
    // Its own transaction (queued after, or joining, any other of this process).
    insertAttempt: (a, items) =>
      transaction(db, async () => {
        if (s.attemptCount.get(a.examId, a.userId)!.n !== a.attemptNo - 1) return false;
        s.insertAttempt.run(a);
        for (const it of items) s.insertItem.run(a.id, it.position, it.questionId, it.version, it.points, it.optionOrder);
        return true;
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/**
 * A named statement: node-postgres parses and plans it once per connection, then only binds and runs it
 * (one round trip, no planning), on the pool or on the connection of the transaction `db` is.
 */
async function pgNamed<T extends pg.QueryResultRow>(db: Executor, name: string, text: string, values: unknown[]): Promise<pg.QueryResult<T>> {
  const client = (db as unknown as { session: { client: pg.Pool | pg.PoolClient } }).session.client;
  return client.query<T>({ name: `hot_${name}`, text, values });
}

const PG = {
  /** Sessions by id, several at once (expiry is compared by the caller, as each asks at its own time). */
  sessionUsers: `select s.id as "sessionId", s.expires_at as "expiresAt", u.id, u.employee_no as "employeeNo", u.name, u.role, u.team,
                        u.disabled_at as "disabledAt", u.must_change_password as "mustChangePassword"
                   from sessions s join users u on u.id = s.user_id where s.id = any($1::text[])`,
  attemptOfUser: "select status, deadline, seed from attempts where id = $1 and user_id = $2",
  /**
   * Saves several answers in one statement (at most one per item: the caller keeps the newest of each).
   * Each is stored unless a newer one is, and only while its attempt is in progress; the attempt row is
   * share-locked, so a save and the finalisation of its attempt (which locks the row for update) never
   * cross. Returns the items it stored.
   */
  saveItems: `update attempt_items ai set response = v.response::jsonb, response_seq = v.seq, saved_at = v.saved_at
                from unnest($1::text[], $2::int[], $3::text[], $4::bigint[], $5::bigint[]) as v(attempt_id, position, response, seq, saved_at)
               where ai.attempt_id = v.attempt_id and ai.position = v.position and ai.response_seq < v.seq
                 and exists (select 1 from attempts a where a.id = v.attempt_id and a.status = 'in_progress' for share)
           returning ai.attempt_id as "attemptId", ai.position as "position"`,
  /** Save contexts for several (attempt, learner, position) at once; "ord" is the 1-based index of the request. */
  saveContexts: `select k.ord as "ord", a.status, a.deadline, a.seed, ai.question_id as "questionId", ai.version as "version", qv.type as "type",
                        ai.option_order::text as "optionOrder",
                        case when qv.type in ('matching', 'fill_blank') then qv.answer::text else 'null' end as "answer"
                   from unnest($1::text[], $2::int[], $3::int[]) with ordinality as k(attempt_id, user_id, position, ord)
                   join attempts a on a.id = k.attempt_id and a.user_id = k.user_id
                   left join attempt_items ai on ai.attempt_id = a.id and ai.position = k.position
                   left join question_versions qv on qv.question_id = ai.question_id and qv.version = ai.version`,
  /** Of several (exam, learner), the 1-based indexes of those where the published exam is open to the learner. */
  maySit: `select k.ord as "ord" from unnest($1::int[], $2::int[]) with ordinality as k(exam_id, user_id, ord)
            where exists (select 1 from exams e where e.id = k.exam_id and e.status = 'published' and (e.audience = 'everyone' or exists (
                    select 1 from exam_cohorts ec join cohort_members cm on cm.cohort_id = ec.cohort_id where ec.exam_id = e.id and cm.user_id = k.user_id)))`,
  /** The attempts of several (exam, learner), each row with the 1-based index of its request. */
  learnerAttempts: `select k.ord as "ord", a.id, a.status, a.deadline from unnest($1::int[], $2::int[]) with ordinality as k(exam_id, user_id, ord)
                      join attempts a on a.exam_id = k.exam_id and a.user_id = k.user_id`,
  bankRevision: `select count(*) as "n", max(updated_at) as "m" from questions`,
  /** An attempt and all its items (parallel arrays, unnested) in one statement. */
  insertAttempt: `with attempt as (
                    insert into attempts (id, exam_id, user_id, attempt_no, seed, status, started_at, deadline, max_score_milli, multiple_scoring)
                    select $1, $2::int, $3::int, $4::int, $5, 'in_progress', $6, $7, $8, $9
                     where (select count(*) from attempts where exam_id = $2::int and user_id = $3::int) = $4::int - 1
                    returning id),
                  items as (
                    insert into attempt_items (attempt_id, position, question_id, version, points, option_order)
                    select attempt.id, p, q, v, pts, o::jsonb
                      from attempt, unnest($10::int[], $11::text[], $12::int[], $13::int[], $14::text[]) as t(p, q, v, pts, o))
                  select count(*) as "n" from attempt`,
} as const;

type ItemSave = { json: string; seq: number; savedAt: number; attemptId: string; position: number };

/**
 * Stores a batch of saves; for each, whether it was applied. Of several saves of one item in a batch only
 * the newest (highest seq) is written (the others are older than it: not applied, as if it had come
 * first). Items are written in (attempt, position) order, so two batches lock rows in the same order.
 */
async function saveItemsOf(db: Executor, saves: readonly ItemSave[]): Promise<boolean[]> {
  const slot = (s: ItemSave) => `${s.attemptId}\u0000${s.position}`;
  const newest = new Map<string, ItemSave>();
  for (const s of saves) {
    const held = newest.get(slot(s));
    if (!held || s.seq > held.seq) newest.set(slot(s), s);
  }
  const batch = [...newest.values()].sort((a, b) => (a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : a.position - b.position));
  const stored = await pgNamed<{ attemptId: string; position: number }>(db, "saveItems", PG.saveItems, [
    batch.map((s) => s.attemptId),
    batch.map((s) => s.position),
    batch.map((s) => s.json),
    batch.map((s) => s.seq),
    batch.map((s) => s.savedAt),
  ]);
  const written = new Set(stored.rows.map((r) => `${r.attemptId}\u0000${r.position}`));
  return saves.map((s) => newest.get(slot(s)) === s && written.has(slot(s)));
}

type ExamLearner = { examId: number; userId: number };
type LearnerAttempt = { id: string; status: string; deadline: number };

async function maySitOf(db: Executor, keys: readonly ExamLearner[]): Promise<boolean[]> {
  const result = await pgNamed<{ ord: number }>(db, "maySit", PG.maySit, [keys.map((k) => k.examId), keys.map((k) => k.userId)]);
  const open = new Set(result.rows.map((r) => r.ord));
  return keys.map((_, i) => open.has(i + 1));
}

async function learnerAttemptsOf(db: Executor, keys: readonly ExamLearner[]): Promise<LearnerAttempt[][]> {
  const result = await pgNamed<LearnerAttempt & { ord: number }>(db, "learnerAttempts", PG.learnerAttempts, [
    keys.map((k) => k.examId),
    keys.map((k) => k.userId),
  ]);
  const found: LearnerAttempt[][] = keys.map(() => []);
  for (const { ord, ...a } of result.rows) found[ord - 1].push(a);
  return found;
}

/** The bank's revision, once for however many ask at the same time. */
async function bankRevisionsOf(db: Executor, keys: readonly 0[]): Promise<string[]> {
  const r = (await pgNamed<{ n: number; m: number | null }>(db, "bankRevision", PG.bankRevision, [])).rows[0];
  return keys.map(() => `${r.n}:${r.m}`);
}

type SessionRowWithExpiry = SessionUserRow & { expiresAt: number };
type SaveContextKey = { attemptId: string; userId: number; position: number };

async function sessionUsersOf(db: Executor, ids: readonly string[]): Promise<(SessionRowWithExpiry | undefined)[]> {
  const found = new Map((await pgNamed<SessionRowWithExpiry>(db, "sessionUsers", PG.sessionUsers, [ids])).rows.map((r) => [r.sessionId, r]));
  return ids.map((id) => found.get(id));
}

async function saveContextsOf(db: Executor, keys: readonly SaveContextKey[]): Promise<(SaveContextRow | undefined)[]> {
  const result = await pgNamed<SaveContextFlat & { ord: number }>(db, "saveContexts", PG.saveContexts, [
    keys.map((k) => k.attemptId),
    keys.map((k) => k.userId),
    keys.map((k) => itemPosition(k.position)),
  ]);
  const byOrd = new Map(result.rows.map((r) => [r.ord, r]));
  return keys.map((_, i) => saveContextOf(byOrd.get(i + 1)));
}

/**
 * The statements behind every autosave (who is asking, the attempt and item, the write) and the reads
 * before an exam starts, batched: the requests that arrive while the event loop is busy share one
 * statement each (DataLoader, flushed with setImmediate, so a lone request waits for nothing).
 * Under load that turns thousands of round trips a second into a few hundred. Per pool, never cached:
 * each load reads the database.
 */
interface Loaders {
  sessionUser: DataLoader<string, SessionRowWithExpiry | undefined>;
  saveContext: DataLoader<SaveContextKey, SaveContextRow | undefined>;
  saveItem: DataLoader<ItemSave, boolean>;
  maySit: DataLoader<ExamLearner, boolean>;
  learnerAttempts: DataLoader<ExamLearner, LearnerAttempt[]>;
  bankRevision: DataLoader<0, string>;
}
const loaders = new WeakMap<pg.Pool, Loaders>();
const batching = {
  cache: false,
  maxBatchSize: 256,
  batchScheduleFn: (flush: () => void) => setImmediate(flush),
} as const;

function loadersOf(db: Executor): Loaders | undefined {
  // Inside a transaction (a pooled connection of its own): read directly, in the transaction.
  if (!preparedOnce(db)) return undefined;
  const client = pgPool(db);
  let l = loaders.get(client);
  if (!l) {
    l = {
      sessionUser: new DataLoader((ids) => sessionUsersOf(db, ids), batching),
      saveContext: new DataLoader((keys) => saveContextsOf(db, keys), batching),
      saveItem: new DataLoader((saves) => saveItemsOf(db, saves), batching),
      maySit: new DataLoader((keys) => maySitOf(db, keys), batching),
      learnerAttempts: new DataLoader((keys) => learnerAttemptsOf(db, keys), batching),
      bankRevision: new DataLoader((keys) => bankRevisionsOf(db, keys), batching),
    };
    loaders.set(client, l);
  }
  return l;
}

/**
 * Whether a key from a request may join a batch: one that PostgreSQL would refuse (a NUL character) or
 * that no row can have would otherwise fail, or slow, the statement for every request batched with it.
 */
const batchableKey = (key: string) => key.length <= 200 && !key.includes("\u0000");

function pgHot(db: Executor): Hot {
  const batched = loadersOf(db);
  return {
    sessionUser: async (sessionId, now) => {
      if (!batchableKey(sessionId)) return undefined;
      const r = batched ? await batched.sessionUser.load(sessionId) : (await sessionUsersOf(db, [sessionId]))[0];
      if (!r || !(r.expiresAt > now)) return undefined;
      const { expiresAt: _expiresAt, ...user } = r;
      return user;
    },
    attemptOfUser: async (attemptId, userId) =>
      (await pgNamed<{ status: string; deadline: number; seed: string }>(db, "attemptOfUser", PG.attemptOfUser, [attemptId, userId])).rows[0],
    saveItem: async (json, seq, savedAt, attemptId, position) => {
      if (!batchableKey(attemptId) || itemPosition(position) < 0) return false;
      const save = { json, seq, savedAt, attemptId, position };
      return batched ? batched.saveItem.load(save) : (await saveItemsOf(db, [save]))[0];
    },
    saveContext: async (attemptId, userId, position) =>
      !batchableKey(attemptId)
        ? undefined
        : batched
        ? batched.saveContext.load({ attemptId, userId, position })
        : (await saveContextsOf(db, [{ attemptId, userId, position }]))[0],
    maySit: async (examId, userId) => (batched ? batched.maySit.load({ examId, userId }) : (await maySitOf(db, [{ examId, userId }]))[0]),
    learnerAttempts: async (examId, userId) =>
      batched ? batched.learnerAttempts.load({ examId, userId }) : (await learnerAttemptsOf(db, [{ examId, userId }]))[0],
    bankRevision: async () => (batched ? batched.bankRevision.load(0) : (await bankRevisionsOf(db, [0]))[0]),
    insertAttempt: async (a, items) => {
      const inserted = await pgNamed<{ n: number }>(db, "insertAttempt", PG.insertAttempt, [
        ...[a.id, a.examId, a.userId, a.attemptNo, a.seed, a.startedAt, a.deadline, a.maxScoreMilli, a.multipleScoring],
        items.map((it) => it.position),
        items.map((it) => it.questionId),
        items.map((it) => it.version),
        items.map((it) => it.points),
        items.map((it) => it.optionOrder),
      ]);
      return inserted.rows[0].n === 1;
    },
  };
}

export function hot(db: Executor): Hot {
  if (ENGINE === "postgres") return pgHot(db);
  const client = sqliteClient(db);
  let h = sqliteCache.get(client);
  if (!h) sqliteCache.set(client, (h = sqliteHot(client, db)));
  return h;
}
