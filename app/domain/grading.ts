/**
 * Grading a learner's response to one question version. Pure; shared by practice, the numbers drill and
 * (later) exams. Nothing here throws on bad input: a malformed response — or a malformed answer key —
 * scores 0.
 *
 * Response shapes (what `parseResponse` produces from a submitted form, and what is stored):
 * - single:     option id
 * - multiple:   option ids (order does not matter, repeats are ignored)
 * - true_false: boolean
 * - numeric:    number (the unit is fixed by the question and shown beside the field)
 * - ordering:   option ids in the learner's order
 * - matching:   [[left, right], …] pairs of texts
 * - fill_blank: what was typed in each blank, in stem order ("" for a blank left empty)
 *
 * Scoring by type:
 * - single, true_false: right or wrong.
 * - multiple: "all-or-nothing" (default) needs exactly the right set; "partial" scores
 *   (right picked − wrong picked) / number of right options, floored at 0. Only an exact set is `correct`.
 * - numeric: right when |x − value| ≤ tolerance.
 * - ordering: all-or-nothing: the whole order must match.
 * - matching: "all-or-nothing" (default) needs every pair right; "partial" scores the share of the key's
 *   pairs the learner got right. Only all pairs right is `correct`.
 * - fill_blank: a blank is right when what was typed equals one of its accepted answers after
 *   `normalizeBlank` (NFKC — full-width ↔ half-width —, case, spaces, trailing punctuation).
 *   "all-or-nothing" (default) needs every blank right; "partial" scores the share of blanks right.
 */
import type { NumericAnswer, Option, QuestionContent, QuestionType } from "./question";

export type GradingMode = "all-or-nothing" | "partial";
export interface GradeOptions {
  multiple?: GradingMode;
  matching?: GradingMode;
  fillBlank?: GradingMode;
}
export interface Grade {
  correct: boolean;
  /** 0..1 */
  score: number;
}
export type PracticeResponse = string | string[] | boolean | number | [string, string][];

const WRONG: Grade = { correct: false, score: 0 };
const RIGHT: Grade = { correct: true, score: 1 };

type Gradable = Pick<QuestionContent, "type" | "answer" | "options">;

const isString = (v: unknown): v is string => typeof v === "string";
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isPairs = (v: unknown): v is [string, string][] =>
  Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && isString(p[0]) && isString(p[1]));
const norm = (s: string) => s.replace(/\s+/g, " ").trim();
const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

export function gradeResponse(question: Gradable, response: unknown, opts: GradeOptions = {}): Grade {
  try {
    return grade(question, response, opts);
  } catch {
    return WRONG;
  }
}

function grade(q: Gradable, response: unknown, opts: GradeOptions): Grade {
  const key = q.answer as unknown;
  switch (q.type) {
    case "single":
      return isString(key) && isString(response) && response === key ? RIGHT : WRONG;
    case "true_false":
      return typeof key === "boolean" && typeof response === "boolean" && response === key ? RIGHT : WRONG;
    case "numeric": {
      if (!isNumericAnswer(key) || typeof response !== "number" || !Number.isFinite(response)) return WRONG;
      // A little slack for binary floating point (0.1 + 0.2), far below any figure's precision.
      const slack = 1e-9 * Math.max(1, Math.abs(key.value));
      return Math.abs(response - key.value) <= key.tolerance + slack ? RIGHT : WRONG;
    }
    case "multiple": {
      if (!isStringArray(key) || key.length === 0 || !isStringArray(response)) return WRONG;
      const right = new Set(key);
      const picked = new Set(response);
      let hits = 0;
      let misses = 0;
      for (const id of picked) (right.has(id) ? hits++ : misses++);
      const exact = hits === right.size && misses === 0;
      if (exact) return RIGHT;
      return { correct: false, score: opts.multiple === "partial" ? clamp01((hits - misses) / right.size) : 0 };
    }
    case "ordering": {
      if (!isStringArray(key) || key.length === 0 || !isStringArray(response)) return WRONG;
      return response.length === key.length && response.every((id, i) => id === key[i]) ? RIGHT : WRONG;
    }
    case "matching": {
      if (!isPairs(key) || key.length === 0 || !isPairs(response)) return WRONG;
      // One answer per left item: a left given twice in the response counts by its first pair only.
      const given = new Map<string, string>();
      for (const [l, r] of response) if (!given.has(norm(l))) given.set(norm(l), norm(r));
      const hits = key.filter(([l, r]) => given.get(norm(l)) === norm(r)).length;
      if (hits === key.length) return RIGHT;
      return { correct: false, score: opts.matching === "partial" ? clamp01(hits / key.length) : 0 };
    }
    case "fill_blank": {
      if (!isBlankKey(key) || !isStringArray(response) || response.length !== key.length) return WRONG;
      const hits = key.filter((accepted, i) => blankMatches(accepted, response[i])).length;
      if (hits === key.length) return RIGHT;
      return { correct: false, score: opts.fillBlank === "partial" ? clamp01(hits / key.length) : 0 };
    }
    default:
      return WRONG;
  }
}

