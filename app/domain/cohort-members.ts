/**
 * Cohort membership lists and assignment due dates. Pure: text or bytes in, employee numbers, user ids
 * or errors out; no Remix, no database.
 *
 * A trainer adds members by pasting 工号 (one per line, or separated by commas, spaces, 、 or ；) or by
 * uploading a CSV whose header row has a 工号 column (other columns are ignored), in UTF-8 (with or
 * without BOM) or GBK. Adding is all-or-nothing: every problem is listed by line and nothing is added
 * while there is one.
 *
 * Due dates: a trainer picks a calendar day; the assignment is due at the end of that day in
 * product's time zone (./time; Asia/Shanghai by default), 23:59:59.999.
 */
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { endOfDay, formatDate, parseDateInput } from "./time";
import { EMPLOYEE_NO_RE } from "./forms";
import { msg, type Message } from "./message";
import type { AssignmentTarget } from "./assignment-target";
import { decodeCsv, MAX_STAFF_FILE_BYTES, type Encoding } from "./staff-csv";

export const MAX_MEMBER_FILE_BYTES = MAX_STAFF_FILE_BYTES;
export const MAX_MEMBER_ENTRIES = 5000;

export interface MemberEntry {
  /** Line in the pasted text or the CSV file (1-based; a CSV's header is line 1). */
  line: number;
  employeeNo: string;
}
export interface MemberError {
  /** 0 when the problem is the whole input (too large, no header), not one line. */
  line: number;
  /** Complete message, including "第 N 行：" when it is about one line. */
  message: Message;
}
export interface MemberListResult {
  entries: MemberEntry[];
  errors: MemberError[];
  encoding?: Encoding | null;
}

const lineMessage = (line: number, detail: Message): Message => msg("imp.atLine", { line, detail });

/** Splits on commas (, ，), whitespace (incl. the ideographic space and tabs), 、 and semicolons (; ；). */
const SEPARATORS = /[\s,\uff0c\u3001;\uff1b]+/u;

function checkEmployeeNo(line: number, employeeNo: string, errors: MemberError[]): boolean {
  if (EMPLOYEE_NO_RE.test(employeeNo)) return true;
  errors.push({ line, message: lineMessage(line, msg("cm.badEmployeeNo", { employeeNo })) });
  return false;
}

function tooMany(result: MemberListResult): MemberListResult {
  if (result.entries.length + result.errors.length > MAX_MEMBER_ENTRIES)
    return { entries: [], errors: [{ line: 0, message: msg("cm.tooMany", { n: MAX_MEMBER_ENTRIES }) }], encoding: result.encoding };
  return result;
}

/** A pasted list of 工号: one or several per line. Blank lines and extra separators are ignored. */
export function parsePastedEmployeeNos(text: string): MemberListResult {
  const entries: MemberEntry[] = [];
  const errors: MemberError[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = i + 1;
    for (const token of raw.split(SEPARATORS)) {
      const employeeNo = token.trim();
      if (employeeNo && checkEmployeeNo(line, employeeNo, errors)) entries.push({ line, employeeNo });
    }
  });
  if (entries.length === 0 && errors.length === 0) errors.push({ line: 0, message: msg("cm.none") });
  return tooMany({ entries, errors });
}

const EMPLOYEE_NO_HEADERS = ["工号", "employeeno", "employee_no", "employee no"];

/** A members CSV: a header row with a 工号 column; other columns (姓名, 班组 …) are ignored. */
export function parseMembersCsv(bytes: Uint8Array): MemberListResult {
  if (bytes.byteLength > MAX_MEMBER_FILE_BYTES)
    return { entries: [], errors: [{ line: 0, message: msg("cm.fileTooLarge", { mb: MAX_MEMBER_FILE_BYTES / 1024 / 1024 }) }], encoding: null };
  if (bytes.byteLength === 0) return { entries: [], errors: [{ line: 0, message: msg("cm.fileEmpty") }], encoding: null };
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { entries: [], errors: [{ line: 0, message: msg("staffCsv.encoding") }], encoding: null };
  const { text, encoding } = decoded;
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, trim: true, bom: true }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { entries: [], errors: [{ line: e.lines ?? 0, message: msg("cm.csvSyntax", { detail: e.message }) }], encoding };
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = header.findIndex((h) => EMPLOYEE_NO_HEADERS.includes(h));
  if (col < 0)
    return { entries: [], errors: [{ line: 1, message: lineMessage(1, msg("cm.header")) }], encoding };
  const entries: MemberEntry[] = [];
  const errors: MemberError[] = [];
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    if (record.every((c) => c === "")) return;
    const employeeNo = (record[col] ?? "").trim();
    if (!employeeNo) errors.push({ line, message: lineMessage(line, msg("cm.employeeNoEmpty")) });
    else if (checkEmployeeNo(line, employeeNo, errors)) entries.push({ line, employeeNo });
  });
  if (entries.length === 0 && errors.length === 0) errors.push({ line: 2, message: lineMessage(2, msg("cm.noEntries")) });
  return tooMany({ entries, errors, encoding });
}

