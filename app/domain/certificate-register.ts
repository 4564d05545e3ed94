/**
 * The certificate register's rules, pure: what a query string asks for (filters, sort, page), the
 * status of a certificate at a moment (valid / expiring within RENEWAL_WARNING_DAYS / expired / revoked)
 * with its boundaries in calendar days of the product's time zone (./time), and the checks of the
 * revoke and recertification forms. Messages are keys of the i18n catalogue plus parameters.
 */
import { certificateState, daysToExpiry, statusBounds } from "./exam";
import { endOfDay, parseDateInput } from "./time";

export const REGISTER_STATUSES = ["valid", "expiring", "expired", "revoked"] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

export const REGISTER_SORTS = ["holder", "employeeNo", "team", "certificate", "exam", "issued", "expires", "status"] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

export const REGISTER_PAGE_SIZE = 50;
/** An export holds at most this many rows (a filter narrows it). */
export const REGISTER_EXPORT_LIMIT = 100_000;

export interface RegisterQuery {
  /** Holder's name (at issue or now), 工号, or a certificate code (any spelling normaliseCertificateCode accepts). */
  q: string;
  team: string;
  cohortId: number | null;
  examId: number | null;
  status: RegisterStatus | null;
  sort: RegisterSort;
  dir: "asc" | "desc";
  page: number;
}

const ID = /^\d{1,9}$/;

/** Anything unknown in the query string falls back to its default: a register URL never fails. */
export function parseRegisterQuery(params: URLSearchParams): RegisterQuery {
  const pick = <T extends string>(v: string | null, allowed: readonly T[]): T | null => (v && (allowed as readonly string[]).includes(v) ? (v as T) : null);
  const id = (v: string | null) => (v && ID.test(v) ? Number(v) : null);
  const page = Number(params.get("page"));
  return {
    q: (params.get("q") ?? "").trim().slice(0, 100),
    team: (params.get("team") ?? "").trim().slice(0, 100),
    cohortId: id(params.get("cohort")),
    examId: id(params.get("exam")),
    status: pick(params.get("status"), REGISTER_STATUSES),
    sort: pick(params.get("sort"), REGISTER_SORTS) ?? "expires",
    dir: params.get("dir") === "desc" ? "desc" : "asc",
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
  };
}

/** The query string of a register query, leaving out defaults (for links: sort headers, pages, export). */
export function registerSearch(q: RegisterQuery, change: Partial<RegisterQuery> = {}): string {
  const v = { ...q, ...change };
  const p = new URLSearchParams();
  if (v.q) p.set("q", v.q);
  if (v.team) p.set("team", v.team);
  if (v.cohortId !== null) p.set("cohort", String(v.cohortId));
  if (v.examId !== null) p.set("exam", String(v.examId));
  if (v.status) p.set("status", v.status);
  if (v.sort !== "expires") p.set("sort", v.sort);
  if (v.dir !== "asc") p.set("dir", v.dir);
  if (v.page !== 1) p.set("page", String(v.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The register's status is the certificate's one state (./exam): one rule everywhere. */
export const registerStatus: (c: { expiresAt: number; revokedAt: number | null }, now: number) => RegisterStatus = certificateState;
export { statusBounds };

export type FormError = { key: string; params?: Record<string, string | number> };

export const REVOKE_REASON_MIN = 2;
export const REVOKE_REASON_MAX = 200;

export function checkRevokeReason(raw: string): { ok: true; reason: string } | { ok: false; error: FormError } {
  const reason = raw.trim();
  if ([...reason].length < REVOKE_REASON_MIN) return { ok: false, error: { key: "certs.revoke.reasonRequired", params: { min: REVOKE_REASON_MIN } } };
  if ([...reason].length > REVOKE_REASON_MAX) return { ok: false, error: { key: "certs.revoke.reasonTooLong", params: { max: REVOKE_REASON_MAX } } };
  return { ok: true, reason };
}

/** A recertification due date: a calendar date from today on (its end, in the zone). */
export function checkDueDate(raw: string, now: number): { ok: true; dueAt: number } | { ok: false; error: FormError } {
  const d = parseDateInput(raw);
  if (!d) return { ok: false, error: { key: "certs.recert.dueInvalid", params: { value: raw.slice(0, 20) } } };
  const dueAt = endOfDay(d);
  if (dueAt < now) return { ok: false, error: { key: "certs.recert.duePast" } };
  return { ok: true, dueAt };
}

export { daysToExpiry };
