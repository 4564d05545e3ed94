import { describe, expect, it } from "vitest";
import { loadContent } from "~/content.server";
import { checkQuestionContent, exportBankJson, parseBankJson } from "~/domain/bank-json";
import { exportGift, parseGiftFile } from "~/domain/gift";
import { checkResponseShape } from "~/domain/autosave-body";
import { describeAnswer, gradeResponse, normalizeBlank, parseResponse } from "~/domain/grading";
import { countBlanks, numberBlanks, type Question, type QuestionContent } from "~/domain/question";
import { emptyQuestionFormValues, parseQuestionForm, refsFromContent, renderPreview, renderQuestion, valuesFromContent, type QuestionFormValues } from "~/domain/question-form";
import { zhErrors, zhText } from "../helpers/messages";

const base = { explanation: "", module: null, section: null, facts: [], tags: [], family: "" };
const one: QuestionContent = { ...base, type: "fill_blank", stem: "客户的损失，我们能做的是____返还。", options: [], answer: [["双倍", "2倍"]] };
const two: QuestionContent = { ...base, type: "fill_blank", stem: "故障受理电话应在___秒内应答，铃响不超过___声。", options: [], answer: [["15"], ["3", "三"]] };

describe("fill_blank: the model", () => {
  it("counts runs of 3 or more underscores as blanks, in order", () => {
    expect(countBlanks("a___b____c__d")).toBe(2);
    expect(countBlanks("没有空")).toBe(0);
    expect(numberBlanks("a___b_____c")).toBe("a\\_\\_\\_\\_（1）b\\_\\_\\_\\_（2）c");
  });

  it("validates: one list of accepted answers per blank, none empty", () => {
    expect(checkQuestionContent(one).ok).toBe(true);
    expect(checkQuestionContent(two).ok).toBe(true);
    const mismatch = checkQuestionContent({ ...two, answer: [["15"]] });
    expect(mismatch.ok).toBe(false);
    if (!mismatch.ok) expect(zhText(mismatch.issues[0].message)).toBe("题干里有 2 个空，答案却给了 1 个空的答案");
    const noBlank = checkQuestionContent({ ...one, stem: "没有空的题干" });
    expect(noBlank.ok).toBe(false);
    if (!noBlank.ok) expect(noBlank.issues[0].path).toEqual(["stem"]);
    expect(checkQuestionContent({ ...one, answer: [[]] }).ok).toBe(false);
    expect(checkQuestionContent({ ...one, answer: [["  "]] }).ok).toBe(false);
    expect(checkQuestionContent({ ...one, options: [{ id: "a", text: "x" }] }).ok).toBe(false);
  });
});

describe("fill_blank: grading (one grader)", () => {
  it("accepts any listed answer, ignoring full/half width, case, spaces and trailing punctuation", () => {
    for (const typed of ["双倍", "2倍", "２倍", " 2 倍。", "双倍！"]) expect(gradeResponse(one, [typed]), typed).toEqual({ correct: true, score: 1 });
    for (const typed of ["三倍", "", "倍", "2"]) expect(gradeResponse(one, [typed]).correct, typed).toBe(false);
    expect(normalizeBlank("ＡＢＣ　d；")).toBe("abcd");
  });

  it("needs every blank right for all-or-nothing, and gives a share per blank for partial", () => {
    expect(gradeResponse(two, ["15", "三"])).toEqual({ correct: true, score: 1 });
    expect(gradeResponse(two, ["15", "4"])).toEqual({ correct: false, score: 0 });
    expect(gradeResponse(two, ["15", "4"], { fillBlank: "partial" })).toEqual({ correct: false, score: 0.5 });
    expect(gradeResponse(two, ["", ""], { fillBlank: "partial" })).toEqual({ correct: false, score: 0 });
  });

  it("scores a response of the wrong shape 0, never throws", () => {
    expect(gradeResponse(two, ["15"]).score).toBe(0);
    expect(gradeResponse(two, "15").score).toBe(0);
    expect(gradeResponse(two, [15, 3]).score).toBe(0);
    expect(gradeResponse({ ...two, answer: "bad" as never }, ["15", "3"]).score).toBe(0);
  });

  it("the save-time shape check: string[] with one entry per blank", () => {
    // The one save-time check (~/domain/autosave-body); null = the right shape.
    const shapeOf = (q: typeof two) => ({ type: q.type, optionIds: [], lefts: [], blanks: (q.answer as string[][]).length });
    const isResponseShape = (q: typeof two, response: unknown) => checkResponseShape(shapeOf(q), response) === null;
    expect(isResponseShape(two, ["15", ""])).toBe(true);
    expect(isResponseShape(two, null)).toBe(true);
    expect(isResponseShape(two, ["15"])).toBe(false);
    expect(isResponseShape(two, ["15", 3])).toBe(false);
    expect(isResponseShape(two, "15")).toBe(false);
    expect(isResponseShape(one, ["x".repeat(201)])).toBe(false);
  });

  it("parses a form: one answer field per blank, keeping empty ones in place", () => {
    const form = (...answers: string[]) => ({ answer: answers });
    expect(parseResponse("fill_blank", form("15", " 三 "))).toEqual({ ok: true, response: ["15", "三"], complete: true });
    expect(parseResponse("fill_blank", form("", "3"))).toEqual({ ok: true, response: ["", "3"], complete: false });
    expect(parseResponse("fill_blank", form("", ""))).toEqual({ ok: false, reason: "missing" });
  });

  it("describes the key (accepted answers per blank) and a response (what was typed per blank)", () => {
    expect(describeAnswer(two, two.answer)).toEqual({ ordered: true, parts: [{ kind: "blank", n: 1, texts: ["15"] }, { kind: "blank", n: 2, texts: ["3", "三"] }] });
    expect(describeAnswer(two, ["15", ""])).toEqual({ ordered: true, parts: [{ kind: "blank", n: 1, texts: ["15"] }, { kind: "blank", n: 2, texts: [""] }] });
  });
});

