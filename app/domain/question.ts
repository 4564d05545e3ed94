/**
 * The question model shared by the generator, the bank, import/export and grading. Pure.
 *
 * Answer shapes by type (also the JSON export contract of `npm run bank -- export --format json`):
 * - single:     option id
 * - multiple:   option ids (two or more options, at least one right)
 * - true_false: boolean (no options)
 * - numeric:    { value, tolerance, unit } (no options)
 * - ordering:   option ids in the right order (options are the steps, stored in any order)
 * - matching:   [[left, right], …] pairs of texts; `options` (optional) are extra right-hand values that
 *               match nothing (plausible distractors, e.g. another figure of the same unit), shown with
 *               the key's right-hand values, shuffled
 * - fill_blank: [[accepted, …], …] per blank in stem order (each run of 3+ underscores in the stem is one
 *               blank), the first accepted answer canonical (no options)
 *
 * `family`: questions that test the same point share a family (generated: `fact:<id>`, `scenario:<id>`,
 * `procedure:<id>`, `match:<key>`; authored/imported: the trainer's choice, default the question's own
 * id — stored as "" and read back as the id). A paper never holds two questions of one family.
 */
import { z } from "zod";

export const QUESTION_TYPES = ["single", "multiple", "true_false", "numeric", "ordering", "matching", "fill_blank"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_STATUSES = ["draft", "published", "retired"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export const QUESTION_SOURCES = ["generated", "authored", "imported"] as const;
export type QuestionSource = (typeof QUESTION_SOURCES)[number];

export interface Option {
  id: string;
  text: string;
}
export interface NumericAnswer {
  value: number;
  tolerance: number;
  unit: string;
}
export type Answer = string | string[] | boolean | NumericAnswer | [string, string][] | string[][];

/** One blank of a fill_blank stem: a run of 3 or more underscores (ASCII or full-width). */
export const BLANK_RE = /[_＿]{3,}/g;

/** How many blanks a fill_blank stem has. */
export function countBlanks(stem: string): number {
  return (stem.match(BLANK_RE) ?? []).length;
}

/**
 * A fill_blank stem for display: each blank becomes "____（N）" (escaped, so Markdown shows the
 * underscores rather than reading them as emphasis), numbered as the answer inputs are.
 */
export function numberBlanks(stem: string): string {
  let n = 0;
  return stem.replace(BLANK_RE, () => `\\_\\_\\_\\_（${++n}）`);
}

/** A stem as a page shows it (Markdown): fill_blank stems with their blanks numbered. */
export function displayStem(q: { type: string; stem: string }): string {
  return q.type === "fill_blank" ? numberBlanks(q.stem) : q.stem;
}

/** The stem cut at its blanks: n + 1 text pieces around n blanks. */
export function splitAtBlanks(stem: string): string[] {
  return stem.split(BLANK_RE);
}

/** The content of one version of a question (what a trainer edits; what an attempt snapshots). */
export interface QuestionContent {
  type: QuestionType;
  /** Markdown (rendered and sanitised for display). */
  stem: string;
  options: Option[];
  answer: Answer;
  explanation: string;
  module: string | null;
  section: string | null;
  facts: string[];
  tags: string[];
  /** Same point, same family ("" = the question's own id). */
  family: string;
}

/** The family a question counts as: its own, or its id when none was given. */
export function familyOf(q: { id: string; family?: string | null }): string {
  return q.family?.trim() || q.id;
}

export interface Question extends QuestionContent {
  /** Stable across versions; generated questions derive it from what they test (see generator). */
  id: string;
  version: number;
  source: QuestionSource;
  status: QuestionStatus;
}

const optionSchema = z.object({ id: z.string().min(1).max(40), text: z.string().trim().min(1, "q.optionEmpty").max(500) });
const base = {
  stem: z.string().trim().min(2, "q.stemMin").max(4000),
  explanation: z.string().trim().max(4000).default(""),
  module: z.string().nullable().default(null),
  section: z.string().nullable().default(null),
  facts: z.array(z.string()).default([]),
  tags: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
  family: z.string().trim().max(120, "q.familyMax").default(""),
};

function distinctOptions(options: Option[], ctx: z.RefinementCtx) {
  const texts = options.map((o) => o.text.trim());
  texts.forEach((t, i) => {
    if (texts.indexOf(t) !== i) ctx.addIssue({ code: "custom", path: ["options", i, "text"], message: "q.optionDuplicate", params: { text: t } });
  });
  const ids = options.map((o) => o.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: ["options", i, "id"], message: "q.optionIdDuplicate", params: { id } });
  });
}

