/**
 * The quiz generator: turns the courseware's facts, scenarios and procedures into questions.
 * Pure and deterministic: the same input and seed always give the same questions.
 *
 * - The set (and order) of question ids depends only on the content, never on the seed (ids.ts).
 * - The seed only changes option order and which of several valid distractors / wrong handlings are
 *   shown. Each question draws from its own generator seeded with `${seed}|${questionId}`, so adding
 *   or removing one question never reshuffles another.
 * - Lost figures (status "lost") are never quizzed and never used as distractors.
 * - One family per point (fact, scenario, procedure, course point; a scripted phrase and the scenario that
 *   asks for it are one). Each unlost fact gets a recall form (numeric, or fill in the blank where that is
 *   natural, or single choice for word figures) and, where it has look-alikes, a form that tests the
 *   confusion (single choice among them, or true/false against the one look-alike). Class ↔ figure
 *   matching adds another where a metric spans customer classes. See fact-questions.ts.
 *
 * Use `createQuestionGenerator(input)` to draw many seeds from one content (exam papers, tests): the
 * seed-independent work is done once. `generateQuestions(input, seed)` is the one-shot form.
 */
import type { Fact, Procedure, Scenario } from "../content-schema";
import { createRng } from "../prng";
import type { QuestionType } from "../question";
import { factPlans, matchingPlans } from "./fact-questions";
import { COURSE_POINTS, PHRASES } from "./course-points";
import { familyOf } from "./ids";
import { pointPlans } from "./point-questions";
import { procedurePlan, scenarioPlans } from "./scenario-questions";
import type { GeneratedQuestion, QuestionPlan } from "./types";

export type { GeneratedQuestion } from "./types";
export { familyOf, genId, parseGeneratedId, type FactForm, type GeneratedRef } from "./ids";
export { COURSE_POINTS, PHRASES } from "./course-points";

export interface GeneratorInput {
  facts: Fact[];
  scenarios: Scenario[];
  procedures: Procedure[];
}

function plansFor(input: GeneratorInput): QuestionPlan[] {
  const facts = input.facts.filter((f) => f.status !== "lost").sort((a, b) => a.n - b.n);
  const known = new Set(facts.map((f) => f.id));
  const knownFact = (id: string) => known.has(id);
  // A scenario that asks for a scripted phrase tests the same point as the phrase's cloze.
  const phraseFamily = new Map(PHRASES.flatMap((p) => (p.scenario ? [[p.scenario, familyOf.phrase(p.id)] as const] : [])));
  const plans = [
    ...facts.flatMap((fact) => factPlans(fact, facts)),
    ...matchingPlans(facts),
    ...input.procedures.flatMap((p) => procedurePlan(p) ?? []),
    ...input.scenarios.flatMap((s) => scenarioPlans(s, knownFact, phraseFamily.get(s.id))),
    ...COURSE_POINTS.flatMap(pointPlans),
  ];
  // Two questions with one id would silently share results; that is a content error (e.g. two
  // matching groups whose fact ids have the same prefix), so fail loudly.
  const seen = new Set<string>();
  for (const p of plans) {
    if (seen.has(p.id)) throw new Error(`出题器生成了重复的题目 id：${p.id}`);
    seen.add(p.id);
  }
  return plans;
}

/**
 * Prepare the questions of one content once; the returned function applies a seed. The input is read
 * when this is called: later changes to it are not seen (call again with the new content).
 */
export function createQuestionGenerator(input: GeneratorInput): (seed: number | string) => GeneratedQuestion[] {
  const plans = plansFor(input);
  return (seed) => plans.map((plan) => plan.build(createRng(`${seed}|${plan.id}`)));
}

export function generateQuestions(input: GeneratorInput, seed: number | string): GeneratedQuestion[] {
  return createQuestionGenerator(input)(seed);
}

/** The question types each fact is tested by (for coverage checks: every unlost fact needs three). */
export function typesByFact(questions: readonly { type: QuestionType; facts: string[] }[]): Map<string, Set<QuestionType>> {
  const map = new Map<string, Set<QuestionType>>();
  for (const q of questions) {
    for (const id of q.facts) {
      const set = map.get(id) ?? new Set<QuestionType>();
      set.add(q.type);
      map.set(id, set);
    }
  }
  return map;
}