/** Trailing punctuation a learner may or may not type after a blank's answer. */
const TRAILING_PUNCT = /[\s.,;:!?'"。，、；：！？…·‘’“”）)】」』]+$/u;

/**
 * A blank's answer as compared: NFKC (full-width letters, digits and punctuation become half-width),
 * lower case, no whitespace anywhere, no trailing punctuation. "２ 倍。" and "2倍" are the same.
 */
export function normalizeBlank(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/gu, "").replace(TRAILING_PUNCT, "");
}

function blankMatches(accepted: string[], typed: string): boolean {
  const t = normalizeBlank(typed);
  return t !== "" && accepted.some((a) => normalizeBlank(a) === t);
}

const isBlankKey = (v: unknown): v is string[][] => Array.isArray(v) && v.length > 0 && v.every((b) => isStringArray(b) && b.length > 0);


function isNumericAnswer(v: unknown): v is NumericAnswer {
  if (!v || typeof v !== "object") return false;
  const a = v as Record<string, unknown>;
  return typeof a.value === "number" && Number.isFinite(a.value) && typeof a.tolerance === "number" && a.tolerance >= 0;
}

// ---------------------------------------------------------------------------------------------
// Parsing a submitted form into a response.

/** Field names the answer forms use: `answer` (repeated for multiple and ordering); matching sends
 *  `left` and `right` once per row, in the same order. */
export const RESPONSE_FIELDS = { answer: "answer", left: "left", right: "right" } as const;

export type FormLike =
  | { getAll(name: string): unknown[] }
  | Record<string, string | string[] | undefined | null>;

export type ParseResult =
  | {
      ok: true;
      response: PracticeResponse;
      /** False only for matching with some rows left blank (those rows are left out of the response)
       *  and fill_blank with some blanks empty. */
      complete: boolean;
    }
  | { ok: false; reason: "missing" | "invalid" };

function values(form: FormLike, name: string): string[] {
  const raw =
    typeof (form as { getAll?: unknown }).getAll === "function"
      ? (form as { getAll(name: string): unknown[] }).getAll(name)
      : ((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]))((form as Record<string, unknown>)[name]);
  return raw.filter(isString);
}

/**
 * A number as a learner types it: "15", "15.0", "+15", "-0.5", full-width "１５" or "１５．０", and the
 * ideographic full stop as decimal point ("15。5"). Thousands separators and units are not accepted
 * (the unit is printed beside the field). Returns null when it is not a plain number.
 */
