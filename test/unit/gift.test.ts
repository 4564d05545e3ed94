import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exportGift, parseGiftFile, type GiftParseResult, type ImportedQuestion } from "~/domain/gift";
import type { Question } from "~/domain/question";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const fixture = (name: string) => readFileSync(path.join(repoRoot, "test", "fixtures", "gift", name), "utf8");

/** Moodle's own examples, kept in the shared fixtures checked out beside the repo (as CI does). */
const MOODLE_EXAMPLES = path.resolve(repoRoot, "..", "shared", "fixtures", "gift", "moodle-examples.gift.txt");
function readMoodleExamples(): string {
  if (!existsSync(MOODLE_EXAMPLES)) {
    throw new Error(
      `Moodle GIFT conformance fixture not found at ${MOODLE_EXAMPLES}. ` +
        "It lives in the shared fixtures, which must be checked out beside this repository (../shared/fixtures/gift/moodle-examples.gift.txt).",
    );
  }
  return readFileSync(MOODLE_EXAMPLES, "utf8");
}

function questionAt(result: GiftParseResult, line: number): ImportedQuestion {
  const q = result.questions.find((x) => x.line === line);
  if (!q) throw new Error(`no imported question at line ${line}; report: ${JSON.stringify(result.report.find((r) => r.line === line))}`);
  return q;
}

/** The answer in option texts, so questions can be compared whatever their option ids. */
function answerTexts(q: { type: string; options: { id: string; text: string }[]; answer: unknown }): unknown {
  const text = (id: string) => q.options.find((o) => o.id === id)?.text;
  if (q.type === "single") return text(q.answer as string);
  if (q.type === "multiple" || q.type === "ordering") return (q.answer as string[]).map(text);
  return q.answer;
}

function counts<T extends string>(values: T[]): Record<string, number> {
  return values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
}

