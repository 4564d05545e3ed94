import { describe, expect, it } from "vitest";
import { formatMessage, translator } from "~/i18n";
import { msg } from "~/domain/message";
import { parseBankJson } from "~/domain/bank-json";
import { parseBankText } from "~/domain/bank-text";

const en = translator("en");
const zh = translator("zh");
const CJK = /[\u3400-\u9fff]/;

describe("the message formatter", () => {
  it("chooses English plural forms with Intl.PluralRules, # standing for the count", () => {
    const template = "{n, plural, one {# question} other {# questions}}";
    expect(formatMessage("en", template, { n: 1 })).toBe("1 question");
    expect(formatMessage("en", template, { n: 3 })).toBe("3 questions");
    expect(formatMessage("en", template, { n: 0 })).toBe("0 questions");
    expect(formatMessage("en", "{n, plural, =0 {none} one {# left} other {# left}}", { n: 0 })).toBe("none");
  });

  it("uses Chinese's single form, and leaves braces that are not placeholders alone", () => {
    expect(formatMessage("zh", "{n, plural, other {# 道题}}", { n: 1 })).toBe("1 道题");
    expect(formatMessage("zh", "答案块 {} 是空的，如 {=双倍 =2倍} 或 {#15}", {})).toBe("答案块 {} 是空的，如 {=双倍 =2倍} 或 {#15}");
    expect(formatMessage("en", "hello {name}", {})).toBe("hello {name}");
  });

  it("translates a message given as a parameter, and joins lists the locale's way", () => {
    const m = msg("imp.atLine", { line: 3, detail: msg("imp.json.unknownField", { fields: ["id", "stem"] }) });
    expect(zh(m)).toBe("第 3 行：未知字段（可用字段：id、stem）");
    expect(en(m)).toBe("Line 3: unknown field (fields: id, stem)");
  });

  it("renders validation counts with plural forms in English", () => {
    expect(en(msg("val.minChars", { n: 1 }))).toBe("at least 1 character");
    expect(en(msg("val.minChars", { n: 2 }))).toBe("at least 2 characters");
    expect(en(msg("q.fillBlankCount", { blanks: 1, given: 2 }))).toBe("the text has 1 blank, but answers are given for 2");
    expect(en(msg("imp.cell.blankCount", { n: 2, given: 1 }))).toContain("2 blanks, but the answer has 1 group");
    expect(zh(msg("q.fillBlankCount", { blanks: 1, given: 2 }))).toBe("题干里有 1 个空，答案却给了 2 个空的答案");
  });
});

describe("import errors in both languages", () => {
  it("a JSON file's errors name the line and field in English with no Chinese, and in Chinese", () => {
    const { errors } = parseBankJson('[\n  {"type": "single", "stem": "x", "options": [], "answer": "a"}\n]');
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(en(e.message)).toMatch(/^Line \d+ \(question 1\), field /);
      expect(en(e.message)).not.toMatch(CJK);
      expect(zh(e.message)).toMatch(/^第 \d+ 行（第 1 题）字段 /);
    }
  });

  it("a plain-text file's errors are English in English", () => {
    const { errors } = parseBankText("1. 客户来电应在几声内接听？\nA. 2 声\nB. 3 声\n", { modules: [] });
    expect(errors.map((e) => en(e.message))).toEqual(["Line 1: this question has no “答案：” (answer) line"]);
    expect(errors.map((e) => zh(e.message))).toEqual(["第 1 行：这道题没有“答案：”行"]);
  });
});
