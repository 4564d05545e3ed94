import { describe, expect, it } from "vitest";
import { describeAnswer, gradeResponse, parseNumber, parseResponse } from "~/domain/grading";
import type { QuestionContent } from "~/domain/question";

const base = { stem: "题干", explanation: "", module: "sla", section: "fault-intake", facts: [], tags: [], family: "" };
const single: QuestionContent = {
  ...base,
  type: "single",
  options: [
    { id: "a", text: "10秒" },
    { id: "b", text: "15秒" },
    { id: "c", text: "20秒" },
  ],
  answer: "b",
};
const multiple: QuestionContent = {
  ...base,
  type: "multiple",
  options: [
    { id: "a", text: "甲" },
    { id: "b", text: "乙" },
    { id: "c", text: "丙" },
    { id: "d", text: "丁" },
  ],
  answer: ["a", "b", "c"],
};
const trueFalse: QuestionContent = { ...base, type: "true_false", options: [], answer: false };
const numeric: QuestionContent = { ...base, type: "numeric", options: [], answer: { value: 15, tolerance: 0, unit: "秒" } };
const numericTol: QuestionContent = { ...base, type: "numeric", options: [], answer: { value: 0.3, tolerance: 0.05, unit: "%" } };
const ordering: QuestionContent = {
  ...base,
  type: "ordering",
  options: [
    { id: "s3", text: "回访" },
    { id: "s1", text: "受理" },
    { id: "s2", text: "处理" },
  ],
  answer: ["s1", "s2", "s3"],
};
const matching: QuestionContent = {
  ...base,
  type: "matching",
  options: [],
  answer: [
    ["集团客户", "8小时"],
    ["商务客户", "12小时"],
    ["公众客户", "24小时"],
    ["特殊及重要客户", "2小时"],
  ],
};