describe("GIFT import: Moodle's own examples (conformance)", () => {
  const result = parseGiftFile(readMoodleExamples());

  it("reports every item at its first non-comment line, with what it is and what happened to it", () => {
    // [line, what gift-pegjs saw, outcome, bank type]
    const expected: [number, string, string, string | null][] = [
      [8, "MC", "imported", "single"],
      [10, "MC", "imported", "single"],
      [12, "TF", "imported", "true_false"],
      [14, "Short", "imported", "fill_blank"],
      [16, "Numerical", "imported", "numeric"],
      [25, "MC", "imported", "single"],
      [27, "MC", "imported", "single"],
      [29, "MC", "imported", "single"],
      [35, "MC", "imported", "single"],
      [43, "Short", "imported", "fill_blank"],
      [45, "Short", "imported", "fill_blank"],
      [49, "TF", "imported", "true_false"],
      [51, "TF", "imported", "true_false"],
      [55, "Matching", "imported", "matching"],
      [61, "Matching", "imported", "matching"],
      [70, "Numerical", "imported", "numeric"],
      [72, "Numerical", "imported", "numeric"],
      [74, "Numerical", "imported", "numeric"],
      [76, "Numerical", "imported", "numeric"],
      [85, "Numerical", "imported", "numeric"],
      [90, "Short", "imported", "fill_blank"],
      [93, "MC", "imported", "single"],
      [98, "MC", "imported", "single"],
      [103, "Short", "imported", "fill_blank"],
      [108, "Short", "imported", "fill_blank"],
      [113, "TF", "imported", "true_false"],
      [115, "MC", "imported", "single"],
      [117, "MC", "imported", "single"],
      [123, "Short", "imported", "fill_blank"],
      [130, "MC", "imported", "multiple"],
      [136, "MC", "imported", "multiple"],
      [143, "MC", "imported", "single"],
      [148, "MC", "imported", "single"],
      [167, "MC", "imported", "single"],
      [169, "MC", "imported", "single"],
      [171, "TF", "imported", "true_false"],
      [173, "Short", "imported", "fill_blank"],
      [175, "Numerical", "imported", "numeric"],
      [177, "Matching", "imported", "matching"],
      [184, "MC", "imported", "single"],
      [190, "MC", "imported", "single"],
      [195, "Short", "imported", "fill_blank"],
      [202, "Numerical", "imported", "numeric"],
    ];
    expect(result.report.map((r) => [r.line, r.kind, r.outcome, r.type ?? null])).toEqual(expected);
  });

  it("imports all 43 questions by type (short answer as fill_blank, numerical without a unit as unit-less numeric)", () => {
    expect(counts(result.questions.map((q) => q.type))).toEqual({ single: 16, multiple: 2, true_false: 5, matching: 3, fill_blank: 9, numeric: 8 });
    expect(result.errors).toEqual([]);
  });

  it("with units required, rejects the 8 numerical items, one error per item at its line", () => {
    const strict = parseGiftFile(readMoodleExamples(), { requireUnit: true });
    const rejected = strict.report.filter((r) => r.outcome === "rejected");
    expect(counts(rejected.map((r) => r.kind))).toEqual({ Numerical: 8 });
    expect(strict.errors.map((e) => e.line)).toEqual(rejected.map((r) => r.line));
    for (const e of strict.errors) expect(e.message.startsWith(`第 ${e.line} 行:`)).toBe(true);
  });

  it("reads the first multiple-choice question as single with answer “no one”", () => {
    const q = questionAt(result, 8);
    expect(q).toMatchObject({ type: "single", stem: "Who's buried in Grant's tomb?" });
    expect(q.options.map((o) => o.text)).toEqual(["Grant", "Jefferson", "no one"]);
    expect(answerTexts(q)).toBe("no one");
  });

  it("shows the missing word as a blank in the stem", () => {
    const q = questionAt(result, 10);
    expect(q.stem).toBe("Grant is ____ in Grant's tomb.");
    expect(answerTexts(q)).toBe("entombed");
    expect(questionAt(result, 29).stem).toBe("The American holiday of Thanksgiving is celebrated on the ____ Thursday of November.");
    expect(questionAt(result, 117).stem).toBe("Jesus Christ was from ____.");
  });

  it("reads short answer as fill_blank with one blank accepting every full-credit answer", () => {
    expect(questionAt(result, 14)).toMatchObject({ type: "fill_blank", stem: "Who's buried in Grant's tomb?\n\n____", answer: [["no one", "nobody"]], options: [] });
    // The missing-word form keeps the blank where the answers were.
    expect(questionAt(result, 45)).toMatchObject({ stem: "Two plus two equals ____.", answer: [["four", "4"]] });
    // {=China} alone is also short answer in Moodle.
    expect(questionAt(result, 90)).toMatchObject({ type: "fill_blank", answer: [["China"]], title: "Kanji Origins" });
  });

  it("reads true/false items, including the wrong-answer feedback", () => {
    expect(questionAt(result, 12)).toMatchObject({ type: "true_false", answer: false, options: [] });
    expect(questionAt(result, 51)).toMatchObject({ type: "true_false", answer: true, stem: "The sun rises in the east." });
    expect(questionAt(result, 113).explanation).toBe("选项“正确”:No one is buried in Grant's tomb.");
  });

  it("reads matching items as pairs, including the one-line form", () => {
    expect(questionAt(result, 61).answer).toEqual([
      ["Canada", "Ottawa"],
      ["Italy", "Rome"],
      ["Japan", "Tokyo"],
      ["India", "New Delhi"],
    ]);
    expect(questionAt(result, 177).answer).toEqual([
      ["Canada", "Ottawa"],
      ["Italy", "Rome"],
      ["Japan", "Tokyo"],
    ]);
  });

  it("imports numerical items without a unit with an empty unit, noting it; rejects them when units are required, saying how to add one", () => {
    expect(questionAt(result, 16).answer).toEqual({ value: 1822, tolerance: 1, unit: "" });
    expect(result.report.find((r) => r.line === 16)!.notes).toEqual(["题干末尾没有写单位(如“(单位:小时)”),按无单位的数值题导入"]);
    const strict = parseGiftFile(readMoodleExamples(), { requireUnit: true });
    for (const line of [16, 70, 72, 74, 76, 85, 175, 202]) {
      const error = strict.errors.find((e) => e.line === line)!;
      expect(error.message).toContain(`第 ${line} 行:数值题缺少单位`);
      expect(error.message).toContain("(单位:小时)");
    }
    expect(strict.report.find((r) => r.line === 76)!.notes).toEqual(["答案 1822:2 有 50% 的部分得分,题库不计部分分,已忽略"]);
  });

  it("reads items without “=” as multiple with the positively weighted options as the answer", () => {
    for (const line of [130, 136]) {
      const q = questionAt(result, line);
      expect(q.type).toBe("multiple");
      expect(answerTexts(q)).toEqual(["Grant", "Grant's wife"]);
    }
  });

  it("imports partial credit in a single-answer item as single with the full-credit option, noting it", () => {
    expect(answerTexts(questionAt(result, 115))).toBe("full credit answer");
    expect(result.report.find((r) => r.line === 115)!.notes).toEqual(["选项B“half credit answer”有 50% 的部分得分,题库不计部分分,按错误选项导入"]);
    const hometown = questionAt(result, 117);
    expect(hometown).toMatchObject({ type: "single", title: "Jesus' hometown" });
    expect(answerTexts(hometown)).toBe("Nazareth");
    expect(result.report.find((r) => r.line === 117)!.notes).toHaveLength(2);
  });

  it("unescapes GIFT control characters in options and feedback", () => {
    const special = questionAt(result, 143);
    expect(special.options.map((o) => o.text)).toEqual(["= 2 + 2", "= 2 + 3", "= 2 + 4"]);
    expect(answerTexts(special)).toBe("= 2 + 3");

    const control = questionAt(result, 148);
    expect(control.title).toBe("GIFT Control Characters");
    expect(control.options.map((o) => o.text)).toEqual(["~", "=", "#", "{", "}", "\\"]);
    expect(answerTexts(control)).toBe("\\");
    expect(control.explanation.startsWith("Correct! \\ (backslash) is not a control character. BUT, it is used to escape")).toBe(true);
    expect(control.explanation).toContain("选项D“{”:{ is a control character.");
  });

  it("turns feedback into the explanation: right answer, then the others as “选项X” lines", () => {
    expect(questionAt(result, 98).explanation).toBe(
      [
        "Very good!",
        "选项A“wrong answer”:feedback comment on the wrong answer",
        "选项B“another wrong answer”:feedback comment on this wrong answer",
      ].join("\n\n"),
    );
    expect(questionAt(result, 184)).toMatchObject({
      title: "Grant's Tomb",
      explanation: "Right answer!\n\n选项A“buried”:No one is buried there.\n\n选项C“living”:We hope not!",
    });
  });

  it("keeps titles", () => {
    expect(questionAt(result, 93).title).toBe("Thanksgiving Date");
    expect(result.report.find((r) => r.line === 202)!.title).toBe("Numerical example");
  });
});

