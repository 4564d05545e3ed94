import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exportBankJson, parseBankJson } from "~/domain/bank-json";
import type { Question } from "~/domain/question";
import { zhErrors, zhText } from "../helpers/messages";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const fixture = (name: string) => readFileSync(path.join(repoRoot, "test", "fixtures", "bank-json", name), "utf8");

describe("bank JSON import", () => {
  it("reads a valid file, each question with the line its element starts on", () => {
    const { questions, errors } = parseBankJson(fixture("bank-valid.json"));
    expect(errors).toEqual([]);
    expect(questions.map((q) => [q.line, q.type, q.id ?? null])).toEqual([
      [2, "single", "fault_answer_time-single"],
      [21, "multiple", null],
      [31, "true_false", "fixed_repair_max_business-tf"],
      [32, "numeric", "fault_answer_time-numeric"],
      [46, "ordering", "fault-intake-ordering"],
      [57, "matching", "sla-matching"],
    ]);
    expect(questions[0]).toMatchObject({
      version: 2,
      source: "generated",
      status: "published",
      answer: "a",
      module: "sla",
      section: "fault-intake-rates",
      facts: ["fault_answer_time"],
      tags: ["故障受理"],
    });
    // Missing optional fields get the schema's defaults; meta fields stay absent.
    expect(questions[1]).toEqual({
      type: "multiple",
      stem: "下列哪些属于故障受理的考核指标?",
      options: [
        { id: "a", text: "故障受理电话接通率" },
        { id: "b", text: "故障受理电话人工接通率" },
        { id: "c", text: "营业厅排队时长" },
      ],
      answer: ["a", "b"],
      explanation: "",
      module: null,
      section: null,
      facts: [],
      tags: [],
      family: "",
      line: 21,
    });
    expect(questions[3].answer).toEqual({ value: 15, tolerance: 0, unit: "秒" });
    expect(questions[5].explanation).toBe("<script>alert('x')</script> 与 javascript:alert(1) 都只是文字。");
  });

  it("reports every problem with its line, question number and field", () => {
    const { questions, errors } = parseBankJson(fixture("bank-errors.json"));
    expect(zhErrors(errors)).toEqual([
      { line: 20, message: "第 20 行（第 2 题）字段 answer：单选题必须恰好有一个正确选项" },
      { line: 26, message: "第 26 行（第 3 题）字段 answer.value：应为数字，实际是文字“24”" },
      { line: 28, message: "第 28 行（第 4 题）字段 answer：缺少此字段" },
      { line: 29, message: "第 29 行（第 4 题）字段 id：“ok-1”与第 1 题重复" },
      {
        line: 32,
        message: "第 32 行（第 4 题）字段 anwser：未知字段（可用字段：id、version、type、stem、options、answer、explanation、module、section、facts、tags、family、source、status）",
      },
      { line: 34, message: "第 34 行（第 5 题）：每一题必须是一个对象 {…}，实际是文字“这不是一道题”" },
      { line: 37, message: '第 37 行（第 6 题）字段 type：应为 "single"、"multiple"、"true_false"、"numeric"、"ordering"、"matching"、"fill_blank" 之一' },
      { line: 39, message: '第 39 行（第 6 题）字段 status：应为 "draft"、"published"、"retired" 之一' },
      { line: 40, message: "第 40 行（第 6 题）字段 version：不能小于 1" },
      { line: 47, message: "第 47 行（第 7 题）字段 answer：同一题里重复出现" },
    ]);
    // The one good question is understood, but the caller imports nothing because errors is not empty.
    expect(questions.map((q) => q.id)).toEqual(["ok-1"]);
  });

  it.each([
    ["a trailing comma, at the comma", '[\n  {"type": "true_false", "stem": "故障受理", "answer": true},\n]', "第 2 行第 57 列：JSON 格式错误：多了一个逗号：“]”前面不能有逗号"],
    ["single quotes", "[\n  {'type': 'single'}\n]", '第 2 行第 4 列：JSON 格式错误：字段名必须用双引号 " 括起来，不能用单引号'],
    ["an unterminated string, where it starts", '[\n  {"stem": "故障受理\n"}\n]', "第 2 行第 12 列：JSON 格式错误：文字没有结束就换行了：缺少右双引号，或者换行要写成 \\n"],
    ["a missing comma between elements", '[\n  {"a": 1}\n  {"b": 2}\n]', "第 3 行第 3 列：JSON 格式错误：数组的元素之间缺少逗号（或者缺少“]”），却遇到“{”"],
    ["an unquoted word", '[\n  {"answer": 对}\n]', "第 2 行第 14 列：JSON 格式错误：无法识别的内容“对}”（文字要用双引号括起来）"],
    ["a bad escape", '[\n  {"stem": "C:\\故障"}\n]', "第 2 行第 15 列：JSON 格式错误：无效的转义“\\故”（反斜杠本身要写成 \\\\）"],
    ["a truncated file", '[\n  {"stem": "故障受理",', "第 2 行第 19 列：JSON 格式错误：文件意外结束，对象缺少“}”"],
  ])("reports JSON syntax errors with line and column: %s", (_name, text, message) => {
    const { questions, errors } = parseBankJson(text);
    expect(questions).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(zhText(errors[0].message)).toBe(message);
    expect(errors[0].line).toBe(Number(/^第 (\d+) 行/.exec(message)![1]));
  });

  it("requires an array of questions", () => {
    expect(zhErrors(parseBankJson('\n{"type": "single"}').errors)).toEqual([{ line: 2, message: "第 2 行：最外层必须是题目数组“[ {…}, {…} ]”" }]);
    expect(zhErrors(parseBankJson("[]").errors)).toEqual([{ line: 1, message: "第 1 行：文件里没有任何题目" }]);
    expect(zhErrors(parseBankJson("  \n").errors)).toEqual([{ line: 1, message: "第 1 行：文件是空的" }]);
  });

  it("accepts a UTF-8 BOM and CRLF line endings", () => {
    const text = `\uFEFF${fixture("bank-valid.json").replace(/\n/g, "\r\n")}`;
    const { questions, errors } = parseBankJson(text);
    expect(errors).toEqual([]);
    expect(questions.map((q) => q.line)).toEqual([2, 21, 31, 32, 46, 57]);
  });

  it("finds element lines whatever the strings contain (brackets, quotes, escapes)", () => {
    const text = [
      "[",
      '  {"type": "true_false", "stem": "含有 [ { \\" } ] 和 \\\\ 的题干", "answer": true},',
      "",
      '  {"type": "true_false", "stem": "第二题 \\u6545\\u969c", "answer": false}',
      "]",
    ].join("\n");
    const { questions, errors } = parseBankJson(text);
    expect(errors).toEqual([]);
    expect(questions.map((q) => [q.line, q.stem])).toEqual([
      [2, '含有 [ { " } ] 和 \\ 的题干'],
      [4, "第二题 故障"],
    ]);
  });
});

