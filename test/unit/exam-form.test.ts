import { describe, expect, it } from "vitest";
import type { PoolQuestion } from "~/domain/exam";
import {
  availabilityOfRows,
  blueprintShortfalls,
  emptyExamFormValues,
  extraTimeSchema,
  formatDate,
  formatDateTime,
  parseExamForm,
  parseLocalInput,
  readExamForm,
  revokeSchema,
  ruleRows,
  shortfallMessages,
  toLocalInput,
  valuesFromExam,
  type ExamFormValues,
} from "~/domain/exam-form";
import { issueMessage } from "~/domain/zod-message";
import { translateErrors, translator, zhText } from "~/i18n";
import type { Message } from "~/domain/message";

const zhErrs = (errors: Record<string, Message>) => translateErrors(translator("zh"), errors);
const enErrs = (errors: Record<string, Message>) => translateErrors(translator("en"), errors);

const refs = { modules: new Set(["sla", "complaints"]), cohortIds: new Set([3, 4]) };

function valid(over: Partial<ExamFormValues> = {}): ExamFormValues {
  return {
    ...emptyExamFormValues(),
    title: "  客服基础认证考试 ",
    rules: [{ count: "8", points: "5", modules: ["sla"], types: ["single", "numeric"], tags: "" }],
    ...over,
  };
}

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("Beijing time for datetime-local inputs", () => {
  it("reads the input as UTC+8 and writes it back the same", () => {
    const ms = parseLocalInput("2026-03-01T09:00")!;
    expect(new Date(ms).toISOString()).toBe("2026-03-01T01:00:00.000Z");
    expect(toLocalInput(ms)).toBe("2026-03-01T09:00");
    expect(formatDateTime(ms)).toBe("2026-03-01 09:00");
    // Shortly after midnight in Beijing is still the previous day in UTC.
    expect(formatDate(parseLocalInput("2026-03-01T00:30")!)).toBe("2026-03-01");
    expect(parseLocalInput("2026-03-01T09:00:30")).toBe(ms + 30_000);
  });

  it("refuses dates that do not exist and other shapes", () => {
    for (const s of ["2026-02-30T09:00", "2026-13-01T09:00", "2026-03-01T24:00", "2026-03-01", "明天", "", "1999-01-01T00:00"]) expect(parseLocalInput(s), s).toBeNull();
    expect(toLocalInput(null)).toBe("");
  });
});

describe("reading the form", () => {
  it("keeps what was typed, rule rows by index, repeated fields and checkboxes", () => {
    const v = readExamForm(
      form([
        ["title", " 考试 "],
        ["rules.0.count", "3"],
        ["rules.0.points", "2"],
        ["rules.0.modules", "sla"],
        ["rules.0.modules", "complaints"],
        ["rules.0.types", "single"],
        ["rules.0.tags", "情景, 投诉处理"],
        ["rules.1.count", ""],
        ["rules.1.points", ""],
        ["rules.1.tags", ""],
        ["rules.12.count", "9"],
        ["shuffleQuestions", "on"],
        ["audience", "cohorts"],
        ["cohortIds", "3"],
        ["cohortIds", "4"],
      ]),
    );
    expect(v.title).toBe(" 考试 ");
    expect(v.rules).toEqual([
      { count: "3", points: "2", modules: ["sla", "complaints"], types: ["single"], tags: "情景, 投诉处理" },
      { count: "", points: "", modules: [], types: [], tags: "" },
    ]);
    expect(v.shuffleQuestions).toBe(true);
    expect(v.shuffleOptions).toBe(false);
    expect(v.cohortIds).toEqual(["3", "4"]);
  });
});

