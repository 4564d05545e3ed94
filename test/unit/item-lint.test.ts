/**
 * The item-quality checks: each check fires on the flaw it names and stays quiet on a sound item.
 */
import { describe, expect, it } from "vitest";
import { bankShape, familyTwiceMessage, lintPools, lintQuestion, ruleFamilies, similarity, visibleLength, type ShapeQuestion } from "~/domain/item-lint";
import { translator } from "~/i18n";
import type { QuestionContent } from "~/domain/question";

const opts = (...texts: string[]) => texts.map((text, i) => ({ id: `o${i}`, text }));
const single = (stem: string, texts: string[], key = "o0"): QuestionContent => ({
  type: "single", stem, options: opts(...texts), answer: key, explanation: "", module: null, section: null, facts: [], tags: [],
});
const codes = (q: QuestionContent) => lintQuestion(q).map((i) => `${i.code}:${i.severity}`);

describe("lintQuestion", () => {
  it("a sound single choice has no findings", () => {
    expect(codes(single("电话铃响不超过（  ）声即应接听。", ["3声", "4声", "5声", "2声"]))).toEqual([]);
  });

  it("key longest by a wide margin is an error, by a smaller one a warning", () => {
    expect(codes(single("怎么办？", ["耐心倾听客户的诉求并记录下来再逐项核实处理", "挂断", "争辩", "转走"]))).toContain("key-longest:error");
    expect(codes(single("怎么办？", ["耐心倾听客户诉求再处理", "先挂断电话再说", "和客户争辩", "转给同事"]))).toContain("key-longest:warning");
    expect(codes(single("怎么办？", ["挂断", "耐心倾听客户的诉求并记录下来再逐项核实处理", "争辩", "转走"], "o0"))).not.toContain("key-longest:error");
  });

  it("very uneven option lengths", () => {
    expect(codes(single("哪一项？", ["甲", "乙", "丙丙丙丙丙丙丙丙丙丙丙丙丙丙"], "o1"))).toContain("uneven-options:warning");
  });

  it("duplicate options (after normalising width and punctuation) and near-duplicates; figures that differ are fine", () => {
    expect(codes(single("哪一项？", ["７×２４小时", "7×24小时。", "5×8小时"]))).toContain("duplicate-options:error");
    expect(codes(single("哪一项？", ["月度通报、季度考核", "月度通报、季度考评", "年度考核"]))).toContain("duplicate-options:warning");
    expect(codes(single("哪一项？", ["基础数据业务拆机最长8小时", "基础数据业务拆机最长4小时", "不必拆机"]))).not.toContain("duplicate-options:warning");
  });

  it("“以上都对” options", () => {
    expect(codes(single("哪一项？", ["甲", "乙", "以上都对"]))).toContain("all-of-above:error");
    expect(codes(single("哪一项？", ["甲", "乙", "以上说法均不正确"]))).toContain("all-of-above:error");
  });

  it("negative stems need emphasis; the situation before the question does not count", () => {
    expect(codes(single("以下哪一项不正确？", ["甲", "乙", "丙"]))).toContain("negative-stem:error");
    expect(codes(single("以下哪一项**不正确**？", ["甲", "乙", "丙"]))).not.toContain("negative-stem:error");
    expect(codes(single("客户说不能等了。\n\n你应该怎么做？", ["甲", "乙", "丙"]))).not.toContain("negative-stem:error");
  });

  it("multiple response with all or none right", () => {
    const m = (answer: string[]): QuestionContent => ({ ...single("哪些？", ["甲", "乙", "丙"]), type: "multiple", answer });
    expect(codes(m(["o0", "o1", "o2"]))).toContain("multiple-all-none:error");
    expect(codes(m([]))).toContain("multiple-all-none:error");
    expect(codes(m(["o1"]))).toEqual([]);
  });

  it("ordering stored in key order", () => {
    const o = (answer: string[]): QuestionContent => ({ ...single("排序：", ["倾听", "询问", "安抚"]), type: "ordering", answer });
    expect(codes(o(["o0", "o1", "o2"]))).toContain("ordering-in-order:error");
    expect(codes(o(["o2", "o0", "o1"]))).toEqual([]);
  });

  it("numeric without tolerance where the unit or value implies one", () => {
    const n = (value: number, unit: string, tolerance = 0): QuestionContent => ({ ...single("多少？", []), type: "numeric", options: [], answer: { value, tolerance, unit } });
    expect(codes(n(12.5, "元"))).toContain("numeric-tolerance:warning");
    expect(codes(n(3.5, "小时"))).toContain("numeric-tolerance:warning");
    expect(codes(n(12.5, "元", 0.5))).toEqual([]);
    expect(codes(n(15, "秒"))).toEqual([]);
  });

  it("fill_blank whose blanks do not match the answers", () => {
    const f = (stem: string): QuestionContent => ({ ...single(stem, []), type: "fill_blank", options: [], answer: [["双倍"]] });
    expect(codes(f("按公司承诺____返还。"))).toEqual([]);
    expect(codes(f("按公司承诺____返还，____。"))).toContain("blank-count:error");
  });

  it("every message exists in both catalogues and names the values", () => {
    const zh = translator("zh");
    const en = translator("en");
    const issue = lintQuestion(single("怎么办？", ["耐心倾听客户的诉求并记录下来再逐项核实处理", "挂断", "争辩", "转走"]))[0];
    expect(zh(issue.key, issue.params)).toMatch(/正确选项（21 字）远长于其他选项（最长 2 字）/);
    expect(en(issue.key, issue.params)).toMatch(/21 characters/);
  });
});

