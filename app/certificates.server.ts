/**
 * Certificates, for the people who administer them and for those who check them:
 *
 * - the register (trainer and admin): filter, sort and page in SQL, so it stays fast with tens of
 *   thousands of certificates; exports of the filtered list as CSV (formulas neutralised) and .xlsx;
 * - revoking (a reason is required) and re-issuing from a register row;
 * - the due-for-recertification list, and turning it into an assignment of the exam in one step;
 * - the printable page (holder, the trainers who may see it, admins) with its QR code, and the public
 *   verification (anyone with the code).
 *
 * Who sees what: an admin sees every certificate; a trainer the certificates whose attempt counts for
 * a cohort the trainer is responsible for (db/queries/visibility.ts: the rule every trainer page uses);
 * learners none. Every function takes the viewer and applies the rule itself, so each action re-checks.
 *
 * Data access is async (awaited builders, `rows` for raw SQL, `transaction` for multi-row writes), on
 * SQL that both SQLite and PostgreSQL run.
 */
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import QRCode from "qrcode";
import { rows, transaction, type Db } from "@db/client";
import { containsTextInAny } from "@db/contains";
import { audit } from "@db/queries/audit";
import { addMembers, cohortsVisibleTo, createCohort, upsertAssignment } from "@db/queries/cohort-admin";
import { attempts, certificates, cohortTrainers, exams } from "@db/schema";
import { certificateInCohort, certificateVisibleToTrainer } from "@db/queries/visibility";
import { now as clockNow } from "~/clock.server";
import { getDb } from "~/db.server";
import { canonicalCertificateCode } from "~/domain/certificate-code";
import {
  REGISTER_EXPORT_LIMIT,
  REGISTER_PAGE_SIZE,
  checkDueDate,
  checkRevokeReason,
  daysToExpiry,
  statusBounds,
  type FormError,
  type RegisterQuery,
  type RegisterSort,
  type RegisterStatus,
} from "~/domain/certificate-register";
import { certificateState } from "~/domain/exam";
import { tableFile } from "~/table-file.server";
import { formatDate, formatDateTime } from "~/domain/time";
import type { MessageKey, T } from "~/i18n";

export interface Viewer {
  id: number;
  role: "learner" | "trainer" | "admin";
}

/** The outcome of an action: a message key for the page, and the HTTP status to answer with. */
export type Outcome = { ok: true; key: MessageKey; params: Record<string, string | number>; cohortId?: number } | { ok: false; status: number; error: FormError };

// --- Visibility --------------------------------------------------------------------------------

/** SQL: the viewer may see the certificate aliased `c`. */
function visible(viewer: Viewer): SQL {
  if (viewer.role === "admin") return sql`1 = 1`;
  if (viewer.role === "trainer") return certificateVisibleToTrainer(viewer.id);
  return sql`1 = 0`;
}

// --- The register ------------------------------------------------------------------------------

export interface RegisterRow {
  id: number;
  code: string;
  /** The certificate's name (what the exam certifies). */
  name: string;
  /** The holder's name as printed on the certificate. */
  holderName: string;
  /** The account's name now (differs after a rename: the certificate can be re-issued). */
  currentName: string;
  employeeNo: string;
  team: string | null;
  examId: number;
  examTitle: string;
  attemptPassed: boolean;
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | null;
  revokedByName: string | null;
  revokeReason: string | null;
  status: RegisterStatus;
}

const STATUS_RANK = (b: { now: number; horizon: number }) =>
  sql`(case when c.revoked_at is not null then 4 when c.expires_at <= ${b.now} then 1 when c.expires_at <= ${b.horizon} then 2 else 3 end)`;

function statusCondition(status: RegisterStatus, b: { now: number; horizon: number }): SQL {
  switch (status) {
    case "revoked":
      return sql`c.revoked_at is not null`;
    case "expired":
      return sql`c.revoked_at is null and c.expires_at <= ${b.now}`;
    case "expiring":
      return sql`c.revoked_at is null and c.expires_at > ${b.now} and c.expires_at <= ${b.horizon}`;
    case "valid":
      return sql`c.revoked_at is null and c.expires_at > ${b.horizon}`;
  }
}

