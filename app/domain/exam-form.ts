/**
 * The trainer's exam definition form, as pure functions: FormData → the values as typed (kept to show
 * again after an error) → an exam definition (the `exams` columns a trainer sets) plus its cohort ids,
 * with every problem keyed by the form field it belongs to:
 *
 *   title, description, rules, rules.N.count, rules.N.points, rules.N.modules, rules.N.types, rules.N.tags,
 *   timeLimitMinutes, passPercent, attemptsAllowed, opensAt, closesAt, shuffleQuestions, shuffleOptions,
 *   multipleScoring, reviewMode, reviewFrom, certificateName, certificateValidityMonths, audience, cohortIds
 *
 * Form fields: the names above; rules.N.modules and rules.N.types repeat (checkboxes), rules.N.tags is
 * "a, b", cohortIds repeats, the two shuffle flags are checkboxes ("on" when ticked).
 *
 * Times: `opensAt`, `closesAt` and `reviewFrom` come from <input type="datetime-local"> ("2026-03-01T09:00"),
 * which carries no zone. They are read in the product's time zone (./time: Beijing time by default)
 * and stored as epoch milliseconds; `toLocalInput` turns a stored time back into the input's value.
 *
 * Also here: the small forms of the exam pages (extra time, regrading, revoking a certificate) and the
 * publishing check of a blueprint against the question pool.
 */
import { splitList } from "./lists";
import { msg, type Message } from "./message";
import { issueMessage } from "./zod-message";
import { z } from "zod";
import type { BlueprintRule } from "@db/schema";
import { blueprintAvailability, REVIEW_TIMINGS, type PoolQuestion, type ReviewTiming } from "./exam";
import { QUESTION_TYPES } from "./question";
import { parseLocalInput, toLocalInput } from "./time";

export const MAX_RULES = 10;
export const MULTIPLE_SCORING = ["all-or-nothing", "partial"] as const;
export const REVIEW_MODES = ["score", "answers", "explanations"] as const;
export const AUDIENCES = ["everyone", "cohorts"] as const;

/** Field → message as the page shows it (translated by the route). */
export type FieldErrors = Record<string, string>;
/** Field → message to translate: what the checks below return. */
export type FieldMessages = Record<string, Message>;

export interface RuleValues {
  count: string;
  points: string;
  modules: string[];
  types: string[];
  tags: string;
}

export interface ExamFormValues {
  title: string;
  description: string;
  rules: RuleValues[];
  timeLimitMinutes: string;
  passPercent: string;
  attemptsAllowed: string;
  opensAt: string;
  closesAt: string;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  multipleScoring: string;
  reviewMode: string;
  reviewFrom: string;
  /** When answers are published (REVIEW_TIMINGS); empty = after the last attempt. */
  reviewTiming: string;
  /** Ticked: this exam's questions may also appear in practice. Unticked (the safe default): exam-only pool. */
  poolInPractice: boolean;
  certificateName: string;
  certificateValidityMonths: string;
  audience: string;
  cohortIds: string[];
}

/** What the form sets of an exam (the route adds status and createdBy). Matches NewExam's columns. */
export interface ExamDefinition {
  title: string;
  description: string | null;
  blueprint: BlueprintRule[];
  timeLimitMinutes: number;
  passPercent: number;
  attemptsAllowed: number;
  opensAt: number | null;
  closesAt: number | null;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  multipleScoring: (typeof MULTIPLE_SCORING)[number];
  reviewMode: (typeof REVIEW_MODES)[number];
  reviewFrom: number | null;
  reviewTiming: ReviewTiming;
  examOnlyPool: boolean;
  certificateName: string | null;
  certificateValidityMonths: number | null;
  audience: (typeof AUDIENCES)[number];
}

/** What the checks need to know of the world: module slugs and cohort ids that exist. */
export interface ExamFormRefs {
  modules: ReadonlySet<string>;
  cohortIds: ReadonlySet<number>;
}

export type ParsedExamForm = { ok: true; exam: ExamDefinition; cohortIds: number[] } | { ok: false; errors: FieldMessages };

// ---------------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------------

// One implementation in ./time (the product's zone, Beijing time by default); re-exported under the
// names these forms have always used.
export { formatDate, formatDateTime, parseLocalInput, toLocalInput, formatTime as formatTimeOfDay } from "./time";

// ---------------------------------------------------------------------------------------------
// Reading the form
// ---------------------------------------------------------------------------------------------

