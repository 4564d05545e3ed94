import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { zhErrors, zhText } from "../helpers/messages";
import {
  assignmentSchema,
  assignmentState,
  DUE_SOON_MS,
  dueDateToEpoch,
  epochToDueDate,
  MAX_MEMBER_FILE_BYTES,
  parseMembersCsv,
  parsePastedEmployeeNos,
  resolveMembers,
  type KnownUser,
} from "~/domain/cohort-members";

const utf8 = (s: string) => new TextEncoder().encode(s);
const nos = (r: { entries: { employeeNo: string }[] }) => r.entries.map((e) => e.employeeNo);

const KNOWN: KnownUser[] = [
  { id: 1, employeeNo: "E1001", role: "learner" },
  { id: 2, employeeNo: "E1002", role: "learner" },
  { id: 3, employeeNo: "E1003", role: "learner" },
  { id: 9, employeeNo: "T9001", role: "trainer" },
];

describe("a pasted list of 工号", () => {
  it("splits on newlines, commas (both widths), spaces, tabs, 、 and ；, keeping each one's line", () => {
    const r = parsePastedEmployeeNos("E1001, E1002\n\nE1003、E1004；E1005\r\nE1006\tE1007 E1008，E1009;E1010\u3000E1011\n");
    expect(zhErrors(r.errors)).toEqual([]);
    expect(nos(r)).toEqual(["E1001", "E1002", "E1003", "E1004", "E1005", "E1006", "E1007", "E1008", "E1009", "E1010", "E1011"]);
    expect(r.entries.map((e) => e.line)).toEqual([1, 1, 3, 3, 3, 4, 4, 4, 4, 4, 4]);
  });

  it("reports every malformed 工号 with its line", () => {
    const r = parsePastedEmployeeNos("E1001\n张三\nE1002 E#1003\n");
    expect(nos(r)).toEqual(["E1001", "E1002"]);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(zhText(r.errors[0].message)).toMatch(/^第 2 行：工号“张三”格式无效/);
    expect(zhText(r.errors[1].message)).toMatch(/^第 3 行：工号“E#1003”格式无效/);
  });

  it("an empty paste is an error, not an empty success", () => {
    const r = parsePastedEmployeeNos(" \n ，、\n");
    expect(r.entries).toEqual([]);
    expect(zhErrors(r.errors)).toEqual([{ line: 0, message: "请至少填写一个工号" }]);
  });
});

describe("a members CSV", () => {
  const CSV = "工号,姓名,班组\r\nE1001,张三,一班\r\nE1002,李四,一班\r\n";

  it("reads UTF-8 without BOM", () => {
    const r = parseMembersCsv(utf8(CSV));
    expect(r.encoding).toBe("UTF-8");
    expect(zhErrors(r.errors)).toEqual([]);
    expect(r.entries).toEqual([
      { line: 2, employeeNo: "E1001" },
      { line: 3, employeeNo: "E1002" },
    ]);
  });

  it("reads UTF-8 with a BOM (the header is still found)", () => {
    const r = parseMembersCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(CSV)]));
    expect(r.encoding).toBe("UTF-8 (BOM)");
    expect(nos(r)).toEqual(["E1001", "E1002"]);
  });

  it("reads GBK as Excel saves it, with the 工号 column anywhere", () => {
    const r = parseMembersCsv(iconv.encode("姓名,工号\r\n王五,E1003\r\n赵六,E1001\r\n", "gbk"));
    expect(r.encoding).toBe("GBK");
    expect(zhErrors(r.errors)).toEqual([]);
    expect(nos(r)).toEqual(["E1003", "E1001"]);
  });

  it("lists every bad line, skipping blank ones, by the line number a spreadsheet shows", () => {
    const r = parseMembersCsv(iconv.encode("工号,姓名\r\nE1001,张三\r\n,缺工号\r\n\r\nbad no,空格\r\nE1002,李四\r\n", "gbk"));
    expect(nos(r)).toEqual(["E1001", "E1002"]);
    expect(zhErrors(r.errors)).toEqual([
      { line: 3, message: "第 3 行：工号为空" },
      { line: 5, message: expect.stringMatching(/^第 5 行：工号“bad no”格式无效/) },
    ]);
  });

  it("refuses a file without a 工号 header, an empty file, one with no rows and one over 2 MB", () => {
    expect(zhText(parseMembersCsv(utf8("E1001\nE1002\n")).errors[0].message)).toContain("第一行必须是表头");
    expect(zhText(parseMembersCsv(new Uint8Array()).errors[0].message)).toBe("文件是空的");
    expect(zhText(parseMembersCsv(utf8("工号,姓名\n")).errors[0].message)).toBe("第 2 行：文件里没有任何工号");
    const big = parseMembersCsv(new Uint8Array(MAX_MEMBER_FILE_BYTES + 1));
    expect(big.entries).toEqual([]);
    expect(zhText(big.errors[0].message)).toBe("文件超过 2 MB");
  });

  it("reports a broken quote as a CSV format error", () => {
    const r = parseMembersCsv(utf8('工号,姓名\nE1001,"张三\n'));
    expect(r.entries).toEqual([]);
    expect(zhText(r.errors[0].message)).toMatch(/^CSV 格式错误/);
  });
});

