/** Server-side sessions and sign-in failure counting. */
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { loginFailures, sessions, users } from "../schema";

export function insertSession(db: Executor, s: { id: string; userId: number; createdAt: number; expiresAt: number }) {
  db.insert(sessions).values(s).run();
}

/** The session's user, if the session exists, has not expired and the account is enabled. */
export function findSessionUser(db: Executor, sessionId: string, now: number) {
  return db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      id: users.id,
      employeeNo: users.employeeNo,
      name: users.name,
      role: users.role,
      team: users.team,
      disabledAt: users.disabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now)))
    .get();
}

export function deleteSession(db: Executor, sessionId: string) {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function deleteExpiredSessions(db: Executor, now: number) {
  db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
}

export function countSessionsForUser(db: Executor, userId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(sessions).where(eq(sessions.userId, userId)).get()!.n;
}

export function recordLoginFailure(db: Executor, keys: string[], at: number) {
  if (keys.length) db.insert(loginFailures).values(keys.map((key) => ({ key, at }))).run();
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
