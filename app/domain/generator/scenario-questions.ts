/**
 * Questions from scenarios (single and multiple choice) and procedures (ordering).
 */
import type { Procedure, Scenario } from "../content-schema";
import type { Rng } from "../prng";
import { genId, withIds } from "./ids";
import type { GeneratedQuestion } from "./types";

/** Wrong handlings shown per scenario question. */
const WRONG_SHOWN = 3;

function scenarioTags(scenario: Scenario): string[] {
  // Tags are limited to 30 characters, too short for "scenario:<id>"; the question id names the scenario.
  return [...new Set([...scenario.tags, "情景"])].filter((t) => t.trim().length > 0 && t.length <= 30).slice(0, 20);
}

function whyLines(wrong: Scenario["wrong"]): string {
  return wrong.length ? `\n\n${wrong.map((w) => `- “${w.text}”:${w.why}`).join("\n")}` : "";
}

/** The right handlings a single-choice question did not show, so the explanation still teaches them. */
function otherRight(scenario: Scenario, shown: string): string {
  const others = scenario.right.filter((r) => r !== shown);
  return others.length ? `\n\n同样正确的做法:${others.map((r) => `“${r}”`).join("、")}。` : "";
}

function scenarioBase(scenario: Scenario, knownFacts: (id: string) => boolean) {
  return {
    module: scenario.module,
    section: scenario.section,
    facts: scenario.facts.filter(knownFacts),
    tags: scenarioTags(scenario),
    source: "generated" as const,
  };
}

/** One right handling (chosen by the seed) and three wrong ones. */
export function scenarioSingle(scenario: Scenario, rng: Rng, knownFacts: (id: string) => boolean): GeneratedQuestion {
  const right = rng.pick(scenario.right);
  const wrong = rng.sample(scenario.wrong, WRONG_SHOWN);
  const options = withIds("o", [right, ...wrong.map((w) => w.text)]);
  return {
    id: genId.scenario(scenario.id, "single"),
    type: "single",
    stem: `${scenario.situation}\n\n你应该怎么做?`,
    options: rng.shuffle(options),
    answer: options[0].id,
    explanation: `${scenario.explanation}${otherRight(scenario, right)}${whyLines(wrong)}`,
    ...scenarioBase(scenario, knownFacts),
  };
}

/** All right handlings and up to three wrong ones; only for scenarios with two or more right handlings. */
export function scenarioMultiple(scenario: Scenario, rng: Rng, knownFacts: (id: string) => boolean): GeneratedQuestion | null {
  if (scenario.right.length < 2) return null;
  const wrong = rng.sample(scenario.wrong, WRONG_SHOWN);
  const options = withIds("o", [...scenario.right, ...wrong.map((w) => w.text)]);
  return {
    id: genId.scenario(scenario.id, "multiple"),
    type: "multiple",
    stem: `${scenario.situation}\n\n以下哪些做法是正确的?(多选)`,
    options: rng.shuffle(options),
    answer: options.slice(0, scenario.right.length).map((o) => o.id),
    explanation: `${scenario.explanation}${whyLines(wrong)}`,
    ...scenarioBase(scenario, knownFacts),
  };
}

/** The steps, shown shuffled (never already in the right order); the answer is their ids in order. */
export function procedureOrdering(procedure: Procedure, rng: Rng): GeneratedQuestion {
  const steps = withIds("s", procedure.steps);
  let shown = rng.shuffle(steps);
  if (shown.every((s, i) => s.id === steps[i].id)) shown = [...shown.slice(1), shown[0]];
  return {
    id: genId.procedure(procedure.id),
    type: "ordering",
    stem: `请把“${procedure.title}”按正确的先后顺序排列:`,
    options: shown,
    answer: steps.map((s) => s.id),
    explanation: `${procedure.explanation}\n\n正确顺序:\n${procedure.steps.map((s, i) => `${i + 1}. ${s}`).join("\n")}`,
    module: procedure.module,
    section: procedure.section,
    facts: [],
    tags: ["流程", "排序"],
    source: "generated",
  };
}