const str = (v: FormDataEntryValue | null | undefined) => (typeof v === "string" ? v : "");

export function emptyRule(): RuleValues {
  return { count: "", points: "", modules: [], types: [], tags: "" };
}

export function isBlankRule(r: RuleValues): boolean {
  return !r.count.trim() && !r.points.trim() && !r.tags.trim() && r.modules.length === 0 && r.types.length === 0;
}

/** A new exam's form: sensible defaults a trainer changes as needed. */
export function emptyExamFormValues(): ExamFormValues {
  return {
    title: "",
    description: "",
    rules: [emptyRule()],
    timeLimitMinutes: "30",
    passPercent: "60",
    attemptsAllowed: "1",
    opensAt: "",
    closesAt: "",
    shuffleQuestions: true,
    shuffleOptions: true,
    multipleScoring: "all-or-nothing",
    reviewMode: "score",
    reviewFrom: "",
    reviewTiming: "after_last_attempt",
    poolInPractice: false,
    certificateName: "",
    certificateValidityMonths: "",
    audience: "everyone",
    cohortIds: [],
  };
}

/** The values as typed (nothing trimmed), from a submitted form. Rows past MAX_RULES are not read. */
export function readExamForm(form: FormData): ExamFormValues {
  const rules: RuleValues[] = [];
  for (let i = 0; i < MAX_RULES; i++) {
    const present = ["count", "points", "tags"].some((f) => form.has(`rules.${i}.${f}`));
    if (!present) continue;
    rules.push({
      count: str(form.get(`rules.${i}.count`)),
      points: str(form.get(`rules.${i}.points`)),
      modules: form.getAll(`rules.${i}.modules`).map(str).filter(Boolean),
      types: form.getAll(`rules.${i}.types`).map(str).filter(Boolean),
      tags: str(form.get(`rules.${i}.tags`)),
    });
  }
  return {
    title: str(form.get("title")),
    description: str(form.get("description")),
    rules,
    timeLimitMinutes: str(form.get("timeLimitMinutes")),
    passPercent: str(form.get("passPercent")),
    attemptsAllowed: str(form.get("attemptsAllowed")),
    opensAt: str(form.get("opensAt")),
    closesAt: str(form.get("closesAt")),
    shuffleQuestions: form.get("shuffleQuestions") === "on",
    shuffleOptions: form.get("shuffleOptions") === "on",
    multipleScoring: str(form.get("multipleScoring")),
    reviewMode: str(form.get("reviewMode")),
    reviewFrom: str(form.get("reviewFrom")),
    reviewTiming: str(form.get("reviewTiming")),
    poolInPractice: form.get("poolInPractice") === "on",
    certificateName: str(form.get("certificateName")),
    certificateValidityMonths: str(form.get("certificateValidityMonths")),
    audience: str(form.get("audience")),
    cohortIds: form.getAll("cohortIds").map(str).filter(Boolean),
  };
}

/** A stored exam as the form shows it. */
export function valuesFromExam(exam: ExamDefinition, cohortIds: number[]): ExamFormValues {
  return {
    title: exam.title,
    description: exam.description ?? "",
    rules: exam.blueprint.map((r) => ({
      count: String(r.count),
      points: String(r.points),
      modules: r.modules ?? [],
      types: r.types ?? [],
      tags: (r.tags ?? []).join(", "),
    })),
    timeLimitMinutes: String(exam.timeLimitMinutes),
    passPercent: String(exam.passPercent),
    attemptsAllowed: String(exam.attemptsAllowed),
    opensAt: toLocalInput(exam.opensAt),
    closesAt: toLocalInput(exam.closesAt),
    shuffleQuestions: exam.shuffleQuestions,
    shuffleOptions: exam.shuffleOptions,
    multipleScoring: exam.multipleScoring,
    reviewMode: exam.reviewMode,
    reviewFrom: toLocalInput(exam.reviewFrom),
    reviewTiming: exam.reviewTiming,
    poolInPractice: !exam.examOnlyPool,
    certificateName: exam.certificateName ?? "",
    certificateValidityMonths: exam.certificateValidityMonths === null ? "" : String(exam.certificateValidityMonths),
    audience: exam.audience,
    cohortIds: cohortIds.map(String),
  };
}

// ---------------------------------------------------------------------------------------------
// The schema
// ---------------------------------------------------------------------------------------------


