import { describe, expect, it } from "vitest";
import { bankToSheetRows, parseBankSheet, parseNumericAnswer, SHEET_HEADERS, type SheetQuestion } from "~/domain/bank-sheet";
import { parseBankText } from "~/domain/bank-text";
import type { Question } from "~/domain/question";
import { zhErrors, zhText } from "../helpers/messages";

const modules = [
  { slug: "04-sla", title: "服务时限" },
  { slug: "08-complaints", title: "投诉处理" },
];
const H: string[] = [...SHEET_HEADERS];
const row = (type: string, stem: string, options: string[], answer: string, rest: { explanation?: string; module?: string; tags?: string; family?: string } = {}) => [
  type,
  stem,
  ...Array.from({ length: 6 }, (_, i) => options[i] ?? ""),
  answer,
  rest.explanation ?? "",
  rest.module ?? "",
  rest.tags ?? "",
  rest.family ?? "",
];

describe("Excel layout: parsing rows", () => {
  it("reads every type with its answer form", () => {
    const { questions, errors } = parseBankSheet(
      [
        H,
        row("单选", "故障报修电话应在铃响几声内接听？", ["2 声", "3 声", "4 声"], "B", { explanation: "不超过 3 声", module: "服务时限", tags: "接听，时限", family: "ring" }),
        row("多选", "哪些属于首问负责？", ["受理", "推诿", "跟踪", "转交后不管"], "a,c"),
        row("判断", "可以替客户查询他人账户。", [], "错"),
        row("填空", "我们能做的是____返还，回访在___日内。", [], "双倍｜2倍；7|七"),
        row("数值", "故障受理电话应答时限？", [], "15±0 秒", { module: "04-sla" }),
        row("数值", "差错率上限？", [], "0.5 +/- 0.1 %"),
        row("数值", "无单位的数？", [], "3"),
        row("排序", "投诉处理的顺序", ["回访", "受理", "处理"], "BCA"),
      ],
      { modules },
    );
    expect(errors).toEqual([]);
    expect(questions.map((q) => [q.line, q.type])).toEqual([
      [2, "single"],
      [3, "multiple"],
      [4, "true_false"],
      [5, "fill_blank"],
      [6, "numeric"],
      [7, "numeric"],
      [8, "numeric"],
      [9, "ordering"],
    ]);
    const [single, multiple, tf, blank, numeric, tol, bare, ordering] = questions;
    expect(single.answer).toBe(single.options[1].id);
    expect(single).toMatchObject({ module: "04-sla", tags: ["接听", "时限"], family: "ring", explanation: "不超过 3 声" });
    expect(multiple.answer).toEqual([multiple.options[0].id, multiple.options[2].id]);
    expect(tf.answer).toBe(false);
    expect(blank.answer).toEqual([["双倍", "2倍"], ["7", "七"]]);
    expect(numeric.answer).toEqual({ value: 15, tolerance: 0, unit: "秒" });
    expect(tol.answer).toEqual({ value: 0.5, tolerance: 0.1, unit: "%" });
    expect(bare.answer).toEqual({ value: 3, tolerance: 0, unit: "" });
    expect((ordering.answer as string[]).map((id) => ordering.options.find((o) => o.id === id)!.text)).toEqual(["受理", "处理", "回访"]);
    // Option ids do not give away the order or the key.
    expect(ordering.options.every((o) => /^o-[0-9a-z]+$/.test(o.id))).toBe(true);
  });

  it("names the row and the column of every error, and returns nothing importable alongside", () => {
    const { questions, errors } = parseBankSheet(
      [
        H,
        row("单选", "好题", ["甲", "乙"], "A"),
        row("问答", "什么题型", [], "x"),
        row("单选", "", ["甲", "乙"], "C"),
        row("多选", "缺选项", ["甲", "", "丙"], "AC"),
        row("填空", "两个空___和___", [], "一"),
        row("数值", "时限", [], "十五秒"),
        row("判断", "对吗", [], "也许", { module: "没有这个模块" }),
        [],
        row("单选", "两个答案", ["甲", "乙"], "AB"),
      ],
      { modules },
    );
    expect(errors.map((e) => zhText(e.message))).toEqual([
      "第 3 行“题型”列：“问答”不是题库的题型：应为 单选、多选、判断、填空、数值、排序 之一",
      "第 4 行“题干”列：题干是空的",
      "第 4 行“答案”列：答案里的C没有对应的选项",
      "第 5 行“选项B”列：选项B是空的，但后面的选项有内容",
      "第 6 行“答案”列：题干里有 2 个空，答案却有 1 组：每个空的答案用“;”分隔，同一个空的多个答案用 | 分隔",
      "第 7 行“答案”列：“十五秒”不是数值答案：写成“数值±容差 单位”，如“15±0 秒”",
      "第 8 行“模块”列：找不到模块“没有这个模块”：请填写模块的编号（如 sla）或它的中文标题",
      "第 8 行“答案”列：“也许”不是判断题的答案：写“对”或“错”",
      "第 10 行“答案”列：单选题只能有一个答案，这里写了 2 个：如果是多选题，请把题型改为“多选”",
    ]);
    expect(questions).toHaveLength(1); // the caller imports nothing: errors is not empty
  });

  it("refuses a sheet whose headers are not exactly the template's", () => {
    const wrong: string[] = [...H];
    wrong[8] = "正确答案";
    const r = parseBankSheet([wrong, row("单选", "题", ["甲", "乙"], "A")], { modules });
    expect(r.errors).toHaveLength(1);
    expect(zhText(r.errors[0].message)).toContain("第 9 列应为“答案”，实际是“正确答案”");
    expect(zhText(parseBankSheet([H], { modules }).errors[0].message)).toContain("没有任何题目");
  });

  it("numeric answers: ± and +/- forms, unit optional", () => {
    expect(parseNumericAnswer("15±0 秒")).toEqual({ value: 15, tolerance: 0, unit: "秒" });
    expect(parseNumericAnswer("１５＋/-２ 小时")).toEqual({ value: 15, tolerance: 2, unit: "小时" });
    expect(parseNumericAnswer("2.5%")).toEqual({ value: 2.5, tolerance: 0, unit: "%" });
    expect(parseNumericAnswer("约15")).toBeNull();
  });
});