describe("GIFT import: our own files", () => {
  it("imports every question of a valid file, noting the category", () => {
    const result = parseGiftFile(fixture("kefu-valid.gift"));
    expect(result.errors).toEqual([]);
    expect(result.report.map((r) => [r.line, r.kind, r.outcome])).toEqual([
      [4, "Category", "ignored"],
      [7, "MC", "imported"],
      [15, "MC", "imported"],
      [17, "MC", "imported"],
      [23, "TF", "imported"],
      [25, "Numerical", "imported"],
      [27, "Numerical", "imported"],
      [29, "Numerical", "imported"],
      [31, "Numerical", "imported"],
      [36, "Matching", "imported"],
      [42, "MC", "imported"],
      [47, "MC", "imported"],
      [52, "Numerical", "imported"],
    ]);
    expect(result.report[0].notes[0]).toContain("服务时限/故障受理");

    const first = questionAt(result, 7);
    expect(first).toMatchObject({ type: "single", title: "fault-answer-time", stem: "故障受理电话的应答时限是多少?", tags: ["故障受理", "时限"] });
    expect(answerTexts(first)).toBe("15秒");
    expect(first.explanation).toBe(
      "正确:故障受理电话应在 15 秒内应答。\n\n依据服务时限规定:故障受理电话应答时限不超过 15 秒。\n\n选项B“30秒”:30 秒是一般咨询电话的要求吗?不是,故障受理是 15 秒。",
    );
    expect(questionAt(result, 15)).toMatchObject({ stem: "故障受理电话应在 ____ 秒内应答。" });
    expect(answerTexts(questionAt(result, 17))).toEqual(["故障受理电话接通率", "故障受理电话人工接通率"]);
    expect(questionAt(result, 23)).toMatchObject({
      answer: true,
      explanation: "正确。\n\n参见“服务时限”一章。\n\n选项“错误”:不对,商业客户的时限就是 12 小时。",
    });
  });

  it("takes the numeric unit from the end of the stem and removes it there", () => {
    const result = parseGiftFile(fixture("kefu-valid.gift"));
    expect(questionAt(result, 25)).toMatchObject({ stem: "固定电话故障(公众客户)的最长处理时限是多少?", answer: { value: 24, tolerance: 0, unit: "小时" } });
    expect(questionAt(result, 27)).toMatchObject({ stem: "商业客户宽带故障的最长处理时限为 ____", answer: { value: 8, tolerance: 0, unit: "h" } });
    // a..b is the midpoint ± half the width
    expect(questionAt(result, 29)).toMatchObject({ answer: { value: 98, tolerance: 1, unit: "%" } });
    // several weighted answers: the 100% one
    expect(questionAt(result, 31)).toMatchObject({ answer: { value: 15, tolerance: 0, unit: "秒" } });
    expect(result.report.find((r) => r.line === 31)!.notes).toEqual(["答案 15:5 有 50% 的部分得分,题库不计部分分,已忽略"]);

    // Moodle's single answer with feedback, {#1 #…}, which gift-pegjs only reads as {#=1 #…}
    expect(questionAt(result, 52)).toMatchObject({
      stem: "客户成功申障后,社区经理应在多少小时内与客户联系?",
      answer: { value: 1, tolerance: 0, unit: "小时" },
      explanation: "正确:1 小时内联系客户,沟通情况并预约上门。",
    });

    const ranged = parseGiftFile("圆周率是多少?[unit: 无]{#3.141..3.142}");
    expect(ranged.questions[0].answer).toEqual({ value: 3.1415, tolerance: 0.0005, unit: "无" });
    const fullWidth = parseGiftFile("故障受理电话应答时限?（单位：秒）{#15:1}");
    expect(fullWidth.questions[0]).toMatchObject({ stem: "故障受理电话应答时限?", answer: { value: 15, tolerance: 1, unit: "秒" } });
  });

  it("accepts colons and other GIFT characters in text as Moodle does (12:30, javascript:, a = b)", () => {
    const result = parseGiftFile(fixture("kefu-valid.gift"));
    const q = questionAt(result, 42);
    expect(q.stem).toBe("**注意**:客户 12:30 来电报障,下列做法哪项正确?");
    expect(answerTexts(q)).toBe("按流程受理,并记录来电时间 12:30");
    const eq = parseGiftFile("1 + 1 = 2 是否正确?# 这是题干里的井号 {T}");
    expect(eq.questions[0]).toMatchObject({ stem: "1 + 1 = 2 是否正确?# 这是题干里的井号", answer: true });
  });

  it("keeps hostile strings as plain text (display sanitises them) without breaking parsing", () => {
    const result = parseGiftFile(fixture("kefu-valid.gift"));
    const q = questionAt(result, 47);
    expect(q.stem).toBe("客户发来“<script>alert('x')</script>”并要求打开链接,应该怎么做?");
    expect(q.options.map((o) => o.text)).toEqual(["不打开,按信息安全规定上报", "直接打开 javascript:alert(1)"]);
    expect(q.explanation).toBe("不要点击 javascript:alert(1) 这类链接。");
    const html = parseGiftFile('[html]<p onclick="alert(1)">故障受理电话应答时限是 15 秒。</p><script>alert(2)</script>{T}');
    expect(html.questions[0].stem).toBe('<p onclick="alert(1)">故障受理电话应答时限是 15 秒。</p><script>alert(2)</script>');
  });

  it("reports every error of a mixed file at its line, so the caller imports nothing", () => {
    const result = parseGiftFile(fixture("kefu-errors.gift"));
    expect(result.errors.map((e) => e.message)).toEqual([
      "第 8 行:论述题(essay)无法存入题库:题库只支持单选、多选、判断、数值、排序、匹配、填空;提示:答案块 {} 是空的,GIFT 里这是论述题",
      "第 10 行:说明文字(description)无法存入题库:题库只支持单选、多选、判断、数值、排序、匹配、填空;提示:没有答案块 {…} 的段落在 GIFT 里是说明文字;如果它只是备注,请在行首加 //",
      "第 14 行:GIFT 语法错误:在第 14 行第 22 列,答案块的“{”没有对应的“}”(注意:一道题中间不能有空行)",
      "第 16 行:选项“15秒”重复",
      "第 18 行:有 2 个满分选项(“15秒”、“30秒”),题库的单选题只能有一个正确答案;如果是多选题,请不用 =,把每个正确选项写成 ~%50% 这样的正分权重",
      '第 20 行:GIFT 语法错误:在第 21 行第 3 列,百分比权重必须是 -100 到 100 之间的数,写法如 ~%50%(解析器信息:Expected a value between -100 and 100 but "150" found.)',
      "第 27 行:答案:匹配题至少 2 对",
      "第 29 行:GIFT 语法错误:在第 29 行第 31 列,答案块的“{”没有对应的“}”(注意:一道题中间不能有空行)",
      "第 32 行:GIFT 语法错误:在第 33 行第 1 列,多了一个“}”,前面没有对应的“{”(如果是文字,请写成 \\})",
    ]);
    expect(result.errors.map((e) => e.line)).toEqual([8, 10, 14, 16, 18, 20, 27, 29, 32]);
    // The good items are still understood (for a preview), but errors is not empty. Short answer is
    // fill_blank now, and a numeric item without a unit imports with an empty unit.
    expect(result.questions.map((q) => q.title)).toEqual(["ok-1", "short", "no-unit", "ok-2"]);
    expect(result.questions[1]).toMatchObject({ type: "fill_blank", answer: [["98%", "百分之九十八"]] });
    expect(result.report.filter((r) => r.outcome === "rejected")).toHaveLength(9);
    // The unsupported items are marked so the caller can offer to skip them.
    expect(result.report.filter((r) => r.unsupported).map((r) => r.line)).toEqual([8, 10]);
  });

  it("skips essays and descriptions when asked, listing them as skipped; the rest of the file is unchanged", () => {
    const text = "::ok::接听时限?{=15秒 ~30秒}\n\n::essay::请简述流程。{}\n\n这一段是说明文字。\n\n::no-unit::时限是多少?{#24}\n";
    const strict = parseGiftFile(text);
    expect(strict.errors.map((e) => e.line)).toEqual([3, 5]);
    const skipping = parseGiftFile(text, { skipUnsupported: true });
    expect(skipping.errors).toEqual([]);
    expect(skipping.questions.map((q) => q.title)).toEqual(["ok", "no-unit"]);
    expect(skipping.report.map((r) => [r.line, r.outcome])).toEqual([
      [1, "imported"],
      [3, "skipped"],
      [5, "skipped"],
      [7, "imported"],
    ]);
    // Skipping never hides a real error, and a required unit stays required.
    expect(parseGiftFile(`${text}\n::bad::x {=a =b ~c ~a}\n`, { skipUnsupported: true }).errors).toHaveLength(1);
    expect(parseGiftFile(text, { skipUnsupported: true, requireUnit: true }).errors.map((e) => e.line)).toEqual([7]);
  });

  it("maps a parser error back to the source line and column, past escapes it inserted", () => {
    const text = "// 第一行是注释\n::t::在 12:30 前,下列哪些正确?{~%150%甲 ~乙}\n";
    const result = parseGiftFile(text);
    const line = text.split("\n")[1];
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].line).toBe(2);
    expect(result.errors[0].message).toContain(`在第 2 行第 ${line.indexOf("150") + 1} 列,百分比权重`);

    // A matching pair followed by a multiple-choice option: the parser's own error, on the third line.
    const generic = parseGiftFile("题干:\n{=甲 -> 乙\n~丙}");
    expect(generic.errors).toEqual([
      { line: 1, message: '第 1 行:GIFT 语法错误:在第 3 行第 1 列,这里不应出现“~”,应为 “}”(解析器信息:Expected "}" but "~" found.)' },
    ]);
  });

  it("counts lines the same with CRLF line endings and a BOM", () => {
    const lf = fixture("kefu-errors.gift");
    const crlf = `\uFEFF${lf.replace(/\n/g, "\r\n")}`;
    expect(parseGiftFile(crlf).errors).toEqual(parseGiftFile(lf).errors);
  });

  it("says so when a file has no questions", () => {
    expect(parseGiftFile("// 只有注释\n\n\n").errors).toEqual([{ line: 1, message: "第 1 行:文件里没有任何题目" }]);
    expect(parseGiftFile("").errors).toHaveLength(1);
  });

  it("rejects an MC with no right option and a one-of-many =", () => {
    expect(parseGiftFile("下列哪项正确?{~甲 ~乙}").errors[0].message).toContain("没有正确选项");
  });
});