function registerWhere(viewer: Viewer, q: RegisterQuery, b: { now: number; horizon: number }): SQL {
  const parts: SQL[] = [visible(viewer)];
  if (q.q) {
    const code = canonicalCertificateCode(q.q);
    const byText = containsTextInAny([sql`u.name`, sql`c.holder_name`, sql`u.employee_no`], q.q);
    parts.push(code ? sql`(c.code = ${code} or ${byText})` : byText);
  }
  if (q.team) parts.push(sql`u.team = ${q.team}`);
  if (q.examId !== null) parts.push(sql`c.exam_id = ${q.examId}`);
  if (q.cohortId !== null) {
    parts.push(certificateInCohort(q.cohortId));
    // A trainer filters by the cohorts they run; any other cohort gives nothing (says nothing about it).
    if (viewer.role !== "admin") parts.push(sql`exists (select 1 from cohort_trainers ft where ft.cohort_id = ${q.cohortId} and ft.user_id = ${viewer.id})`);
  }
  if (q.status) parts.push(statusCondition(q.status, b));
  return sql.join(parts, sql` and `);
}

const SORT_SQL: Record<RegisterSort, string> = {
  holder: "u.name",
  employeeNo: "u.employee_no",
  team: "coalesce(u.team, '')",
  certificate: "c.name",
  exam: "e.title",
  issued: "c.issued_at",
  expires: "c.expires_at",
  status: "", // the status rank, below
};

function registerOrder(q: RegisterQuery, b: { now: number; horizon: number }): SQL {
  const dir = sql.raw(q.dir === "desc" ? "desc" : "asc");
  const key = q.sort === "status" ? STATUS_RANK(b) : sql.raw(SORT_SQL[q.sort]);
  return sql`${key} ${dir}, c.id ${dir}`;
}

type RawRegisterRow = Omit<RegisterRow, "status" | "attemptPassed"> & { statusRank: number; attemptPassed: number | boolean | null };
const RANK_STATUS: Record<number, RegisterStatus> = { 1: "expired", 2: "expiring", 3: "valid", 4: "revoked" };

async function selectRegister(db: Db, viewer: Viewer, q: RegisterQuery, b: { now: number; horizon: number }, limit: number, offset: number): Promise<RegisterRow[]> {
  const raw = await rows<RawRegisterRow>(
    db,
    sql`select c.id as "id", c.code as "code", c.name as "name", c.holder_name as "holderName", u.name as "currentName",
               u.employee_no as "employeeNo", u.team as "team", c.exam_id as "examId", e.title as "examTitle",
               a.passed as "attemptPassed", c.issued_at as "issuedAt", c.expires_at as "expiresAt", c.revoked_at as "revokedAt",
               r.name as "revokedByName", c.revoke_reason as "revokeReason", ${STATUS_RANK(b)} as "statusRank"
          from certificates c
          join users u on u.id = c.user_id
          join exams e on e.id = c.exam_id
          join attempts a on a.id = c.attempt_id
          left join users r on r.id = c.revoked_by
         where ${registerWhere(viewer, q, b)}
         order by ${registerOrder(q, b)}
         limit ${limit} offset ${offset}`,
  );
  return raw.map(({ statusRank, attemptPassed, ...r }) => ({
    ...r,
    id: Number(r.id),
    examId: Number(r.examId),
    issuedAt: Number(r.issuedAt),
    expiresAt: Number(r.expiresAt),
    revokedAt: r.revokedAt === null ? null : Number(r.revokedAt),
    attemptPassed: Boolean(Number(attemptPassed)),
    status: RANK_STATUS[Number(statusRank)]!,
  }));
}

