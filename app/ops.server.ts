/**
 * What the operator and the HTTP server need from the app beyond pages: the health check, the test
 * clock control (test mode only), and closing down cleanly. server.ts reaches these through the
 * server build's entry module, so they share the app's one database handle and one clock.
 */
import fs from "node:fs";
import path from "node:path";
import { now, testClock } from "~/clock.server";
import { sql } from "drizzle-orm";
import { closeDatabase, ENGINE, knownSchemaVersion, PG_MIGRATIONS_DIR, row, sqliteClient } from "@db/client";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { stopBackgroundJobs } from "~/bootstrap.server";

let version: string | undefined;
export function appVersion(): string {
  if (version === undefined) {
    try {
      version = String((JSON.parse(fs.readFileSync(path.resolve("package.json"), "utf8")) as { version?: string }).version ?? "unknown");
    } catch {
      version = "unknown";
    }
  }
  return version;
}

let closed = false;

export interface HealthReport {
  status: 200 | 503;
  body: { status: "ok" | "unavailable"; version: string; database: "ok" | "unavailable" | "closed"; schemaVersion?: number; error?: string };
}

/**
 * Cheap enough to poll every second: SQLite, one read of the schema page of the open connection;
 * PostgreSQL, one count of the applied migrations over the pool.
 */
export async function health(): Promise<HealthReport> {
  const base = { version: appVersion() };
  if (closed) return { status: 503, body: { ...base, status: "unavailable", database: "closed" } };
  try {
    if (ENGINE === "postgres") {
      const r = await row<{ n: number }>(getDb(), sql`select count(*) as "n" from drizzle.__drizzle_migrations`);
      const schemaVersion = Number(r?.n ?? knownSchemaVersion(PG_MIGRATIONS_DIR));
      return { status: 200, body: { ...base, status: "ok", database: "ok", schemaVersion } };
    }
    const sqlite = sqliteClient(getDb());
    sqlite.prepare("select count(*) from sqlite_master").pluck().get();
    const schemaVersion = Number(sqlite.pragma("user_version", { simple: true }));
    return { status: 200, body: { ...base, status: "ok", database: "ok", schemaVersion } };
  } catch (error) {
    return { status: 503, body: { ...base, status: "unavailable", database: "unavailable", error: error instanceof Error ? error.message : String(error) } };
  }
}

/**
 * Last step of a graceful shutdown: no more sweeps; SQLite: fold the WAL into the database file and
 * close it; PostgreSQL: close the pool (its connections end; the server keeps everything committed).
 * `checkpointed` is true on PostgreSQL once the pool is closed.
 */
export async function closeApp(): Promise<{ checkpointed: boolean }> {
  stopBackgroundJobs();
  if (closed) return { checkpointed: false };
  closed = true;
  const db = getDb();
  if (ENGINE === "postgres") {
    // The handle stays in place, closed: anything still running fails loudly instead of reopening it.
    await closeDatabase(db);
    return { checkpointed: true };
  }
  const sqlite = sqliteClient(db);
  let checkpointed = false;
  try {
    const r = sqlite.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    checkpointed = r[0]?.busy === 0;
  } finally {
    // The handle stays in place, closed: anything still running fails loudly instead of reopening it.
    sqlite.close();
  }
  return { checkpointed };
}

/** The test clock's control (POST /__test/clock): {set: ms} | {advance: ms} | {reset: true}. */
export function controlTestClock(body: unknown): { status: number; body: Record<string, unknown> } {
  if (!getEnv().testClock) return { status: 404, body: { ok: false } };
  const b = (body ?? {}) as { set?: unknown; advance?: unknown; reset?: unknown };
  if (b.reset === true) testClock.reset();
  else if (typeof b.set === "number" && Number.isFinite(b.set)) testClock.set(b.set);
  else if (typeof b.advance === "number" && Number.isFinite(b.advance)) testClock.advance(b.advance);
  else if (Object.keys(b).length) return { status: 400, body: { ok: false, message: '需要 JSON：{"set": ms} / {"advance": ms} / {"reset": true}' } };
  return { status: 200, body: { ok: true, now: now() } };
}