/** Validation of a question's content (messages are catalogue keys: parse with zod-message.ts's error map and read them with issueMessage), used by the authoring form, the importers and the generator's tests. */
export const questionContentSchema = z.discriminatedUnion("type", [
  z
    .object({ type: z.literal("single"), options: z.array(optionSchema).min(2, "q.singleMinOptions").max(10), answer: z.string(), ...base })
    .superRefine((q, ctx) => {
      distinctOptions(q.options, ctx);
      if (!q.options.some((o) => o.id === q.answer)) ctx.addIssue({ code: "custom", path: ["answer"], message: "q.singleOneAnswer" });
    }),
  z
    .object({ type: z.literal("multiple"), options: z.array(optionSchema).min(2, "q.multipleMinOptions").max(10), answer: z.array(z.string()).min(1, "q.multipleMinAnswers"), ...base })
    .superRefine((q, ctx) => {
      distinctOptions(q.options, ctx);
      const ids = new Set(q.options.map((o) => o.id));
      if (q.answer.some((a) => !ids.has(a))) ctx.addIssue({ code: "custom", path: ["answer"], message: "q.answerNotOption" });
      if (new Set(q.answer).size !== q.answer.length) ctx.addIssue({ code: "custom", path: ["answer"], message: "q.answerDuplicate" });
    }),
  z.object({ type: z.literal("true_false"), options: z.array(optionSchema).max(0).default([]), answer: z.boolean(), ...base }),
  z.object({
    type: z.literal("numeric"),
    options: z.array(optionSchema).max(0).default([]),
    answer: z.object({
      value: z.number().finite(),
      tolerance: z.number().finite().min(0, "q.toleranceNegative"),
      /** Empty when the figure has no unit (imports may require one: see planImport's requireUnit). */
      unit: z.string().trim().max(20, "q.unitMax"),
    }),
    ...base,
  }),
  z
    .object({ type: z.literal("ordering"), options: z.array(optionSchema).min(3, "q.orderingMinSteps").max(12), answer: z.array(z.string()), ...base })
    .superRefine((q, ctx) => {
      distinctOptions(q.options, ctx);
      const ids = q.options.map((o) => o.id).sort();
      if (q.answer.length !== ids.length || [...q.answer].sort().join("\u0000") !== ids.join("\u0000"))
        ctx.addIssue({ code: "custom", path: ["answer"], message: "q.orderingAnswer" });
    }),
  z
    .object({
      type: z.literal("matching"),
      options: z.array(optionSchema).max(10, "q.matchingMaxDistractors").default([]),
      answer: z.array(z.tuple([z.string().trim().min(1), z.string().trim().min(1)])).min(2, "q.matchingMinPairs"),
      ...base,
    })
    .superRefine((q, ctx) => {
      const lefts = q.answer.map((p) => p[0]);
      if (new Set(lefts).size !== lefts.length) ctx.addIssue({ code: "custom", path: ["answer"], message: "q.matchingLeftDuplicate" });
      distinctOptions(q.options, ctx);
      const rights = new Set(q.answer.map((p) => p[1].trim()));
      q.options.forEach((o, i) => {
        if (rights.has(o.text.trim())) ctx.addIssue({ code: "custom", path: ["options", i, "text"], message: "q.matchingDistractorIsRight", params: { text: o.text.trim() } });
      });
    }),
  z
    .object({
      type: z.literal("fill_blank"),
      options: z.array(optionSchema).max(0).default([]),
      answer: z
        .array(z.array(z.string().trim().min(1, "q.blankAnswerEmpty").max(200)).min(1, "q.blankNeedsAnswer").max(20))
        .min(1, "q.fillMinBlanks")
        .max(20),
      ...base,
    })
    .superRefine((q, ctx) => {
      const blanks = countBlanks(q.stem);
      if (blanks === 0) ctx.addIssue({ code: "custom", path: ["stem"], message: "q.fillNoBlank" });
      else if (blanks !== q.answer.length)
        ctx.addIssue({ code: "custom", path: ["answer"], message: "q.fillBlankCount", params: { blanks, given: q.answer.length } });
    }),
]);
