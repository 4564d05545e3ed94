/**
 * Item analysis of an exam, on first attempts (as Moodle's quiz statistics do). Pure.
 *
 * Notation: n learners, k items. x_ij ∈ [0,1] is learner i's share of item j's points, s_ij = x_ij·p_j
 * the points earned, T_i = Σ_j s_ij the total. Variances and standard deviations are sample ones
 * (divide by n − 1), as in Moodle; with n < 2 they are null. When papers are drawn at random not every
 * learner sees every item: an item's statistics use only the learners who were shown it (S_j), and
 * α/SEM are computed only when every learner saw every item (otherwise null).
 *
 * Per item (question version):
 *  - facility F_j = mean_i x_ij (share right, 0..1).
 *  - sd_j = sample SD of x_ij.
 *  - discrimination index D_j = mean of x_ij in the upper group − mean in the lower group, the groups
 *    being the top and bottom 27 % of learners by total T (at least one learner each; ties broken by
 *    the input order).
 *  - corrected item–total correlation r_j = Pearson correlation of x_ij with the rest score T_i − s_ij
 *    (the item removed from the total, so it does not correlate with itself); null when either has no
 *    variance.
 *  - option counts: how often each option was chosen (single/multiple choice), overall and in the upper
 *    group.
 *  - fill_blank: instead of option counts, the most common wrong answers per blank (`wrongBlankAnswers`:
 *    answers compared as the grader compares them, empty blanks left out).
 * Per exam: mean and SD of T; Cronbach's α = k/(k−1)·(1 − Σ var(s_j) / var(T)) (equal to KR-20 when
 * every item is scored right/wrong); SEM = SD(T)·√(1 − α).
 *
 * Flags: facility > 0.9 "tooEasy"; facility < 0.2 "tooHard"; r < 0 (or D < 0 when r is undefined)
 * "negativeDiscrimination"; 0 ≤ r < 0.1 "weakDiscrimination"; and "distractorBeatsKey" when in the
 * upper group some wrong option was chosen more often than the (first) right one.
 */

import { normalizeBlank } from "./grading";

export interface ItemMeta {
  /** questionId@version */
  key: string;
  questionId: string;
  version: number;
  points: number;
  /** Right option ids for single/multiple choice; empty for other types. */
  rightOptions: string[];
  /** All option ids (for option counts). */
  optionIds: string[];
}

export interface LearnerResponses {
  learnerId: number;
  /** Per item key: share of the points earned (0..1) and, for choice items, the option ids chosen. */
  items: Record<string, { score: number; chosen?: string[] }>;
}

export type ItemFlag = "tooEasy" | "tooHard" | "negativeDiscrimination" | "weakDiscrimination" | "distractorBeatsKey";

export interface ItemStats {
  key: string;
  questionId: string;
  version: number;
  n: number;
  facility: number | null;
  sd: number | null;
  discrimination: number | null;
  correctedItemTotal: number | null;
  optionCounts: Record<string, number>;
  upperOptionCounts: Record<string, number>;
  flags: ItemFlag[];
}

export interface ExamStats {
  n: number;
  k: number;
  mean: number | null;
  sd: number | null;
  /** Cronbach's α (KR-20 for right/wrong items). */
  alpha: number | null;
  sem: number | null;
  maxScore: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function sampleVariance(xs: number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs)!;
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
}

