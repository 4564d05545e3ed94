/**
 * Staff list import in two steps. Upload: the file is decoded and checked, and kept server-side (a
 * pending_imports row of format "staff-csv", only its uploader can read it). Preview: the plan — every
 * row new, changed (field by field) or unchanged — computed against the accounts as they are now, with a
 * fingerprint of everything the import would write. Apply: one transaction that plans again, refuses if
 * the fingerprint differs from the one the admin confirmed (someone changed an account, or the file is
 * gone), and otherwise writes exactly that plan: all or nothing. Importing the same file twice changes
 * nothing.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { lock, transaction, type Db } from "@db/client";
import { audit } from "@db/queries/audit";
import { pendingImports, users } from "@db/schema";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { generatePassword, hashPassword } from "~/domain/password";
import { parseStaffCsv, parseStaffText, type Encoding, type RowError } from "~/domain/staff-csv";
import { planStaffImport, type StaffPlan } from "~/domain/staff-plan";

/** How long an unconfirmed staff list is kept. */
export const STAFF_PENDING_TTL_MS = 24 * 60 * 60 * 1000;
const FORMAT = "staff-csv" as const;

export interface ImportSummary {
  created: { employeeNo: string; name: string; password: string }[];
  updated: number;
  unchanged: number;
}

/** Refused as a whole: every row that would have taken away the last active administrator. */
export class LastAdminError extends Error {
  constructor(public rows: { line: number; employeeNo: string }[]) {
    super("last admin");
    this.name = "LastAdminError";
  }
}

/** The accounts changed since the preview, or the preview is gone: nothing was imported. */
export class StalePreviewError extends Error {
  constructor() {
    super("stale preview");
    this.name = "StalePreviewError";
  }
}

export type UploadResult = { ok: true; pendingId: string } | { ok: false; encoding: Encoding | null; errors: RowError[] };

/** Checks the file and keeps it for the preview; a file with any error is not kept. */
export async function uploadStaffList(actorId: number, bytes: Uint8Array, fileName: string): Promise<UploadResult> {
  const parsed = parseStaffCsv(bytes);
  if (!parsed.ok) return { ok: false, encoding: parsed.encoding, errors: parsed.errors };
  const db = getDb();
  const id = randomBytes(16).toString("hex");
  const t = now();
  await transaction(db, async (tx) => {
    await tx.delete(pendingImports).where(and(eq(pendingImports.format, FORMAT), lt(pendingImports.createdAt, t - STAFF_PENDING_TTL_MS)));
    // One staff list at a time per admin: a new upload replaces an unconfirmed one.
    await tx.delete(pendingImports).where(and(eq(pendingImports.format, FORMAT), eq(pendingImports.userId, actorId)));
    await tx.insert(pendingImports).values({ id, userId: actorId, format: FORMAT, fileName: `${parsed.encoding}|${fileName.slice(0, 200)}`, text: parsed.text!, createdAt: t });
  });
  return { ok: true, pendingId: id };
}

async function pendingOf(db: Db, actorId: number, pendingId: string) {
  const [row] = await db
    .select()
    .from(pendingImports)
    .where(and(eq(pendingImports.id, pendingId), eq(pendingImports.userId, actorId), eq(pendingImports.format, FORMAT)))
    .limit(1);
  if (!row || row.createdAt < now() - STAFF_PENDING_TTL_MS) return null;
  const bar = row.fileName.indexOf("|");
  return { ...row, encoding: row.fileName.slice(0, bar) as Encoding, fileName: row.fileName.slice(bar + 1) };
}

async function planFor(db: Db, text: string, encoding: Encoding): Promise<StaffPlan & { fingerprint: string }> {
  const parsed = parseStaffText(text, encoding);
  if (!parsed.ok) throw new StalePreviewError(); // cannot happen: the kept text parsed at upload
  const nos = parsed.rows.map((r) => r.employeeNo);
  const existing = [];
  for (let i = 0; i < nos.length; i += 500) {
    const chunk = nos.slice(i, i + 500);
    existing.push(
      ...(await db
        .select({ id: users.id, employeeNo: users.employeeNo, name: users.name, role: users.role, team: users.team, disabledAt: users.disabledAt })
        .from(users)
        .where(inArray(sql`lower(${users.employeeNo})`, chunk.map((n) => n.toLowerCase())))),
    );
  }
  const admins = await db.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
  const plan = planStaffImport(
    parsed.rows,
    existing,
    admins.map((a) => a.id),
  );
  return { ...plan, fingerprint: createHash("sha256").update(plan.signature).digest("hex") };
}

