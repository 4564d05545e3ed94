/**
 * Staff list CSV (工号, 姓名, 角色, 班组): decoding (UTF-8 with or without BOM, or GBK as Excel saves
 * it in China), parsing with csv-parse, and validation of every row. Pure: bytes in, rows or errors out.
 */
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import type { Role } from "@db/schema";
import { EMPLOYEE_NO_RE } from "./forms";

export type Encoding = "UTF-8" | "UTF-8 (BOM)" | "GBK";

export interface StaffRow {
  line: number;
  employeeNo: string;
  name: string;
  role: Role;
  team: string | null;
}
export type StaffField = "employeeNo" | "name" | "role" | "team";
/**
 * One problem, where it is (line; the column when it is about one) and what (a message key of the
 * `staffCsv.*` catalogue with its values), so the page says it in the reader's language.
 */
export interface RowError {
  line: number;
  field?: StaffField;
  key: StaffErrorKey;
  vars?: Record<string, string | number>;
}
export type StaffErrorKey =
  | "staffCsv.tooLarge"
  | "staffCsv.encoding"
  | "staffCsv.syntax"
  | "staffCsv.header"
  | "staffCsv.employeeNoEmpty"
  | "staffCsv.employeeNoInvalid"
  | "staffCsv.employeeNoDuplicate"
  | "staffCsv.nameEmpty"
  | "staffCsv.nameTooLong"
  | "staffCsv.roleEmpty"
  | "staffCsv.roleInvalid"
  | "staffCsv.teamTooLong"
  | "staffCsv.tooManyRows"
  | "staffCsv.empty";
export type StaffParseResult =
  | { ok: true; encoding: Encoding; rows: StaffRow[] }
  | { ok: false; encoding: Encoding | null; errors: RowError[] };

export const MAX_NAME_LENGTH = 40;
export const MAX_TEAM_LENGTH = 60;
export const MAX_STAFF_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_STAFF_ROWS = 5000;

const ROLE_NAMES: Record<string, Role> = {
  学员: "learner",
  新员工: "learner",
  learner: "learner",
  培训师: "trainer",
  讲师: "trainer",
  trainer: "trainer",
  管理员: "admin",
  admin: "admin",
};

const HEADERS = {
  employeeNo: ["工号", "employeeno", "employee_no"],
  name: ["姓名", "name"],
  role: ["角色", "role"],
  team: ["班组", "team"],
} as const;

export const UNKNOWN_ENCODING_MESSAGE =
  "无法识别文件编码：既不是 UTF-8 也不是 GBK（可能是 Latin-1 等西文编码）。请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”后重新上传。";

export type DecodeResult = { ok: true; text: string; encoding: Encoding } | { ok: false; message: string };

/**
 * UTF-8 if the bytes are valid UTF-8 (with or without BOM); else GBK if they are strictly valid GBK and
 * plausibly Chinese; else refused. Latin-1 (or Windows-1252) bytes often happen to be valid GBK — "ü"
 * followed by "l" is one GBK character — but they decode to rare characters from GBK's extension areas,
 * whereas Chinese text (and every Chinese header such as 工号、姓名) is mostly in the GB2312 core. So the
 * file counts as GBK only when its two-byte characters from the GB2312 area outnumber the others.
 */
export function decodeCsv(bytes: Uint8Array): DecodeResult {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3)), encoding: "UTF-8 (BOM)" };
    } catch {
      return { ok: false, message: UNKNOWN_ENCODING_MESSAGE };
    }
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "UTF-8" };
  } catch {
    // not UTF-8: try GBK below
  }
  const gbk = strictGbk(bytes);
  if (gbk === null) return { ok: false, message: UNKNOWN_ENCODING_MESSAGE };
  return { ok: true, text: gbk, encoding: "GBK" };
}

/** GBK text, or null when the bytes are not valid GBK or do not look like Chinese. */
function strictGbk(bytes: Uint8Array): string | null {
  let core = 0;
  let other = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i];
    if (lead < 0x80) continue;
    const trail = bytes[i + 1];
    if (lead === 0x80 || lead === 0xff || trail === undefined || trail < 0x40 || trail === 0x7f || trail === 0xff) return null;
    // GB2312: symbols (lead A1–A9) and hanzi (lead B0–F7), both with trail A1–FE.
    if (trail >= 0xa1 && ((lead >= 0xa1 && lead <= 0xa9) || (lead >= 0xb0 && lead <= 0xf7))) core++;
    else other++;
    i++;
  }
  const text = iconv.decode(Buffer.from(bytes), "gbk");
  if (text.includes("\uFFFD")) return null; // a pair GBK leaves unassigned
  return core > other ? text : null;
}

