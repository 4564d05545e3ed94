/**
 * Sign-in: rate limits per account and per address, constant-time-ish failure path.
 *
 * Every password check is paid for in advance: one immediate (write-locked) transaction counts the
 * failures in the window and, when the attempt is allowed, records it as a failure for the account and
 * the address before the slow scrypt check starts. A burst of parallel guesses therefore sees its own
 * reservations, and at most MAX_FAILURES_PER_ACCOUNT checks run per account per window whatever the
 * concurrency. The transaction takes the lock "login:<key>" for the account's key (PostgreSQL: an
 * advisory lock; SQLite: BEGIN IMMEDIATE's write lock), so this also holds across several server
 * processes on one database.
 * A right password removes the reservations (and the account's earlier failures).
 */
import { lock, transaction } from "@db/client";
import { clearLoginFailures, countLoginFailures, deleteLoginFailures, recordLoginFailure } from "@db/queries/sessions";
import { findUserByEmployeeNo } from "@db/queries/users";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { dummyPasswordHash, verifyPassword } from "~/domain/password";
import { accountKey, addressKey, decideLogin, LOGIN_WINDOW_MS, type LimitDecision } from "~/domain/rate-limit";

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "rateLimited"; retryAfterMs: number };

/** Count and, if allowed, reserve one attempt for both keys, atomically. */
async function reserveAttempt(aKey: string, ipKey: string, t: number): Promise<{ decision: LimitDecision; ids: number[] }> {
  const since = t - LOGIN_WINDOW_MS;
  return transaction(getDb(), async (tx) => {
    // Both keys, always in this order, so two reservations never wait on each other crosswise.
    await lock(tx, `login:${aKey}`);
    await lock(tx, `login:${ipKey}`);
    const decision = decideLogin(await countLoginFailures(tx, aKey, since), await countLoginFailures(tx, ipKey, since), t);
    const ids = decision.allowed ? await recordLoginFailure(tx, [aKey, ipKey], t) : [];
    return { decision, ids };
  });
}

export async function attemptLogin(employeeNo: string, password: string, ip: string): Promise<LoginResult> {
  const db = getDb();
  const t = now();
  const aKey = accountKey(employeeNo);
  const ipKey = addressKey(ip);
  const { decision, ids } = await reserveAttempt(aKey, ipKey, t);
  if (!decision.allowed) return { ok: false, reason: "rateLimited", retryAfterMs: decision.retryAfterMs };

  const user = await findUserByEmployeeNo(db, employeeNo.trim());
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !valid) return { ok: false, reason: "invalid" };
  // The right password: this was no failure.
  await deleteLoginFailures(db, ids);
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  await clearLoginFailures(db, aKey);
  return { ok: true, userId: user.id };
}
