import type { Rng } from "../prng";
import type { QuestionContent } from "../question";

/** A generated question: its content plus the stable id (see ids.ts). Versions are the bank's business. */
export type GeneratedQuestion = QuestionContent & { id: string; source: "generated" };

/**
 * A question with everything that does not depend on the seed already worked out. `build` applies the
 * seed (option order, choice among valid distractors) and returns a fresh object each time.
 */
export interface QuestionPlan {
  id: string;
  build(rng: Rng): GeneratedQuestion;
}

function copyAnswer(answer: GeneratedQuestion["answer"]): GeneratedQuestion["answer"] {
  if (Array.isArray(answer)) return answer.map((a) => (Array.isArray(a) ? [...a] : a)) as GeneratedQuestion["answer"];
  return typeof answer === "object" ? { ...answer } : answer;
}

/** A plan for a question that does not depend on the seed at all (true/false, numeric, matching). */
export function fixedPlan(question: GeneratedQuestion): QuestionPlan {
  return {
    id: question.id,
    build: () => ({
      ...question,
      options: question.options.map((o) => ({ ...o })),
      answer: copyAnswer(question.answer),
      facts: [...question.facts],
      tags: [...question.tags],
    }),
  };
}