export function parseStaffCsv(bytes: Uint8Array): StaffParseResult & { text?: string } {
  if (bytes.byteLength > MAX_STAFF_FILE_BYTES) {
    return { ok: false, encoding: null, errors: [{ line: 0, key: "staffCsv.tooLarge", vars: { max: MAX_STAFF_FILE_BYTES / 1024 / 1024 } }] };
  }
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { ok: false, encoding: null, errors: [{ line: 0, key: "staffCsv.encoding" }] };
  return { ...parseStaffText(decoded.text, decoded.encoding), text: decoded.text };
}

/** The rows of a decoded staff list (the text kept between preview and apply is parsed again here). */
export function parseStaffText(text: string, encoding: Encoding): StaffParseResult {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, trim: true, bom: true }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { ok: false, encoding, errors: [{ line: e.lines ?? 0, key: "staffCsv.syntax", vars: { detail: e.message } }] };
  }
  const errors: RowError[] = [];
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const idx = { employeeNo: col(HEADERS.employeeNo), name: col(HEADERS.name), role: col(HEADERS.role), team: col(HEADERS.team) };
  const missing = (["employeeNo", "name", "role"] as const).filter((k) => idx[k] < 0).map((k) => HEADERS[k][0]);
  if (records.length === 0 || missing.length) {
    return { ok: false, encoding, errors: [{ line: 1, key: "staffCsv.header", vars: { missing: missing.join("、") || "工号、姓名、角色" } }] };
  }
  const rows: StaffRow[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    if (record.every((c) => c === "")) return;
    const get = (k: keyof typeof idx) => (idx[k] >= 0 ? (record[idx[k]] ?? "").trim() : "");
    const employeeNo = get("employeeNo");
    const name = get("name");
    const roleText = get("role");
    const team = get("team");
    const problems: RowError[] = [];
    const problem = (field: StaffField, key: StaffErrorKey, vars?: Record<string, string | number>) => problems.push({ line, field, key, ...(vars ? { vars } : {}) });
    if (!employeeNo) problem("employeeNo", "staffCsv.employeeNoEmpty");
    else if (!EMPLOYEE_NO_RE.test(employeeNo)) problem("employeeNo", "staffCsv.employeeNoInvalid", { value: employeeNo });
    else if (seen.has(employeeNo.toLowerCase())) problem("employeeNo", "staffCsv.employeeNoDuplicate", { value: employeeNo, other: seen.get(employeeNo.toLowerCase())! });
    if (!name) problem("name", "staffCsv.nameEmpty");
    else if ([...name].length > MAX_NAME_LENGTH) problem("name", "staffCsv.nameTooLong", { max: MAX_NAME_LENGTH });
    const role = ROLE_NAMES[roleText] ?? ROLE_NAMES[roleText.toLowerCase()];
    if (!roleText) problem("role", "staffCsv.roleEmpty");
    else if (!role) problem("role", "staffCsv.roleInvalid", { value: roleText });
    if ([...team].length > MAX_TEAM_LENGTH) problem("team", "staffCsv.teamTooLong", { max: MAX_TEAM_LENGTH });
    if (employeeNo && EMPLOYEE_NO_RE.test(employeeNo) && !seen.has(employeeNo.toLowerCase())) seen.set(employeeNo.toLowerCase(), line);
    if (problems.length) errors.push(...problems);
    else rows.push({ line, employeeNo, name, role: role!, team: team || null });
  });
  const dataLines = new Set(errors.map((e) => e.line)).size + rows.length;
  if (dataLines > MAX_STAFF_ROWS) {
    return { ok: false, encoding, errors: [{ line: 0, key: "staffCsv.tooManyRows", vars: { max: MAX_STAFF_ROWS } }] };
  }
  if (rows.length === 0 && errors.length === 0) {
    return { ok: false, encoding, errors: [{ line: 2, key: "staffCsv.empty" }] };
  }
  return errors.length ? { ok: false, encoding, errors } : { ok: true, encoding, rows };
}