describe("parseExamForm", () => {
  it("turns valid values into an exam definition and cohort ids", () => {
    const r = parseExamForm(
      valid({
        description: "",
        rules: [
          { count: "8", points: "5", modules: ["sla"], types: ["single", "numeric", "true_false"], tags: "" },
          { count: "", points: "", modules: [], types: [], tags: "" },
          { count: "12", points: "5", modules: [], types: [], tags: "情景、 情景" },
        ],
        opensAt: "2026-03-01T09:00",
        closesAt: "2026-03-31T18:00",
        reviewMode: "explanations",
        reviewFrom: "2026-04-01T00:00",
        certificateName: "客服基础服务认证",
        certificateValidityMonths: "24",
        audience: "cohorts",
        cohortIds: ["3", "3"],
      }),
      refs,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.exam).toEqual({
      title: "客服基础认证考试",
      description: null,
      blueprint: [
        { count: 8, points: 5, modules: ["sla"], types: ["single", "numeric", "true_false"] },
        { count: 12, points: 5, tags: ["情景"] },
      ],
      timeLimitMinutes: 30,
      passPercent: 60,
      attemptsAllowed: 1,
      opensAt: Date.parse("2026-03-01T01:00:00Z"),
      closesAt: Date.parse("2026-03-31T10:00:00Z"),
      shuffleQuestions: true,
      shuffleOptions: true,
      multipleScoring: "all-or-nothing",
      reviewMode: "explanations",
      reviewFrom: Date.parse("2026-03-31T16:00:00Z"),
      reviewTiming: "after_last_attempt",
      examOnlyPool: true,
      certificateName: "客服基础服务认证",
      certificateValidityMonths: 24,
      audience: "cohorts",
    });
    expect(r.cohortIds).toEqual([3]);
  });

  it("round-trips through valuesFromExam", () => {
    const first = parseExamForm(valid({ certificateName: "证书", certificateValidityMonths: "12", opensAt: "2026-05-01T08:30" }), refs);
    if (!first.ok) throw new Error("expected ok");
    const again = parseExamForm(valuesFromExam(first.exam, first.cohortIds), refs);
    expect(again).toEqual(first);
  });

  it("reports every bad field at once, in Chinese, next to its field", () => {
    const r = parseExamForm(
      {
        ...valid(),
        title: "   ",
        rules: [
          { count: "0", points: "abc", modules: ["nope"], types: ["essay"], tags: "" },
          { count: "2", points: "", modules: [], types: [], tags: "" },
        ],
        timeLimitMinutes: "601",
        passPercent: "0",
        attemptsAllowed: "21",
        opensAt: "2026-02-30T09:00",
        multipleScoring: "some",
        reviewMode: "",
        certificateValidityMonths: "121",
        audience: "team",
      },
      refs,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(zhErrs(r.errors)).toMatchObject({
      title: "请填写考试名称",
      "rules.0.count": "题数应为 1–200 的整数",
      "rules.0.points": "每题分值应为 1–100 的整数",
      "rules.0.modules": "所选模块不存在",
      "rules.0.types": "所选题型不存在",
      "rules.1.points": "每题分值应为 1–100 的整数",
      timeLimitMinutes: "考试时长应为 1–600 分钟的整数",
      passPercent: "及格线应为 1–100 的整数（百分比）",
      attemptsAllowed: "允许作答次数应为 1–20 的整数",
      opensAt: "开放时间不是有效的日期和时间",
      multipleScoring: "请选择多选题计分方式",
      reviewMode: "请选择交卷后学员能看到的内容",
      certificateValidityMonths: "证书有效期应为 1–120 个月的整数",
      audience: "请选择考生范围",
    });
    for (const [field, text] of Object.entries(enErrs(r.errors))) expect(text, field).not.toMatch(/\p{Script=Han}/u);
    expect(enErrs(r.errors).timeLimitMinutes).toBe("the time limit must be a whole number of minutes from 1 to 600");
  });

  it("needs at least one rule; blank rows do not count", () => {
    const r = parseExamForm(valid({ rules: [{ count: "", points: "", modules: [], types: [], tags: " " }] }), refs);
    expect(r.ok ? {} : zhErrs(r.errors)).toEqual({ rules: "至少需要一条抽题规则（题数和每题分值）" });
  });

  it("refuses more than 10 rules", () => {
    const rule = { count: "1", points: "1", modules: [], types: [], tags: "" };
    const r = parseExamForm(valid({ rules: Array.from({ length: 11 }, () => rule) }), refs);
    expect(r.ok ? {} : zhErrs(r.errors).rules).toBe("最多 10 条抽题规则");
    expect(r.ok ? {} : enErrs(r.errors).rules).toBe("at most 10 rules");
  });

  it("opens must be before closes when both are set", () => {
    const same = parseExamForm(valid({ opensAt: "2026-03-01T09:00", closesAt: "2026-03-01T09:00" }), refs);
    expect(same.ok ? {} : zhErrs(same.errors)).toEqual({ closesAt: "截止时间必须晚于开放时间" });
    expect(parseExamForm(valid({ opensAt: "2026-03-01T09:00" }), refs).ok).toBe(true);
    expect(parseExamForm(valid({ closesAt: "2026-03-01T09:00" }), refs).ok).toBe(true);
  });

  it("certificate name and validity: both or neither", () => {
    const nameOnly = parseExamForm(valid({ certificateName: "证书" }), refs);
    expect(nameOnly.ok ? {} : zhErrs(nameOnly.errors)).toEqual({ certificateValidityMonths: "填写了证书名称，也请填写有效期（月）" });
    const monthsOnly = parseExamForm(valid({ certificateValidityMonths: "12" }), refs);
    expect(monthsOnly.ok ? {} : zhErrs(monthsOnly.errors)).toEqual({ certificateName: "填写了有效期，也请填写证书名称" });
    const neither = parseExamForm(valid(), refs);
    expect(neither.ok && neither.exam.certificateName === null && neither.exam.certificateValidityMonths === null).toBe(true);
  });

  it("cohorts audience needs at least one known cohort; everyone ignores cohorts", () => {
    const none = parseExamForm(valid({ audience: "cohorts" }), refs);
    expect(none.ok ? {} : zhErrs(none.errors)).toEqual({ cohortIds: "考生范围为“指定班组”时，请至少选择一个班组" });
    const unknown = parseExamForm(valid({ audience: "cohorts", cohortIds: ["99"] }), refs);
    expect(unknown.ok ? {} : zhErrs(unknown.errors)).toEqual({ cohortIds: "所选班组不存在" });
    const everyone = parseExamForm(valid({ audience: "everyone", cohortIds: ["3"] }), refs);
    expect(everyone.ok && everyone.cohortIds).toEqual([]);
  });

  it("a review date means nothing for score-only review", () => {
    const r = parseExamForm(valid({ reviewMode: "score", reviewFrom: "2026-04-01T00:00" }), refs);
    expect(r.ok && r.exam.reviewFrom).toBeNull();
  });
});

describe("can the blueprint be filled", () => {
  const q = (id: string, module: string, type: string, tags: string[] = []): PoolQuestion => ({ id, version: 1, type, module, tags, optionIds: [], family: id });
  const pool = [q("a", "sla", "single"), q("b", "sla", "numeric"), q("c", "sla", "numeric"), q("d", "complaints", "single", ["情景"]), q("e", "sla", "single", ["情景"])];

  it("shows availability per form row, blank rows null", () => {
    const values = valid({
      rules: [
        { count: "1", points: "1", modules: ["sla"], types: ["numeric"], tags: "" },
        { count: "", points: "", modules: [], types: [], tags: "" },
        { count: "x", points: "1", modules: [], types: [], tags: "情景" },
      ],
    });
    expect(availabilityOfRows(values, pool)).toEqual([2, null, 2]);
    expect(ruleRows(values)).toEqual([0, 2]);
  });

  it("reports rules without enough questions, and overlapping rules that may come up short", () => {
    expect(blueprintShortfalls([{ count: 2, points: 1, types: ["numeric"] }], pool)).toEqual([]);
    expect(blueprintShortfalls([{ count: 3, points: 1, types: ["numeric"] }], pool)).toEqual([{ rule: 0, wanted: 3, available: 2, guaranteed: 2 }]);
    // "any two sla questions" may draw both numeric ones, leaving none for the second rule.
    const overlap = blueprintShortfalls(
      [
        { count: 2, points: 1, modules: ["sla"] },
        { count: 1, points: 1, types: ["numeric"] },
      ],
      pool,
    );
    // blueprintAvailability says 1 (the first two sla questions are "a" and "b"), enough; the worst case is 0.
    expect(overlap).toEqual([{ rule: 1, wanted: 1, available: 1, guaranteed: 0 }]);
    expect(zhErrs(shortfallMessages(overlap, [0, 3]))["rules.3.count"]).toContain("第 4 条规则需要 1 道题，但与前面的规则有重叠");
    expect(zhErrs(shortfallMessages([{ rule: 0, wanted: 3, available: 2, guaranteed: 2 }]))["rules.0.count"]).toBe("第 1 条规则需要 3 道题，题库中符合条件的已发布题目只有 2 道（同一分组的题考同一个知识点，只算一道：一张试卷每组最多抽一道）");
  });
});

describe("the small forms", () => {
  it("extra time is 1–240 whole minutes", () => {
    expect(extraTimeSchema.safeParse({ attemptId: "x", minutes: "15" }).data).toEqual({ attemptId: "x", minutes: 15 });
    for (const m of ["0", "241", "1.5", "", "十"]) expect(extraTimeSchema.safeParse({ attemptId: "x", minutes: m }).success, m).toBe(false);
  });

  it("revoking needs a reason; codes are compared in capitals", () => {
    expect(revokeSchema.safeParse({ code: " abcde-12345 ", reason: "资格复核未通过" }).data).toEqual({ code: "ABCDE-12345", reason: "资格复核未通过" });
    expect(revokeSchema.safeParse({ code: "ABCDE", reason: " " }).error?.issues[0].message).toBe("ef.revokeReason");
    expect(zhText(issueMessage(revokeSchema.safeParse({ code: "ABCDE", reason: " " }).error!.issues[0]))).toBe("请填写撤销原因（至少 2 个字）");
  });
});
