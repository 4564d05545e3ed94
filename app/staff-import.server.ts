/**
 * Applying a parsed staff list: one transaction, all or nothing. Existing accounts are matched by 工号
 * and updated only if something changed, so importing the same file twice changes nothing.
 */
import { lock, transaction } from "@db/client";
import { countActiveAdmins, insertUser, listUsersByEmployeeNos, updateUserProfile } from "@db/queries/users";
import { audit } from "@db/queries/audit";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { generatePassword, hashPassword } from "~/domain/password";
import type { StaffRow } from "~/domain/staff-csv";

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

/**
 * Applies the rows, or throws LastAdminError (nothing changed) when the import would leave no active
 * administrator — checked inside the transaction, after the writes, so no concurrent change slips by.
 */
export async function importStaff(rows: StaffRow[], actorId: number): Promise<ImportSummary> {
  const db = getDb();
  const existing = new Map((await listUsersByEmployeeNos(db, rows.map((r) => r.employeeNo))).map((u) => [u.employeeNo.toLowerCase(), u]));
  const toCreate = rows.filter((r) => !existing.has(r.employeeNo.toLowerCase()));
  // Hash outside the transaction (scrypt is async and slow by design); the writes stay synchronous.
  const prepared = await Promise.all(
    toCreate.map(async (r) => {
      const password = generatePassword();
      return { row: r, password, hash: await hashPassword(password) };
    }),
  );
  const t = now();
  let updated = 0;
  let unchanged = 0;
  await transaction(db, async (tx) => {
    // Changes of roles take turns across servers, so the last-admin check below sees the others'.
    await lock(tx, "admins");
    for (const p of prepared) await insertUser(tx, { ...p.row, passwordHash: p.hash }, t);
    for (const r of rows) {
      const u = existing.get(r.employeeNo.toLowerCase());
      if (!u) continue;
      if (u.name === r.name && u.role === r.role && (u.team ?? null) === r.team) unchanged++;
      else {
        await updateUserProfile(tx, u.id, { name: r.name, role: r.role, team: r.team }, t);
        updated++;
      }
    }
    if ((await countActiveAdmins(tx)) === 0) {
      const demoted = rows.filter((r) => {
        const u = existing.get(r.employeeNo.toLowerCase());
        return u && u.role === "admin" && !u.disabledAt && r.role !== "admin";
      });
      throw new LastAdminError(demoted.map((r) => ({ line: r.line, employeeNo: r.employeeNo })));
    }
    await audit(tx, actorId, "staff.import", { created: prepared.length, updated, unchanged }, t);
  });
  return { created: prepared.map((p) => ({ employeeNo: p.row.employeeNo, name: p.row.name, password: p.password })), updated, unchanged };
}
