/**
 * Questions on the §A1 figures: single choice, true/false (a true and a false statement), numeric,
 * "which statements are right" (for figures that are words) and class ↔ figure matching.
 * Lost facts never reach this module (see index.ts).
 */
import { CUSTOMER_CLASSES, type Fact } from "../content-schema";
import type { Rng } from "../prng";
import { distractorCandidates, displayFigure, figureOf, type Candidate } from "./figures";
import { genId, groupKey, withIds } from "./ids";
import { fixedPlan, type PlannedQuestion as GeneratedQuestion, type QuestionPlan } from "./types";
import { BLANK_CHOICE, blankNumeric, sentence, statement } from "./wording";

/** Options per single-choice question: the right one and up to three distractors. */
const SINGLE_OPTIONS = 4;
/** How many of the nearest curated values the seed may choose from. */
const CURATED_POOL = 4;

function factTags(fact: Fact): string[] {
  return ["数字", fact.topic, ...(fact.customerClass ? [fact.customerClass] : [])];
}

function base(fact: Fact) {
  return { module: fact.module, section: fact.section, facts: [fact.id], tags: factTags(fact), source: "generated" as const };
}

function rightFigure(fact: Fact): string {
  return displayFigure(figureOf(fact));
}

function ambiguityNote(fact: Fact): string {
  return fact.status === "ambiguous" && fact.note ? `\n\n说明：${fact.note}` : "";
}