export interface RegisterPage {
  rows: RegisterRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

/** One page of the register, filtered and sorted in SQL. A page past the end shows the last one. */
export async function registerPage(viewer: Viewer, q: RegisterQuery, at = clockNow()): Promise<RegisterPage> {
  const db = getDb();
  const b = statusBounds(at);
  const [count] = await rows<{ n: number }>(
    db,
    sql`select count(*) as "n" from certificates c join users u on u.id = c.user_id where ${registerWhere(viewer, q, b)}`,
  );
  const total = Number(count?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / REGISTER_PAGE_SIZE));
  const page = Math.min(q.page, pageCount);
  const list = total ? await selectRegister(db, viewer, q, b, REGISTER_PAGE_SIZE, (page - 1) * REGISTER_PAGE_SIZE) : [];
  return { rows: list, total, page, pageCount, pageSize: REGISTER_PAGE_SIZE };
}

export interface RegisterOptions {
  cohorts: { id: number; name: string }[];
  exams: { id: number; title: string }[];
  teams: string[];
}

/** What the filters offer: the viewer's cohorts, and the exams and teams that occur among the certificates they see. */
export async function registerOptions(viewer: Viewer): Promise<RegisterOptions> {
  const db = getDb();
  const cohorts = (await cohortsVisibleTo(db, viewer)).map((c) => ({ id: c.id, name: c.name }));
  const examRows = await rows<{ id: number; title: string }>(
    db,
    sql`select distinct e.id as "id", e.title as "title" from certificates c join exams e on e.id = c.exam_id
         where ${visible(viewer)}
         order by e.title, e.id`,
  );
  const teamRows = await rows<{ team: string }>(
    db,
    sql`select distinct u.team as "team" from certificates c join users u on u.id = c.user_id
         where u.team is not null and u.team <> '' and ${visible(viewer)}
         order by u.team`,
  );
  return { cohorts, exams: examRows.map((e) => ({ id: Number(e.id), title: e.title })), teams: teamRows.map((r) => r.team) };
}

// --- Export ------------------------------------------------------------------------------------

export type ExportFormat = "csv" | "xlsx";

/** The filtered register (every page, up to REGISTER_EXPORT_LIMIT rows) as a file, headed in the viewer's language. */
export async function registerExport(viewer: Viewer, q: RegisterQuery, format: ExportFormat, t: T, at = clockNow()): Promise<{ body: string | Uint8Array<ArrayBuffer>; rows: number }> {
  const b = statusBounds(at);
  const list = await selectRegister(getDb(), viewer, q, b, REGISTER_EXPORT_LIMIT, 0);
  const header = [
    t("certs.col.employeeNo"),
    t("certs.col.holder"),
    t("certs.col.team"),
    t("certs.col.certificate"),
    t("certs.col.exam"),
    t("certs.col.code"),
    t("certs.col.issued"),
    t("certs.col.expires"),
    t("certs.col.status"),
    t("certs.col.revokedAt"),
    t("certs.col.revokedBy"),
    t("certs.col.reason"),
  ];
  const data = list.map((r) => [
    r.employeeNo,
    r.holderName,
    r.team ?? "",
    r.name,
    r.examTitle,
    r.code,
    formatDate(r.issuedAt),
    formatDate(r.expiresAt),
    t(`certs.status.${r.status}`),
    r.revokedAt === null ? "" : formatDateTime(r.revokedAt),
    r.revokedByName ?? "",
    r.revokeReason ?? "",
  ]);
  // The one export rule for every results file (CSV and .xlsx; text a spreadsheet would run is neutralised).
  const file = await tableFile({ header, rows: data }, format, t("certs.export.sheet"));
  return { body: file.body, rows: data.length };
}

// --- One certificate -----------------------------------------------------------------------------