describe("GIFT export", () => {
  const base: Omit<Question, "id" | "type" | "stem" | "options" | "answer"> = {
    explanation: "",
    module: "sla",
    section: "fault-intake-rates",
    facts: ["fault_answer_time"],
    tags: [],
    version: 1,
    source: "authored",
    status: "published",
  };
  const questions: Question[] = [
    {
      ...base,
      id: "q-single",
      type: "single",
      stem: "客户问:“{15} 秒 = 多久?” ~ #1 \\ 反斜杠",
      options: [
        { id: "o1", text: "15秒" },
        { id: "o2", text: "= 30秒" },
        { id: "o3", text: "%50 的客户" },
        { id: "o4", text: "[html]<b>60秒</b>" },
      ],
      answer: "o1",
      explanation: "第一段:故障受理电话应答时限不超过 15 秒。\n\n第二段 #2",
      tags: ["故障受理", "时限"],
    },
    {
      ...base,
      id: "q-multiple",
      type: "multiple",
      stem: "下列哪些属于故障受理的考核指标?",
      options: [
        { id: "a", text: "故障受理电话接通率" },
        { id: "b", text: "故障受理电话人工接通率" },
        { id: "c", text: "修复信息通知客户时限" },
        { id: "d", text: "营业厅排队时长" },
      ],
      answer: ["a", "b", "c"],
    },
    { ...base, id: "q-tf", type: "true_false", stem: "商业客户固定电话故障最长处理时限是 24 小时。", options: [], answer: false, explanation: "商业客户是 12 小时。" },
    { ...base, id: "q-numeric", type: "numeric", stem: "故障受理电话应在多少秒内应答?", options: [], answer: { value: 15, tolerance: 0, unit: "秒" } },
    { ...base, id: "q-numeric-2", type: "numeric", stem: "半小时是多少小时?", options: [], answer: { value: 0.5, tolerance: 0.05, unit: "小时" } },
    { ...base, id: "q-numeric-3", type: "numeric", stem: "一个很小的数?", options: [], answer: { value: -0.0000001, tolerance: 0, unit: "个" } },
    {
      ...base,
      id: "q-matching",
      type: "matching",
      stem: "请把事项与时限对应起来。",
      options: [],
      answer: [
        ["故障受理电话应答", "15 秒"],
        ["修复信息通知客户", "30 分钟:最长"],
        ["宽带故障{商业客户}", "8 小时 -> 最长"],
      ],
      explanation: "见服务时限一章。",
    },
    {
      ...base,
      id: "q-ordering",
      type: "ordering",
      stem: "请按顺序排列故障受理的步骤。",
      options: [
        { id: "s1", text: "接听并问候客户" },
        { id: "s2", text: "记录故障现象" },
        { id: "s3", text: "派单" },
      ],
      answer: ["s1", "s2", "s3"],
    },
    {
      ...base,
      id: "q-hostile",
      type: "single",
      stem: "**注意**\n\n<script>alert('x')</script> 请勿点击 javascript:alert(1)\n\n- 第一步:核实身份",
      options: [
        { id: "a", text: "<img src=x onerror=alert(1)>" },
        { id: "b", text: "javascript:void(0)" },
      ],
      answer: "b",
    },
  ];

  it("writes GIFT that reads back with the same type, stem, options, answer, explanation and tags", () => {
    const text = exportGift(questions);
    const result = parseGiftFile(text);
    expect(result.errors).toEqual([]);
    const exportable = questions.filter((q) => q.type !== "ordering");
    expect(result.questions).toHaveLength(exportable.length);
    exportable.forEach((original, i) => {
      const back = result.questions[i];
      expect({ title: back.title, type: back.type, stem: back.stem, options: back.options.map((o) => o.text), answer: answerTexts(back), explanation: back.explanation, tags: back.tags }).toEqual({
        title: original.id,
        type: original.type,
        stem: original.stem,
        options: original.options.map((o) => o.text),
        answer: answerTexts(original),
        explanation: original.explanation,
        tags: original.tags,
      });
    });
  });

  it("writes ordering questions as a comment block, which import skips", () => {
    const text = exportGift(questions);
    expect(text).toContain("// ordering question q-ordering not exportable to GIFT");
    expect(text).toContain("// 正确顺序:1. 接听并问候客户 2. 记录故障现象 3. 派单");
    expect(parseGiftFile(exportGift([questions[7]])).errors).toEqual([{ line: 1, message: "第 1 行:文件里没有任何题目" }]);
  });

  it("writes the numeric unit at the end of the stem and the explanation as general feedback", () => {
    const text = exportGift([questions[3], questions[4]]);
    expect(text).toContain("::q-numeric::[markdown]故障受理电话应在多少秒内应答? (单位\\:秒) {\n#15\n}");
    expect(text).toContain("#0.5:0.05");
    expect(exportGift([questions[2]])).toContain("FALSE\n####商业客户是 12 小时。\n}");
  });

  it("keeps a single question readable when its right option contains “->”", () => {
    const q: Question = { ...base, id: "q-arrow", type: "single", stem: "哪个流程正确?", options: [{ id: "a", text: "受理 -> 派单" }, { id: "b", text: "派单 -> 受理" }], answer: "a" };
    const back = parseGiftFile(exportGift([q]));
    expect(back.errors).toEqual([]);
    expect(back.questions[0].type).toBe("single");
    expect(answerTexts(back.questions[0])).toBe("受理 -> 派单");
    expect(back.questions[0].options.map((o) => o.text).sort()).toEqual(["派单 -> 受理", "受理 -> 派单"].sort());
  });
});
