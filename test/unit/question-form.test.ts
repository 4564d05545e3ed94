import { describe, expect, it } from "vitest";
import { loadContent } from "~/content.server";
import {
  emptyQuestionFormValues,
  parseQuestionForm,
  refsFromContent,
  renderPreview,
  splitList,
  valuesFromContent,
  type QuestionFormValues,
} from "~/domain/question-form";
import { zhErrors, zhText } from "../helpers/messages";

const refs = refsFromContent(loadContent("content"));
const form = (v: Partial<QuestionFormValues>): QuestionFormValues => ({ ...emptyQuestionFormValues((v.type as never) ?? "single"), ...v });

describe("the question form", () => {
  it("turns a valid single-choice form into content", () => {
    const r = parseQuestionForm(
      form({ type: "single", stem: "故障受理电话应答时限?", options: ["15秒", "30秒", "60秒"], correct: ["0"], module: "sla", section: "fault-intake", facts: "fault_answer_time", tags: "数字, 故障" }),
      refs,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.content.type).toBe("single");
    expect(r.content.options.map((o) => o.text)).toEqual(["15秒", "30秒", "60秒"]);
    expect(r.content.answer).toBe(r.content.options[0].id);
    expect(r.content.tags).toEqual(["数字", "故障"]);
  });

  it("names the field of each mistake", () => {
    const two = parseQuestionForm(form({ type: "single", stem: "选哪个?", options: ["甲", "乙"], correct: ["0", "1"] }), refs);
    expect(two.ok).toBe(false);
    if (!two.ok) expect(Object.keys(two.errors)).toContain("answer");

    const dup = parseQuestionForm(form({ type: "single", stem: "选哪个?", options: ["甲", "甲", "乙"], correct: ["2"] }), refs);
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(Object.keys(dup.errors).some((k) => k.startsWith("options."))).toBe(true);

    const noUnit = parseQuestionForm(form({ type: "numeric", stem: "多少小时?", value: "12", tolerance: "0", unit: "" }), refs);
    expect(noUnit.ok).toBe(false);
    if (!noUnit.ok) expect(noUnit.errors.unit).toBeTruthy();

    const short = parseQuestionForm(form({ type: "ordering", stem: "排序", steps: "倾听\n询问" }), refs);
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.errors.steps).toBeTruthy();
  });

  it("refuses unknown sections and lost or unknown facts", () => {
    const r = parseQuestionForm(
      form({ type: "true_false", stem: "资料保存期限是 6 个月。", tf: "false", module: "sla", section: "no-such-anchor", facts: "customer_data_retention, no_such_fact" }),
      refs,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.section).toBeTruthy();
    expect(zhText(r.errors.facts!)).toContain("customer_data_retention");
    expect(zhText(r.errors.facts!)).toContain("no_such_fact");
  });

  it("keeps option ids of unchanged options, so saving untouched content changes nothing", () => {
    const first = parseQuestionForm(form({ type: "multiple", stem: "哪些对?", options: ["甲", "乙", "丙"], correct: ["0", "2"] }), refs);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const again = parseQuestionForm(valuesFromContent(first.content), refs, first.content);
    expect(again).toEqual(first);
  });

  it("parses matching pairs and ordering steps", () => {
    const m = parseQuestionForm(form({ type: "matching", stem: "对应", pairs: "集团客户 => 8小时\n商务客户 => 12小时" }), refs);
    expect(m.ok && m.content.answer).toEqual([["集团客户", "8小时"], ["商务客户", "12小时"]]);
    const o = parseQuestionForm(form({ type: "ordering", stem: "排序", steps: "倾听\n询问\n安抚\n确认" }), refs);
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    const text = new Map(o.content.options.map((x) => [x.id, x.text]));
    expect((o.content.answer as string[]).map((id) => text.get(id))).toEqual(["倾听", "询问", "安抚", "确认"]);
  });

  it("previews typed Markdown without letting script through", () => {
    const p = renderPreview(form({ type: "single", stem: "**粗体**<script>alert(1)</script>", options: ["<img src=x onerror=alert(1)>", "乙"] }));
    const html = JSON.stringify(p);
    expect(html).toContain("<strong>粗体</strong>");
    expect(html).not.toMatch(/<script|<img|onerror=/);
  });

  it("splits lists on ASCII and Chinese separators", () => {
    expect(splitList("a, b，c、d;e；a")).toEqual(["a", "b", "c", "d", "e"]);
  });
});