/** The certificate with this code if the viewer may administer it (else undefined: the caller answers 404). */
async function visibleCertificate(db: Db, viewer: Viewer, rawCode: string) {
  const code = canonicalCertificateCode(rawCode);
  if (!code || (viewer.role !== "admin" && viewer.role !== "trainer")) return undefined;
  const [found] = await rows<{ id: number; code: string; userId: number; attemptId: string; holderName: string; currentName: string; revokedAt: number | null }>(
    db,
    sql`select c.id as "id", c.code as "code", c.user_id as "userId", c.attempt_id as "attemptId", c.holder_name as "holderName",
               u.name as "currentName", c.revoked_at as "revokedAt"
          from certificates c join users u on u.id = c.user_id
         where c.code = ${code} and ${visible(viewer)}`,
  );
  return found ? { ...found, id: Number(found.id), userId: Number(found.userId) } : undefined;
}

const notFound = (): Outcome => ({ ok: false, status: 404, error: { key: "certs.error.notFound" } });

/** Revokes a certificate the viewer may see, with a reason (logged in the audit; never shown publicly). */
export async function revokeFromRegister(viewer: Viewer, rawCode: string, rawReason: string): Promise<Outcome> {
  const db = getDb();
  const cert = await visibleCertificate(db, viewer, rawCode);
  if (!cert) return notFound();
  const checked = checkRevokeReason(rawReason);
  if (!checked.ok) return { ok: false, status: 400, error: checked.error };
  if (cert.revokedAt !== null) return { ok: false, status: 409, error: { key: "certs.revoke.already", params: { code: cert.code } } };
  const at = clockNow();
  const changed = await transaction(db, async (tx) => {
    const done = await tx
      .update(certificates)
      .set({ revokedAt: at, revokedBy: viewer.id, revokeReason: checked.reason })
      .where(and(eq(certificates.id, cert.id), isNull(certificates.revokedAt)))
      .returning({ id: certificates.id });
    if (done.length) await audit(tx, viewer.id, "certificate.revoke", { certificateId: cert.id, code: cert.code, reason: checked.reason }, at);
    return done.length;
  });
  if (!changed) return { ok: false, status: 409, error: { key: "certs.revoke.already", params: { code: cert.code } } };
  return { ok: true, key: "certs.revoke.done", params: { code: cert.code, holder: cert.holderName } };
}

/**
 * Re-issues a certificate: the same code (so a printed copy verifies again), valid again if it was
 * revoked, with the holder's current name; the issue and expiry dates stay those the exam earned.
 * Refused when the attempt no longer passes (a regrade took the pass away), and when there is nothing
 * to re-issue (not revoked, name unchanged). The previous revocation stays in the audit log.
 */
export async function reissueFromRegister(viewer: Viewer, rawCode: string): Promise<Outcome> {
  const db = getDb();
  const cert = await visibleCertificate(db, viewer, rawCode);
  if (!cert) return notFound();
  const [attempt] = await db.select({ passed: attempts.passed }).from(attempts).where(eq(attempts.id, cert.attemptId)).limit(1);
  if (!attempt?.passed) return { ok: false, status: 409, error: { key: "certs.reissue.notPassed", params: { code: cert.code } } };
  if (cert.revokedAt === null && cert.holderName === cert.currentName) return { ok: false, status: 409, error: { key: "certs.reissue.nothing", params: { code: cert.code } } };
  const at = clockNow();
  await transaction(db, async (tx) => {
    const [before] = await tx.select().from(certificates).where(eq(certificates.id, cert.id)).limit(1);
    await tx.update(certificates).set({ revokedAt: null, revokedBy: null, revokeReason: null, holderName: cert.currentName }).where(eq(certificates.id, cert.id));
    await audit(
      tx,
      viewer.id,
      "certificate.reissue",
      { certificateId: cert.id, code: cert.code, holderName: { from: before?.holderName, to: cert.currentName }, revoked: before?.revokedAt ? { at: before.revokedAt, by: before.revokedBy, reason: before.revokeReason } : null },
      at,
    );
  });
  return { ok: true, key: "certs.reissue.done", params: { code: cert.code, holder: cert.currentName } };
}

