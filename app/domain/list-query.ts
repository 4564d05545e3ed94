/**
 * What a trainer's list page asks for in its query string (page, search text, filters), parsed with
 * zod, never failing: an unknown filter value is ignored and a bad page number becomes page 1 (and a
 * page past the end is clamped to the last by `pageWindow` once the total is known), so a hand-edited
 * URL never gives a 500. Also the links that keep the filters (`listSearch`). Pure.
 */
import { z } from "zod";
import { QUESTION_SOURCES, QUESTION_STATUSES, QUESTION_TYPES } from "./question";

/** Rows per page of the trainer's lists (attempts, cohort members, questions). */
export const LIST_PAGE_SIZE = 50;
/** The longest search text kept (characters). */
export const LIST_Q_MAX = 100;

/** Any value → a page number ≥ 1 (non-numbers, 0, negatives, fractions, huge numbers → 1). */
const pageField = z.preprocess((v) => {
  const s = typeof v === "string" ? v.trim() : "";
  return /^\d{1,7}$/.test(s) && Number(s) >= 1 ? Number(s) : 1;
}, z.number().int().min(1));

/** Search text: trimmed, at most LIST_Q_MAX characters (by code point), "" when absent. */
const qField = z.preprocess((v) => [...(typeof v === "string" ? v.trim() : "")].slice(0, LIST_Q_MAX).join("").trim(), z.string());

/** One of `values`, or "" (no filter) for anything else. */
function choice<const T extends readonly string[]>(values: T) {
  return z.preprocess((v) => (typeof v === "string" && (values as readonly string[]).includes(v) ? v : ""), z.union([z.enum(values), z.literal("")]));
}

const slugField = z.preprocess((v) => (typeof v === "string" && /^[a-z0-9][a-z0-9-]{0,79}$/.test(v) ? v : ""), z.string());
const tagField = z.preprocess((v) => (typeof v === "string" ? [...v.trim()].slice(0, 60).join("") : ""), z.string());

function fromParams(params: URLSearchParams, keys: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((k) => [k, params.get(k) ?? undefined]));
}

// --- The exam's attempts -----------------------------------------------------------------------

export const ATTEMPT_FILTER_STATUSES = ["in_progress", "submitted", "passed", "failed"] as const;
export type AttemptFilterStatus = (typeof ATTEMPT_FILTER_STATUSES)[number];

const attemptsSchema = z.object({ page: pageField, q: qField, status: choice(ATTEMPT_FILTER_STATUSES) });
export type AttemptsQuery = z.infer<typeof attemptsSchema>;

/** /trainer/exams/:id/attempts?q=&status=&page=: q finds a learner by name or 工号. */
export function parseAttemptsQuery(params: URLSearchParams): AttemptsQuery {
  return attemptsSchema.parse(fromParams(params, ["page", "q", "status"]));
}

// --- A cohort's members ------------------------------------------------------------------------

export const MEMBER_FILTER_STATUSES = ["active", "disabled"] as const;

const membersSchema = z.object({ page: pageField, q: qField, status: choice(MEMBER_FILTER_STATUSES), pick: qField });
export type MembersQuery = z.infer<typeof membersSchema>;

/** /trainer/cohorts/:id?q=&status=&page=&pick=: q finds members by name, 工号 or team; pick searches learners to add. */
export function parseMembersQuery(params: URLSearchParams): MembersQuery {
  return membersSchema.parse(fromParams(params, ["page", "q", "status", "pick"]));
}

// --- The question bank -------------------------------------------------------------------------

const questionsSchema = z.object({
  page: pageField,
  q: qField,
  type: choice(QUESTION_TYPES),
  status: choice(QUESTION_STATUSES),
  source: choice(QUESTION_SOURCES),
  module: slugField,
  tag: tagField,
});
export type QuestionsQuery = z.infer<typeof questionsSchema>;

/**
 * /trainer/questions?q=&type=&module=&status=&source=&tag=&page=: q finds questions by stem text or id.
 * `modules`: the known module slugs (any other module is ignored).
 */
export function parseQuestionsQuery(params: URLSearchParams, modules: readonly string[]): QuestionsQuery {
  const parsed = questionsSchema.parse(fromParams(params, ["page", "q", "type", "status", "source", "module", "tag"]));
  return { ...parsed, module: modules.includes(parsed.module) ? parsed.module : "" };
}

// --- Paging and links --------------------------------------------------------------------------

export interface PageWindow {
  /** The page shown: the one asked for, clamped to 1…pages. */
  page: number;
  pages: number;
  offset: number;
  limit: number;
  /** 1-based positions of the first and last row shown (0, 0 when there are none). */
  first: number;
  last: number;
  total: number;
}

/** The page to show of `total` rows, `size` a page: a page past the end shows the last. */
export function pageWindow(total: number, asked: number, size = LIST_PAGE_SIZE): PageWindow {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(Number.isFinite(asked) ? asked : 1)), pages);
  const offset = (page - 1) * size;
  return { page, pages, offset, limit: size, first: total === 0 ? 0 : offset + 1, last: Math.min(total, offset + size), total };
}

/**
 * The query string ("?…", or "" when empty) of a list query with some values changed, leaving out
 * empty values and page 1, so page links keep every filter and a filter change can reset the page.
 */
export function listSearch(query: Record<string, string | number>, change: Record<string, string | number | null> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...change })) {
    if (v === null || v === "" || (k === "page" && Number(v) === 1)) continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}

