/**
 * Figures and their plausible wrong alternatives (distractors).
 *
 * A distractor is always: different from the right figure, in the same unit as the right figure (when
 * the fact has a unit; a figure without one, such as 按照协议执行, competes with any), and sensible
 * (positive; a percentage at most 100%). Candidates come in tiers, best first:
 *   1. traps: the look-alike facts listed in `fact.traps` (FACTS.md §G2.10);
 *   2. classes: the same metric for the other customer classes;
 *   3. borrowed: a trap in another unit, converted to this unit (1小时 → 60分钟 for a 30分钟 figure),
 *      or else its bare number put in this unit (拆机 8日 → "8小时" for the 24小时 figure: exactly the
 *      confusion the trap is about); either only when the result is a common value of the unit;
 *   4. curated: common values of the unit nearest to the right one (or, for figures that are words,
 *      a curated list of alternatives of the same kind).
 * Customer classes that may overlap (FACTS.md §A4.2: 特殊及重要客户 may be part of 集团客户) never lend
 * each other's figures as "wrong": that would decide the very question the seeds leave open.
 */
import type { Fact } from "../content-schema";

export interface Figure {
  value: number | null;
  text: string | null;
  unit: string | null;
}

export type Tier = "trap" | "class" | "borrowed" | "curated";

export interface Candidate {
  /** What the learner reads, e.g. "12小时". */
  display: string;
  figure: Figure;
  tier: Tier;
  /** The fact the candidate comes from (traps, classes, borrowed). */
  from: Fact | null;
}

export function figureOf(fact: Fact): Figure {
  return { value: fact.value, text: fact.valueText, unit: fact.unit };
}

/** Same text as formatFact for an unlost fact: the figure followed by its unit. */
export function displayFigure(f: Figure): string {
  return `${f.value !== null ? String(f.value) : (f.text ?? "")}${f.unit ?? ""}`;
}

/**
 * Common values per unit. They bound what counts as sensible for the unit and supply the "nearby"
 * distractors. Percentages depend on the direction of the target: a floor (≥, =) is a high rate,
 * a ceiling (≤) a low one (三日内重复申告率 ≤5%).
 */
const UNIT_SCALES: Record<string, number[]> = {
  秒: [5, 10, 15, 20, 30, 45, 60],
  分钟: [1, 5, 10, 15, 20, 30, 45, 60],
  小时: [1, 2, 3, 4, 6, 8, 12, 24, 48, 72],
  日: [1, 2, 3, 5, 7, 10, 15, 30],
  天: [1, 2, 3, 5, 7],
  周: [1, 2, 3, 4],
  个月: [1, 3, 6, 12, 24],
  次: [1, 2, 3, 4, 5],
  声: [1, 2, 3, 4, 5, 6],
  倍: [1, 2, 3, 4, 5],
};
const HIGH_PERCENT = [80, 85, 90, 95, 97, 98, 99, 100];
const LOW_PERCENT = [1, 2, 3, 5, 8, 10, 15, 20];

function scaleFor(fact: Fact): number[] | null {
  if (fact.unit === "%") return fact.comparator === "<=" ? LOW_PERCENT : HIGH_PERCENT;
  if (fact.unit && UNIT_SCALES[fact.unit]) return UNIT_SCALES[fact.unit];
  if (fact.value === null) return null;
  // Unknown unit: simple multiples of the right value.
  const v = fact.value;
  return [v / 2, v * 2, v * 3, v * 4].filter((x) => Number.isInteger(x));
}

/**
 * Figures that are words: alternatives of the same kind, and how a statement links the subject to
 * the figure (see wording.ts). Alternatives take the fact's unit, if any ("5×8" + 小时).
 */
export interface TextKind {
  alternatives: string[];
  /** Words between subject and figure; default: from the comparator. */
  link?: string;
  /** Link used when the slot is a number instead (按照协议执行 → "为2小时"). */
  numericLink?: string;
  /** Appended to the metric to make it a subject ("…投诉受理" + "的服务时间"). */
  subjectSuffix?: string;
}

const FREQUENCIES = ["每天", "每周", "每月", "每季度", "每年"];

export const TEXT_KINDS: Record<string, TextKind> = {
  "7×24": { alternatives: ["5×8", "7×8", "5×12", "7×12"], subjectSuffix: "的服务时间", link: "为" },
  即时: { alternatives: ["1分钟", "10分钟", "1小时", "24小时"], link: "", numericLink: "" },
  // Asked as fill-in-the-blank (no distractors needed): a charged emergency call is not a plausible confusion.
  免费: { alternatives: [], link: "" },
  按照协议执行: { alternatives: ["4小时", "12小时", "48小时"], link: "", numericLink: "为" },
  每天: { alternatives: FREQUENCIES, link: "为" },
  每月: { alternatives: FREQUENCIES, link: "为" },
  // No invented month counts here: the retention months in the seeds were lost (FACTS.md §A4.5).
  // Asked as fill-in-the-blank: "保存至当月月底" and the like are no plausible confusion.
  长期保存: { alternatives: [], link: "为" },
  "月度通报、季度考核": {
    alternatives: ["季度通报、年度考核", "每周通报、月度考核", "月度通报、年度考核", "季度通报、季度考核"],
    link: "为",
  },
};