function pearson(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = mean(xs)!;
  const my = mean(ys)!;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

export const GROUP_SHARE = 0.27;

export function analyseItems(items: ItemMeta[], learners: LearnerResponses[]): { items: ItemStats[]; exam: ExamStats } {
  const n = learners.length;
  const totals = learners.map((l) => items.reduce((s, it) => s + (l.items[it.key]?.score ?? 0) * it.points, 0));
  // Upper and lower 27 % by total (stable sort keeps input order among ties).
  const order = learners.map((_, i) => i).sort((a, b) => totals[b] - totals[a]);
  const g = n ? Math.max(1, Math.round(n * GROUP_SHARE)) : 0;
  const upper = order.slice(0, g);
  const lower = order.slice(n - g);
  const inUpper = new Set(upper);

  const stats: ItemStats[] = items.map((it) => {
    const saw = learners.map((l, i) => (l.items[it.key] ? i : -1)).filter((i) => i >= 0);
    const sawSet = new Set(saw);
    const x = saw.map((i) => learners[i].items[it.key].score);
    const rest = saw.map((i, idx) => totals[i] - x[idx] * it.points);
    const score = (i: number) => learners[i].items[it.key].score;
    const facility = mean(x);
    const variance = sampleVariance(x);
    const up = upper.filter((i) => sawSet.has(i));
    const low = lower.filter((i) => sawSet.has(i));
    const discrimination = up.length && low.length ? mean(up.map(score))! - mean(low.map(score))! : null;
    const correctedItemTotal = pearson(x, rest);
    const optionCounts: Record<string, number> = Object.fromEntries(it.optionIds.map((o) => [o, 0]));
    const upperOptionCounts: Record<string, number> = Object.fromEntries(it.optionIds.map((o) => [o, 0]));
    learners.forEach((l, i) => {
      for (const o of l.items[it.key]?.chosen ?? []) {
        if (o in optionCounts) optionCounts[o]++;
        if (o in upperOptionCounts && inUpper.has(i)) upperOptionCounts[o]++;
      }
    });
    const flags: ItemFlag[] = [];
    if (facility !== null && facility > 0.9) flags.push("tooEasy");
    if (facility !== null && facility < 0.2) flags.push("tooHard");
    const r = correctedItemTotal;
    if (r !== null ? r < 0 : discrimination !== null && discrimination < 0) flags.push("negativeDiscrimination");
    else if (r !== null && r < 0.1) flags.push("weakDiscrimination");
    if (it.rightOptions.length) {
      const key = upperOptionCounts[it.rightOptions[0]] ?? 0;
      const wrong = it.optionIds.filter((o) => !it.rightOptions.includes(o));
      if (wrong.some((o) => (upperOptionCounts[o] ?? 0) > key)) flags.push("distractorBeatsKey");
    }
    return {
      key: it.key,
      questionId: it.questionId,
      version: it.version,
      n: saw.length,
      facility,
      sd: variance === null ? null : Math.sqrt(variance),
      discrimination,
      correctedItemTotal,
      optionCounts,
      upperOptionCounts,
      flags,
    };
  });

  const k = items.length;
  const varT = sampleVariance(totals);
  const everyoneSawEverything = learners.every((l) => items.every((it) => l.items[it.key]));
  const itemVars = items.map((it) => sampleVariance(learners.map((l) => (l.items[it.key]?.score ?? 0) * it.points)));
  let alpha: number | null = null;
  if (everyoneSawEverything && k > 1 && varT !== null && varT > 0 && itemVars.every((v) => v !== null)) {
    alpha = (k / (k - 1)) * (1 - (itemVars as number[]).reduce((a, b) => a + b, 0) / varT);
  }
  const sd = varT === null ? null : Math.sqrt(varT);
  return {
    items: stats,
    exam: {
      n,
      k,
      mean: mean(totals),
      sd,
      alpha,
      sem: sd !== null && alpha !== null ? sd * Math.sqrt(Math.max(0, 1 - alpha)) : null,
      maxScore: items.reduce((s, it) => s + it.points, 0),
    },
  };
}

/** Summary statistics of a list of scores (percentages). */
export function describe(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n ? (n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2) : null;
  const v = sampleVariance(sorted);
  return { n, mean: mean(sorted), median, sd: v === null ? null : Math.sqrt(v), min: n ? sorted[0] : null, max: n ? sorted[n - 1] : null };
}

/** Counts of percentages in 10-point bins [0,10), [10,20) … [90,100]. */
export function histogram(percentages: number[]): number[] {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const p of percentages) bins[Math.min(9, Math.max(0, Math.floor(p / 10)))]++;
  return bins;
}

export interface BlankWrongAnswers {
  /** 1-based blank number. */
  blank: number;
  /** Most common first; `text` is the first spelling seen of an answer. */
  answers: { text: string; count: number }[];
}

/**
 * The most common wrong answers of each blank of a fill_blank item, from the learners' responses
 * (one string per blank). Answers the grader treats alike ("２倍" and "2倍") count as one; right
 * answers and empty blanks are left out.
 */
export function wrongBlankAnswers(key: string[][], responses: unknown[], top = 5): BlankWrongAnswers[] {
  return key.map((accepted, b) => {
    const right = new Set(accepted.map(normalizeBlank));
    const counts = new Map<string, { text: string; count: number; first: number }>();
    responses.forEach((r, i) => {
      const typed = Array.isArray(r) && typeof r[b] === "string" ? (r[b] as string).trim() : "";
      const k = normalizeBlank(typed);
      if (!k || right.has(k)) return;
      const c = counts.get(k);
      if (c) c.count++;
      else counts.set(k, { text: typed, count: 1, first: i });
    });
    const answers = [...counts.values()]
      .sort((x, y) => y.count - x.count || x.first - y.first)
      .slice(0, top)
      .map(({ text, count }) => ({ text, count }));
    return { blank: b + 1, answers };
  });
}