export interface KnownUser {
  id: number;
  employeeNo: string;
  role: string;
}
export interface ResolvedMembers {
  userIds: number[];
  errors: MemberError[];
}

/**
 * Matches entries to accounts (exactly, or ignoring letter case when that is unambiguous). Every
 * unknown 工号 and every account that is not a learner is an error. A 工号 listed twice counts once.
 */
export function resolveMembers(list: MemberEntry[], known: KnownUser[]): ResolvedMembers {
  const exact = new Map(known.map((u) => [u.employeeNo, u]));
  const folded = new Map<string, KnownUser[]>();
  for (const u of known) folded.set(u.employeeNo.toLowerCase(), [...(folded.get(u.employeeNo.toLowerCase()) ?? []), u]);
  const userIds: number[] = [];
  const seen = new Set<number>();
  const errors: MemberError[] = [];
  for (const { line, employeeNo } of list) {
    const candidates = folded.get(employeeNo.toLowerCase()) ?? [];
    const user = exact.get(employeeNo) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (!user) errors.push({ line, message: lineMessage(line, msg("cm.unknown", { employeeNo })) });
    else if (user.role !== "learner") errors.push({ line, message: lineMessage(line, msg("cm.notLearner", { employeeNo })) });
    else if (!seen.has(user.id)) {
      seen.add(user.id);
      userIds.push(user.id);
    }
  }
  return { userIds: errors.length ? [] : userIds, errors };
}

// ---------------------------------------------------------------------------------------------
// Due dates and the state of an assignment
// ---------------------------------------------------------------------------------------------

const DAY_MS = 24 * 60 * 60 * 1000;
/** An assignment is "due soon" from this long before its due time. */
export const DUE_SOON_MS = 3 * DAY_MS;

/** "2026-11-30" (a date input's value) → the last millisecond of that day in the product's zone; null if not a real date. */
export function dueDateToEpoch(value: string): number | null {
  const d = parseDateInput(value);
  return d ? endOfDay(d) : null;
}

/** The calendar day (product zone) of a due time ("2026-11-30"), as the date input shows it. */
export function epochToDueDate(ms: number): string {
  return formatDate(ms);
}

export type AssignmentState = "done" | "open" | "dueSoon" | "overdue";

/** 已完成 / 未完成 / 即将到期 (due within 3 days) / 已逾期. Done wins over any date. */
export function assignmentState(done: boolean, dueAt: number | null, now: number): AssignmentState {
  if (done) return "done";
  if (dueAt === null) return "open";
  if (now > dueAt) return "overdue";
  if (dueAt - now <= DUE_SOON_MS) return "dueSoon";
  return "open";
}

// ---------------------------------------------------------------------------------------------
// Form schemas (messages are i18n keys; the route translates them)
// ---------------------------------------------------------------------------------------------

export const cohortFieldsSchema = z.object({
  name: z.string().trim().min(1, "cohorts.error.nameRequired").max(60, "cohorts.error.nameTooLong"),
  description: z
    .string()
    .trim()
    .max(200, "cohorts.error.descriptionTooLong")
    .optional()
    .transform((v) => v || null),
});

export interface AssignmentRefs {
  modules: Set<string>;
  /** Exams that may be assigned (not archived). */
  exams: Set<number>;
}

/** The select's value is "module:<slug>" or "exam:<id>"; the date input's value is "YYYY-MM-DD" or empty. */
export function assignmentSchema(refs: AssignmentRefs) {
  return z.object({
    item: z
      .string({ message: "cohort.assign.error.item" })
      .transform((v, ctx) => {
        const m = /^(module|exam):(.+)$/.exec(v);
        const ref = m?.[2] ?? "";
        if (m?.[1] === "module" && refs.modules.has(ref)) return { kind: "module", moduleSlug: ref } satisfies AssignmentTarget;
        if (m?.[1] === "exam" && /^\d{1,9}$/.test(ref) && refs.exams.has(Number(ref))) return { kind: "exam", examId: Number(ref) } satisfies AssignmentTarget;
        ctx.addIssue({ code: "custom", message: "cohort.assign.error.item" });
        return z.NEVER;
      }),
    dueDate: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v || !v.trim()) return null;
        const ms = dueDateToEpoch(v);
        if (ms === null) {
          ctx.addIssue({ code: "custom", message: "cohort.assign.error.due" });
          return z.NEVER;
        }
        return ms;
      }),
  });
}