/** "容易混淆的规定" lines for distractors that come from other facts. */
function confusionNotes(chosen: Candidate[]): string {
  const lines = chosen.flatMap((c) => (c.from ? [`- ${statement(c.from, rightFigure(c.from))}`] : []));
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
  const stem = `${sentence(fact, BLANK_CHOICE)}。`;
  const lead = `正确答案：${right}。${statement(fact, right)}。`;
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
 * The false statement changes one thing: the figure, to the best-tier distractor (a trap, then the
 * figure of another customer class…). The customer class is never swapped: for 特殊及重要客户 that would
 * touch the very ambiguity the course avoids, and a changed figure is the mistake learners make.
 */
function trueFalse(fact: Fact, candidates: Candidate[]): GeneratedQuestion[] {
  const right = rightFigure(fact);
  const truth = `${statement(fact, right)}。`;
  const out: GeneratedQuestion[] = [
    {
      id: genId.fact(fact.id, "tf-true"),
      type: "true_false",
      stem: `判断正误：${truth}`,
      options: [],
      answer: true,
      explanation: `正确。${truth}${ambiguityNote(fact)}`,
      ...base(fact),
    },
  ];
  const wrong = candidates[0];
  if (wrong) {
    const mixUp = wrong.from ? `别与另一项规定混淆：${statement(wrong.from, rightFigure(wrong.from))}。` : "";
    out.push({
      id: genId.fact(fact.id, "tf-false"),
      type: "true_false",
      stem: `判断正误：${statement(fact, wrong.display)}。`,
      options: [],
      answer: false,
      explanation: `错误。正确的是：${truth}${mixUp}${ambiguityNote(fact)}`,
      ...base(fact),
    });
  }
  return out;
}

function numeric(fact: Fact): GeneratedQuestion | null {
  if (fact.value === null || !fact.unit) return null;
  return {
    id: genId.fact(fact.id, "numeric"),
    type: "numeric",
    stem: `填空（填写数字）：${sentence(fact, blankNumeric(fact.unit))}。`,
    options: [],
    answer: { value: fact.value, tolerance: 0, unit: fact.unit },
    explanation: `${statement(fact, rightFigure(fact))}。${ambiguityNote(fact)}`.trim(),
    ...base(fact),
  };
}

/** Up to two other facts a "which statements are right" question also asks about: traps, then the same topic. */
function relatedFacts(fact: Fact, facts: readonly Fact[]): Fact[] {
  const byId = new Map(facts.map((f) => [f.id, f]));
  const traps = fact.traps.map((id) => byId.get(id)).filter((f): f is Fact => !!f);
  const sameTopic = facts.filter((f) => f.topic === fact.topic).sort((a, b) => a.n - b.n);
  const out: Fact[] = [];
  for (const f of [...traps, ...sameTopic]) {
    if (f.id !== fact.id && f.status !== "lost" && !out.includes(f)) out.push(f);
  }
  return out.slice(0, 2);
}

/**
 * For figures that are words (7×24, 免费, 每月…), which have no numeric form: a multiple choice with the
 * true statement, two false ones (figure changed), and, if there are related facts, the true statement
 * of the first and a false statement of the second. Which statements appear is fixed; the seed only
 * orders them.
 */
function statementsChoice(fact: Fact, facts: readonly Fact[], candidates: Candidate[]): QuestionPlan | null {
  const right = rightFigure(fact);
  const falses = candidates.slice(0, 2);
  if (falses.length === 0) return null;
  const items: { text: string; correct: boolean; fix?: string }[] = [
    { text: statement(fact, right), correct: true },
    ...falses.map((c) => ({ text: statement(fact, c.display), correct: false, fix: statement(fact, right) })),
  ];
  const [first, second] = relatedFacts(fact, facts);
  const used = [fact];
  if (first) {
    items.push({ text: statement(first, rightFigure(first)), correct: true });
    used.push(first);
  }
  if (second) {
    const wrong = distractorCandidates(second, facts)[0];
    if (wrong) {
      items.push({ text: statement(second, wrong.display), correct: false, fix: statement(second, rightFigure(second)) });
      used.push(second);
    }
  }
  const options = withIds("t", items.map((i) => i.text));
  const fixes = items.filter((i) => !i.correct).map((i) => `- “${i.text}”不对，应为：${i.fix}。`);
  const question: GeneratedQuestion = {
    id: genId.fact(fact.id, "multiple"),
    type: "multiple",
    stem: "以下说法中，哪些是正确的？（多选）",
    options,
    answer: options.filter((_, i) => items[i].correct).map((o) => o.id),
    explanation: `正确的说法：${items.filter((i) => i.correct).map((i) => `${i.text}。`).join("")}\n\n${fixes.join("\n")}${[...new Set(used.map(ambiguityNote))].join("")}`,
    ...base(fact),
    facts: used.map((f) => f.id),
    tags: [...new Set(used.flatMap(factTags))].slice(0, 20),
  };
  const fixed = fixedPlan(question);
  return { id: question.id, build: (rng) => ({ ...fixed.build(rng), options: rng.shuffle(options.map((o) => ({ ...o }))) }) };
}

/** The plans of all questions on one (unlost) fact. */
export function factPlans(fact: Fact, facts: readonly Fact[]): QuestionPlan[] {
  const candidates = distractorCandidates(fact, facts);
  const plans: QuestionPlan[] = [];
  const single = singleChoice(fact, candidates);
  if (single) plans.push(single);
  plans.push(...trueFalse(fact, candidates).map(fixedPlan));
  const num = numeric(fact);
  if (num) plans.push(fixedPlan(num));
  else {
    const multiple = statementsChoice(fact, facts, candidates);
    if (multiple) plans.push(multiple);
  }
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
    // At least one plausible extra value on the right (same unit: the nearest curated / look-alike
    // values of the group's figures), so the last pair is not given away by elimination.
    const keyValues = new Set(pairs.map((p) => p[1]));
    const extras = [...new Set(group.flatMap((f) => distractorCandidates(f, facts).filter((c) => c.figure.unit === f.unit).map((c) => c.display)))]
      .filter((d) => !keyValues.has(d))
      .slice(0, 2);
    out.push(fixedPlan({
      id: genId.match(groupKey(group.map((f) => f.id))),
      type: "matching",
      stem: `请为每类客户选出对应的“${metric}”：`,
      options: withIds("v", extras),
      answer: pairs,
      explanation: `${group.map((f) => `${statement(f, rightFigure(f))}。`).join("")}${[...new Set(group.map(ambiguityNote))].join("")}`,
      module: first.module,
      section: first.section,
      facts: group.map((f) => f.id),
      tags: ["数字", first.topic, "客户类别"],
      source: "generated",
    }));
  }
  return out;
}