describe("gradeResponse", () => {
  it("single: the right option id only", () => {
    expect(gradeResponse(single, "b")).toEqual({ correct: true, score: 1 });
    expect(gradeResponse(single, "a")).toEqual({ correct: false, score: 0 });
    expect(gradeResponse(single, ["b"])).toEqual({ correct: false, score: 0 });
  });

  it("true_false: a boolean equal to the key", () => {
    expect(gradeResponse(trueFalse, false)).toEqual({ correct: true, score: 1 });
    expect(gradeResponse(trueFalse, true).correct).toBe(false);
    expect(gradeResponse(trueFalse, "false").correct).toBe(false); // a string is not a boolean
  });

  it("numeric: within the tolerance, and exact when the tolerance is 0", () => {
    expect(gradeResponse(numeric, 15).correct).toBe(true);
    expect(gradeResponse(numeric, 15.0000001).correct).toBe(false);
    expect(gradeResponse(numeric, 16).correct).toBe(false);
    expect(gradeResponse(numericTol, 0.35).correct).toBe(true); // boundary counts (0.35 − 0.3 is not exactly 0.05 in binary)
    expect(gradeResponse(numericTol, 0.25).correct).toBe(true);
    expect(gradeResponse(numericTol, 0.36).correct).toBe(false);
    expect(gradeResponse(numeric, Number.NaN).correct).toBe(false);
    expect(gradeResponse(numeric, "15").correct).toBe(false);
  });

  it("multiple, all-or-nothing (default): exactly the right set, in any order", () => {
    expect(gradeResponse(multiple, ["c", "a", "b"])).toEqual({ correct: true, score: 1 });
    expect(gradeResponse(multiple, ["a", "b"])).toEqual({ correct: false, score: 0 });
    expect(gradeResponse(multiple, ["a", "b", "c", "d"])).toEqual({ correct: false, score: 0 });
    expect(gradeResponse(multiple, ["a", "a", "b", "c"]).correct).toBe(true); // repeats ignored
  });

  it("multiple, partial: (right − wrong) / right count, floored at 0", () => {
    const partial = { multiple: "partial" } as const;
    expect(gradeResponse(multiple, ["a", "b", "c"], partial)).toEqual({ correct: true, score: 1 });
    expect(gradeResponse(multiple, ["a", "b"], partial)).toEqual({ correct: false, score: 2 / 3 });
    expect(gradeResponse(multiple, ["a", "b", "c", "d"], partial)).toEqual({ correct: false, score: 2 / 3 });
    expect(gradeResponse(multiple, ["a", "d"], partial)).toEqual({ correct: false, score: 0 });
    expect(gradeResponse(multiple, ["d"], partial)).toEqual({ correct: false, score: 0 });
    expect(gradeResponse(multiple, ["a", "zzz"], partial).score).toBe(0); // an unknown id counts as a wrong pick
  });

  it("ordering: all-or-nothing on the whole order", () => {
    expect(gradeResponse(ordering, ["s1", "s2", "s3"]).correct).toBe(true);
    expect(gradeResponse(ordering, ["s2", "s1", "s3"])).toEqual({ correct: false, score: 0 });
    expect(gradeResponse(ordering, ["s1", "s2"]).correct).toBe(false);
    expect(gradeResponse(ordering, ["s1", "s2", "s3", "s3"]).correct).toBe(false);
  });

  it("matching: all pairs, in any order; partial scores the share of pairs right", () => {
    const shuffled = [
      ["公众客户", "24小时"],
      ["特殊及重要客户", "2小时"],
      ["集团客户", " 8小时 "],
      ["商务客户", "12小时"],
    ];
    expect(gradeResponse(matching, shuffled)).toEqual({ correct: true, score: 1 });
    const oneSwap = [
      ["集团客户", "12小时"],
      ["商务客户", "8小时"],
      ["公众客户", "24小时"],
      ["特殊及重要客户", "2小时"],
    ];
    expect(gradeResponse(matching, oneSwap)).toEqual({ correct: false, score: 0 });
    expect(gradeResponse(matching, oneSwap, { matching: "partial" })).toEqual({ correct: false, score: 0.5 });
    expect(gradeResponse(matching, oneSwap.slice(2), { matching: "partial" })).toEqual({ correct: false, score: 0.5 });
    // Answering one left item twice does not earn two pairs.
    expect(gradeResponse(matching, [["公众客户", "8小时"], ["公众客户", "24小时"]], { matching: "partial" }).score).toBe(0);
  });

  it("never throws on malformed responses or keys, and scores them 0", () => {
    const junk: unknown[] = [undefined, null, 42, "x", {}, [], [1, 2], [[1, 2]], { value: 15 }, Symbol("s"), () => 1, [["a"]], NaN];
    for (const q of [single, multiple, trueFalse, numeric, ordering, matching]) {
      for (const r of junk) {
        expect(() => gradeResponse(q, r)).not.toThrow();
        expect(gradeResponse(q, r, { multiple: "partial", matching: "partial" }).score).toBe(0);
      }
    }
    const brokenKeys: QuestionContent[] = [
      { ...single, answer: ["b"] },
      { ...numeric, answer: "15" as never },
      { ...multiple, answer: [] },
      { ...matching, answer: "x" as never },
      { ...single, type: "essay" as never },
    ];
    for (const q of brokenKeys) expect(gradeResponse(q, "b")).toEqual({ correct: false, score: 0 });
    const hostile = new Proxy([], { get: () => { throw new Error("boom"); } });
    expect(gradeResponse(ordering, hostile)).toEqual({ correct: false, score: 0 });
  });
});

describe("parseNumber", () => {
  it("accepts what learners type", () => {
    expect(parseNumber("15")).toBe(15);
    expect(parseNumber("15.0")).toBe(15);
    expect(parseNumber(" 15 ")).toBe(15);
    expect(parseNumber("１５")).toBe(15);
    expect(parseNumber("１５．５")).toBe(15.5);
    expect(parseNumber("15。5")).toBe(15.5);
    expect(parseNumber("+3")).toBe(3);
    expect(parseNumber("-0.5")).toBe(-0.5);
    expect(parseNumber(".5")).toBe(0.5);
  });
  it("refuses anything else", () => {
    for (const s of ["", "abc", "15秒", "1,000", "1e3", "0x10", "Infinity", "15 16", "--1", "."]) expect(parseNumber(s), s).toBeNull();
  });
});

