/** The staff import plan: new / changed (field by field) / unchanged, the last-admin guard, the signature. */
import { describe, expect, it } from "vitest";
import type { StaffRow } from "~/domain/staff-csv";
import { planStaffImport, type ExistingAccount } from "~/domain/staff-plan";

const row = (line: number, employeeNo: string, name: string, role: StaffRow["role"], team: string | null): StaffRow => ({ line, employeeNo, name, role, team });
const acct = (id: number, employeeNo: string, name: string, role: ExistingAccount["role"], team: string | null, disabledAt: number | null = null): ExistingAccount => ({
  id,
  employeeNo,
  name,
  role,
  team,
  disabledAt,
});

describe("planStaffImport", () => {
  const existing = [acct(1, "A1", "张三", "learner", "一班"), acct(2, "B2", "李四", "trainer", null), acct(9, "ADM", "管理员", "admin", null)];

  it("classifies rows and lists each changed field with its old and new value; 工号 match in any case", () => {
    const plan = planStaffImport([row(2, "a1", "张三", "learner", "一班"), row(3, "B2", "李小四", "learner", "培训组"), row(4, "C3", "王五", "learner", null)], existing, [9]);
    expect(plan.counts).toEqual({ new: 1, changed: 1, unchanged: 1 });
    expect(plan.entries.map((e) => e.kind)).toEqual(["unchanged", "changed", "new"]);
    const changed = plan.entries[1];
    expect(changed.kind === "changed" && changed.changes).toEqual([
      { field: "name", from: "李四", to: "李小四" },
      { field: "role", from: "trainer", to: "learner" },
      { field: "team", from: null, to: "培训组" },
    ]);
    expect(plan.lastAdminRows).toEqual([]);
  });

  it("names the rows that would leave no active admin, unless the file makes another", () => {
    expect(planStaffImport([row(5, "ADM", "管理员", "trainer", null)], existing, [9]).lastAdminRows).toEqual([{ line: 5, employeeNo: "ADM" }]);
    expect(planStaffImport([row(5, "ADM", "管理员", "trainer", null), row(6, "N1", "新管理员", "admin", null)], existing, [9]).lastAdminRows).toEqual([]);
    expect(planStaffImport([row(5, "ADM", "管理员", "trainer", null), row(6, "B2", "李四", "admin", null)], existing, [9]).lastAdminRows).toEqual([]);
    // Promoting a disabled account does not count as an active admin.
    const withDisabled = [...existing, acct(3, "D4", "停用者", "learner", null, 123)];
    expect(planStaffImport([row(5, "ADM", "管理员", "trainer", null), row(6, "D4", "停用者", "admin", null)], withDisabled, [9]).lastAdminRows).toHaveLength(1);
  });

  it("the signature changes when an account changed in between, and not otherwise", () => {
    const rows = [row(2, "A1", "张三丰", "learner", "一班"), row(3, "C3", "王五", "learner", null)];
    const a = planStaffImport(rows, existing, [9]).signature;
    expect(planStaffImport(rows, existing, [9]).signature).toBe(a);
    const edited = [acct(1, "A1", "张三", "learner", "二班"), ...existing.slice(1)];
    expect(planStaffImport(rows, edited, [9]).signature).not.toBe(a);
    const created = [...existing, acct(4, "C3", "王五", "learner", null)];
    expect(planStaffImport(rows, created, [9]).signature).not.toBe(a);
  });
});
