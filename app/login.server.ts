/** Sign-in: rate limits per account and per address, constant-time-ish failure path. */
import { clearLoginFailures, countLoginFailures, recordLoginFailure } from "@db/queries/sessions";
import { findUserByEmployeeNo } from "@db/queries/users";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { dummyPasswordHash, verifyPassword } from "~/domain/password";
import { accountKey, addressKey, decideLogin, LOGIN_WINDOW_MS } from "~/domain/rate-limit";

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "rateLimited"; retryAfterMs: number };

export async function attemptLogin(employeeNo: string, password: string, ip: string): Promise<LoginResult> {
  const db = getDb();
  const t = now();
  const since = t - LOGIN_WINDOW_MS;
  const aKey = accountKey(employeeNo);
  const ipKey = addressKey(ip);
  const decision = decideLogin(countLoginFailures(db, aKey, since), countLoginFailures(db, ipKey, since), t);
  if (!decision.allowed) return { ok: false, reason: "rateLimited", retryAfterMs: decision.retryAfterMs };

  const user = findUserByEmployeeNo(db, employeeNo.trim());
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !valid) {
    recordLoginFailure(db, [aKey, ipKey], t);
    return { ok: false, reason: "invalid" };
  }
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  clearLoginFailures(db, aKey);
  return { ok: true, userId: user.id };
}