// --- Due for recertification -------------------------------------------------------------------

export interface DueRow {
  code: string;
  name: string;
  holder: string;
  employeeNo: string;
  team: string | null;
  examId: number;
  issuedAt: number;
  expiresAt: number;
  expired: boolean;
  days: number;
}

export interface DueGroup {
  examId: number;
  examTitle: string;
  examStatus: string;
  certificateName: string;
  people: number;
  expired: number;
}

/** Not revoked, expired or expiring within the warning period, and not since renewed (no newer certificate of that name). */
function dueWhere(viewer: Viewer, b: { now: number; horizon: number }): SQL {
  return sql`c.revoked_at is null and c.expires_at <= ${b.horizon}
    and not exists (select 1 from certificates n where n.user_id = c.user_id and n.name = c.name and n.revoked_at is null and n.expires_at > c.expires_at)
    and u.disabled_at is null
    and ${visible(viewer)}`;
}

export const DUE_LIST_LIMIT = 200;

/** Who is due for recertification (the viewer's certificates), per exam, and the first DUE_LIST_LIMIT of them soonest first. */
export async function dueForRecertification(viewer: Viewer, at = clockNow()): Promise<{ groups: DueGroup[]; rows: DueRow[]; total: number }> {
  const db = getDb();
  const b = statusBounds(at);
  const groups = await rows<DueGroup>(
    db,
    sql`select c.exam_id as "examId", e.title as "examTitle", e.status as "examStatus", min(c.name) as "certificateName",
               count(distinct c.user_id) as "people", count(distinct case when c.expires_at <= ${b.now} then c.user_id end) as "expired"
          from certificates c join users u on u.id = c.user_id join exams e on e.id = c.exam_id
         where ${dueWhere(viewer, b)}
         group by c.exam_id, e.title, e.status
         order by e.title, c.exam_id`,
  );
  const list = await rows<Omit<DueRow, "expired" | "days">>(
    db,
    sql`select c.code as "code", c.name as "name", u.name as "holder", u.employee_no as "employeeNo", u.team as "team", c.exam_id as "examId",
               c.issued_at as "issuedAt", c.expires_at as "expiresAt"
          from certificates c join users u on u.id = c.user_id
         where ${dueWhere(viewer, b)}
         order by c.expires_at, c.id
         limit ${DUE_LIST_LIMIT}`,
  );
  const total = groups.reduce((s, g) => s + Number(g.people), 0);
  return {
    groups: groups.map((g) => ({ ...g, examId: Number(g.examId), people: Number(g.people), expired: Number(g.expired) })),
    rows: list.map((r) => {
      const expiresAt = Number(r.expiresAt);
      return { ...r, examId: Number(r.examId), issuedAt: Number(r.issuedAt), expiresAt, expired: expiresAt <= at, days: daysToExpiry(expiresAt, at) };
    }),
    total,
  };
}

/**
 * Recertification in one step: the people due for recertification on this exam (as the viewer sees
 * them) become members of a recertification cohort run by the viewer, and the exam is assigned to that
 * cohort with the due date — the same cohort assignment trainers make by hand, so learners see it on
 * /assignments and the dashboard, and the new attempts count for the viewer's reports. The cohort is
 * named after the exam and today's date: pressing the button again the same day reuses it (adds anyone
 * newly due, updates the due date) instead of making a second one.
 */