describe("fill_blank: the authoring form", () => {
  const refs = refsFromContent(loadContent("content"));
  const form = (v: Partial<QuestionFormValues>): QuestionFormValues => ({ ...emptyQuestionFormValues("fill_blank"), ...v });

  it("reads one line per blank, answers separated by | or ｜", () => {
    const r = parseQuestionForm(form({ stem: two.stem, blanks: "15\n3 ｜ 三" }), refs);
    expect(r).toMatchObject({ ok: true, content: { type: "fill_blank", answer: [["15"], ["3", "三"]], options: [] } });
    if (r.ok) expect(valuesFromContent(r.content).blanks).toBe("15\n3 | 三");
  });

  it("names the field: too few lines, no blank in the stem", () => {
    const r = parseQuestionForm(form({ stem: two.stem, blanks: "15" }), refs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(zhText(r.errors.blanks!)).toBe("题干里有 2 个空，这里写了 1 行答案：每个空写一行");
    const s = parseQuestionForm(form({ stem: "没有空的题干", blanks: "15" }), refs);
    expect(s.ok).toBe(false);
    if (!s.ok) expect(zhText(s.errors.stem!)).toContain("___");
  });

  it("previews the stem with numbered blanks and the accepted answers", () => {
    const d = renderPreview(form({ stem: "铃响不超过___声", blanks: "3 | 三" }));
    expect(d.stem).toContain("（1）");
    expect(d.stem).not.toContain("<em>");
    expect(d.blanks).toEqual([["3", "三"]]);
    expect(renderQuestion(two).blanks).toEqual([["15"], ["3", "三"]]);
  });
});

describe("fill_blank: JSON and GIFT", () => {
  const q = (c: QuestionContent, id: string): Question => ({ ...c, id, version: 1, source: "authored", status: "published" });

  it("JSON: type fill_blank, answer per blank; round trip", () => {
    const text = exportBankJson([q(one, "fb-1"), q(two, "fb-2")]);
    expect(JSON.parse(text)[0]).toMatchObject({ type: "fill_blank", answer: [["双倍", "2倍"]], options: [] });
    const back = parseBankJson(text);
    expect(zhErrors(back.errors)).toEqual([]);
    expect(back.questions.map((x) => x.answer)).toEqual([one.answer, two.answer]);
  });

  it("GIFT: short answer and missing-word map to one blank; export writes the blank back", () => {
    const r = parseGiftFile("客户的损失，我们能做的是{=双倍 =2倍}返还。\n\n回访应在几日内完成？{=7日 =七日}");
    expect(zhErrors(r.errors)).toEqual([]);
    // (gift-pegjs puts a space on each side of the blank.)
    expect(r.questions[0]).toMatchObject({ type: "fill_blank", stem: "客户的损失，我们能做的是 ____ 返还。", answer: [["双倍", "2倍"]] });
    expect(r.questions[1]).toMatchObject({ type: "fill_blank", answer: [["7日", "七日"]] });
    expect(countBlanks(r.questions[1].stem)).toBe(1);

    const out = exportGift([q(one, "fb-1"), q(two, "fb-2")]);
    expect(out).toContain("::fb-1::[markdown]客户的损失，我们能做的是{=双倍 =2倍}返还。");
    expect(out).toContain("// fill_blank question fb-2 not exportable to GIFT");
    const again = parseGiftFile(out);
    expect(zhErrors(again.errors)).toEqual([]);
    expect(again.questions).toHaveLength(1);
    expect(again.questions[0]).toMatchObject({ type: "fill_blank", stem: "客户的损失，我们能做的是 ____ 返还。", answer: one.answer });
  });
});

describe("fill_blank: item analysis", () => {
  it("lists the most common wrong answers per blank, alike spellings counted once, right and empty ones left out", async () => {
    const { wrongBlankAnswers } = await import("~/domain/item-analysis");
    const responses = [["15", "4"], ["１５", "四"], ["30", "4 "], ["15", "3"], ["", "4。"], null, ["30"]];
    expect(wrongBlankAnswers(two.answer as string[][], responses)).toEqual([
      { blank: 1, answers: [{ text: "30", count: 2 }] },
      {
        blank: 2,
        answers: [
          { text: "4", count: 3 },
          { text: "四", count: 1 },
        ],
      },
    ]);
  });
});
