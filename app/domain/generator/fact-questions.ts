/**
 * Questions on the §A1 figures: numeric recall, fill in the blank where that is the natural form, single
 * choice among look-alikes, true/false only against the one plausible look-alike, and class ↔ figure matching.
 * Lost facts never reach this module (see index.ts).
 */
import { CUSTOMER_CLASSES, type Fact } from "../content-schema";
import type { Rng } from "../prng";
import { distractorCandidates, displayFigure, figureOf, type Candidate } from "./figures";
import { familyOf, genId, groupKey, withIds } from "./ids";
import { fixedPlan, type GeneratedQuestion, type QuestionPlan } from "./types";
import { clozeSolution, parseCloze } from "./cloze";
import { BLANK_CHOICE, blankNumeric, FACT_CLOZE, naturalSentence } from "./wording";

/** Options per single-choice question: the right one and up to three distractors. */
const SINGLE_OPTIONS = 4;
/** How many of the nearest curated values the seed may choose from. */
const CURATED_POOL = 4;

function factTags(fact: Fact): string[] {
  return ["数字", fact.topic, ...(fact.customerClass ? [fact.customerClass] : [])];
}

function base(fact: Fact) {
  return { module: fact.module, section: fact.section, facts: [fact.id], tags: factTags(fact), source: "generated" as const, family: familyOf.fact(fact.id) };
}

function rightFigure(fact: Fact): string {
  return displayFigure(figureOf(fact));
}

function ambiguityNote(fact: Fact): string {
  return fact.status === "ambiguous" && fact.note ? `\n\n说明：${fact.note}` : "";
}

/** "容易混淆的规定" lines for distractors that come from other facts. */
function confusionNotes(chosen: Candidate[]): string {
  const lines = chosen.flatMap((c) => (c.from ? [`- ${naturalSentence(c.from, rightFigure(c.from))}`] : []));
  return lines.length ? `\n\n容易混淆的规定：\n${lines.join("\n")}` : "";
}

const TIERS = ["trap", "class", "borrowed", "curated"] as const;

/** Candidates grouped by tier, best tier first; curated values only the few nearest the right one. */
export function tiersOf(candidates: Candidate[], count: number): Candidate[][] {
  return TIERS.map((tier) => {
    const pool = candidates.filter((c) => c.tier === tier);
    return tier === "curated" ? pool.slice(0, Math.max(CURATED_POOL, count)) : pool;
  });
}

/**
 * Choose `count` distractors: whole tiers in order of preference; where a tier has more than is needed
 * the seed chooses among them.
 */
export function chooseDistractors(tiers: Candidate[][], count: number, rng: Rng): Candidate[] {
  const chosen: Candidate[] = [];
  for (const pool of tiers) {
    const need = count - chosen.length;
    if (need <= 0) break;
    chosen.push(...(pool.length <= need ? pool : rng.sample(pool, need)));
  }
  return chosen;
}

/**
 * Single choice on the figure: the right figure and three distractors (at least two). Option ids are
 * worked out once for every candidate, so the chosen ones keep their ids whatever the seed.
 */
function singleChoice(fact: Fact, candidates: Candidate[]): QuestionPlan | null {
  if (candidates.length < 2) return null; // fewer than 3 options is no real choice
  const right = rightFigure(fact);
  const [rightOption, ...candidateOptions] = withIds("v", [right, ...candidates.map((c) => c.display)]);
  const optionOf = new Map(candidates.map((c, i) => [c, candidateOptions[i]]));
  const id = genId.fact(fact.id, "single");
  const stem = `${naturalSentence(fact, BLANK_CHOICE)}。`;
  const lead = `正确答案：${right}。${naturalSentence(fact, right)}。`;
  const tiers = tiersOf(candidates, SINGLE_OPTIONS - 1);
  return {
    id,
    build: (rng) => {
      const distractors = chooseDistractors(tiers, SINGLE_OPTIONS - 1, rng);
      const options = [rightOption, ...distractors.map((d) => optionOf.get(d)!)].map((o) => ({ ...o }));
      return {
        id,
        type: "single",
        stem,
        options: rng.shuffle(options),
        answer: rightOption.id,
        explanation: `${lead}${confusionNotes(distractors)}${ambiguityNote(fact)}`,
        ...base(fact),
      };
    },
  };
}

/**
 * A false statement that changes one thing, the figure, to the one look-alike (another fact's figure):
 * only where that confusion is plausible, i.e. the fact has exactly one look-alike of its unit (with
 * more, the single choice asks the same discrimination better). No true twin: "判断正误" on the plain
 * truth tests nothing the recall form does not.
 */
