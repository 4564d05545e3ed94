/**
 * Sign-in rate limits: failures counted per account and per address over a sliding window.
 * Pure: the caller counts failures in the database and passes the numbers.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface FailureCount {
  count: number;
  /** Time of the oldest failure still inside the window. */
  oldest: number | null;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number; scope: "account" | "address" };

export function decideLogin(account: FailureCount, address: FailureCount, now: number): LimitDecision {
  const blocked = (c: FailureCount, max: number) => c.count >= max;
  const retry = (c: FailureCount) => Math.max(1000, (c.oldest ?? now) + LOGIN_WINDOW_MS - now);
  if (blocked(account, MAX_FAILURES_PER_ACCOUNT)) return { allowed: false, retryAfterMs: retry(account), scope: "account" };
  if (blocked(address, MAX_FAILURES_PER_ADDRESS)) return { allowed: false, retryAfterMs: retry(address), scope: "address" };
  return { allowed: true };
}

export function accountKey(employeeNo: string) {
  return `acct:${employeeNo.trim().toLowerCase()}`;
}
export function addressKey(ip: string) {
  return `ip:${ip}`;
}
