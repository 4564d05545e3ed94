/** Server-side sessions and sign-in failure counting. */
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { loginFailures, sessions } from "../schema";

export async function insertSession(db: Executor, s: { id: string; userId: number; createdAt: number; expiresAt: number }): Promise<void> {
  await db.insert(sessions).values(s);
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteExpiredSessions(db: Executor, now: number): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

/** Records one failure per key; returns the new rows' ids. */
export async function recordLoginFailure(db: Executor, keys: string[], at: number): Promise<number[]> {
  if (!keys.length) return [];
  const rows = await db
    .insert(loginFailures)
    .values(keys.map((key) => ({ key, at })))
    .returning({ id: loginFailures.id });
  return rows.map((r) => r.id);
}

export async function deleteLoginFailures(db: Executor, ids: number[]): Promise<void> {
  if (ids.length) await db.delete(loginFailures).where(inArray(loginFailures.id, ids));
}

export async function countLoginFailures(db: Executor, key: string, since: number): Promise<{ count: number; oldest: number | null }> {
  const [row] = await db
    .select({ count: sql<number>`count(*)`.mapWith(Number), oldest: sql<number | null>`min(${loginFailures.at})`.mapWith(Number) })
    .from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)));
  return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
}

export async function clearLoginFailures(db: Executor, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}

export async function pruneLoginFailures(db: Executor, before: number): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.at, before));
}
