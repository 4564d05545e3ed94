/** CSV exports: formula injection neutralised, numbers kept. */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { BOM, neutraliseCell, toCsv } from "~/domain/csv";

describe("neutraliseCell", () => {
  it("prefixes text that a spreadsheet would run as a formula", () => {
    for (const v of ['=HYPERLINK("http://evil.example","点我")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "\n=1", "=1", "-", "+", "@", "-1e5x", "- 5"])
      expect(neutraliseCell(v)).toBe(`'${v}`);
  });
  it("keeps numbers and plain text", () => {
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(0.5)).toBe(0.5);
    for (const v of ["-5", "+1.5", "-0.25", "-3e2", "张三", "A1001", "1 | 2", "a=b", "", "99%"]) expect(neutraliseCell(v)).toBe(v);
    expect(neutraliseCell(null)).toBe("");
    expect(neutraliseCell(undefined)).toBe("");
    expect(neutraliseCell(Number.NaN)).toBe("");
  });
});

describe("toCsv", () => {
  it("writes a BOM, CRLF rows and neutralised cells that read back as text", () => {
    const text = toCsv(["工号", "姓名", "作答", "得分"], [["A1", '=HYPERLINK("http://evil.example")', "-5", -1.5]]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toContain("\r\n");
    const rows = parse(text.slice(1)) as string[][];
    expect(rows[1]).toEqual(["A1", `'=HYPERLINK("http://evil.example")`, "-5", "-1.5"]);
  });
});
