/**
 * Schemas of the courseware files in content/ (see content/FORMAT.md). Pure: no file access.
 */
import { z } from "zod";

const anchor = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "锚点只能用小写字母、数字和连字符");
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "slug 只能用小写字母、数字和连字符");

export const moduleFrontmatterSchema = z.object({
  slug,
  title: z.string().min(2).max(60),
  order: z.number().int().min(1).max(99),
  summary: z.string().min(10).max(300),
  minutes: z.number().int().min(1).max(240),
});
export type ModuleFrontmatter = z.infer<typeof moduleFrontmatterSchema>;

export const CUSTOMER_CLASSES = ["集团客户", "商务客户", "公众客户", "特殊及重要客户"] as const;
export const COMPARATORS = ["<=", ">=", "=", ">"] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const factSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, "事实 id 只能用小写字母、数字和下划线"),
    n: z.number().int().min(1),
    topic: z.string().min(1),
    metric: z.string().min(1),
    customerClass: z.enum(CUSTOMER_CLASSES).nullable(),
    comparator: z.enum(COMPARATORS),
    value: z.number().nullable(),
    valueText: z.string().min(1).nullable(),
    unit: z.string().min(1).nullable(),
    status: z.enum(["ok", "ambiguous", "lost"]),
    note: z.string().min(1).nullable(),
    source: z.string().regex(/^S[0-4]$/),
    module: slug,
    section: anchor,
    traps: z.array(z.string()).default([]),
  })
  .superRefine((f, ctx) => {
    const set = Number(f.value !== null) + Number(f.valueText !== null);
    if (f.status === "lost" && set !== 0)
      ctx.addIssue({ code: "custom", message: "缺失的数字不能填写 value 或 valueText", path: ["value"] });
    if (f.status === "lost" && !f.note)
      ctx.addIssue({ code: "custom", message: "缺失的数字必须在 note 中说明", path: ["note"] });
    if (f.status !== "lost" && set !== 1)
      ctx.addIssue({ code: "custom", message: "value 与 valueText 必须恰好填写一个", path: ["value"] });
    if (f.status === "ambiguous" && !f.note)
      ctx.addIssue({ code: "custom", message: "有歧义的数字必须在 note 中说明", path: ["note"] });
  });
export type Fact = z.infer<typeof factSchema>;

export const scenarioSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  module: slug,
  section: anchor,
  situation: z.string().min(4),
  /** The question asked after the situation; default "你应该怎么做？" (options are actions). Verdict
   *  scenarios (whose responsibility, which category) and answers to the customer ask their own. */
  question: z.string().min(2).optional(),
  right: z.array(z.string().min(2)).min(1),
  wrong: z.array(z.object({ text: z.string().min(2), why: z.string().min(2) })).min(3),
  explanation: z.string().min(4),
  facts: z.array(z.string()).default([]),
  source: z.string().nullable(),
  tags: z.array(z.string()).default([]),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const procedureSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: z.string().min(2),
  module: slug,
  section: anchor,
  steps: z.array(z.string().min(1)).min(3),
  explanation: z.string().min(2),
  /** false for checklists and branching procedures: they are taught, but never asked as ordering. */
  ordered: z.boolean().default(true),
});
export type Procedure = z.infer<typeof procedureSchema>;

/** The text a `{{fact:ID}}` placeholder renders to: the figure with its unit, as the learner reads it. */
export function formatFact(fact: Fact): string {
  if (fact.status === "lost") return "〔原文数字缺失〕";
  const figure = fact.value !== null ? String(fact.value) : (fact.valueText ?? "");
  return `${figure}${fact.unit ?? ""}`;
}