function trueFalse(fact: Fact, trap: Candidate): GeneratedQuestion {
  const truth = `${naturalSentence(fact, rightFigure(fact))}。`;
  const mixUp = trap.from ? `别与另一项规定混淆：${naturalSentence(trap.from, rightFigure(trap.from))}。` : "";
  return {
    id: genId.fact(fact.id, "tf-false"),
    type: "true_false",
    stem: `判断正误：${naturalSentence(fact, trap.display)}。`,
    options: [],
    answer: false,
    explanation: `错误。正确的是：${truth}${mixUp}${ambiguityNote(fact)}`,
    ...base(fact),
  };
}

function numeric(fact: Fact): GeneratedQuestion | null {
  if (fact.value === null || !fact.unit) return null;
  return {
    id: genId.fact(fact.id, "numeric"),
    type: "numeric",
    stem: `填空（填写数字）：${naturalSentence(fact, blankNumeric(fact.unit))}。`,
    options: [],
    answer: { value: fact.value, tolerance: 0, unit: fact.unit },
    explanation: `${naturalSentence(fact, rightFigure(fact))}。${ambiguityNote(fact)}`.trim(),
    ...base(fact),
  };
}

/** Fill in the blank for the figures whose natural form is a cloze (双倍返还, 7×24小时, 免费…). */
function cloze(fact: Fact): GeneratedQuestion | null {
  const text = FACT_CLOZE[fact.id];
  if (!text) return null;
  const { stem, answer } = parseCloze(text);
  return {
    id: genId.fact(fact.id, "cloze"),
    type: "fill_blank",
    stem: `填空：${stem}`,
    options: [],
    answer,
    explanation: `${clozeSolution(text)}${ambiguityNote(fact)}`,
    ...base(fact),
  };
}

/**
 * The forms of one (unlost) fact, each testing something different:
 * - recall: numeric for plain numbers, fill in the blank where that is the natural form (FACT_CLOZE),
 *   single choice for the other word figures (每天/每月, 按照协议执行…);
 * - the look-alike trap: single choice among the look-alikes (two or more of them), or a true/false
 *   whose false version is the one look-alike.
 * Facts with a ">" comparator (超过一天) keep the manual's wording in a cloze and are never turned into
 * a boundary ("界限为2天") true/false.
 */
export function factPlans(fact: Fact, facts: readonly Fact[]): QuestionPlan[] {
  const candidates = distractorCandidates(fact, facts);
  const lookAlikes = candidates.filter((c) => c.tier !== "curated");
  const plans: QuestionPlan[] = [];
  const blank = cloze(fact);
  if (blank) return [fixedPlan(blank)];
  if (fact.comparator === ">") return plans;
  const num = numeric(fact);
  if (num) {
    plans.push(fixedPlan(num));
    if (lookAlikes.length >= 2) {
      const single = singleChoice(fact, candidates);
      if (single) plans.push(single);
    } else if (lookAlikes.length === 1) plans.push(fixedPlan(trueFalse(fact, lookAlikes[0])));
    return plans;
  }
  const single = singleChoice(fact, candidates);
  if (single) plans.push(single);
  return plans;
}

/**
 * One matching question per metric that spans two or more customer classes with different figures
 * (固定电话故障最长处理时限 集团/商务/公众, 宽带 incl. 特殊及重要客户, 故障修复及时率, 业务变更及时率).
 */
export function matchingPlans(facts: readonly Fact[]): QuestionPlan[] {
  const groups = new Map<string, Fact[]>();
  for (const f of facts) {
    if (!f.customerClass) continue;
    const group = groups.get(f.metric) ?? [];
    if (!group.some((g) => g.customerClass === f.customerClass)) group.push(f);
    groups.set(f.metric, group);
  }
  const out: QuestionPlan[] = [];
  for (const [metric, group] of groups) {
    if (group.length < 2 || new Set(group.map(rightFigure)).size < 2) continue;
    group.sort((a, b) => CUSTOMER_CLASSES.indexOf(a.customerClass!) - CUSTOMER_CLASSES.indexOf(b.customerClass!));
    const first = group[0];
    const pairs: [string, string][] = group.map((f) => [f.customerClass!, rightFigure(f)]);
    out.push(fixedPlan({
      id: genId.match(groupKey(group.map((f) => f.id))),
      type: "matching",
      stem: `请为每类客户选出对应的“${metric}”：`,
      options: [],
      answer: pairs,
      explanation: `${group.map((f) => `${naturalSentence(f, rightFigure(f))}。`).join("")}${[...new Set(group.map(ambiguityNote))].join("")}`,
      module: first.module,
      section: first.section,
      facts: group.map((f) => f.id),
      tags: ["数字", first.topic, "客户类别"],
      source: "generated",
      family: familyOf.match(groupKey(group.map((f) => f.id))),
    }));
  }
  return out;
}
