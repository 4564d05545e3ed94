/**
 * Opening the database, on either engine (db/engine.ts), and the few primitives every query uses:
 * `transaction`, raw-SQL `rows`/`row`/`exec`, and `lock`. One place for the pragmas, the migrations and
 * the checks that stop start-up with a clear message (unwritable or corrupt file, unreachable server, a
 * database written by a newer version of the app).
 *
 * The data layer is asynchronous so both drivers fit: query code awaits drizzle builders, which
 * better-sqlite3 answers synchronously and node-postgres over the network.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { sql as sqlTag, type SQL } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { ENGINE, redactUrl, type Engine } from "./engine";
import * as schema from "./schema";

export { ENGINE, redactUrl, type Engine };

/**
 * The database, or a transaction of it: what query functions take, so callers can compose them in one
 * transaction. Typed with the SQLite tables for both engines (db/schema.ts picks the engine's tables at
 * run time). Await builders; never call .all()/.get()/.run()/.values() on them (SQLite only).
 */
export type Db = AsyncDb;
/** The engine-neutral type of the database handle: builders are awaited, whichever driver answers. */
export type AsyncDb = BaseSQLiteDatabase<"async", unknown, typeof schema>;
/** The database or a transaction: the same type (a transaction is what `transaction` hands its body). */
export type Executor = AsyncDb;

/** Resolved from the working directory (the project root for every npm script), not from this file:
 *  the built server bundles this module into build/server. */
export const MIGRATIONS_DIR = path.resolve("db/migrations");
export const PG_MIGRATIONS_DIR = path.resolve("db/migrations-pg");

/** A start-up failure whose message is meant for the operator, as it is. */
export class DatabaseStartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseStartupError";
  }
}

/** How many migrations this version of the app knows; stored in PRAGMA user_version after migrating. */
export function knownSchemaVersion(migrationsDir = MIGRATIONS_DIR): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  migrationsDir?: string;
}

/** Opens the SQLite database file (or ":memory:") synchronously. */
export function openDatabase(filePath: string, options: OpenOptions = {}): Db {
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const isMemory = filePath === ":memory:";
  let sqlite: Database.Database;
  try {
    if (!isMemory) createPrivateFile(path.resolve(filePath));
    sqlite = new Database(filePath);
  } catch (error) {
    throw new DatabaseStartupError(
      `无法打开数据库文件 ${path.resolve(filePath)}:${describe(error)}。请检查路径是否存在且可写(可用 DATABASE_PATH 指定其他位置)。`,
      { cause: error },
    );
  }
  try {
    sqlite.pragma("busy_timeout = 5000");
    if (!isMemory) sqlite.pragma("journal_mode = WAL");
    // In WAL mode NORMAL keeps every committed transaction across a crash of the server process (the
    // WAL is written before commit returns; only an OS crash or power loss can lose the last ones), which
    // is the guarantee for acknowledged saves, without an fsync per commit.
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("quick_check(1)");
  } catch (error) {
    sqlite.close();
    throw new DatabaseStartupError(
      `数据库文件 ${path.resolve(filePath)} 无法使用(文件损坏、不是 SQLite 数据库或不可写):${describe(error)}`,
      { cause: error },
    );
  }

  const known = knownSchemaVersion(migrationsDir);
  const stored = Number(sqlite.pragma("user_version", { simple: true }));
  if (stored > known) {
    sqlite.close();
    throw new DatabaseStartupError(
      `数据库 ${path.resolve(filePath)} 由更新版本的应用写入(结构版本 ${stored},本程序只认识到 ${known})。请升级应用后再启动,不要用旧版本打开它。`,
    );
  }

  const orm = drizzle(sqlite, { schema });
  if (options.migrate !== false) {
    try {
      migrate(orm, { migrationsFolder: migrationsDir });
      sqlite.pragma(`user_version = ${known}`);
    } catch (error) {
      sqlite.close();
      throw new DatabaseStartupError(`数据库 ${path.resolve(filePath)} 迁移失败:${describe(error)}`, { cause: error });
    }
  }
  return orm as unknown as Db;
}

/**
 * A new database is created readable by its owner only (0600; SQLite gives the -wal and -shm files the
 * same mode), in a directory created 0700. An existing file keeps the mode its operator chose.
 */
