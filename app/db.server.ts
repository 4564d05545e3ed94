/**
 * The process-wide database handle. `initDb()` opens (and migrates) it at start-up, before the server
 * listens: PostgreSQL when DATABASE_URL is set (a pool; a bad address, credentials or a too-new
 * database stop the start), else SQLite at DATABASE_PATH. `getDb()` stays synchronous and returns the
 * opened handle (inside a transaction on PostgreSQL: that transaction); on SQLite it may still open the
 * file on first use (scripts and in-process tests).
 */
import { currentTransaction, ENGINE, openConfigured, openDatabase, type Db } from "@db/client";
import { getEnv } from "~/env.server";

const g = globalThis as unknown as { __kefuDb?: Db };

/** Opens the configured database once (idempotent). */
export async function initDb(): Promise<Db> {
  g.__kefuDb ??= await openConfigured(getEnv());
  return g.__kefuDb;
}

export function getDb(): Db {
  // PostgreSQL: inside a transaction (db/client.ts `transaction`), the transaction.
  const tx = currentTransaction();
  if (tx) return tx;
  if (!g.__kefuDb) {
    if (ENGINE === "postgres") throw new Error("PostgreSQL 数据库尚未打开：启动时应先调用 initDb()。");
    g.__kefuDb = openDatabase(getEnv().DATABASE_PATH);
  }
  return g.__kefuDb;
}

/** For tests and scripts that manage their own connection. */
export function setDb(db: Db | undefined) {
  g.__kefuDb = db;
}