export async function assignRecertification(viewer: Viewer, examIdRaw: string, dueRaw: string, cohortName: (exam: string, date: string) => string): Promise<Outcome> {
  const db = getDb();
  const at = clockNow();
  if (viewer.role !== "admin" && viewer.role !== "trainer") return notFound();
  const examId = /^\d{1,9}$/.test(examIdRaw) ? Number(examIdRaw) : null;
  const [exam] = examId === null ? [] : await db.select({ id: exams.id, title: exams.title, status: exams.status, closesAt: exams.closesAt }).from(exams).where(eq(exams.id, examId)).limit(1);
  if (!exam) return notFound();
  const due = checkDueDate(dueRaw, at);
  if (!due.ok) return { ok: false, status: 400, error: due.error };
  if (exam.status !== "published" || (exam.closesAt !== null && exam.closesAt <= at)) return { ok: false, status: 409, error: { key: "certs.recert.examClosed", params: { exam: exam.title } } };
  const b = statusBounds(at);
  const people = await rows<{ userId: number }>(
    db,
    sql`select distinct c.user_id as "userId" from certificates c join users u on u.id = c.user_id where c.exam_id = ${exam.id} and ${dueWhere(viewer, b)}`,
  );
  const userIds = people.map((p) => Number(p.userId));
  if (!userIds.length) return { ok: false, status: 409, error: { key: "certs.recert.nobody", params: { exam: exam.title } } };
  const name = cohortName(exam.title, formatDate(at));
  const cohortId = await transaction(db, async (tx) => {
    const existing = (await cohortsVisibleTo(tx, viewer)).find((c) => c.name === name && c.archivedAt === null);
    const id = existing ? existing.id : await createCohort(tx, { name, description: null }, viewer.id, at);
    // An admin reusing someone else's cohort becomes one of its trainers too (a no-op when already one).
    await tx.insert(cohortTrainers).values({ cohortId: id, userId: viewer.id }).onConflictDoNothing();
    const added = await addMembers(tx, id, userIds, at);
    await upsertAssignment(tx, id, { kind: "exam", examId: exam.id, dueAt: due.dueAt }, at);
    await audit(tx, viewer.id, "certificate.recertify", { cohortId: id, examId: exam.id, people: userIds.length, added, dueAt: due.dueAt }, at);
    return id;
  });
  return { ok: true, key: "certs.recert.done", params: { exam: exam.title, n: userIds.length, cohort: name, due: formatDate(due.dueAt) }, cohortId };
}

// --- The printable page and public verification ------------------------------------------------

export interface PrintableCertificate {
  code: string;
  holderName: string;
  name: string;
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

async function byCode(db: Db, code: string) {
  const [c] = await db.select().from(certificates).where(eq(certificates.code, code)).limit(1);
  return c;
}

/** The certificate for its printable page: its holder, an admin, or a trainer who may see it; else undefined (404). */
export async function certificateForPrint(viewer: Viewer, rawCode: string): Promise<PrintableCertificate | undefined> {
  const db = getDb();
  const code = canonicalCertificateCode(rawCode);
  if (!code) return undefined;
  const c = await byCode(db, code);
  if (!c) return undefined;
  if (c.userId !== viewer.id && !(await visibleCertificate(db, viewer, code))) return undefined;
  return { code: c.code, holderName: c.holderName, name: c.name, issuedAt: c.issuedAt, expiresAt: c.expiresAt, revokedAt: c.revokedAt };
}

/** What a verifier sees: holder, certificate, dates and state (expiring soon is still valid to a verifier). */
export async function certificateForVerify(rawCode: string, at = clockNow()) {
  const code = canonicalCertificateCode(rawCode);
  if (!code) return undefined;
  const c = await byCode(getDb(), code);
  if (!c) return undefined;
  const state = certificateState(c, at);
  return { code: c.code, holderName: c.holderName, name: c.name, issuedAt: c.issuedAt, expiresAt: c.expiresAt, state: state === "expiring" ? ("valid" as const) : state };
}

/**
 * A QR code of `text` as one SVG path (dark modules), computed on the server. The page draws it as a
 * React <svg><path d=…/></svg>: no markup from a library goes into the page, only numbers.
 */
export function qrPath(text: string): { size: number; d: string } {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  let d = "";
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!qr.modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && qr.modules.get(y, x)) x++;
      d += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  }
  return { size, d };
}