describe("resolving 工号 to accounts", () => {
  it("returns the learners' ids once each, matching letter case when unambiguous", () => {
    const r = resolveMembers(
      [
        { line: 1, employeeNo: "E1001" },
        { line: 2, employeeNo: "e1002" },
        { line: 3, employeeNo: "E1001" },
      ],
      KNOWN,
    );
    expect(r).toEqual({ userIds: [1, 2], errors: [] });
  });

  it("is all-or-nothing: an unknown 工号 or a non-learner yields no ids and every error", () => {
    const r = resolveMembers(
      [
        { line: 1, employeeNo: "E1001" },
        { line: 2, employeeNo: "X0000" },
        { line: 4, employeeNo: "T9001" },
        { line: 5, employeeNo: "X0001" },
      ],
      KNOWN,
    );
    expect(r.userIds).toEqual([]);
    expect(zhErrors(r.errors)).toEqual([
      { line: 2, message: "第 2 行：工号 X0000 不存在" },
      { line: 4, message: "第 4 行：工号 T9001 不是学员账号" },
      { line: 5, message: "第 5 行：工号 X0001 不存在" },
    ]);
    expect(r.errors.map((e) => translator("en")(e.message))).toEqual([
      "Line 2: there is no account with employee number X0000",
      "Line 4: employee number T9001 is not a learner's account",
      "Line 5: there is no account with employee number X0001",
    ]);
  });
});

describe("due dates (end of the day in Asia/Shanghai) and states", () => {
  it("a date is due at 23:59:59.999 Beijing time, 15:59:59.999 UTC", () => {
    const ms = dueDateToEpoch("2026-11-30")!;
    expect(new Date(ms).toISOString()).toBe("2026-11-30T15:59:59.999Z");
    expect(epochToDueDate(ms)).toBe("2026-11-30");
    // One millisecond later it is already the next day in Beijing.
    expect(epochToDueDate(ms + 1)).toBe("2026-12-01");
  });

  it("refuses dates that do not exist and other shapes", () => {
    for (const s of ["2026-02-30", "2026-13-01", "2026-11-31", "26-11-30", "2026/11/30", "明天", "", "1999-12-31"]) expect(dueDateToEpoch(s), s).toBeNull();
    expect(dueDateToEpoch("2028-02-29")).not.toBeNull();
  });

  it("done wins; then overdue after the due time, due soon within 3 days, otherwise open", () => {
    const due = dueDateToEpoch("2026-11-30")!;
    expect(assignmentState(true, due, due + 1)).toBe("done");
    expect(assignmentState(false, null, due)).toBe("open");
    expect(assignmentState(false, due, due + 1)).toBe("overdue");
    expect(assignmentState(false, due, due)).toBe("dueSoon");
    expect(assignmentState(false, due, due - DUE_SOON_MS)).toBe("dueSoon");
    expect(assignmentState(false, due, due - DUE_SOON_MS - 1)).toBe("open");
  });
});

describe("the assignment form", () => {
  const schema = assignmentSchema({ modules: new Set(["sla"]), exams: new Set([7]) });

  it("reads a module or an exam and an optional due date", () => {
    expect(schema.parse({ item: "module:sla", dueDate: "" })).toEqual({ item: { kind: "module", moduleSlug: "sla" }, dueDate: null });
    expect(schema.parse({ item: "exam:7", dueDate: "2026-11-30" })).toEqual({ item: { kind: "exam", examId: 7 }, dueDate: dueDateToEpoch("2026-11-30") });
  });

  it("refuses an unknown item and a bad date, naming the field", () => {
    for (const item of ["", "module:nope", "exam:8", "exam:abc", "lesson:sla"]) {
      const r = schema.safeParse({ item, dueDate: "" });
      expect(r.success, item).toBe(false);
      expect(r.error!.issues[0]).toMatchObject({ path: ["item"], message: "cohort.assign.error.item" });
    }
    const r = schema.safeParse({ item: "module:sla", dueDate: "2026-02-30" });
    expect(r.error!.issues[0]).toMatchObject({ path: ["dueDate"], message: "cohort.assign.error.due" });
  });
});