function createPrivateFile(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.closeSync(fs.openSync(file, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

// bigint (counts, millisecond times) and numeric (sums, averages) arrive as numbers, as on SQLite.
// Millisecond times stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Any fixed number: the session lock several servers take while one of them migrates. */
const MIGRATION_LOCK = 7_281_001;

export interface PgOpenOptions extends OpenOptions {
  /** Connections in this process's pool (default PG_POOL_MAX or 10). */
  poolMax?: number;
}

/** Connects to PostgreSQL, refuses a database written by a newer app, and migrates (under a lock, so several servers may start at once). */
export async function openPostgres(url: string, options: PgOpenOptions = {}): Promise<Db> {
  if (ENGINE !== "postgres") {
    throw new DatabaseStartupError("这个进程按 SQLite 启动（未设置 DATABASE_URL），不能再打开 PostgreSQL 数据库。");
  }
  const where = redactUrl(url);
  const migrationsDir = options.migrationsDir ?? PG_MIGRATIONS_DIR;
  const pool = new pg.Pool({ connectionString: url, max: options.poolMax ?? (Number(process.env.PG_POOL_MAX) || 10) });
  pool.on("error", () => {}); // an idle client's broken connection is replaced on next use
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseStartupError(`无法连接 PostgreSQL 数据库 ${where}：${describe(error)}。请检查 DATABASE_URL、数据库是否已启动、用户与权限。`, { cause: error });
  }
  const known = knownSchemaVersion(migrationsDir);
  const lockClient = await pool.connect();
  let failed = false;
  try {
    if (options.migrate !== false) await lockClient.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    const stored = await appliedPgMigrations(lockClient);
    if (stored > known) {
      throw new DatabaseStartupError(
        `数据库 ${where} 由更新版本的应用写入（结构版本 ${stored}，本程序只认识到 ${known}）。请升级应用后再启动，不要用旧版本打开它。`,
      );
    }
    const orm = drizzlePg(pool, { schema: schema as never });
    if (options.migrate !== false) {
      try {
        await migratePg(orm, { migrationsFolder: migrationsDir });
      } catch (error) {
        throw new DatabaseStartupError(`数据库 ${where} 迁移失败：${describe(error)}`, { cause: error });
      }
    }
    return orm as unknown as Db;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Released once, here (releasing twice throws and would hide the start-up message); the pool is
    // closed only when start-up failed.
    if (options.migrate !== false) await lockClient.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    lockClient.release();
    if (failed) await pool.end().catch(() => {});
  }
}

async function appliedPgMigrations(client: pg.PoolClient): Promise<number> {
  const exists = await client.query("select to_regclass('drizzle.__drizzle_migrations') as t");
  if (!exists.rows[0]?.t) return 0;
  const r = await client.query("select count(*)::int as n from drizzle.__drizzle_migrations");
  return Number(r.rows[0].n);
}

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else SQLite at `sqlitePath`. */
export async function openConfigured(config: { DATABASE_URL?: string; DATABASE_PATH: string }, options: PgOpenOptions = {}): Promise<Db> {
  return ENGINE === "postgres" ? openPostgres(config.DATABASE_URL!, options) : openDatabase(config.DATABASE_PATH, options);
}

/** Closes the connection (SQLite) or the pool (PostgreSQL). */
export async function closeDatabase(db: Db): Promise<void> {
  const client = (db as unknown as { $client: Database.Database | pg.Pool }).$client;
  if (ENGINE === "postgres") await (client as pg.Pool).end();
  else (client as Database.Database).close();
}

/** The better-sqlite3 connection behind a SQLite Db (for pragmas, backups and prepared hot statements). */
export function sqliteClient(db: Db): Database.Database {
  const client = (db as unknown as { $client: Database.Database }).$client;
  // A SQLite file may be opened in a PostgreSQL process too (db:copy, the schema parity test).
  if (typeof client?.pragma !== "function") throw new Error("sqliteClient() is for SQLite only");
  return client;
}

/** The pg pool behind a PostgreSQL Db. */
export function pgPool(db: Db): pg.Pool {
  if (ENGINE !== "postgres") throw new Error("pgPool() is for PostgreSQL only");
  return (db as unknown as { $client: pg.Pool }).$client;
}

/**
 * Whether a statement prepared once on `db` may serve every later call made with it: always on SQLite
 * (one connection, transactions included); on PostgreSQL only for the pool itself, not a transaction
 * (whose statements must run on its own connection).
 */
export function preparedOnce(db: Executor): boolean {
  if (ENGINE !== "postgres") return true;
  const client = (db as unknown as { session?: { client?: object } }).session?.client;
  return !!client && "totalCount" in client;
}

// ---------------------------------------------------------------------------------------------
// Primitives used by every query module

const inTransaction = new AsyncLocalStorage<Database.Database>();
const pgTransaction = new AsyncLocalStorage<Db>();

/**
 * PostgreSQL: the transaction the calling code runs in, if any (app/db.server.ts getDb() hands it out,
 * so a service called inside another's transaction reads and writes in it). SQLite: undefined (one
 * connection: the database is the transaction).
 */
export function currentTransaction(): Db | undefined {
  return ENGINE === "postgres" ? pgTransaction.getStore() : undefined;
}
const queues = new WeakMap<Database.Database, Promise<unknown>>();

/**
 * Runs `fn` in one transaction and returns its result; rolls back if it throws.
 *
 * PostgreSQL: drizzle's transaction on one pooled connection. A call made inside another transaction
 * (whatever handle it is given) is a savepoint of it, so a service that opens its own transaction
 * composes with a caller's.
 * SQLite: BEGIN IMMEDIATE … COMMIT on the one connection. The body must await only database calls:
 * better-sqlite3 runs them synchronously, so no other request's code runs between them. Transactions of
 * this process are queued one after another; a nested call joins the transaction it is called from.
 */
export async function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  if (ENGINE === "postgres") {
    const base = pgTransaction.getStore() ?? db;
    return (base as unknown as { transaction: (f: (tx: unknown) => Promise<T>) => Promise<T> }).transaction((tx) =>
      pgTransaction.run(tx as Db, () => fn(tx as Db)),
    );
  }
  const client = sqliteClient(db);
  if (inTransaction.getStore() === client) return fn(db);
  const run = async (): Promise<T> => {
    client.exec("BEGIN IMMEDIATE");
    try {
      const result = await inTransaction.run(client, () => fn(db));
      client.exec("COMMIT");
      return result;
    } catch (error) {
      if (client.inTransaction) client.exec("ROLLBACK");
      throw error;
    }
  };
  const previous = queues.get(client);
  const next = previous ? previous.then(run, run) : run();
  queues.set(client, next.catch(() => undefined));
  return next;
}

/**
 * Runs a single write that must not be undone by someone else's rollback. SQLite: one connection serves
 * every request, and a transaction's body awaits between its statements, so another request's code can
 * run while it is open; a write made then would join that transaction and vanish if it rolled back. So
 * while another request's transaction is open, the write waits for it (queued like a transaction).
 * Inside the caller's own transaction, or on PostgreSQL (a connection per transaction), it runs now.
 */
export async function writeOutsideOthersTransaction<T>(db: Db, write: () => T): Promise<T> {
  if (ENGINE === "postgres") return write();
  const client = sqliteClient(db);
  if (!client.inTransaction || inTransaction.getStore() === client) return write();
  return transaction(db, async () => write());
}

/**
 * Serialises a critical section across app servers for the rest of the transaction `tx` (PostgreSQL
 * advisory transaction lock on `key`). On SQLite, BEGIN IMMEDIATE already serialises writers: no-op.
 */
export async function lock(tx: Executor, key: string): Promise<void> {
  if (ENGINE === "postgres") await rows(tx, sqlTag`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/** Rows of a raw statement. Quote aliases (`as "userId"`): PostgreSQL folds unquoted names to lower case. */
export async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  if (ENGINE === "postgres") {
    const result = await (db as unknown as { execute: (q: SQL) => Promise<{ rows: T[] }> }).execute(query);
    return result.rows;
  }
  return (db as unknown as { all: (q: SQL) => T[] }).all(query);
}

/** The first row of a raw statement, or undefined. */
export async function row<T>(db: Executor, query: SQL): Promise<T | undefined> {
  if (ENGINE === "postgres") return (await rows<T>(db, query))[0];
  return (db as unknown as { get: (q: SQL) => T | undefined }).get(query);
}

/** Runs a raw statement; returns how many rows it changed. */
export async function exec(db: Executor, query: SQL): Promise<number> {
  if (ENGINE === "postgres") {
    const result = await (db as unknown as { execute: (q: SQL) => Promise<{ rowCount: number | null }> }).execute(query);
    return result.rowCount ?? 0;
  }
  return (db as unknown as { run: (q: SQL) => Database.RunResult }).run(query).changes;
}

/** For command-line scripts: the database the environment names (DATABASE_URL, else DATABASE_PATH or data/app.db). */
export function databaseFromEnv(): { open: (options?: PgOpenOptions) => Promise<Db>; where: string } {
  const url = process.env.DATABASE_URL;
  const file = process.env.DATABASE_PATH ?? "data/app.db";
  return ENGINE === "postgres"
    ? { open: (options) => openPostgres(url!, options), where: redactUrl(url!) }
    : { open: async (options) => openDatabase(file, options), where: file };
}
