/**
 * Questions from scenarios (single and multiple choice) and procedures (ordering).
 */
import type { Procedure, Scenario } from "../content-schema";
import type { Rng } from "../prng";
import { hashString } from "../prng";
import { familyOf, genId, withIds } from "./ids";
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
    family: string;
  };
}

function scenarioTags(scenario: Scenario): string[] {
  // Tags are limited to 30 characters, too short for "scenario:<id>"; the question id names the scenario.
  return [...new Set([...scenario.tags, "情景"])].filter((t) => t.trim().length > 0 && t.length <= 30).slice(0, 20);
}

/** Option ids for every handling, worked out once from the texts. */
function prepare(scenario: Scenario, knownFact: (id: string) => boolean, family: string): Prepared {
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
      family,
    },
  };
}

function whyLines(wrong: Prepared["wrong"]): string {
  return wrong.length ? `\n\n${wrong.map((w) => `- “${w.text}”：${w.why}`).join("\n")}` : "";
}

/** The right handlings a single-choice question did not show, so the explanation still teaches them. */
function otherRight(p: Prepared, shown: string, shownAll: { text: string }[] = []): string {
  const others = p.right.filter((r) => r.text !== shown && !shownAll.some((s) => s.text === r.text));
  return others.length ? `\n\n同样正确的做法：${others.map((r) => `“${r.text}”`).join("、")}。` : "";
}

const option = (o: { id: string; text: string }) => ({ id: o.id, text: o.text });

function base(p: Prepared) {
  return { ...p.base, facts: [...p.base.facts], tags: [...p.base.tags] };
}

const ACTION_QUESTION = "你应该怎么做？";

/** Multiple response options in all (when the scenario has that many handlings). */
const MULTIPLE_OPTIONS = 5;

/**
 * One right handling and three wrong ones. The right one shown is the shortest (so the key is not
 * predictably the longest option); the seed chooses among the wrong ones when there are more than three.
 */
function scenarioSingle(scenario: Scenario, p: Prepared): QuestionPlan {
  const id = genId.scenario(scenario.id, "single");
  const right = [...p.right].sort((a, b) => [...a.text].length - [...b.text].length)[0];
  return {
    id,
    build: (rng: Rng) => {
      const wrong = rng.sample(p.wrong, WRONG_SHOWN);
      return {
        id,
        type: "single",
        stem: `${scenario.situation}\n\n${scenario.question ?? ACTION_QUESTION}`,
        options: rng.shuffle([right, ...wrong].map(option)),
        answer: right.id,
        explanation: `${scenario.explanation}${otherRight(p, right.text)}${whyLines(wrong)}`,
        ...base(p),
      };
    },
  };
}

/**
 * How many right handlings a multiple response shows: among the counts the scenario allows (1 to 4,
 * with wrong handlings filling up to 5 options, at least 4), one fixed by the scenario's id, so the
 * bank's keys vary in count instead of always being "all the right ones".
 */
export function multipleKeyCount(id: string, rights: number, wrongs: number): number {
  const feasible: number[] = [];
  // k right and up to 5 − k wrong handlings, at least 4 options in all.
  for (let k = 1; k <= Math.min(rights, MULTIPLE_OPTIONS - 1); k++) if (k + Math.min(wrongs, MULTIPLE_OPTIONS - k) >= MULTIPLE_OPTIONS - 1) feasible.push(k);
  if (feasible.length === 0) return Math.min(rights, MULTIPLE_OPTIONS - 1); // too few handlings for 5 options
  return feasible[hashString(id) % feasible.length];
}

/** Some right handlings and the rest wrong ones (5 options where possible); only for scenarios with two or more right handlings. */
function scenarioMultiple(scenario: Scenario, p: Prepared): QuestionPlan | null {
  if (p.right.length < 2) return null;
  const keys = multipleKeyCount(scenario.id, p.right.length, p.wrong.length);
  const id = genId.scenario(scenario.id, "multiple");
  const answers = scenario.question?.includes("答复") ? "答复" : "做法";
  return {
    id,
    build: (rng: Rng) => {
      const right = rng.sample(p.right, keys);
      const wrong = rng.sample(p.wrong, Math.min(p.wrong.length, MULTIPLE_OPTIONS - keys));
      return {
        id,
        type: "multiple",
        stem: `${scenario.situation}\n\n以下哪些${answers}是正确的？（多选）`,
        options: rng.shuffle([...right, ...wrong].map(option)),
        answer: right.map((r) => r.id),
        explanation: `${scenario.explanation}${otherRight(p, "", right)}${whyLines(wrong)}`,
        ...base(p),
      };
    },
  };
}

export function scenarioPlans(scenario: Scenario, knownFact: (id: string) => boolean, family = familyOf.scenario(scenario.id)): QuestionPlan[] {
  const p = prepare(scenario, knownFact, family);
  const multiple = scenarioMultiple(scenario, p);
  return multiple ? [scenarioSingle(scenario, p), multiple] : [scenarioSingle(scenario, p)];
}

/**
 * Steps that give their own place away: ordinals (第一次, 首次, 1.) or "then/again" chaining words.
 * Such a procedure is no ordering question even if marked ordered.
 */
export function stepsCarryOrder(steps: readonly string[]): boolean {
  return steps.some((s) => /第[一二三四五六七八九十\d]+[次步]|首次|^\s*\d+[.、]|^仍/.test(s));
}

/** The steps, shown shuffled (never already in the right order); the answer is their ids in order. */
export function procedurePlan(procedure: Procedure): QuestionPlan | null {
  if (!procedure.ordered || stepsCarryOrder(procedure.steps)) return null;
  const id = genId.procedure(procedure.id);
  const steps = withIds("s", procedure.steps);
  const explanation = `${procedure.explanation}\n\n正确顺序：\n${procedure.steps.map((s, i) => `${i + 1}. ${s}`).join("\n")}`;
  return {
    id,
    build: (rng: Rng) => {
      let shown = rng.shuffle(steps);
      if (shown.every((s, i) => s.id === steps[i].id)) shown = [...shown.slice(1), shown[0]];
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
        family: familyOf.procedure(procedure.id),
      };
    },
  };
}