export function parseNumber(input: string): number | null {
  const s = input.normalize("NFKC").replace(/。/g, ".").trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export function parseResponse(type: QuestionType, form: FormLike): ParseResult {
  try {
    const answers = values(form, RESPONSE_FIELDS.answer).map((v) => v.trim()).filter((v) => v !== "");
    switch (type) {
      case "single":
        if (answers.length === 0) return { ok: false, reason: "missing" };
        return answers.length === 1 ? { ok: true, response: answers[0], complete: true } : { ok: false, reason: "invalid" };
      case "multiple":
        if (answers.length === 0) return { ok: false, reason: "missing" };
        return { ok: true, response: [...new Set(answers)], complete: true };
      case "true_false":
        if (answers.length === 0) return { ok: false, reason: "missing" };
        if (answers.length === 1 && (answers[0] === "true" || answers[0] === "false"))
          return { ok: true, response: answers[0] === "true", complete: true };
        return { ok: false, reason: "invalid" };
      case "numeric": {
        if (answers.length === 0) return { ok: false, reason: "missing" };
        const n = answers.length === 1 ? parseNumber(answers[0]) : null;
        return n === null ? { ok: false, reason: "invalid" } : { ok: true, response: n, complete: true };
      }
      case "ordering":
        if (answers.length === 0) return { ok: false, reason: "missing" };
        return new Set(answers).size === answers.length ? { ok: true, response: answers, complete: true } : { ok: false, reason: "invalid" };
      case "fill_blank": {
        // One `answer` field per blank, in stem order; empty ones keep their place.
        const typed = values(form, RESPONSE_FIELDS.answer).map((v) => v.trim());
        if (typed.every((v) => v === "")) return { ok: false, reason: "missing" };
        return { ok: true, response: typed, complete: typed.every((v) => v !== "") };
      }
      case "matching": {
        const lefts = values(form, RESPONSE_FIELDS.left);
        const rights = values(form, RESPONSE_FIELDS.right);
        if (lefts.length !== rights.length) return { ok: false, reason: "invalid" };
        const pairs = lefts.map((l, i) => [l.trim(), rights[i].trim()] as [string, string]).filter(([l, r]) => l !== "" && r !== "");
        if (pairs.length === 0) return { ok: false, reason: "missing" };
        return { ok: true, response: pairs, complete: pairs.length === lefts.length };
      }
      default:
        return { ok: false, reason: "invalid" };
    }
  } catch {
    return { ok: false, reason: "invalid" };
  }
}

// ---------------------------------------------------------------------------------------------
// Describing an answer (the key or a learner's response) for display. The page renders `markdown`
// parts with renderSafeInline and translates `bool` parts.

export type AnswerPart =
  | { kind: "markdown"; markdown: string }
  | { kind: "text"; text: string }
  | { kind: "bool"; value: boolean }
  | { kind: "pair"; left: string; right: string }
  /** fill_blank: blank N (1-based) and what fills it (the key: its accepted answers, canonical first). */
  | { kind: "blank"; n: number; texts: string[] };

export interface AnswerDescription {
  /** Parts are steps in order (ordering questions). */
  ordered: boolean;
  parts: AnswerPart[];
}

function optionPart(options: Option[], id: string): AnswerPart {
  const o = options.find((x) => x.id === id);
  return o ? { kind: "markdown", markdown: o.text } : { kind: "text", text: id };
}

/** The answer key of a question (`value` = its `answer`) or a learner's response, as displayable parts. */
export function describeAnswer(q: Gradable, value: unknown): AnswerDescription {
  const none: AnswerDescription = { ordered: false, parts: [] };
  try {
    switch (q.type) {
      case "single":
        return isString(value) ? { ordered: false, parts: [optionPart(q.options, value)] } : none;
      case "multiple": {
        if (!isStringArray(value)) return none;
        const set = new Set(value);
        const known = q.options.filter((o) => set.has(o.id)).map((o) => o.id);
        const unknown = [...set].filter((id) => !q.options.some((o) => o.id === id));
        return { ordered: false, parts: [...known, ...unknown].map((id) => optionPart(q.options, id)) };
      }
      case "true_false":
        return typeof value === "boolean" ? { ordered: false, parts: [{ kind: "bool", value }] } : none;
      case "numeric": {
        const key = q.answer as unknown;
        const keyUnit = isNumericAnswer(key) && typeof key.unit === "string" ? key.unit : "";
        if (typeof value === "number" && Number.isFinite(value)) return { ordered: false, parts: [{ kind: "text", text: `${value}${keyUnit}` }] };
        if (isNumericAnswer(value)) {
          const unit = typeof value.unit === "string" ? value.unit : "";
          const tol = value.tolerance > 0 ? `(±${value.tolerance}${unit})` : "";
          return { ordered: false, parts: [{ kind: "text", text: `${value.value}${unit}${tol}` }] };
        }
        return none;
      }
      case "ordering":
        return isStringArray(value) ? { ordered: true, parts: value.map((id) => optionPart(q.options, id)) } : none;
      case "matching":
        return isPairs(value) ? { ordered: false, parts: value.map(([left, right]) => ({ kind: "pair", left, right })) } : none;
      case "fill_blank":
        if (isBlankKey(value)) return { ordered: true, parts: value.map((texts, i) => ({ kind: "blank", n: i + 1, texts })) };
        if (isStringArray(value)) return { ordered: true, parts: value.map((text, i) => ({ kind: "blank", n: i + 1, texts: [text] })) };
        return none;
      default:
        return none;
    }
  } catch {
    return none;
  }
}
