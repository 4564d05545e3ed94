/**
 * An empty database on the engine under test that a CLI (or server) creates and migrates itself, and a way
 * for the test to open it afterwards: SQLite, a new file path (not created yet); PostgreSQL, a new empty
 * database on the test cluster. Pass `env` to the child process instead of DATABASE_PATH.
 */
import path from "node:path";
import { ENGINE, openDatabase, openPostgres, type Db } from "@db/client";
import { freshDatabaseUrl, tempDir } from "./db";

export interface DbTarget {
  /** DATABASE_PATH (SQLite) or DATABASE_URL (PostgreSQL) for a child process. */
  env: Record<string, string>;
  /** Opens (and migrates) the database in this process; close it with closeDatabase. */
  open: () => Promise<Db>;
  /** Starts a server on it afterwards: `startServer({ ...target.sameDatabase })`. */
  sameDatabase: { dbPath: string } | { databaseUrl: string };
}

export async function emptyDatabase(label = "db"): Promise<DbTarget> {
  if (ENGINE === "postgres") {
    const url = await freshDatabaseUrl(label);
    return { env: { DATABASE_URL: url }, open: () => openPostgres(url), sameDatabase: { databaseUrl: url } };
  }
  const file = path.join(tempDir(), `${label}.db`);
  return { env: { DATABASE_PATH: file }, open: async () => openDatabase(file), sameDatabase: { dbPath: file } };
}
