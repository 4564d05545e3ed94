/**
 * Item-quality checks for any question, generated or written by a trainer, and the shape of a whole
 * bank. Pure.
 *
 * Per question (lintQuestion): an "error" is a flaw that makes the item measure badly whatever the
 * context (the generated bank must have none); a "warning" asks a trainer to look.
 *   key-longest        single choice: the key is the longest option by a margin (error from 1.5× and
 *                      8 characters, warning from 1.2× and 4)
 *   uneven-options     options of very uneven length (the longest ≥ 3× the shortest and 10+ longer)
 *   duplicate-options  two options the same after normalising (error) or nearly the same (warning)
 *   all-of-above       an "以上都…" / "都不对" option
 *   negative-stem      the question asks "which is NOT / wrong" without emphasis (**不**)
 *   multiple-all-none  multiple response with every option right, or none
 *   ordering-in-order  ordering shown already in key order
 *   numeric-tolerance  numeric with tolerance 0 where the unit or value implies measurement (warning)
 *   blank-count        fill_blank whose blanks do not match its answers (error)
 * Across an exam (lintPools): two questions of one family on one blueprint rule.
 */
import { countBlanks, type QuestionContent } from "./question";

export type LintSeverity = "error" | "warning";
export type LintCode =
  | "key-longest"
  | "uneven-options"
  | "duplicate-options"
  | "all-of-above"
  | "negative-stem"
  | "multiple-all-none"
  | "ordering-in-order"
  | "numeric-tolerance"
  | "blank-count"
  | "family-twice";

export interface LintIssue {
  code: LintCode;
  severity: LintSeverity;
  /** Catalogue key of the message (app/i18n zh-lint/en-lint) and its values. */
  key: LintMessageKey;
  params: Record<string, string | number>;
}

export const LINT_MESSAGE_KEYS = [
  "lint.keyLongest.error",
  "lint.keyLongest.warning",
  "lint.unevenOptions",
  "lint.allOfAbove",
  "lint.negativeStem",
  "lint.duplicate",
  "lint.nearDuplicate",
  "lint.multipleAll",
  "lint.multipleNone",
  "lint.orderingInOrder",
  "lint.numericTolerance",
  "lint.blankCount",
  "lint.familyTwice",
] as const;
export type LintMessageKey = (typeof LINT_MESSAGE_KEYS)[number];

type Lintable = Pick<QuestionContent, "type" | "stem" | "options" | "answer">;