export type StaffPreview = { pendingId: string; fileName: string; encoding: Encoding; plan: Omit<StaffPlan, "signature">; fingerprint: string };

/** The plan of a kept file against the accounts as they are now; null when not the actor's or gone. */
export async function previewStaffImport(actorId: number, pendingId: string): Promise<StaffPreview | null> {
  const db = getDb();
  const row = await pendingOf(db, actorId, pendingId);
  if (!row) return null;
  const { signature: _signature, fingerprint, ...plan } = await planFor(db, row.text, row.encoding);
  return { pendingId: row.id, fileName: row.fileName, encoding: row.encoding, plan, fingerprint };
}

/**
 * Applies the previewed plan, or throws (nothing changed): StalePreviewError when the plan is not the
 * one confirmed (fingerprint) or the file is gone; LastAdminError when no active admin would remain.
 */
export async function applyStaffImport(actorId: number, pendingId: string, fingerprint: string): Promise<ImportSummary> {
  const db = getDb();
  const first = await pendingOf(db, actorId, pendingId);
  if (!first) throw new StalePreviewError();
  const outside = await planFor(db, first.text, first.encoding);
  if (outside.fingerprint !== fingerprint) throw new StalePreviewError();
  // Hash the new accounts' passwords before the transaction (scrypt is slow by design).
  const passwords = new Map<string, { password: string; hash: string }>();
  for (const e of outside.entries) {
    if (e.kind !== "new") continue;
    const password = generatePassword();
    passwords.set(e.employeeNo, { password, hash: await hashPassword(password) });
  }
  const t = now();
  return transaction(db, async (tx) => {
    await lock(tx, "admins");
    const row = await pendingOf(tx, actorId, pendingId);
    if (!row) throw new StalePreviewError();
    const plan = await planFor(tx, row.text, row.encoding);
    if (plan.fingerprint !== fingerprint) throw new StalePreviewError();
    if (plan.lastAdminRows.length) throw new LastAdminError(plan.lastAdminRows);
    const created: ImportSummary["created"] = [];
    for (const e of plan.entries) {
      if (e.kind === "new") {
        const p = passwords.get(e.employeeNo)!;
        await tx.insert(users).values({
          employeeNo: e.employeeNo,
          name: e.name,
          role: e.role,
          team: e.team,
          passwordHash: p.hash,
          mustChangePassword: true,
          createdAt: t,
          updatedAt: t,
        });
        created.push({ employeeNo: e.employeeNo, name: e.name, password: p.password });
      } else if (e.kind === "changed") {
        await tx.update(users).set({ name: e.name, role: e.role, team: e.team, updatedAt: t }).where(eq(users.id, e.id));
      }
    }
    await tx.delete(pendingImports).where(eq(pendingImports.id, row.id));
    await audit(
      tx,
      actorId,
      "staff.import",
      {
        created: plan.counts.new,
        updated: plan.counts.changed,
        unchanged: plan.counts.unchanged,
        changes: plan.entries.flatMap((e) => (e.kind === "changed" ? [{ userId: e.id, employeeNo: e.employeeNo, changes: e.changes }] : [])),
      },
      t,
    );
    return { created, updated: plan.counts.changed, unchanged: plan.counts.unchanged };
  });
}

/** Forgets an unconfirmed file (only the uploader's). */
export async function discardStaffImport(actorId: number, pendingId: string): Promise<void> {
  await getDb()
    .delete(pendingImports)
    .where(and(eq(pendingImports.id, pendingId), eq(pendingImports.userId, actorId), eq(pendingImports.format, FORMAT)));
}
