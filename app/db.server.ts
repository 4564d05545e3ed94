/**
 * The process-wide database connection. Opened (and migrated) on first use; bootstrap() opens it at
 * start-up so a bad path or a too-new database stops the server before it listens.
 */
import { openDatabase, type Db } from "@db/client";
import { getEnv } from "~/env.server";

const g = globalThis as unknown as { __kefuDb?: Db };

export function getDb(): Db {
  g.__kefuDb ??= openDatabase(getEnv().DATABASE_PATH);
  return g.__kefuDb;
}

/** For tests and scripts that manage their own connection. */
export function setDb(db: Db | undefined) {
  g.__kefuDb = db;
}