/** Visible length: characters (not UTF-16 units), Markdown emphasis and spaces not counted. */
export function visibleLength(text: string): number {
  return [...text.replace(/[*_`\s]/g, "")].length;
}

/** For comparing options: full-width → half-width, no spaces or punctuation, lower case. */
export function normalizeOption(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s*_`"'“”‘’「」『』（）()，,。.；;：:！!？?、]/g, "");
}

/** Similarity of two strings: 1 − edit distance / longer length (on characters). */
export function similarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0 && y.length === 0) return 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return 1 - prev[y.length] / Math.max(x.length, y.length);
}

const NEAR_DUPLICATE = 0.85;
const ALL_OF_ABOVE = /以上(都|均|皆|全)|(都|均)不(对|正确)|全部(正确|都对)|以上答案|以上选项|以上说法/;
const NEGATIVE = /不正确|不属于|不是|不应|不能|不可以|错误|不包括|不符合|不得/;
/** Units of measured quantities, where an exact answer is rarely meant. */
const MEASURED_UNITS = new Set(["元", "角", "米", "厘米", "公里", "千米", "千克", "公斤", "克", "升", "平方米", "MB", "GB", "KB", "Mbps", "兆", "度", "℃", "千瓦时"]);

/** The question sentence of a stem: its last sentence (a scenario's situation comes before it). */
function questionSentence(stem: string): string {
  const parts = stem.split(/\n+|(?<=[。！!])/).map((s) => s.trim()).filter(Boolean);
  return parts[parts.length - 1] ?? "";
}

function keyIds(q: Lintable): Set<string> {
  if (q.type === "single" && typeof q.answer === "string") return new Set([q.answer]);
  if (q.type === "multiple" && Array.isArray(q.answer)) return new Set(q.answer as string[]);
  return new Set();
}

export function lintQuestion(q: Lintable): LintIssue[] {
  const issues: LintIssue[] = [];
  const add = (code: LintCode, severity: LintSeverity, key: LintMessageKey, params: Record<string, string | number> = {}) =>
    issues.push({ code, severity, key, params });
  const options = q.options ?? [];
  const keys = keyIds(q);

  if (q.type === "single" && options.length >= 2) {
    const key = options.find((o) => keys.has(o.id));
    const others = options.filter((o) => !keys.has(o.id)).map((o) => visibleLength(o.text));
    if (key && others.length) {
      const k = visibleLength(key.text);
      const longest = Math.max(...others);
      if (k >= longest * 1.5 && k - longest >= 8) add("key-longest", "error", "lint.keyLongest.error", { key: k, longest });
      else if (k >= longest * 1.2 && k - longest >= 4) add("key-longest", "warning", "lint.keyLongest.warning", { key: k, longest });
    }
  }
  if ((q.type === "single" || q.type === "multiple") && options.length >= 2) {
    const lengths = options.map((o) => visibleLength(o.text));
    const max = Math.max(...lengths);
    const min = Math.min(...lengths);
    if (max >= min * 3 && max - min >= 10) add("uneven-options", "warning", "lint.unevenOptions", { min, max });
    for (const o of options) if (ALL_OF_ABOVE.test(o.text)) add("all-of-above", "error", "lint.allOfAbove", { option: o.text });
    if (NEGATIVE.test(questionSentence(q.stem).replace(/\*\*[^*]+\*\*/g, "")) && NEGATIVE.test(questionSentence(q.stem)))
      add("negative-stem", "error", "lint.negativeStem", { word: NEGATIVE.exec(questionSentence(q.stem))![0] });
  }
  if ((q.type === "single" || q.type === "multiple" || q.type === "ordering") && options.length >= 2) {
    const norm = options.map((o) => normalizeOption(o.text));
    const reported = new Set<string>();
    for (let i = 0; i < norm.length; i++)
      for (let j = i + 1; j < norm.length; j++) {
        const pair = `${i}-${j}`;
        if (reported.has(pair)) continue;
        if (norm[i] === norm[j]) add("duplicate-options", "error", "lint.duplicate", { a: options[i].text, b: options[j].text });
        // Options that differ only in their figures ("8小时" / "4小时") are distinct answers, not near-duplicates.
        else if (Math.min(norm[i].length, norm[j].length) >= 4 && norm[i].replace(/\d+/g, "#") !== norm[j].replace(/\d+/g, "#") && similarity(norm[i], norm[j]) >= NEAR_DUPLICATE)
          add("duplicate-options", "warning", "lint.nearDuplicate", { a: options[i].text, b: options[j].text });
        reported.add(pair);
      }
  }
  if (q.type === "multiple" && options.length >= 2) {
    const right = options.filter((o) => keys.has(o.id)).length;
    if (right === options.length) add("multiple-all-none", "error", "lint.multipleAll");
    if (right === 0) add("multiple-all-none", "error", "lint.multipleNone");
  }
  if (q.type === "ordering" && Array.isArray(q.answer) && options.length >= 2) {
    if (options.map((o) => o.id).join("\u0000") === (q.answer as string[]).join("\u0000"))
      add("ordering-in-order", "error", "lint.orderingInOrder");
  }
  if (q.type === "numeric" && q.answer && typeof q.answer === "object" && !Array.isArray(q.answer)) {
    const a = q.answer as { value: number; tolerance: number; unit: string };
    if (a.tolerance === 0 && (MEASURED_UNITS.has(a.unit) || !Number.isInteger(a.value)))
      add("numeric-tolerance", "warning", "lint.numericTolerance", { unit: a.unit, value: a.value });
  }
  if (q.type === "fill_blank" && Array.isArray(q.answer)) {
    const blanks = countBlanks(q.stem);
    if (blanks !== q.answer.length) add("blank-count", "error", "lint.blankCount", { blanks, answers: q.answer.length });
  }
  return issues;
}

export interface PoolQuestion {
  id: string;
  family?: string;
}

/** Exam level: a blueprint rule (pool) that holds two or more questions of one family. */
export function lintPools(pools: readonly { name: string; questions: readonly PoolQuestion[] }[]): { pool: string; family: string; ids: string[] }[] {
  const out: { pool: string; family: string; ids: string[] }[] = [];
  for (const pool of pools) {
    const byFamily = new Map<string, string[]>();
    for (const q of pool.questions) {
      const family = q.family || q.id;
      byFamily.set(family, [...(byFamily.get(family) ?? []), q.id]);
    }
    for (const [family, ids] of byFamily) if (ids.length > 1) out.push({ pool: pool.name, family, ids });
  }
  return out;
}

/**
 * Exam level, for a blueprint: each rule's candidates (questions it may draw), and how many distinct
 * families they come from. A rule asking for more questions than it has families cannot be filled
 * without two questions on one point.
 */
export function ruleFamilies<Q extends PoolQuestion>(
  rules: readonly { count: number }[],
  pool: readonly Q[],
  matches: (rule: number, q: Q) => boolean,
): { rule: number; count: number; candidates: number; families: number; siblings: { pool: string; family: string; ids: string[] }[] }[] {
  return rules.map((r, i) => {
    const candidates = pool.filter((q) => matches(i, q));
    const siblings = lintPools([{ name: `第 ${i + 1} 条`, questions: candidates }]);
    return { rule: i, count: r.count, candidates: candidates.length, families: new Set(candidates.map((q) => q.family || q.id)).size, siblings };
  });
}

/** A lintPools finding as an issue (for the exam pages and the CLI). */
export function familyTwiceMessage(f: { pool: string; family: string; ids: string[] }): LintIssue {
  return { code: "family-twice", severity: "warning", key: "lint.familyTwice", params: { pool: f.pool, n: f.ids.length, family: f.family, ids: f.ids.join("、") } };
}

// ---------------------------------------------------------------------------------------------
// The shape of a bank.

export interface ShapeQuestion extends Lintable {
  id: string;
  module: string | null;
  family?: string;
}

export interface BankShape {
  items: number;
  families: number;
  byType: Record<string, number>;
  byModule: Record<string, { items: number; families: number }>;
  /** Single choice: share whose key is strictly the longest option (chance ≈ 1 / options). */
  keyLongest: { items: number; longest: number; rate: number; chance: number };
  /** Multiple response: how many items have 1, 2, 3… keys, and of how many options. */
  multipleKeys: Record<string, number>;
  errors: number;
  warnings: number;
}

export function bankShape(questions: readonly ShapeQuestion[]): BankShape {
  const byType: Record<string, number> = {};
  const modules = new Map<string, { items: number; families: Set<string> }>();
  const families = new Set<string>();
  let singles = 0;
  let longest = 0;
  let chance = 0;
  const multipleKeys: Record<string, number> = {};
  let errors = 0;
  let warnings = 0;
  for (const q of questions) {
    const family = q.family || q.id;
    families.add(family);
    byType[q.type] = (byType[q.type] ?? 0) + 1;
    const m = modules.get(q.module ?? "—") ?? { items: 0, families: new Set<string>() };
    m.items++;
    m.families.add(family);
    modules.set(q.module ?? "—", m);
    const keys = keyIds(q);
    if (q.type === "single" && q.options.length >= 2) {
      singles++;
      chance += 1 / q.options.length;
      const key = q.options.find((o) => keys.has(o.id));
      const k = key ? visibleLength(key.text) : -1;
      if (key && q.options.every((o) => o.id === key.id || visibleLength(o.text) < k)) longest++;
    }
    if (q.type === "multiple") {
      const label = `${keys.size}/${q.options.length}`;
      multipleKeys[label] = (multipleKeys[label] ?? 0) + 1;
    }
    for (const issue of lintQuestion(q)) issue.severity === "error" ? errors++ : warnings++;
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    items: questions.length,
    families: families.size,
    byType,
    byModule: Object.fromEntries([...modules].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, { items: v.items, families: v.families.size }])),
    keyLongest: { items: singles, longest, rate: singles ? round(longest / singles) : 0, chance: singles ? round(chance / singles) : 0 },
    multipleKeys: Object.fromEntries(Object.entries(multipleKeys).sort(([a], [b]) => a.localeCompare(b))),
    errors,
    warnings,
  };
}
