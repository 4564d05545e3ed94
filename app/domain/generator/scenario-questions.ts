/**
 * Questions from scenarios (single and multiple choice) and procedures (ordering).
 */
import { shownOrder } from "../shuffle";
import type { Procedure, Scenario } from "../content-schema";
import type { Rng } from "../prng";
import { genId, withIds } from "./ids";
import type { QuestionPlan } from "./types";

/** Wrong handlings shown per scenario question. */
const WRONG_SHOWN = 3;

interface Prepared {
  right: { id: string; text: string }[];
  wrong: { id: string; text: string; why: string }[];
  base: {
    module: string;
    section: string;
    facts: string[];
    tags: string[];
    source: "generated";
  };
}

function scenarioTags(scenario: Scenario): string[] {
  // Tags are limited to 30 characters, too short for "scenario:<id>"; the question id names the scenario.
  return [...new Set([...scenario.tags, "情景"])].filter((t) => t.trim().length > 0 && t.length <= 30).slice(0, 20);
}

/** Option ids for every handling, worked out once from the texts. */
function prepare(scenario: Scenario, knownFact: (id: string) => boolean): Prepared {
  const options = withIds("o", [...scenario.right, ...scenario.wrong.map((w) => w.text)]);
  return {
    right: options.slice(0, scenario.right.length),
    wrong: scenario.wrong.map((w, i) => ({ ...options[scenario.right.length + i], why: w.why })),
    base: {
      module: scenario.module,
      section: scenario.section,
      facts: scenario.facts.filter(knownFact),
      tags: scenarioTags(scenario),
      source: "generated",
    },
  };
}

function whyLines(wrong: Prepared["wrong"]): string {
  return wrong.length ? `\n\n${wrong.map((w) => `- “${w.text}”：${w.why}`).join("\n")}` : "";
}

/** The right handlings a single-choice question did not show, so the explanation still teaches them. */
function otherRight(p: Prepared, shown: string): string {
  const others = p.right.filter((r) => r.text !== shown);
  return others.length ? `\n\n同样正确的做法：${others.map((r) => `“${r.text}”`).join("、")}。` : "";
}

const option = (o: { id: string; text: string }) => ({ id: o.id, text: o.text });

function base(p: Prepared) {
  return { ...p.base, facts: [...p.base.facts], tags: [...p.base.tags] };
}

/** One right handling (chosen by the seed) and three wrong ones. */
function scenarioSingle(scenario: Scenario, p: Prepared): QuestionPlan {
  const id = genId.scenario(scenario.id, "single");
  return {
    id,
    build: (rng: Rng) => {
      const right = rng.pick(p.right);
      const wrong = rng.sample(p.wrong, WRONG_SHOWN);
      return {
        id,
        type: "single",
        stem: `${scenario.situation}\n\n你应该怎么做？`,
        options: rng.shuffle([right, ...wrong].map(option)),
        answer: right.id,
        explanation: `${scenario.explanation}${otherRight(p, right.text)}${whyLines(wrong)}`,
        ...base(p),
      };
    },
  };
}

/** All right handlings and up to three wrong ones; only for scenarios with two or more right handlings. */
function scenarioMultiple(scenario: Scenario, p: Prepared): QuestionPlan | null {
  if (p.right.length < 2) return null;
  const id = genId.scenario(scenario.id, "multiple");
  return {
    id,
    build: (rng: Rng) => {
      const wrong = rng.sample(p.wrong, WRONG_SHOWN);
      return {
        id,
        type: "multiple",
        stem: `${scenario.situation}\n\n以下哪些做法是正确的？（多选）`,
        options: rng.shuffle([...p.right, ...wrong].map(option)),
        answer: p.right.map((r) => r.id),
        explanation: `${scenario.explanation}${whyLines(wrong)}`,
        ...base(p),
      };
    },
  };
}

export function scenarioPlans(scenario: Scenario, knownFact: (id: string) => boolean): QuestionPlan[] {
  const p = prepare(scenario, knownFact);
  const multiple = scenarioMultiple(scenario, p);
  return multiple ? [scenarioSingle(scenario, p), multiple] : [scenarioSingle(scenario, p)];
}

/** The steps, shown shuffled (never already in the right order); the answer is their ids in order. */
export function procedurePlan(procedure: Procedure): QuestionPlan {
  const id = genId.procedure(procedure.id);
  const steps = withIds("s", procedure.steps);
  const explanation = `${procedure.explanation}\n\n正确顺序：\n${procedure.steps.map((s, i) => `${i + 1}. ${s}`).join("\n")}`;
  return {
    id,
    build: (rng: Rng) => {
      // The one shuffle rule (../shuffle.ts): never stored in the right order.
      const order = shownOrder({ id, type: "ordering", optionIds: steps.map((s) => s.id), answer: steps.map((s) => s.id) }, rng);
      const shown = order.map((sid) => steps.find((s) => s.id === sid)!);
      return {
        id,
        type: "ordering",
        stem: `请把“${procedure.title}”按正确的先后顺序排列：`,
        options: shown.map(option),
        answer: steps.map((s) => s.id),
        explanation,
        module: procedure.module,
        section: procedure.section,
        facts: [],
        tags: ["流程", "排序"],
        source: "generated",
      };
    },
  };
}
