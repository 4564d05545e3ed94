import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exportGift, parseGiftFile, type GiftParseResult, type ImportedQuestion } from "~/domain/gift";
import type { Question } from "~/domain/question";
import { zhErrors, zhText } from "../helpers/messages";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const fixture = (name: string) => readFileSync(path.join(repoRoot, "test", "fixtures", "gift", name), "utf8");

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

/** The project's own conformance file: every construct Moodle's GIFT format documents, in our words. */
const CONFORMANCE = fixture("conformance.gift");

describe("GIFT import: conformance file (every construct of Moodle's format)", () => {
  const result = parseGiftFile(CONFORMANCE);
  const reportAt = (line: number) => {
    const r = result.report.find((x) => x.line === line);
    if (!r) throw new Error(`no item reported at line ${line}`);
    return r;
  };

  it("reports every item at its first non-comment line, with what it is and what happened to it", () => {
    // [line, what gift-pegjs saw, outcome, bank type]
    const expected: [number, string, string, string | null][] = [
      [8, "Category", "ignored", null],
      [11, "MC", "imported", "single"],
      [14, "MC", "imported", "single"],
      [17, "MC", "imported", "single"],
      [24, "MC", "imported", "single"],
      [32, "MC", "imported", "single"],
      [35, "Category", "ignored", null],
      [38, "MC", "imported", "single"],
      [41, "MC", "imported", "multiple"],
      [49, "MC", "imported", "multiple"],
      [56, "Category", "ignored", null],
      [59, "TF", "imported", "true_false"],
      [61, "TF", "imported", "true_false"],
      [63, "TF", "imported", "true_false"],
      [65, "TF", "imported", "true_false"],
      [68, "TF", "imported", "true_false"],
      [70, "TF", "imported", "true_false"],
      [72, "Category", "ignored", null],
      [75, "Numerical", "imported", "numeric"],
      [78, "Numerical", "imported", "numeric"],
      [81, "Numerical", "imported", "numeric"],
      [84, "Numerical", "imported", "numeric"],
      [90, "Numerical", "imported", "numeric"],
      [92, "Category", "ignored", null],
      [95, "Matching", "imported", "matching"],
      [103, "Matching", "imported", "matching"],
      [105, "Category", "ignored", null],
      // short answer and missing-word short answer: see the group "short answer" below
      [108, "Short", "imported", "fill_blank"],
      [111, "Short", "imported", "fill_blank"],
      [117, "Short", "imported", "fill_blank"],
      [119, "Category", "ignored", null],
      [122, "Essay", "rejected", null],
      [125, "Description", "rejected", null],
      [128, "MC", "imported", "single"],
      [130, "MC", "imported", "single"],
      [132, "MC", "imported", "single"],
      [134, "MC", "imported", "single"],
      [137, "MC", "imported", "single"],
      [145, "MC", "imported", "single"],
      [147, "MC", "imported", "single"],
    ];
    expect(result.report.map((r) => [r.line, r.kind, r.outcome, r.type ?? null])).toEqual(expected);
    expect(result.errors.map((e) => e.line)).toEqual(result.report.filter((r) => r.outcome === "rejected").map((r) => r.line));
    for (const e of result.errors) expect(zhText(e.message).startsWith(`第 ${e.line} 行：`)).toBe(true);
  });

  it("ignores comment lines wherever they are, and names each $CATEGORY in the report", () => {
    // The header comments, the "// ===…===" lines before items and the comment inside no item are not items.
    expect(result.report.some((r) => r.line <= 7)).toBe(false);
    expect(result.report.filter((r) => r.kind === "Category").map((r) => r.notes.map(zhText)[0])).toEqual(
      ["单选", "权重与多选", "判断", "数值", "匹配", "简答", "其他题型"].map((c) => `Moodle 分类“一致性测试/${c}”已忽略：题库按模块和章节组织题目`),
    );
  });

  it("reads a plain single-choice item, with Chinese text", () => {
    const q = questionAt(result, 11);
    expect(q).toMatchObject({ type: "single", stem: "客户来电报修宽带,首先应当做什么?", explanation: "" });
    expect(q.options.map((o) => o.text)).toEqual(["直接派单", "让客户自己重启", "核实客户身份并记录故障现象"]);
    expect(answerTexts(q)).toBe("核实客户身份并记录故障现象");
  });

  it("shows the answer block in the middle of a stem as a blank (missing word), also when it spans lines", () => {
    expect(questionAt(result, 14)).toMatchObject({ stem: "受理投诉时,客服代表应先 ____ 再给出处理方案。" });
    expect(answerTexts(questionAt(result, 14))).toBe("倾听客户诉求");
    const multiLine = questionAt(result, 17);
    expect(multiLine.stem).toBe("营业厅服务人员发现客户排队超过规定时长时,应当 ____。");
    expect(multiLine.options.map((o) => o.text)).toEqual(["继续按顺序办理", "增开窗口或引导客户使用自助设备", "请客户改日再来"]);
    expect(answerTexts(multiLine)).toBe("增开窗口或引导客户使用自助设备");
  });

  it("keeps titles, including a title on a line of its own", () => {
    expect(questionAt(result, 24).title).toBe("投诉升级");
    expect(questionAt(result, 32)).toMatchObject({ title: "换行标题", stem: "客户询问话费账单明细,应引导其通过哪个渠道查询?" });
    expect(questionAt(result, 11).title).toBeUndefined();
  });

  it("turns per-option feedback and general feedback (####) into the explanation", () => {
    expect(questionAt(result, 24).explanation).toBe(
      [
        "正确:重复投诉需要升级。",
        "重复投诉说明前面的处理没有解决问题。",
        "选项A“再次道歉后挂机”:道歉不能代替处理。",
        "选项C“建议客户去营业厅”:把客户推走会让投诉加重。",
      ].join("\n\n"),
    );
  });

  it("imports a positive weight on a wrong option of a single-choice item as a wrong option, noting it", () => {
    const q = questionAt(result, 38);
    expect(q.type).toBe("single");
    expect(answerTexts(q)).toBe("确认客户所在位置并查询该区域基站状态");
    expect(reportAt(38).notes.map(zhText)).toEqual(["选项B“询问客户所在位置”有 50% 的部分得分，题库不计部分分，按错误选项导入"]);
  });

  it("reads items without “=” as multiple choice whose answer is the positively weighted options (negative weights are wrong)", () => {
    expect(answerTexts(questionAt(result, 41))).toEqual(["“这不归我管”", "“你自己看说明书”"]);
    expect(answerTexts(questionAt(result, 49))).toEqual(["核实身份后才办理业务", "离开座位时锁定屏幕"]);
    expect(reportAt(49).notes.map(zhText)[0]).toContain("按 Moodle 规则识别为多选题");
  });

  it("reads all four true/false forms and their feedback (first: for a wrong answer, second: for a right one)", () => {
    expect([59, 61, 63, 65].map((line) => questionAt(result, line).answer)).toEqual([false, true, true, false]);
    expect(questionAt(result, 59)).toMatchObject({ type: "true_false", options: [], stem: "客服代表可以向来电者透露其他客户的通话记录。" });
    expect(questionAt(result, 68)).toMatchObject({ answer: true, explanation: "对,这是告知义务。\n\n选项“错误”:不对,应当告知。" });
    expect(questionAt(result, 70)).toMatchObject({ answer: false, explanation: "对,应耐心解释。\n\n保持专业态度。\n\n选项“正确”:不对,不能争辩。" });
  });

  it("reads numeric items: a value, a value with tolerance, a range, several answers with partial credit; the unit from the stem", () => {
    expect(questionAt(result, 75)).toMatchObject({ stem: "一般咨询电话应在多少秒内接听?", answer: { value: 15, tolerance: 0, unit: "秒" } });
    expect(questionAt(result, 78)).toMatchObject({ stem: "宽带报修后,工程师一般在多少小时内上门?", answer: { value: 24, tolerance: 2, unit: "小时" } });
    expect(questionAt(result, 81)).toMatchObject({ answer: { value: 92.5, tolerance: 2.5, unit: "%" } });
    const several = questionAt(result, 84);
    expect(several).toMatchObject({ answer: { value: 5, tolerance: 0, unit: "天" }, explanation: "正确。\n\n答案 5:2:接近了。" });
    expect(reportAt(84).notes.map(zhText)).toEqual(["答案 5:2 有 50% 的部分得分，题库不计部分分，已忽略"]);
  });

  it("imports a numeric item without a unit with an empty unit, noting it", () => {
    expect(questionAt(result, 90)).toMatchObject({ type: "numeric", stem: "一年有多少个月?", answer: { value: 12, tolerance: 0, unit: "" } });
    expect(reportAt(90).notes.map(zhText)).toEqual(["题干末尾没有写单位（如“（单位：小时）”），按无单位的数值题导入"]);
  });

  // Short answer and missing-word short answer become fill_blank (one blank accepting every full-credit answer).
  describe("short answer (imported as fill_blank)", () => {
    it("several accepted answers {=10000 =一万号}: one blank added at the end of the stem", () => {
      expect(questionAt(result, 108)).toMatchObject({ type: "fill_blank", options: [], stem: "客服热线的号码是多少?\n\n____", answer: [["10000", "一万号"]] });
      expect(reportAt(108).notes.map(zhText)).toEqual(["简答题按只有一个空的填空题导入，空加在题干末尾"]);
    });
    it("weighted answers with feedback: only full-credit answers are accepted, the partial one is noted", () => {
      expect(questionAt(result, 111)).toMatchObject({ type: "fill_blank", answer: [["身份证"]], explanation: "正确。" });
      expect(reportAt(111).notes.map(zhText)[0]).toBe("答案“户口本”有 50% 的部分得分，题库不计部分分，已忽略");
    });
    it("missing word with only = answers: the blank is where the answer block was", () => {
      expect(questionAt(result, 117)).toMatchObject({ type: "fill_blank", stem: "客户拨打 ____ 可以报修固定电话故障。", answer: [["10000"]] });
    });
  });

  it("names essays ({}) and descriptions (no answer block) as types the bank cannot hold", () => {
    expect(zhText(result.errors.find((e) => e.line === 122)!.message)).toBe(
      "第 122 行：论述题（essay）无法存入题库：题库只支持单选、多选、判断、数值、排序、匹配、填空；提示：答案块 {} 是空的，GIFT 里这是论述题",
    );
    expect(zhText(result.errors.find((e) => e.line === 125)!.message)).toBe(
      "第 125 行：说明文字（description）无法存入题库：题库只支持单选、多选、判断、数值、排序、匹配、填空；提示：没有答案块 {…} 的段落在 GIFT 里是说明文字；如果它只是备注，请在行首加 //",
    );
  });

  it("strips the [html]/[markdown]/[plain]/[moodle] format markers and keeps the text as written (display sanitises it)", () => {
    expect(questionAt(result, 128).stem).toBe("<p>客户要求<b>加急</b>处理时,应当怎么做?</p>");
    expect(questionAt(result, 130).stem).toBe("客户问 **套餐变更** 何时生效,应答复?");
    expect(questionAt(result, 132).stem).toBe("客户问 <积分> 如何兑换,应答复?");
    expect(questionAt(result, 134).stem).toBe("客户询问国际漫游开通方式,应答复?");
    for (const line of [128, 130, 132, 134]) expect(questionAt(result, line).stem).not.toMatch(/^\[/);
  });

  it("unescapes \\~ \\= \\# \\{ \\} \\: \\\\ in stem, options and feedback", () => {
    const q = questionAt(result, 137);
    expect(q.stem).toBe("在工单系统中,哪个符号表示“约等于”: 答案写作 {…}?");
    expect(q.options.map((o) => o.text)).toEqual(["~", "=", "#", "\\"]);
    expect(answerTexts(q)).toBe("~");
    expect(q.explanation).toBe("波浪号 ~ 需要转义。\n\n选项B“=”:等号 = 需要转义。\n\n选项C“#”:井号 # 需要转义。\n\n选项D“\\”:反斜杠写作 \\。");
  });

  it("separates items by a single blank line", () => {
    expect(answerTexts(questionAt(result, 145))).toBe("按规定开具");
    expect(answerTexts(questionAt(result, 147))).toBe("拒绝并说明原因");
  });

  it("imports 33 questions by type and rejects 2 items", () => {
    expect(counts(result.questions.map((q) => q.type))).toEqual({ single: 13, multiple: 2, true_false: 6, numeric: 5, matching: 2, fill_blank: 3 });
    expect(counts(result.report.filter((r) => r.outcome === "rejected").map((r) => r.kind))).toEqual({ Essay: 1, Description: 1 });
  });
});

describe("GIFT import: our own files", () => {
  it("imports every question of a valid file, noting the category", () => {
    const result = parseGiftFile(fixture("kefu-valid.gift"));
    expect(zhErrors(result.errors)).toEqual([]);
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
    expect(result.report[0].notes.map(zhText)[0]).toContain("服务时限/故障受理");

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
    expect(result.report.find((r) => r.line === 31)!.notes.map(zhText)).toEqual(["答案 15:5 有 50% 的部分得分，题库不计部分分，已忽略"]);

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
    expect(result.errors.map((e) => zhText(e.message))).toEqual([
      "第 8 行：论述题（essay）无法存入题库：题库只支持单选、多选、判断、数值、排序、匹配、填空；提示：答案块 {} 是空的，GIFT 里这是论述题",
      "第 10 行：说明文字（description）无法存入题库：题库只支持单选、多选、判断、数值、排序、匹配、填空；提示：没有答案块 {…} 的段落在 GIFT 里是说明文字；如果它只是备注，请在行首加 //",
      "第 14 行：GIFT 语法错误：在第 14 行第 22 列，答案块的“{”没有对应的“}”（注意：一道题中间不能有空行）",
      "第 16 行：选项“15秒”重复",
      "第 18 行：有 2 个满分选项（“15秒”、“30秒”），题库的单选题只能有一个正确答案；如果是多选题，请不用 =，把每个正确选项写成 ~%50% 这样的正分权重",
      '第 20 行：GIFT 语法错误：在第 21 行第 3 列，百分比权重必须是 -100 到 100 之间的数，写法如 ~%50%（解析器信息：Expected a value between -100 and 100 but "150" found.）',
      "第 27 行：答案：匹配题至少 2 对",
      "第 29 行：GIFT 语法错误：在第 29 行第 31 列，答案块的“{”没有对应的“}”（注意：一道题中间不能有空行）",
      "第 32 行：GIFT 语法错误：在第 33 行第 1 列，多了一个“}”，前面没有对应的“{”（如果是文字，请写成 \\}）",
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
    expect(zhErrors(skipping.errors)).toEqual([]);
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
    expect(zhText(result.errors[0].message)).toContain(`在第 2 行第 ${line.indexOf("150") + 1} 列，百分比权重`);

    // A matching pair followed by a multiple-choice option: the parser's own error, on the third line.
    const generic = parseGiftFile("题干:\n{=甲 -> 乙\n~丙}");
    expect(zhErrors(generic.errors)).toEqual([
      { line: 1, message: '第 1 行：GIFT 语法错误：在第 3 行第 1 列，这里不应出现“~”，应为 “}”（解析器信息：Expected "}" but "~" found.）' },
    ]);
  });

  it("counts lines the same with CRLF line endings and a BOM", () => {
    const lf = fixture("kefu-errors.gift");
    const crlf = `\uFEFF${lf.replace(/\n/g, "\r\n")}`;
    expect(parseGiftFile(crlf).errors).toEqual(parseGiftFile(lf).errors);
  });

  it("says so when a file has no questions", () => {
    expect(zhErrors(parseGiftFile("// 只有注释\n\n\n").errors)).toEqual([{ line: 1, message: "第 1 行：文件里没有任何题目" }]);
    expect(parseGiftFile("").errors).toHaveLength(1);
  });

  it("rejects an MC with no right option and a one-of-many =", () => {
    expect(zhText(parseGiftFile("下列哪项正确?{~甲 ~乙}").errors[0].message)).toContain("没有正确选项");
  });
});

describe("GIFT export", () => {
  const base: Omit<Question, "id" | "type" | "stem" | "options" | "answer"> = {
    explanation: "",
    module: "sla",
    section: "fault-intake-rates",
    facts: ["fault_answer_time"],
    tags: [],
    family: "",
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
    expect(zhErrors(result.errors)).toEqual([]);
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
    expect(text).toContain("// 正确顺序：1. 接听并问候客户 2. 记录故障现象 3. 派单");
    expect(zhErrors(parseGiftFile(exportGift([questions[7]])).errors)).toEqual([{ line: 1, message: "第 1 行：文件里没有任何题目" }]);
  });

  it("writes the numeric unit at the end of the stem and the explanation as general feedback", () => {
    const text = exportGift([questions[3], questions[4]]);
    expect(text).toContain("::q-numeric::[markdown]故障受理电话应在多少秒内应答?（单位：秒） {\n#15\n}");
    expect(text).toContain("#0.5:0.05");
    expect(exportGift([questions[2]])).toContain("FALSE\n####商业客户是 12 小时。\n}");
  });

  it("keeps a single question readable when its right option contains “->”", () => {
    const q: Question = { ...base, id: "q-arrow", type: "single", stem: "哪个流程正确?", options: [{ id: "a", text: "受理 -> 派单" }, { id: "b", text: "派单 -> 受理" }], answer: "a" };
    const back = parseGiftFile(exportGift([q]));
    expect(zhErrors(back.errors)).toEqual([]);
    expect(back.questions[0].type).toBe("single");
    expect(answerTexts(back.questions[0])).toBe("受理 -> 派单");
    expect(back.questions[0].options.map((o) => o.text).sort()).toEqual(["派单 -> 受理", "受理 -> 派单"].sort());
  });
});
