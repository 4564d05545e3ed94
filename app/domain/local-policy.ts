/**
 * Local policy figures (本单位规定): the company's current value for a figure of the courseware, entered
 * by an admin. The manuals lost three retention periods (FACTS.md §A4) and operators revise figures over
 * time; the courseware keeps saying what the manual says, and shows the local value beside it.
 *
 * Pure: the form parser, the merge of local values into the facts (what the quiz generator reads), the
 * notes added to generated questions, and the annotation of a rendered module.
 */
import { z } from "zod";
import type { Fact } from "./content-schema";
import { parseLocalInput } from "./exam-form";
import { escapeHtml } from "./markdown";
import { parseNumber } from "./grading";
import { msg, type Message } from "./message";

/** The value currently in force for one fact (the latest entry of its history). */
export interface LocalPolicyFigure {
  factId: string;
  /** A plain number, or null when the figure is words (valueText). Exactly one of the two is set. */
  value: number | null;
  valueText: string | null;
  unit: string | null;
  /** The company document it comes from, without 《》. */
  sourceDoc: string;
  /** YYYY-MM-DD (Beijing), the day it took effect. */
  effectiveDate: string;
}

/** Units an admin may choose: those of the courseware (content/FORMAT.md) plus years. */
export const POLICY_UNITS = ["秒", "分钟", "小时", "日", "天", "周", "个月", "年", "%", "次", "声", "倍"] as const;

export const SOURCE_DOC_MAX = 100;
export const VALUE_MAX = 20;

export type PolicyField = "factId" | "value" | "unit" | "sourceDoc" | "effectiveDate";
/** Field → message to translate (what `parsePolicyForm` returns). */
export type PolicyFieldMessages = Partial<Record<PolicyField, Message>>;
/** Field → message as the page shows it. */
export type PolicyFieldErrors = Partial<Record<PolicyField, string>>;
export type ParsedPolicyForm = { ok: true; figure: LocalPolicyFigure } | { ok: false; errors: PolicyFieldMessages };

const raw = z.object({
  factId: z.string().trim().default(""),
  value: z.string().trim().default(""),
  unit: z.string().trim().default(""),
  sourceDoc: z.string().trim().default(""),
  effectiveDate: z.string().trim().default(""),
});

/**
 * Check what the admin typed. `facts` are the courseware's facts; `today` is today's date in Beijing
 * (YYYY-MM-DD): a local value records the rule in force, so it cannot take effect in the future.
 * A figure the manual gives as a number (or lost, like the retention months) needs a number; one the
 * manual gives in words (每月, 长期保存…) may be words.
 */
export function parsePolicyForm(input: Record<string, unknown>, facts: ReadonlyMap<string, Fact>, today: string): ParsedPolicyForm {
  const r = raw.safeParse(Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === "string" ? v : undefined])));
  const f = r.success ? r.data : { factId: "", value: "", unit: "", sourceDoc: "", effectiveDate: "" };
  const errors: PolicyFieldMessages = {};
  const fact = facts.get(f.factId);
  if (!f.factId) errors.factId = msg("pol.factRequired");
  else if (!fact) errors.factId = msg("pol.factUnknown", { id: f.factId });

  let value: number | null = null;
  let valueText: string | null = null;
  if (!f.value) errors.value = msg("pol.valueRequired");
  else if (f.value.length > VALUE_MAX) errors.value = msg("pol.valueMax", { n: VALUE_MAX });
  else {
    const n = parseNumber(f.value);
    const wordsAllowed = fact ? fact.valueText !== null : false;
    if (n !== null) {
      if (n <= 0) errors.value = msg("pol.valuePositive");
      else if (f.unit === "%" && n > 100) errors.value = msg("pol.percentMax");
      else value = n;
    } else if (wordsAllowed) valueText = f.value;
    else errors.value = msg("pol.valueNumber");
  }

  let unit: string | null = null;
  if (f.unit) {
    if ((POLICY_UNITS as readonly string[]).includes(f.unit)) unit = f.unit;
    else errors.unit = msg("pol.unitOneOf", { units: [...POLICY_UNITS] });
  } else if (value !== null) errors.unit = msg("pol.unitRequired");

  if (!f.sourceDoc) errors.sourceDoc = msg("pol.sourceDocRequired");
  else if (f.sourceDoc.length > SOURCE_DOC_MAX) errors.sourceDoc = msg("pol.sourceDocMax", { n: SOURCE_DOC_MAX });
  const sourceDoc = f.sourceDoc.replace(/^《(.*)》$/, "$1").trim();
  if (f.sourceDoc && !sourceDoc) errors.sourceDoc = msg("pol.sourceDocRequired");

  if (!f.effectiveDate) errors.effectiveDate = msg("pol.dateRequired");
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(f.effectiveDate) || parseLocalInput(`${f.effectiveDate}T00:00`) === null)
    errors.effectiveDate = msg("pol.dateInvalid");
  else if (f.effectiveDate > today) errors.effectiveDate = msg("pol.dateFuture", { today });

  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, figure: { factId: f.factId, value, valueText, unit, sourceDoc, effectiveDate: f.effectiveDate } };
}