describe("bank JSON export", () => {
  const questions: Question[] = [
    {
      id: "fault_answer_time-numeric",
      version: 3,
      type: "numeric",
      stem: "故障受理电话应在多少秒内应答?",
      options: [],
      answer: { unit: "秒", value: 15, tolerance: 0 } as never,
      explanation: "不超过 15 秒。",
      module: "sla",
      section: "fault-intake-rates",
      facts: ["fault_answer_time"],
      tags: ["故障受理"],
      family: "fact:fault_answer_time",
      source: "generated",
      status: "published",
    },
    {
      status: "draft",
      source: "authored",
      tags: [],
      family: "intake-ordering",
      facts: [],
      section: null,
      module: null,
      explanation: "",
      answer: ["s2", "s1", "s3"],
      options: [
        { text: "接听并问候客户", id: "s1" } as never,
        { id: "s2", text: "核实客户身份" },
        { id: "s3", text: "记录故障现象" },
      ],
      stem: "请按顺序排列:<script>alert(1)</script>",
      type: "ordering",
      version: 1,
      id: "intake-ordering",
    },
    {
      id: "sla-matching",
      version: 1,
      type: "matching",
      stem: "请把事项与时限对应起来。",
      options: [],
      answer: [
        ["故障受理电话应答", "15 秒"],
        ["修复信息通知客户", "30 分钟"],
      ],
      explanation: "",
      module: "sla",
      section: null,
      facts: [],
      tags: [],
      family: "sla-matching",
      source: "imported",
      status: "retired",
    },
  ];

  it("writes pretty JSON with the contract's key order", () => {
    const text = exportBankJson(questions);
    expect(text.endsWith("]\n")).toBe(true);
    const data = JSON.parse(text) as Record<string, unknown>[];
    for (const row of data) {
      expect(Object.keys(row)).toEqual(["id", "version", "type", "stem", "options", "answer", "explanation", "module", "section", "facts", "tags", "family", "source", "status"]);
    }
    expect(Object.keys(data[0].answer as object)).toEqual(["value", "tolerance", "unit"]);
    expect(Object.keys((data[1].options as object[])[0])).toEqual(["id", "text"]);
    expect(text).toContain('\n  {\n    "id": "fault_answer_time-numeric",\n    "version": 3,\n');
  });

  it("round-trips through import unchanged", () => {
    const { questions: back, errors } = parseBankJson(exportBankJson(questions));
    expect(errors).toEqual([]);
    expect(back.map(({ line: _line, ...q }) => q)).toEqual(questions.map((q) => ({ ...q, options: q.options.map((o) => ({ id: o.id, text: o.text })) })));
  });
});
