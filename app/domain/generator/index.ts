/**
 * The quiz generator: turns the courseware's facts, scenarios and procedures into questions.
 * Pure and deterministic: the same input and seed always give the same questions.
 *
 * - The set of question ids depends only on the content, never on the seed (see ids.ts for the scheme).
 * - The seed only changes option order and which of several valid distractors / wrong handlings are
 *   shown. Each question draws from its own generator seeded with `${seed}|${questionId}`, so adding
 *   or removing one question never reshuffles another.
 * - Lost figures (status "lost") are never quizzed and never referenced.
 * - Every unlost fact gets at least three question types: single, true_false and numeric for plain
 *   numbers; single, true_false and multiple ("which statements are right") for figures that are words.
 *   Class ↔ figure matching adds a fourth where a metric spans customer classes.
 */
import type { Fact, Procedure, Scenario } from "../content-schema";
import { createRng } from "../prng";
import type { QuestionType } from "../question";
import { genId } from "./ids";
import { factQuestions, matchingQuestions } from "./fact-questions";
import { procedureOrdering, scenarioMultiple, scenarioSingle } from "./scenario-questions";
import type { GeneratedQuestion } from "./types";

export type { GeneratedQuestion } from "./types";
export { genId, parseGeneratedId, type FactForm, type GeneratedRef } from "./ids";

export interface GeneratorInput {
  facts: Fact[];
  scenarios: Scenario[];
  procedures: Procedure[];
}

export function generateQuestions(input: GeneratorInput, seed: number | string): GeneratedQuestion[] {
  const rngFor = (questionId: string) => createRng(`${seed}|${questionId}`);
  const facts = [...input.facts].filter((f) => f.status !== "lost").sort((a, b) => a.n - b.n);
  const known = new Set(facts.map((f) => f.id));
  const isKnown = (id: string) => known.has(id);

  const out: GeneratedQuestion[] = [];
  for (const fact of facts) out.push(...factQuestions(fact, facts, rngFor));
  out.push(...matchingQuestions(facts));
  for (const p of input.procedures) {
    out.push(procedureOrdering(p, rngFor(genId.procedure(p.id))));
  }
  for (const s of input.scenarios) {
    out.push(scenarioSingle(s, rngFor(genId.scenario(s.id, "single")), isKnown));
    const multiple = scenarioMultiple(s, rngFor(genId.scenario(s.id, "multiple")), isKnown);
    if (multiple) out.push(multiple);
  }
  return out;
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