/** A whole number in [min, max] typed into a text field; one message for every way it can be wrong. */
const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));

const optionalWholeNumber = (min: number, max: number, message: string) =>
  z.union([z.string().trim().length(0).transform(() => null), wholeNumber(min, max, message)], { error: message });

const optionalDateTime = (message: string) =>
  z
    .string()
    .trim()
    .transform((s, ctx) => {
      if (!s) return null;
      const ms = parseLocalInput(s);
      if (ms === null) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return ms;
    });

const ruleSchema = (refs: ExamFormRefs) =>
  z.object({
    count: wholeNumber(1, 200, "ef.count"),
    points: wholeNumber(1, 100, "ef.points"),
    modules: z.array(z.string()).refine((ms) => ms.every((m) => refs.modules.has(m)), "ef.moduleUnknown"),
    types: z.array(z.string()).refine((ts) => ts.every((t) => (QUESTION_TYPES as readonly string[]).includes(t)), "ef.typeUnknown"),
    tags: z
      .string()
      .transform(splitList)
      .refine((ts) => ts.length <= 20, "ef.tagsMax")
      .refine((ts) => ts.every((t) => t.length <= 30), "ef.tagMax"),
  });

/**
 * Field by field. Blank rule rows are null (skipped) so the row numbers of the errors stay those the
 * form shows. Checks that involve two fields are in `parseExamForm`.
 */
export function examFieldsSchema(refs: ExamFormRefs) {
  return z.object({
    title: z.string().trim().min(1, "ef.titleRequired").max(100, "ef.titleMax"),
    description: z
      .string()
      .trim()
      .max(2000, "ef.descriptionMax")
      .transform((v) => v || null),
    rules: z
      .array(ruleSchema(refs).nullable())
      .max(MAX_RULES, JSON.stringify(msg("ef.rulesMax", { n: MAX_RULES })))
      .transform((rs) => rs.filter((r): r is NonNullable<typeof r> => r !== null))
      .refine((rs) => rs.length >= 1, "ef.rulesMin"),
    timeLimitMinutes: wholeNumber(1, 600, "ef.timeLimit"),
    passPercent: wholeNumber(1, 100, "ef.passPercent"),
    attemptsAllowed: wholeNumber(1, 20, "ef.attempts"),
    opensAt: optionalDateTime("ef.opensAt"),
    closesAt: optionalDateTime("ef.closesAt"),
    shuffleQuestions: z.boolean(),
    shuffleOptions: z.boolean(),
    multipleScoring: z.enum(MULTIPLE_SCORING, { error: "ef.multipleScoring" }),
    reviewMode: z.enum(REVIEW_MODES, { error: "ef.reviewMode" }),
    reviewFrom: optionalDateTime("ef.reviewFrom"),
    reviewTiming: z.preprocess((v) => (v === "" ? "after_last_attempt" : v), z.enum(REVIEW_TIMINGS, { error: "ef.reviewTiming" })),
    poolInPractice: z.boolean(),
    certificateName: z
      .string()
      .trim()
      .max(60, "ef.certNameMax")
      .transform((v) => v || null),
    certificateValidityMonths: optionalWholeNumber(1, 120, "ef.certMonths"),
    audience: z.enum(AUDIENCES, { error: "ef.audience" }),
    cohortIds: z.array(z.string().regex(/^\d{1,9}$/, "ef.cohortUnknown").transform(Number)).refine((ids) => ids.every((id) => refs.cohortIds.has(id)), "ef.cohortUnknown"),
  });
}

/** zod issue path → the form field it belongs to ("rules.2.count"). */
function fieldKey(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "form";
}