describe("lintPools and helpers", () => {
  it("finds two questions of one family on one rule; a question without a family is its own", () => {
    const found = lintPools([
      { name: "规则 1", questions: [{ id: "a", family: "fact:x" }, { id: "b", family: "fact:x" }, { id: "c" }] },
      { name: "规则 2", questions: [{ id: "a", family: "fact:x" }, { id: "d", family: "fact:y" }] },
    ]);
    expect(found).toEqual([{ pool: "规则 1", family: "fact:x", ids: ["a", "b"] }]);
    expect(translator("zh")(familyTwiceMessage(found[0]).key, familyTwiceMessage(found[0]).params)).toContain("规则“规则 1”");
  });

  it("ruleFamilies: per rule, its candidates and their distinct families", () => {
    const pool = [
      { id: "a", family: "fact:x", module: "sla" },
      { id: "b", family: "fact:x", module: "sla" },
      { id: "c", family: "fact:y", module: "sla" },
      { id: "d", module: "telephone" },
    ];
    const rules = [{ count: 3, module: "sla" }, { count: 1, module: "telephone" }];
    const r = ruleFamilies(rules, pool, (i, q) => q.module === rules[i].module);
    expect(r.map(({ rule, count, candidates, families }) => ({ rule, count, candidates, families }))).toEqual([
      { rule: 0, count: 3, candidates: 3, families: 2 },
      { rule: 1, count: 1, candidates: 1, families: 1 },
    ]);
    expect(r[0].siblings).toEqual([{ pool: "第 1 条", family: "fact:x", ids: ["a", "b"] }]);
    expect(r[1].siblings).toEqual([]);
  });

  it("counts visible characters and similarity on characters", () => {
    expect(visibleLength("**不** 正确")).toBe(3);
    expect(similarity("abcd", "abcd")).toBe(1);
    expect(similarity("abcd", "abce")).toBe(0.75);
  });
});

describe("bankShape", () => {
  it("reports items, families, types, modules, key-longest rate against chance and multiple key counts", () => {
    const qs: ShapeQuestion[] = [
      { ...single("？", ["长长长长的正确选项", "短", "短二"]), id: "1", module: "sla", family: "f1" },
      { ...single("？", ["短", "长一点的错误", "短二"]), id: "2", module: "sla", family: "f1" },
      { ...single("？", ["甲", "乙"]), type: "multiple", answer: ["o0"], id: "3", module: "telephone" },
    ];
    const s = bankShape(qs);
    expect(s.items).toBe(3);
    expect(s.families).toBe(2);
    expect(s.byType).toEqual({ single: 2, multiple: 1 });
    expect(s.byModule).toEqual({ sla: { items: 2, families: 1 }, telephone: { items: 1, families: 1 } });
    expect(s.keyLongest).toEqual({ items: 2, longest: 1, rate: 0.5, chance: 0.333 });
    expect(s.multipleKeys).toEqual({ "1/2": 1 });
  });
});
