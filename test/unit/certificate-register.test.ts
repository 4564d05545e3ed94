/** The register's pure rules: query parsing with safe fallbacks, links that keep the filters, status bounds in calendar days of the zone, form checks. */
import { describe, expect, it } from "vitest";
import { checkDueDate, checkRevokeReason, daysToExpiry, parseRegisterQuery, registerSearch, registerStatus, statusBounds } from "~/domain/certificate-register";
import { certificateState } from "~/domain/exam";
import { formatDateTime } from "~/domain/time";

const at = Date.UTC(2026, 10, 29, 16, 30); // 2026-11-30 00:30 Beijing time
const DAY = 86_400_000;

describe("parseRegisterQuery / registerSearch", () => {
  it("reads every filter and falls back to defaults for anything unknown", () => {
    const q = parseRegisterQuery(new URLSearchParams("q= 张三 &team=甲组&cohort=4&exam=7&status=expiring&sort=holder&dir=desc&page=3"));
    expect(q).toEqual({ q: "张三", team: "甲组", cohortId: 4, examId: 7, status: "expiring", sort: "holder", dir: "desc", page: 3 });
    expect(parseRegisterQuery(new URLSearchParams("cohort=x&exam=-1&status=gone&sort=1;drop&dir=up&page=0"))).toEqual({
      q: "",
      team: "",
      cohortId: null,
      examId: null,
      status: null,
      sort: "expires",
      dir: "asc",
      page: 1,
    });
  });
  it("writes back only what differs from the defaults, so links keep filters and sort", () => {
    const q = parseRegisterQuery(new URLSearchParams("exam=7&sort=employeeNo"));
    expect(registerSearch(q, { page: 2 })).toBe("?exam=7&sort=employeeNo&page=2");
    expect(registerSearch(parseRegisterQuery(new URLSearchParams("")))).toBe("");
    expect(parseRegisterQuery(new URLSearchParams(registerSearch(q, { status: "revoked", dir: "desc" }).slice(1)))).toMatchObject({ examId: 7, status: "revoked", dir: "desc", sort: "employeeNo" });
  });
});

describe("statusBounds / registerStatus", () => {
  it("expiring means by the end of the day 30 calendar days from today, in Beijing time", () => {
    const b = statusBounds(at);
    expect(formatDateTime(b.horizon)).toBe("2026-12-30 23:59");
    expect(registerStatus({ expiresAt: b.horizon, revokedAt: null }, at)).toBe("expiring");
    expect(registerStatus({ expiresAt: b.horizon + 1, revokedAt: null }, at)).toBe("valid");
    expect(registerStatus({ expiresAt: at, revokedAt: null }, at)).toBe("expired");
    expect(registerStatus({ expiresAt: at + 1, revokedAt: null }, at)).toBe("expiring");
    expect(registerStatus({ expiresAt: at + 400 * DAY, revokedAt: at - DAY }, at)).toBe("revoked");
  });

  it("every page uses the same rule: certificateState agrees with the register at the boundaries", () => {
    const b = statusBounds(at);
    for (const expiresAt of [at - 1, at, at + 1, b.horizon - 1, b.horizon, b.horizon + 1, at + 400 * DAY]) {
      expect(certificateState({ expiresAt, revokedAt: null }, at)).toBe(registerStatus({ expiresAt, revokedAt: null }, at));
    }
    // 30 × 24 h from now falls before the end of the 30th calendar day: still "expiring", as in the register.
    expect(certificateState({ expiresAt: at + 30 * DAY + 60_000, revokedAt: null }, at)).toBe("expiring");
  });
});

describe("daysToExpiry", () => {
  it("whole days left, rounded up; whole days since, rounded down", () => {
    expect(daysToExpiry(at + 1, at)).toBe(1);
    expect(daysToExpiry(at + 3 * DAY, at)).toBe(3);
    expect(daysToExpiry(at - 70 * DAY - 5, at)).toBe(70);
  });
});

describe("form checks", () => {
  it("a revoke reason is required, 2 to 200 characters, trimmed", () => {
    expect(checkRevokeReason("  ")).toEqual({ ok: false, error: { key: "certs.revoke.reasonRequired", params: { min: 2 } } });
    expect(checkRevokeReason("离")).toMatchObject({ ok: false });
    expect(checkRevokeReason(" 离职 ")).toEqual({ ok: true, reason: "离职" });
    expect(checkRevokeReason("字".repeat(201))).toEqual({ ok: false, error: { key: "certs.revoke.reasonTooLong", params: { max: 200 } } });
  });
  it("a due date is a real calendar date, today or later, meaning its end", () => {
    expect(checkDueDate("2026-11-30", at)).toMatchObject({ ok: true });
    const r = checkDueDate("2026-12-31", at);
    expect(r.ok && formatDateTime(r.dueAt)).toBe("2026-12-31 23:59");
    expect(checkDueDate("2026-11-29", at)).toEqual({ ok: false, error: { key: "certs.recert.duePast" } });
    expect(checkDueDate("2026-02-30", at)).toMatchObject({ ok: false, error: { key: "certs.recert.dueInvalid" } });
    expect(checkDueDate("", at)).toMatchObject({ ok: false, error: { key: "certs.recert.dueInvalid" } });
  });
});