describe("Excel layout: export → import gives the same questions", () => {
  it("round trips every type the layout holds and lists the ones it cannot", () => {
    const first = parseBankSheet(
      [
        H,
        row("单选", "故障报修电话应在铃响几声内接听？", ["2 声", "3 声", "4 声"], "B", { module: "04-sla", tags: "接听", family: "ring" }),
        row("多选", "哪些属于首问负责？", ["受理", "推诿", "跟踪"], "AC", { explanation: "解析**加粗**" }),
        row("判断", "可以替客户查询他人账户。", [], "错"),
        row("填空", "我们能做的是____返还。", [], "双倍|2倍"),
        row("数值", "时限？", [], "15±1 秒"),
        row("排序", "顺序", ["回访", "受理", "处理"], "BCA"),
      ],
      { modules },
    );
    expect(zhErrors(first.errors)).toEqual([]);
    const asBank = (qs: SheetQuestion[]): (Question & { family: string })[] =>
      qs.map((q, i) => ({ ...q, id: `q${i}`, version: 1, source: "imported", status: "draft" }));
    const matching: Question = { type: "matching", stem: "配对", options: [], answer: [["a", "b"], ["c", "d"]], explanation: "", module: null, section: null, facts: [], tags: [], family: "", id: "m1", version: 1, source: "authored", status: "draft" };
    const exported = bankToSheetRows([...asBank(first.questions), matching]);
    expect(exported.rows[0]).toEqual(H);
    expect(exported.skipped).toEqual([{ id: "m1", reason: "匹配题没有表格格式" }]);
    const second = parseBankSheet(exported.rows, { modules });
    expect(zhErrors(second.errors)).toEqual([]);
    const strip = (q: SheetQuestion) => ({ ...q, line: 0, family: q.family });
    expect(second.questions.map(strip)).toEqual(first.questions.map((q, i) => ({ ...strip(q), family: q.family || `q${i}` })));
  });
});

describe("plain text as pasted from Word", () => {
  const text = `第一章 题库

1. 故障报修电话应在铃响几声内接听？
A. 2 声
B、3 声
C．4 声
答案：B
解析：铃响不超过 3 声即应接听。
这一点很重要。

2、哪些属于首问负责？
A. 受理  B. 跟踪  C. 推诿
答案:AB
分组：首问

（3）可以替客户查询他人账户。
答案：错

(4) 我们能做的是____返还。
答案：双倍|2倍
模块：投诉处理

5. 故障受理电话应答时限？
答案：15±0 秒

6. 投诉处理的顺序
A. 回访
B. 受理
C. 处理
题型：排序
答案：BCA
`;

  it("reads numbered questions, options, 答案/解析/分组/模块/题型 lines, inferring the type", () => {
    const { questions, errors } = parseBankText(text, { modules });
    expect(errors).toEqual([]);
    expect(questions.map((q) => [q.line, q.type])).toEqual([
      [3, "single"],
      [11, "multiple"],
      [16, "true_false"],
      [19, "fill_blank"],
      [23, "numeric"],
      [26, "ordering"],
    ]);
    expect(questions[0].options.map((o) => o.text)).toEqual(["2 声", "3 声", "4 声"]);
    expect(questions[0].explanation).toBe("铃响不超过 3 声即应接听。\n这一点很重要。");
    expect(questions[1].options.map((o) => o.text)).toEqual(["受理", "跟踪", "推诿"]);
    expect(questions[1].family).toBe("首问");
    expect(questions[3]).toMatchObject({ module: "08-complaints", answer: [["双倍", "2倍"]] });
    expect(questions[4].answer).toEqual({ value: 15, tolerance: 0, unit: "秒" });
  });

  it("names the line of each error", () => {
    const bad = `1. 没有答案的题
A. 甲
B. 乙

2. 答案不对
A. 甲
B. 乙
答案：D

3. 猜不出题型
答案：也许
`;
    const { errors } = parseBankText(bad, { modules });
    expect(errors.map((e) => zhText(e.message))).toEqual([
      "第 1 行：这道题没有“答案：”行",
      "第 8 行：（第 5 行的题目）答案里的D没有对应的选项",
      "第 10 行：无法判断题型：请加一行“题型：单选”（或 多选、判断、填空、数值、排序）",
    ]);
  });
});