/**
 * The kind of a word figure: its own entry, or the list it appears in as an alternative (so a figure
 * edited from 每月 to 每周 still gets frequencies as distractors).
 */
export function textKindOf(valueText: string | null): TextKind | undefined {
  if (valueText === null) return undefined;
  return TEXT_KINDS[valueText] ?? Object.values(TEXT_KINDS).find((k) => k.alternatives.includes(valueText));
}

/** Positive; a percentage at most 100. */
export function isSensible(f: Figure): boolean {
  if (f.value === null) return (f.text ?? "").length > 0;
  return Number.isFinite(f.value) && f.value > 0 && (f.unit !== "%" || f.value <= 100);
}

/** Pairs of classes whose boundary the seeds leave open (FACTS.md §A4.2). */
const OVERLAPPING_CLASSES: [string, string][] = [["集团客户", "特殊及重要客户"]];

function classesOverlap(a: string | null, b: string | null): boolean {
  return !!a && !!b && OVERLAPPING_CLASSES.some(([x, y]) => (a === x && b === y) || (a === y && b === x));
}

/** Seconds per time unit, for converting a trap's figure (日 and 天 are both days). */
const SECONDS: Record<string, number> = { 秒: 1, 分钟: 60, 小时: 3600, 日: 86400, 天: 86400, 周: 604800 };

/** A trap's figure in this fact's unit: converted if both are time units, else its bare number. */
function borrowedValue(trap: Fact, unit: string, scale: number[]): number | null {
  if (trap.value === null || trap.unit === null) return null;
  const from = SECONDS[trap.unit];
  const to = SECONDS[unit];
  if (from && to) {
    const converted = (trap.value * from) / to;
    if (scale.includes(converted)) return converted;
  }
  return scale.includes(trap.value) ? trap.value : null;
}

function sameUnitOk(fact: Fact, f: Figure): boolean {
  // A figure without a unit (按照协议执行, 即时, 每月…) competes with figures of any unit.
  return fact.unit === null || f.unit === fact.unit;
}

function peersOf(fact: Fact, facts: readonly Fact[]): Fact[] {
  if (!fact.customerClass) return [];
  return facts.filter(
    (o) => o.id !== fact.id && o.status !== "lost" && o.metric === fact.metric && o.customerClass && o.customerClass !== fact.customerClass,
  );
}

function nearest(scale: number[], value: number): number[] {
  const dist = (x: number) => Math.abs(Math.log(x) - Math.log(value));
  return [...scale].sort((a, b) => dist(a) - dist(b) || a - b);
}

/**
 * All distractor candidates for a fact, best tier first, deduplicated by display text, never the
 * right figure. Deterministic (the seed is applied later, when choosing among them).
 */
export function distractorCandidates(fact: Fact, facts: readonly Fact[]): Candidate[] {
  const right = displayFigure(figureOf(fact));
  const byId = new Map(facts.map((f) => [f.id, f]));
  const out: Candidate[] = [];
  const seen = new Set([right]);
  const add = (figure: Figure, tier: Tier, from: Fact | null) => {
    const display = displayFigure(figure);
    if (seen.has(display) || !isSensible(figure) || !sameUnitOk(fact, figure)) return;
    seen.add(display);
    out.push({ display, figure, tier, from });
  };

  // A rate's look-alike must point the same way: a floor (≥ 95%) is no plausible value for a ceiling
  // (三日内故障重复申告率 ≤ 5%), and the reverse.
  const ceiling = (f: Fact) => f.comparator === "<=";
  const sameDirection = (o: Fact) => fact.unit !== "%" || o.unit !== "%" || ceiling(o) === ceiling(fact);
  const usable = (o: Fact | undefined): o is Fact =>
    !!o && o.status !== "lost" && !classesOverlap(o.customerClass, fact.customerClass) && sameDirection(o);
  const traps = fact.traps.map((id) => byId.get(id)).filter(usable);
  for (const t of traps) add(figureOf(t), "trap", t);
  for (const p of peersOf(fact, facts).filter(usable)) add(figureOf(p), "class", p);

  const scale = scaleFor(fact);
  if (fact.value !== null && fact.unit !== null && scale) {
    for (const t of traps) {
      if (t.unit === fact.unit) continue;
      const value = borrowedValue(t, fact.unit, scale);
      if (value !== null) add({ value, text: null, unit: fact.unit }, "borrowed", t);
    }
  }

  if (fact.value !== null && scale) {
    for (const v of nearest(scale, fact.value)) add({ value: v, text: null, unit: fact.unit }, "curated", null);
  } else if (fact.valueText !== null) {
    for (const alt of textKindOf(fact.valueText)?.alternatives ?? []) add({ value: null, text: alt, unit: fact.unit }, "curated", null);
  }
  return out;
}
