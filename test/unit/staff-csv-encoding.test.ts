/** Staff CSV encodings: UTF-8 and GBK accepted, anything else (Latin-1) refused with a clear message. */
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { zhText } from "../helpers/messages";
import { decodeCsv, parseStaffCsv, UNKNOWN_ENCODING_MESSAGE } from "~/domain/staff-csv";
import { parseMembersCsv } from "~/domain/cohort-members";

const latin1 = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));
const gbk = (s: string) => new Uint8Array(iconv.encode(s, "gbk"));

describe("decodeCsv", () => {
  it("accepts UTF-8 and GBK Chinese, including names outside GB2312", () => {
    expect(decodeCsv(new Uint8Array(Buffer.from("工号,姓名,角色\nA1,张三,学员\n")))).toMatchObject({ ok: true, encoding: "UTF-8" });
    const g = decodeCsv(gbk("工号,姓名,角色,班组\nA1,王喆,学员,一班\nA2,李堃,学员,一班\n"));
    expect(g).toMatchObject({ ok: true, encoding: "GBK" });
    expect(g.ok && g.text).toContain("王喆");
  });

  it("refuses Latin-1 even where its bytes happen to be valid GBK", () => {
    // "ül", "ço", "ña" are each one valid GBK character: strict decoding alone would accept them.
    const bytes = latin1("employeeNo,name,role\nA1,Müller,learner\nA2,François,learner\nA3,Muñoz,learner\n");
    expect(iconv.decode(Buffer.from(bytes), "gbk")).not.toContain("\uFFFD");
    expect(decodeCsv(bytes)).toEqual({ ok: false, message: UNKNOWN_ENCODING_MESSAGE });
    // And where they are not (é before a comma).
    expect(decodeCsv(latin1("employeeNo,name,role\nA1,José,learner\n")).ok).toBe(false);
  });

  it("a refused file gives the message and imports nothing", () => {
    const r = parseStaffCsv(latin1("employeeNo,name,role\nA1,Müller,learner\n"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ line: 0, key: "staffCsv.encoding" }]);
    expect(UNKNOWN_ENCODING_MESSAGE).toMatch(/既不是 UTF-8 也不是 GBK/);
    const m = parseMembersCsv(latin1("employeeNo,name\nA1,Müller\n"));
    expect(m.entries).toEqual([]);
    expect(zhText(m.errors[0].message)).toBe(UNKNOWN_ENCODING_MESSAGE);
  });
});
