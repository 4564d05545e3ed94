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

const optionSchema = z.object({ id: z.string().min(1).max(40), text: z.string().trim().min(1, "选项不能为空").max(500) });
const base = {
  stem: z.string().trim().min(2, "题干至少 2 个字").max(4000),
  explanation: z.string().trim().max(4000).default(""),
  module: z.string().nullable().default(null),
  section: z.string().nullable().default(null),
  facts: z.array(z.string()).default([]),
  tags: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
  family: z.string().trim().max(120, "分组名称最多 120 个字").default(""),
};

function distinctOptions(options: Option[], ctx: z.RefinementCtx) {
  const texts = options.map((o) => o.text.trim());
  texts.forEach((t, i) => {
    if (texts.indexOf(t) !== i) ctx.addIssue({ code: "custom", path: ["options", i, "text"], message: `选项“${t}”重复` });
  });
  const ids = options.map((o) => o.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: ["options", i, "id"], message: `选项编号 ${id} 重复` });
  });
}

/** Validation of a question's content, used by the authoring form, the importers and the generator's tests. */
export const questionContentSchema = z.discriminatedUnion("type", [
  z
    .object({ type: z.literal("single"), options: z.array(optionSchema).min(2, "单选题至少 2 个选项").max(10), answer: z.string(), ...base })
    .superRefine((q, ctx) => {
      distinctOptions(q.options, ctx);
      if (!q.options.some((o) => o.id === q.answer)) ctx.addIssue({ code: "custom", path: ["answer"], message: "单选题必须恰好有一个正确选项" });
    }),
  z
    .object({ type: z.literal("multiple"), options: z.array(optionSchema).min(2, "多选题至少 2 个选项").max(10), answer: z.array(z.string()).min(1, "多选题至少要有一个正确选项"), ...base })
    .superRefine((q, ctx) => {
      distinctOptions(q.options, ctx);
      const ids = new Set(q.options.map((o) => o.id));
      if (q.answer.some((a) => !ids.has(a))) ctx.addIssue({ code: "custom", path: ["answer"], message: "正确答案必须是已有的选项" });
      if (new Set(q.answer).size !== q.answer.length) ctx.addIssue({ code: "custom", path: ["answer"], message: "正确答案重复" });
    }),
  z.object({ type: z.literal("true_false"), options: z.array(optionSchema).max(0).default([]), answer: z.boolean(), ...base }),
  z.object({
    type: z.literal("numeric"),
    options: z.array(optionSchema).max(0).default([]),
    answer: z.object({
      value: z.number().finite(),
      tolerance: z.number().finite().min(0, "容差不能为负数"),
      /** Empty when the figure has no unit (imports may require one: see planImport's requireUnit). */
      unit: z.string().trim().max(20, "单位最多 20 个字"),
    }),
    ...base,
  }),
  z
    .object({ type: z.literal("ordering"), options: z.array(optionSchema).min(3, "排序题至少 3 个步骤").max(12), answer: z.array(z.string()), ...base })
    .superRefine((q, ctx) => {
      distinctOptions(q.options, ctx);
      const ids = q.options.map((o) => o.id).sort();
      if (q.answer.length !== ids.length || [...q.answer].sort().join("\u0000") !== ids.join("\u0000"))
        ctx.addIssue({ code: "custom", path: ["answer"], message: "排序题的正确顺序必须恰好包含每个步骤一次" });
    }),
  z
    .object({
      type: z.literal("matching"),
      options: z.array(optionSchema).max(10, "匹配题的干扰项最多 10 个").default([]),
      answer: z.array(z.tuple([z.string().trim().min(1), z.string().trim().min(1)])).min(2, "匹配题至少 2 对"),
      ...base,
    })
    .superRefine((q, ctx) => {
      const lefts = q.answer.map((p) => p[0]);
      if (new Set(lefts).size !== lefts.length) ctx.addIssue({ code: "custom", path: ["answer"], message: "匹配题左侧项目重复" });
      distinctOptions(q.options, ctx);
      const rights = new Set(q.answer.map((p) => p[1].trim()));
      q.options.forEach((o, i) => {
        if (rights.has(o.text.trim())) ctx.addIssue({ code: "custom", path: ["options", i, "text"], message: `干扰项“${o.text.trim()}”与正确的右侧项目相同` });
      });
    }),
  z
    .object({
      type: z.literal("fill_blank"),
      options: z.array(optionSchema).max(0).default([]),
      answer: z
        .array(z.array(z.string().trim().min(1, "可接受的答案不能为空").max(200)).min(1, "每个空至少要有一个可接受的答案").max(20))
        .min(1, "填空题至少要有一个空")
        .max(20),
      ...base,
    })
    .superRefine((q, ctx) => {
      const blanks = countBlanks(q.stem);
      if (blanks === 0) ctx.addIssue({ code: "custom", path: ["stem"], message: "填空题的题干里要有空：用 3 个或更多下划线 ___ 表示一个空" });
      else if (blanks !== q.answer.length)
        ctx.addIssue({ code: "custom", path: ["answer"], message: `题干里有 ${blanks} 个空，答案却给了 ${q.answer.length} 个空的答案` });
    }),
]);
