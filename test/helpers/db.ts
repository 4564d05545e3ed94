/**
 * The database a test uses, on the engine under test.
 *
 * The engine is the project's: vitest's `integration`/`e2e` projects run on SQLite; `integration-pg` and
 * `e2e-pg` (configured only when TEST_DATABASE_URL is set, see vitest.config.ts) run the same files with
 * DATABASE_URL set, so ENGINE is "postgres" in the test process and in every server and CLI it starts.
 *
 * On PostgreSQL, TEST_DATABASE_URL is the cluster's maintenance connection (a role allowed to CREATE
 * DATABASE). Tests never use that database: each asks for a fresh one (`kefu_t_<run>_<label>_<random>`),
 * which is dropped when its test file ends (test/helpers/pg-setup.ts) and, for files that died, when the
 * run ends (test/helpers/pg-global.ts). The test process's own DATABASE_URL names a database that does
 * not exist, so anything that reads DATABASE_URL instead of asking here fails loudly.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { ENGINE, MIGRATIONS_DIR, PG_MIGRATIONS_DIR, closeDatabase, openDatabase, openPostgres, type Db, type OpenOptions } from "@db/client";
import type { Engine } from "@db/engine";
import { DATABASE_PREFIX } from "./pg-global";

export { DATABASE_PREFIX };

export function tempDir(prefix = "kefu-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The engine of this test project. */
export function testEngine(): Engine {
  return ENGINE;
}

/** The cluster's maintenance URL (PostgreSQL projects only). */
export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL 未设置：PostgreSQL 测试只在 integration-pg / e2e-pg 项目中运行。");
  return url;
}

/** The URL of database `name` on the test cluster. */
export function databaseUrlFor(name: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs one statement on the maintenance connection. */
export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Names of the databases this test file created and has not dropped yet. */
const created = new Set<string>();

let version: Promise<number> | undefined;
function serverVersion(): Promise<number> {
  version ??= adminQuery<{ v: string }>("show server_version_num").then((r) => Number(r[0].v));
  return version;
}

function runTag(): string {
  return inject("pgRunTag");
}

/**
 * A new, empty PostgreSQL database on the test cluster, and its URL. `label` (letters, digits) only
 * helps a person reading the cluster's list; names are unique anyway.
 */
export async function freshDatabaseUrl(label = "db"): Promise<string> {
  if (ENGINE !== "postgres") throw new Error("freshDatabaseUrl() 只用于 PostgreSQL 项目（integration-pg / e2e-pg）。");
  const clean = label.toLowerCase().replace(/[^a-z0-9]+/g, "_").slice(0, 20);
  const name = `${DATABASE_PREFIX}${runTag()}_${clean}_${randomBytes(5).toString("hex")}`;
  // PostgreSQL 15+ copies the small template's files faster than it logs them block by block.
  const strategy = (await serverVersion()) >= 150000 ? " strategy = file_copy" : "";
  await adminQuery(`create database "${name}"${strategy}`);
  created.add(name);
  return databaseUrlFor(name);
}

/** Drops the databases this test file created (connections still open to them are ended). */
export async function dropCreatedDatabases(): Promise<void> {
  if (!created.size) return;
  const names = [...created];
  created.clear();
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    for (const name of names) await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

export interface TestDb {
  db: Db;
  /** SQLite: the file; PostgreSQL: undefined. */
  path?: string;
  /** PostgreSQL: the database's URL; SQLite: undefined. */
  url?: string;
  /** Environment that points a server or CLI at this database. */
  env: Record<string, string>;
  close: () => Promise<void>;
}

/**
 * A fresh database on the engine under test, opened in this process and migrated (unless
 * `migrate: false`): SQLite, a new file in a temporary folder; PostgreSQL, a new database on the cluster.
 */
export async function openTestDb(label = "db", options: OpenOptions = {}): Promise<TestDb> {
  if (ENGINE === "postgres") {
    const url = await freshDatabaseUrl(label);
    const db = await openPostgres(url, options);
    return { db, url, env: { DATABASE_URL: url }, close: () => closeDatabase(db) };
  }
  const file = path.join(tempDir(), `${label}.db`);
  const db = openDatabase(file, options);
  return { db, path: file, env: { DATABASE_PATH: file }, close: () => closeDatabase(db) };
}

/**
 * The engine's migrations as an older release shipped them: a copy of db/migrations (or
 * db/migrations-pg) in a temporary folder, its journal cut just before the migration whose tag ends
 * with `tagSuffix` (e.g. "assignment_ref_score_milli"). The tag suffix is the same on both engines.
 */
export function migrationsBefore(tagSuffix: string): string {
  const source = ENGINE === "postgres" ? PG_MIGRATIONS_DIR : MIGRATIONS_DIR;
  const journalFile = path.join(source, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag.endsWith(`_${tagSuffix}`));
  if (cut < 0) throw new Error(`没有以 ${tagSuffix} 结尾的迁移（${journalFile}）。`);
  const dir = tempDir("kefu-migrations-");
  fs.cpSync(source, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }, null, 2));
  return dir;
}

/**
 * A fresh database on the engine under test, migrated only up to (not including) the migration whose
 * tag ends with `tagSuffix`: the database of the release before it. Fill it with raw SQL in that
 * release's shape, then `migrateToLatest()` opens it as the app does on start (every pending migration)
 * and returns the new handle (the old one is closed).
 */
export async function openTestDbBefore(label: string, tagSuffix: string): Promise<TestDb & { migrateToLatest: () => Promise<Db> }> {
  const migrationsDir = migrationsBefore(tagSuffix);
  const old = await openTestDb(label, { migrationsDir });
  const handle = { ...old };
  return Object.assign(handle, {
    migrateToLatest: async () => {
      await closeDatabase(handle.db);
      handle.db = ENGINE === "postgres" ? await openPostgres(old.url!) : openDatabase(old.path!);
      handle.close = () => closeDatabase(handle.db);
      return handle.db;
    },
  });
}
