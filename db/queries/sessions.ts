/** Server-side sessions and sign-in failure counting. */
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { loginFailures, sessions } from "../schema";

export function insertSession(db: Executor, s: { id: string; userId: number; createdAt: number; expiresAt: number }) {
  db.insert(sessions).values(s).run();
}

export function deleteSession(db: Executor, sessionId: string) {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function deleteExpiredSessions(db: Executor, now: number) {
  db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
}

/** Records one failure per key; returns the new rows' ids. */
export function recordLoginFailure(db: Executor, keys: string[], at: number): number[] {
  if (!keys.length) return [];
  return db
    .insert(loginFailures)
    .values(keys.map((key) => ({ key, at })))
    .returning({ id: loginFailures.id })
    .all()
    .map((r) => r.id);
}

export function deleteLoginFailures(db: Executor, ids: number[]) {
  if (ids.length) db.delete(loginFailures).where(inArray(loginFailures.id, ids)).run();
}

export function countLoginFailures(db: Executor, key: string, since: number): { count: number; oldest: number | null } {
  const row = db
    .select({ count: sql<number>`count(*)`, oldest: sql<number | null>`min(${loginFailures.at})` })
    .from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)))
    .get()!;
  return { count: row.count, oldest: row.oldest };
}

export function clearLoginFailures(db: Executor, key: string) {
  db.delete(loginFailures).where(eq(loginFailures.key, key)).run();
}

export function pruneLoginFailures(db: Executor, before: number) {
  db.delete(loginFailures).where(lt(loginFailures.at, before)).run();
}