/** "6个月" / "长期保存". */
export function formatPolicyValue(p: Pick<LocalPolicyFigure, "value" | "valueText" | "unit">): string {
  return `${p.value !== null ? String(p.value) : (p.valueText ?? "")}${p.unit ?? ""}`;
}

/** "本单位规定：6个月，依据《客户资料管理办法》，自 2026-01-01 起" — how the courseware and the questions name it. */
export function localPolicyLabel(p: LocalPolicyFigure): string {
  return `本单位规定：${formatPolicyValue(p)}，依据《${p.sourceDoc}》，自 ${p.effectiveDate} 起`;
}

/**
 * The facts as the quiz generator should see them: a fact with a local value takes that value and unit;
 * a lost fact with one becomes quizzable ("ok"); its note says where the value comes from. Facts without
 * a local value are returned unchanged (the same objects). The input is not modified.
 */
export function applyLocalPolicy(facts: readonly Fact[], policy: ReadonlyMap<string, LocalPolicyFigure>): Fact[] {
  return facts.map((fact) => {
    const p = policy.get(fact.id);
    if (!p) return fact;
    const status = fact.status === "lost" ? "ok" : fact.status;
    const origin = `${localPolicyLabel(p)}执行。`;
    return {
      ...fact,
      value: p.value,
      valueText: p.valueText,
      unit: p.unit,
      status,
      // An ambiguous fact keeps its explanation (the generator prints it); otherwise the note names the rule.
      note: status === "ambiguous" && fact.note ? `${fact.note}${origin}` : origin,
    };
  });
}

/** Prefix of a generated question's stem about a local figure, so nobody mistakes it for the manual. */
export const LOCAL_POLICY_STEM_PREFIX = "【本单位规定】";

/**
 * Generated questions that test a local figure say so: the stem is marked and the explanation names the
 * document and date (and, for a figure the manual lost, that the manual has no number).
 */
export function markLocalPolicyQuestions<Q extends { stem: string; explanation: string; facts: string[] }>(
  questions: Q[],
  policy: ReadonlyMap<string, LocalPolicyFigure>,
  original: ReadonlyMap<string, Fact>,
): Q[] {
  if (policy.size === 0) return questions;
  return questions.map((q) => {
    const local = q.facts.filter((id) => policy.has(id));
    if (!local.length) return q;
    const lines = local.map((id) => {
      const p = policy.get(id)!;
      const lost = original.get(id)?.status === "lost" ? "教材原文此处数字缺失，" : "";
      return `${lost}${localPolicyLabel(p)}执行。`;
    });
    return {
      ...q,
      stem: q.stem.startsWith(LOCAL_POLICY_STEM_PREFIX) ? q.stem : `${LOCAL_POLICY_STEM_PREFIX}${q.stem}`,
      explanation: `${q.explanation}\n\n${lines.join("\n")}`,
    };
  });
}

const FACT_SPAN = /(<span class="fact[^"]*" data-fact="([a-z][a-z0-9_]*)"[^>]*>[^<]*<\/span>)/g;

/**
 * A rendered module with each cited figure that has a local value followed by the local rule, marked as
 * such; what the manual says (including 〔原文数字缺失〕) stays as it is. Everything the admin typed is
 * escaped.
 */
export function annotateLocalPolicy(html: string, policy: ReadonlyMap<string, LocalPolicyFigure>): string {
  if (policy.size === 0) return html;
  return html.replace(FACT_SPAN, (whole: string, _span: string, id: string) => {
    const p = policy.get(id);
    if (!p) return whole;
    return `${whole}<span class="local-policy" data-local-policy="${escapeHtml(id)}">（${escapeHtml(localPolicyLabel(p))}）</span>`;
  });
}
