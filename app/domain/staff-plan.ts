/**
 * What a staff list would do to the accounts: each row new, changed (with each field's old and new
 * value) or unchanged, and the rows that would leave no active administrator. Pure: the service passes
 * the accounts that exist. The same plan is shown in the preview and checked again when applying; its
 * `signature` (a canonical text of everything the apply would write) tells whether anything moved in
 * between.
 */
import type { Role } from "@db/schema";
import type { StaffRow } from "./staff-csv";

export interface ExistingAccount {
  id: number;
  employeeNo: string;
  name: string;
  role: Role;
  team: string | null;
  disabledAt: number | null;
}

export type PlannedField = "name" | "role" | "team";
export interface FieldChange {
  field: PlannedField;
  from: string | null;
  to: string | null;
}

export type PlanEntry =
  | { kind: "new"; line: number; employeeNo: string; name: string; role: Role; team: string | null }
  | { kind: "changed"; line: number; id: number; employeeNo: string; name: string; role: Role; team: string | null; changes: FieldChange[] }
  | { kind: "unchanged"; line: number; id: number; employeeNo: string; name: string; role: Role; team: string | null };

export interface StaffPlan {
  entries: PlanEntry[];
  counts: { new: number; changed: number; unchanged: number };
  /** Rows that take the admin role from active admins when no active admin would remain (empty: fine). */
  lastAdminRows: { line: number; employeeNo: string }[];
  signature: string;
}

/** 工号 are matched without regard to letter case (as the unique sign-in name is typed). */
export function planStaffImport(rows: StaffRow[], existing: ExistingAccount[], activeAdminIds: number[]): StaffPlan {
  const byNo = new Map(existing.map((u) => [u.employeeNo.toLowerCase(), u]));
  const entries: PlanEntry[] = rows.map((r) => {
    const u = byNo.get(r.employeeNo.toLowerCase());
    if (!u) return { kind: "new", line: r.line, employeeNo: r.employeeNo, name: r.name, role: r.role, team: r.team };
    const changes: FieldChange[] = [];
    if (u.name !== r.name) changes.push({ field: "name", from: u.name, to: r.name });
    if (u.role !== r.role) changes.push({ field: "role", from: u.role, to: r.role });
    if ((u.team ?? null) !== r.team) changes.push({ field: "team", from: u.team ?? null, to: r.team });
    const base = { line: r.line, id: u.id, employeeNo: u.employeeNo, name: r.name, role: r.role, team: r.team };
    return changes.length ? { kind: "changed", ...base, changes } : { kind: "unchanged", ...base };
  });

  // Active admins after the import: today's, minus those demoted, plus new or promoted active accounts.
  const admins = new Set(activeAdminIds);
  let gained = 0;
  const demoted: { line: number; employeeNo: string }[] = [];
  for (const e of entries) {
    if (e.kind === "new") {
      if (e.role === "admin") gained++;
      continue;
    }
    const u = byNo.get(e.employeeNo.toLowerCase())!;
    if (admins.has(u.id) && e.role !== "admin") {
      admins.delete(u.id);
      demoted.push({ line: e.line, employeeNo: e.employeeNo });
    } else if (!admins.has(u.id) && e.role === "admin" && !u.disabledAt) gained++;
  }
  const lastAdminRows = admins.size + gained === 0 ? demoted : [];

  const counts = { new: 0, changed: 0, unchanged: 0 };
  for (const e of entries) counts[e.kind]++;
  const signature = JSON.stringify(
    entries.map((e) => (e.kind === "changed" ? [e.kind, e.id, e.changes.map((c) => [c.field, c.from, c.to])] : e.kind === "new" ? [e.kind, e.employeeNo, e.name, e.role, e.team] : [e.kind, e.id])),
  );
  return { entries, counts, lastAdminRows, signature };
}
