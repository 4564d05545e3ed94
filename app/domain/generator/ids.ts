/**
 * The id scheme of generated questions and their options.
 *
 * Question ids name what is tested and never depend on the seed, so results stay attached to a
 * question across regenerations (a changed figure gives the same id new content → a new version):
 *
 *   gen-fact-<factId>-single        single choice on the figure
 *   gen-fact-<factId>-tf-false      true/false, the statement with the figure of its one look-alike
 *   gen-fact-<factId>-numeric       numeric answer with unit (figures that are plain numbers)
 *   gen-fact-<factId>-cloze         fill in the blank (双倍返还, 7×24小时, 免费…)
 *   gen-point-<pointId>-<form>      course points other than figures (phrases, principles, counts…):
 *                                   form = cloze | single | multiple | ordering | matching | numeric
 *   gen-match-<key>                 customer class ↔ figure matching; key = common prefix of the fact ids
 *   gen-procedure-<procedureId>-ordering
 *   gen-scenario-<scenarioId>-single
 *   gen-scenario-<scenarioId>-multiple
 *
 * Option ids are derived from the option's text (`<prefix>-<FNV-1a in base 36>`), not from its position:
 * shuffling never changes what an id means, and an id reveals nothing about the answer (position-based
 * ids such as `s0, s1, …` would give away an ordering question). Prefixes: `v` a figure, `t` a statement,
 * `o` a scenario handling, `s` a procedure step.
 */
import { hashString } from "../prng";

export type FactForm = "single" | "tf-false" | "numeric" | "cloze";
export type PointForm = "cloze" | "single" | "multiple" | "ordering" | "matching" | "numeric";

export const genId = {
  fact: (factId: string, form: FactForm) => `gen-fact-${factId}-${form}`,
  match: (key: string) => `gen-match-${key}`,
  procedure: (procedureId: string) => `gen-procedure-${procedureId}-ordering`,
  scenario: (scenarioId: string, form: "single" | "multiple") => `gen-scenario-${scenarioId}-${form}`,
  point: (pointId: string, form: PointForm) => `gen-point-${pointId}-${form}`,
};

/**
 * Families: questions that test the same point share one (a paper never holds two of one family). A
 * scripted phrase and the scenario that asks for it are one point.
 */
export const familyOf = {
  fact: (factId: string) => `fact:${factId}`,
  match: (key: string) => `match:${key}`,
  procedure: (procedureId: string) => `procedure:${procedureId}`,
  scenario: (scenarioId: string) => `scenario:${scenarioId}`,
  point: (pointId: string) => `point:${pointId}`,
  phrase: (phraseId: string) => `phrase:${phraseId}`,
};

export type GeneratedRef =
  | { kind: "fact"; ref: string; form: FactForm }
  | { kind: "match"; ref: string; form: "matching" }
  | { kind: "procedure"; ref: string; form: "ordering" }
  | { kind: "scenario"; ref: string; form: "single" | "multiple" }
  | { kind: "point"; ref: string; form: PointForm };

/** What a generated question id points at (the fact, scenario or procedure), or null for other ids. */
export function parseGeneratedId(id: string): GeneratedRef | null {
  let m = /^gen-fact-([a-z][a-z0-9_]*)-(single|tf-false|numeric|cloze)$/.exec(id);
  if (m) return { kind: "fact", ref: m[1], form: m[2] as FactForm };
  m = /^gen-match-([a-z0-9_]+)$/.exec(id);
  if (m) return { kind: "match", ref: m[1], form: "matching" };
  m = /^gen-procedure-([a-z0-9][a-z0-9-]*)-ordering$/.exec(id);
  if (m) return { kind: "procedure", ref: m[1], form: "ordering" };
  m = /^gen-scenario-([a-z0-9][a-z0-9-]*)-(single|multiple)$/.exec(id);
  if (m) return { kind: "scenario", ref: m[1], form: m[2] as "single" | "multiple" };
  m = /^gen-point-([a-z0-9][a-z0-9-]*)-(cloze|single|multiple|ordering|matching|numeric)$/.exec(id);
  if (m) return { kind: "point", ref: m[1], form: m[2] as PointForm };
  return null;
}


/** Options with content-derived ids, unique within the list (a hash collision gets a `-2` suffix). */
export function withIds(prefix: "v" | "t" | "o" | "s", texts: readonly string[]): { id: string; text: string }[] {
  const used = new Set<string>();
  return texts.map((text) => {
    const base = `${prefix}-${hashString(text).toString(36)}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return { id, text };
  });
}

/** Key of a matching group: the longest common prefix of its fact ids, without a trailing `_`. */
export function groupKey(factIds: readonly string[]): string {
  let prefix = factIds[0] ?? "";
  for (const id of factIds) while (!id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  prefix = prefix.replace(/_+$/, "");
  return prefix.length >= 3 ? prefix : [...factIds].sort()[0];
}