describe("parseResponse", () => {
  it("builds each type's shape from form fields", () => {
    const fd = (pairs: [string, string][]) => {
      const f = new FormData();
      for (const [k, v] of pairs) f.append(k, v);
      return f;
    };
    expect(parseResponse("single", fd([["answer", "b"]]))).toEqual({ ok: true, response: "b", complete: true });
    expect(parseResponse("multiple", fd([["answer", "a"], ["answer", "c"], ["answer", "a"]]))).toEqual({ ok: true, response: ["a", "c"], complete: true });
    expect(parseResponse("true_false", { answer: "false" })).toEqual({ ok: true, response: false, complete: true });
    expect(parseResponse("true_false", { answer: "true" })).toEqual({ ok: true, response: true, complete: true });
    expect(parseResponse("numeric", { answer: "１５" })).toEqual({ ok: true, response: 15, complete: true });
    expect(parseResponse("ordering", new URLSearchParams("answer=s2&answer=s1&answer=s3"))).toEqual({ ok: true, response: ["s2", "s1", "s3"], complete: true });
    expect(parseResponse("matching", { left: ["集团客户", "商务客户"], right: ["8小时", "12小时"] })).toEqual({
      ok: true,
      response: [["集团客户", "8小时"], ["商务客户", "12小时"]],
      complete: true,
    });
  });

  it("round-trips into gradeResponse", () => {
    const parsed = parseResponse("numeric", { answer: "15.0" });
    expect(parsed.ok && gradeResponse(numeric, parsed.response).correct).toBe(true);
    const order = parseResponse("ordering", { answer: ["s1", "s2", "s3"] });
    expect(order.ok && gradeResponse(ordering, order.response).correct).toBe(true);
  });

  it("tells a missing answer from an invalid one", () => {
    for (const type of ["single", "multiple", "true_false", "numeric", "ordering", "matching"] as const)
      expect(parseResponse(type, {})).toEqual({ ok: false, reason: "missing" });
    expect(parseResponse("single", { answer: "  " })).toEqual({ ok: false, reason: "missing" });
    expect(parseResponse("single", { answer: ["a", "b"] })).toEqual({ ok: false, reason: "invalid" });
    expect(parseResponse("true_false", { answer: "maybe" })).toEqual({ ok: false, reason: "invalid" });
    expect(parseResponse("numeric", { answer: "十五" })).toEqual({ ok: false, reason: "invalid" });
    expect(parseResponse("ordering", { answer: ["s1", "s1"] })).toEqual({ ok: false, reason: "invalid" });
    expect(parseResponse("matching", { left: ["a", "b"], right: ["x"] })).toEqual({ ok: false, reason: "invalid" });
    expect(parseResponse("essay" as never, { answer: "x" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("marks a matching answer with blank rows as incomplete", () => {
    expect(parseResponse("matching", { left: ["集团客户", "商务客户"], right: ["8小时", ""] })).toEqual({
      ok: true,
      response: [["集团客户", "8小时"]],
      complete: false,
    });
  });
});

describe("describeAnswer", () => {
  it("shows keys and responses as option texts, booleans, numbers with units, steps and pairs", () => {
    expect(describeAnswer(single, "b")).toEqual({ ordered: false, parts: [{ kind: "markdown", markdown: "15秒" }] });
    expect(describeAnswer(multiple, ["c", "a"]).parts).toEqual([{ kind: "markdown", markdown: "甲" }, { kind: "markdown", markdown: "丙" }]);
    expect(describeAnswer(trueFalse, false).parts).toEqual([{ kind: "bool", value: false }]);
    expect(describeAnswer(numeric, numeric.answer).parts).toEqual([{ kind: "text", text: "15秒" }]);
    expect(describeAnswer(numericTol, numericTol.answer).parts).toEqual([{ kind: "text", text: "0.3%(±0.05%)" }]);
    expect(describeAnswer(numeric, 14).parts).toEqual([{ kind: "text", text: "14秒" }]);
    expect(describeAnswer(ordering, ordering.answer)).toEqual({
      ordered: true,
      parts: ["受理", "处理", "回访"].map((markdown) => ({ kind: "markdown", markdown })),
    });
    expect(describeAnswer(matching, [["集团客户", "8小时"]]).parts).toEqual([{ kind: "pair", left: "集团客户", right: "8小时" }]);
    expect(describeAnswer(single, 42)).toEqual({ ordered: false, parts: [] });
  });
});
