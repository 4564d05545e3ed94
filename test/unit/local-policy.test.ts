import { describe, expect, it } from "vitest";
import { translateErrors, translator } from "~/i18n";
import { loadContent } from "~/content.server";
import { generateQuestions, type GeneratedQuestion } from "~/domain/generator";
import {
  annotateLocalPolicy,
  applyLocalPolicy,
  LOCAL_POLICY_STEM_PREFIX,
  localPolicyLabel,
  markLocalPolicyQuestions,
  parsePolicyForm,
  type LocalPolicyFigure,
} from "~/domain/local-policy";

const content = loadContent("content");
const TODAY = "2026-11-29";

const retention: LocalPolicyFigure = {
  factId: "customer_data_retention",
  value: 6,
  valueText: null,
  unit: "个月",
  sourceDoc: "客户资料管理办法",
  effectiveDate: "2026-01-01",
};
const policy = new Map([[retention.factId, retention]]);

describe("applyLocalPolicy: merging local values into the facts", () => {
  it("makes a lost fact quizzable with the local value, unit and a note naming the rule", () => {
    const merged = applyLocalPolicy(content.facts, policy);
    const fact = merged.find((f) => f.id === "customer_data_retention")!;
    expect(fact).toMatchObject({ status: "ok", value: 6, valueText: null, unit: "个月" });
    expect(fact.note).toBe("本单位规定：6个月，依据《客户资料管理办法》，自 2026-01-01 起执行。");
  });

  it("leaves every other fact as it was, and does not modify the input", () => {
    const before = JSON.stringify(content.facts);
    const merged = applyLocalPolicy(content.facts, policy);
    expect(JSON.stringify(content.facts)).toBe(before);
    for (const [i, f] of content.facts.entries()) if (f.id !== retention.factId) expect(merged[i]).toBe(f);
    expect(merged.find((f) => f.id === "sp_usage_record_retention")!.status).toBe("lost");
  });

  it("replaces an unlost figure's value, keeping an ambiguous fact's explanation", () => {
    const vip: LocalPolicyFigure = { ...retention, factId: "bb_repair_max_vip", value: 3, unit: "小时" };
    const merged = applyLocalPolicy(content.facts, new Map([[vip.factId, vip]]));
    const fact = merged.find((f) => f.id === "bb_repair_max_vip")!;
    const original = content.factsById.get("bb_repair_max_vip")!;
    expect(fact.value).toBe(3);
    expect(fact.status).toBe(original.status);
    if (original.status === "ambiguous") expect(fact.note).toContain(original.note!);
    expect(fact.note).toContain("本单位规定：3小时");
  });

  it("is what lets the generator quiz a lost figure: none without a local value, its recall form with one", () => {
    const about = (qs: GeneratedQuestion[]) => qs.filter((q) => q.facts.includes("customer_data_retention"));
    expect(about(generateQuestions(content, 1))).toEqual([]);
    const withPolicy = generateQuestions({ ...content, facts: applyLocalPolicy(content.facts, policy) }, 1);
    const qs = about(withPolicy);
    expect(qs.length).toBeGreaterThanOrEqual(1);
    const numeric = qs.find((q) => q.type === "numeric")!;
    expect(numeric.answer).toMatchObject({ value: 6, unit: "个月" });
  });
});

describe("markLocalPolicyQuestions", () => {
  it("marks the stem and names the rule (and the manual's gap) in the explanation of questions on a local figure only", () => {
    const generated = generateQuestions({ ...content, facts: applyLocalPolicy(content.facts, policy) }, 1);
    const marked = markLocalPolicyQuestions(generated, policy, content.factsById);
    for (const [i, q] of marked.entries()) {
      if (q.facts.includes(retention.factId)) {
        expect(q.stem.startsWith(LOCAL_POLICY_STEM_PREFIX)).toBe(true);
        expect(q.explanation).toContain("教材原文此处数字缺失，本单位规定：6个月，依据《客户资料管理办法》，自 2026-01-01 起执行。");
      } else expect(q).toBe(generated[i]);
    }
    expect(markLocalPolicyQuestions(generated, new Map(), content.factsById)).toBe(generated);
  });
});

