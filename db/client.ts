/**
 * Opening the database: one place for the pragmas, the migrations and the checks that stop start-up
 * with a clear message (unwritable or corrupt file, a database written by a newer version of the app).
 */
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The database or a transaction: what query functions take, so callers can compose them in one transaction. */
export type Executor = BaseSQLiteDatabase<"sync", Database.RunResult, typeof schema>;

/** Resolved from the working directory (the project root for every npm script), not from this file:
 *  the built server bundles this module into build/server. */
export const MIGRATIONS_DIR = path.resolve("db/migrations");

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

  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate !== false) {
    try {
      migrate(db, { migrationsFolder: migrationsDir });
      sqlite.pragma(`user_version = ${known}`);
    } catch (error) {
      sqlite.close();
      throw new DatabaseStartupError(`数据库 ${path.resolve(filePath)} 迁移失败:${describe(error)}`, { cause: error });
    }
  }
  return db;
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