export function parseExamForm(values: ExamFormValues, refs: ExamFormRefs): ParsedExamForm {
  const input = { ...values, rules: values.rules.map((r) => (isBlankRule(r) ? null : r)) };
  const parsed = examFieldsSchema(refs).safeParse(input);
  const errors: FieldMessages = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[fieldKey(issue.path)] ??= issueMessage(issue);

  // Two fields at once, on what was typed (so they are reported alongside the field errors).
  const opens = parseLocalInput(values.opensAt);
  const closes = parseLocalInput(values.closesAt);
  if (opens !== null && closes !== null && opens >= closes) errors.closesAt ??= msg("ef.closesBeforeOpens");
  const certName = values.certificateName.trim();
  const certMonths = values.certificateValidityMonths.trim();
  if (certName && !certMonths) errors.certificateValidityMonths ??= msg("ef.certMonthsMissing");
  if (!certName && certMonths) errors.certificateName ??= msg("ef.certNameMissing");
  if (values.audience === "cohorts" && values.cohortIds.length === 0) errors.cohortIds ??= msg("ef.cohortsNone");

  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  const d = parsed.data;
  const blueprint: BlueprintRule[] = d.rules.map((r) => ({
    count: r.count,
    points: r.points,
    ...(r.modules.length ? { modules: [...new Set(r.modules)] } : {}),
    ...(r.types.length ? { types: [...new Set(r.types)] } : {}),
    ...(r.tags.length ? { tags: r.tags } : {}),
  }));
  return {
    ok: true,
    exam: {
      title: d.title,
      description: d.description,
      blueprint,
      timeLimitMinutes: d.timeLimitMinutes,
      passPercent: d.passPercent,
      attemptsAllowed: d.attemptsAllowed,
      opensAt: d.opensAt,
      closesAt: d.closesAt,
      shuffleQuestions: d.shuffleQuestions,
      shuffleOptions: d.shuffleOptions,
      multipleScoring: d.multipleScoring,
      reviewMode: d.reviewMode,
      // "score only" shows nothing more later, so a date for it means nothing.
      reviewFrom: d.reviewMode === "score" ? null : d.reviewFrom,
      reviewTiming: d.reviewMode === "score" ? "never" : d.reviewTiming,
      examOnlyPool: !d.poolInPractice,
      certificateName: d.certificateName,
      certificateValidityMonths: d.certificateName ? d.certificateValidityMonths : null,
      audience: d.audience,
    },
    cohortIds: d.audience === "cohorts" ? [...new Set(d.cohortIds)] : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Can the blueprint be filled?
// ---------------------------------------------------------------------------------------------

/** The drawing attributes of published questions, as exams draw them. */
export function toPool(
  rows: { id: string; version: number; type: string; module: string | null; tags: string[]; options: { id: string }[]; family?: string | null; answer?: unknown }[],
): PoolQuestion[] {
  return rows.map((q) => ({
    id: q.id,
    version: q.version,
    type: q.type,
    module: q.module,
    tags: q.tags,
    optionIds: q.options.map((o) => o.id),
    family: q.family || q.id,
    // Only ordering keys are needed (so the paper never shows them in order); keep the pool small.
    answer: q.type === "ordering" ? q.answer : undefined,
  }));
}

/**
 * The rules of the rows as typed whose filters are valid (a missing count counts as 0), with their row
 * index, so the editor can show availability even while other fields still have errors.
 */
export function rulesOfRows(values: ExamFormValues): { row: number; rule: BlueprintRule }[] {
  const types = QUESTION_TYPES as readonly string[];
  return values.rules.flatMap((r, row) => {
    if (isBlankRule(r) || r.types.some((t) => !types.includes(t))) return [];
    const count = /^\d{1,4}$/.test(r.count.trim()) ? Number(r.count.trim()) : 0;
    const tags = splitList(r.tags);
    return [{ row, rule: { count, points: 1, ...(r.modules.length ? { modules: r.modules } : {}), ...(r.types.length ? { types: r.types } : {}), ...(tags.length ? { tags } : {}) } }];
  });
}

/** Per form row: how many published questions the rule can draw (null for blank or invalid rows). */
export function availabilityOfRows(values: ExamFormValues, pool: PoolQuestion[]): (number | null)[] {
  const rules = rulesOfRows(values);
  const available = blueprintAvailability(
    rules.map((r) => r.rule),
    pool,
  );
  const out: (number | null)[] = values.rules.map(() => null);
  rules.forEach((r, i) => (out[r.row] = available[i]));
  return out;
}

export interface RuleShortfall {
  /** 0-based rule index in the blueprint. */
  rule: number;
  wanted: number;
  /** What blueprintAvailability reports (earlier rules taking the first questions they match). */
  available: number;
  /** What is left even if the earlier rules happen to draw every question they share with this one. */
  guaranteed: number;
}

function matches(rule: BlueprintRule, q: PoolQuestion): boolean {
  if (rule.modules?.length && !rule.modules.includes(q.module ?? "")) return false;
  if (rule.types?.length && !rule.types.includes(q.type)) return false;
  if (rule.tags?.length && !rule.tags.some((t) => q.tags.includes(t))) return false;
  return true;
}

/**
 * The rules that cannot always be filled. drawPaper samples each rule at random among the questions no
 * earlier rule took, so when rules overlap (say "any sla question" before "sla numeric questions") a
 * rule may come up short for some seeds although `blueprintAvailability` says it has enough. Publishing
 * therefore asks for the worst case: every earlier rule drawing as many of this rule's questions as it can.
 */
export function blueprintShortfalls(blueprint: BlueprintRule[], pool: PoolQuestion[]): RuleShortfall[] {
  const available = blueprintAvailability(blueprint, pool);
  // In families: a paper holds one question per family, so siblings count once.
  const candidates = blueprint.map((r) => new Set(pool.filter((q) => matches(r, q)).map((q) => q.family)));
  const out: RuleShortfall[] = [];
  blueprint.forEach((rule, i) => {
    let mayBeTaken = 0;
    for (let j = 0; j < i; j++) {
      let shared = 0;
      for (const id of candidates[j]) if (candidates[i].has(id)) shared++;
      mayBeTaken += Math.min(blueprint[j].count, shared);
    }
    const guaranteed = Math.max(0, candidates[i].size - mayBeTaken);
    if (guaranteed < rule.count) out.push({ rule: i, wanted: rule.count, available: available[i], guaranteed });
  });
  return out;
}

/** Indices of the form rows that became the blueprint's rules (blank rows are skipped). */
export function ruleRows(values: ExamFormValues): number[] {
  return values.rules.flatMap((r, row) => (isBlankRule(r) ? [] : [row]));
}

/**
 * Field errors for the rules that cannot be filled, on the rows the form shows ("rules.N.count");
 * `rows[i]` is the form row of blueprint rule i (by default the same index).
 */
export function shortfallMessages(shortfalls: RuleShortfall[], rows?: number[]): FieldMessages {
  const errors: FieldMessages = {};
  for (const s of shortfalls) {
    const row = rows?.[s.rule] ?? s.rule;
    errors[`rules.${row}.count`] =
      s.available < s.wanted
        ? msg("ef.shortfall", { row: row + 1, wanted: s.wanted, available: s.available })
        : msg("ef.overlap", { row: row + 1, wanted: s.wanted, guaranteed: s.guaranteed });
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// The small forms
// ---------------------------------------------------------------------------------------------

export const extraTimeSchema = z.object({
  attemptId: z.string().min(1, "ef.attemptIdMissing").max(64, "ef.attemptIdInvalid"),
  minutes: wholeNumber(1, 240, "ef.extraMinutes"),
});

export const regradeSchema = z.object({
  questionId: z.string().trim().min(1, "ef.regradeQuestion").max(200, "ef.questionIdInvalid"),
});

export const revokeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, "ef.certCodeMissing")
    .max(40, "ef.certCodeInvalid")
    .transform((c) => c.toUpperCase()),
  reason: z.string().trim().min(2, "ef.revokeReason").max(200, "ef.revokeReasonMax"),
});

/** zod error → field → first message (nested paths joined with dots). */
export function issuesToErrors(error: z.ZodError): FieldMessages {
  const errors: FieldMessages = {};
  for (const issue of error.issues) errors[fieldKey(issue.path)] ??= issueMessage(issue);
  return errors;
}

// ---------------------------------------------------------------------------------------------
// What the editor offers
// ---------------------------------------------------------------------------------------------

export interface EditorChoices {
  modules: { slug: string; title: string }[];
  types: string[];
  cohorts: { id: number; name: string; archived: boolean }[];
}

/**
 * The choices of the editor and the references the checks use, from the courseware's modules and the
 * cohorts. An archived cohort is offered only when the exam already has it (so saving keeps it).
 */
export function editorChoices(
  modules: { slug: string; title: string }[],
  cohorts: { id: number; name: string; archivedAt: number | null }[],
  selected: number[] = [],
): { choices: EditorChoices; refs: ExamFormRefs } {
  const offered = cohorts.filter((c) => c.archivedAt === null || selected.includes(c.id));
  return {
    choices: {
      modules: modules.map((m) => ({ slug: m.slug, title: m.title })),
      types: [...QUESTION_TYPES],
      cohorts: offered.map((c) => ({ id: c.id, name: c.name, archived: c.archivedAt !== null })),
    },
    refs: { modules: new Set(modules.map((m) => m.slug)), cohortIds: new Set(offered.map((c) => c.id)) },
  };
}