describe("annotateLocalPolicy: the module page", () => {
  const conf = content.modules.find((m) => m.slug === "confidentiality")!;
  it("puts the local rule beside the manual's lost marker, which stays", () => {
    const html = annotateLocalPolicy(conf.html, policy);
    expect(html).toMatch(
      /data-fact="customer_data_retention"[^>]*>〔原文数字缺失〕<\/span><span class="local-policy" data-local-policy="customer_data_retention">（本单位规定：6个月，依据《客户资料管理办法》，自 2026-01-01 起）<\/span>/,
    );
    expect(html.match(/class="local-policy"/g)).toHaveLength(conf.html.split('data-fact="customer_data_retention"').length - 1);
    expect(html).toContain('data-fact="sp_usage_record_retention"');
    expect(annotateLocalPolicy(conf.html, new Map())).toBe(conf.html);
  });
  it("escapes what the admin typed", () => {
    const hostile = { ...retention, sourceDoc: `<img src=x onerror=alert(1)>"` };
    const html = annotateLocalPolicy(conf.html, new Map([[retention.factId, hostile]]));
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;&quot;");
  });
  it("labels the rule as the house style says", () => {
    expect(localPolicyLabel(retention)).toBe("本单位规定：6个月，依据《客户资料管理办法》，自 2026-01-01 起");
  });
});

describe("parsePolicyForm", () => {
  const ok = { factId: "customer_data_retention", value: "6", unit: "个月", sourceDoc: "《客户资料管理办法》", effectiveDate: "2026-01-01" };
  const parse = (over: Record<string, string>) => parsePolicyForm({ ...ok, ...over }, content.factsById, TODAY);

  it("accepts a complete entry (full-width digits too) and strips 《》 from the document", () => {
    expect(parse({})).toEqual({ ok: true, figure: { ...retention } });
    expect(parse({ value: "１２" })).toMatchObject({ ok: true, figure: { value: 12 } });
  });

  it("says which field is wrong and what, in English and in Chinese", () => {
    const r = parsePolicyForm({}, content.factsById, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(translateErrors(translator("en"), r.errors)).toEqual({
      factId: "choose the figure to record",
      value: "enter the value your company's rule sets",
      sourceDoc: "enter the name of the document the rule comes from",
      effectiveDate: "enter the date the rule took effect",
    });
    expect(translateErrors(translator("zh"), r.errors)).toEqual({
      factId: "请选择要登记的数字",
      value: "请填写本单位规定的数值",
      sourceDoc: "请填写依据的文件名称",
      effectiveDate: "请填写生效日期",
    });
    const errs = (over: Record<string, string>) => {
      const x = parse(over);
      return x.ok ? {} : translateErrors(translator("zh"), x.errors);
    };
    expect(errs({ factId: "no_such_fact" }).factId).toContain("no_such_fact");
    expect(errs({ value: "六" }).value).toContain("阿拉伯数字");
    expect(errs({ value: "0" }).value).toBe("数值必须大于 0");
    expect(errs({ value: "120", unit: "%" }).value).toBe("百分比不能超过 100");
    expect(errs({ unit: "" }).unit).toBe("数字需要单位，请选择单位");
    expect(errs({ unit: "斤" }).unit).toContain("单位只能是");
    expect(errs({ sourceDoc: "《》" }).sourceDoc).toBe("请填写依据的文件名称");
    expect(errs({ sourceDoc: "文".repeat(101) }).sourceDoc).toContain("最多 100 个字符");
    expect(errs({ effectiveDate: "2026-02-30" }).effectiveDate).toContain("不是有效日期");
    expect(errs({ effectiveDate: "2026/01/01" }).effectiveDate).toContain("不是有效日期");
    expect(errs({ effectiveDate: "2026-11-30" }).effectiveDate).toContain("不能晚于今天（2026-11-29）");
    expect(parse({ effectiveDate: TODAY }).ok).toBe(true);
  });

  it("takes words only for a figure the manual gives in words", () => {
    expect(parse({ factId: "attendance_monthly", value: "每周", unit: "" })).toMatchObject({ ok: true, figure: { value: null, valueText: "每周", unit: null } });
    expect(parse({ value: "长期保存" }).ok).toBe(false);
  });
});
