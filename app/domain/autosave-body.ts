/**
 * The exam autosave request (what the sitting page POSTs to /attempts/:id/save), described once:
 * `autosaveBodySchema` for the body, `checkResponseShape` for a saved answer against the question it
 * answers. Pure; used by the one autosave handler (~/autosave.server) in every mode.
 *
 *   {intent: "save", position, response, seq}
 *   {intent: "flag", position, flagged}
 *   {intent: "visibility", hidden}
 *   {intent: "sync"}
 *
 * Refusals are a message key (app/i18n/*-autosave.ts) with values, so the page can show them in the
 * reader's language; the server's reply also carries the Chinese text.
 */
import { z } from "zod";
import { AUTOSAVE_BODY_LIMIT } from "./body-limits";
import type { QuestionType } from "./question";

/** Largest request body accepted (bytes). */
export const MAX_AUTOSAVE_BODY = AUTOSAVE_BODY_LIMIT;

const position = z.number().int().min(0);

export const autosaveBodySchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    position,
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    /** null clears the answer. */
    response: z.unknown().optional().transform((v) => v ?? null),
  }),
  z.object({ intent: z.literal("flag"), position, flagged: z.boolean() }),
  z.object({ intent: z.literal("visibility"), hidden: z.boolean() }),
  z.object({ intent: z.literal("sync") }),
]);

export type AutosaveBody = z.infer<typeof autosaveBodySchema>;

export type AutosaveErrorKey =
  | "autosave.error.signedOut"
  | "autosave.error.tooLarge"
  | "autosave.error.malformed"
  | "autosave.error.invalid"
  | "autosave.error.unknownIntent"
  | "autosave.error.wrongShape"
  | "autosave.error.unknownOption"
  | "autosave.error.notNumber"
  | "autosave.error.unknownPair"
  | "autosave.error.badCharacter";

export interface AutosaveRefusal {
  key: AutosaveErrorKey;
  vars: Record<string, string | number>;
}

/** Parses a request body's text: the body, or why it is refused (413 / 400). */
export function parseAutosaveBody(text: string): { ok: true; body: AutosaveBody } | { ok: false; status: 400 | 413; refusal: AutosaveRefusal } {
  if (new TextEncoder().encode(text).length > MAX_AUTOSAVE_BODY) {
    return { ok: false, status: 413, refusal: { key: "autosave.error.tooLarge", vars: { max: MAX_AUTOSAVE_BODY } } };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, refusal: { key: "autosave.error.malformed", vars: {} } };
  }
  const parsed = autosaveBodySchema.safeParse(json);
  if (parsed.success) {
    // Text either database stores as it is: no NUL character, no half of a surrogate pair.
    const bad = unstorableTextAt(json);
    if (bad !== null) return { ok: false, status: 400, refusal: { key: "autosave.error.badCharacter", vars: { field: bad || "body" } } };
    return { ok: true, body: parsed.data };
  }
  const issue = parsed.error.issues[0];
  if (issue.path.length === 1 && issue.path[0] === "intent") return { ok: false, status: 400, refusal: { key: "autosave.error.unknownIntent", vars: {} } };
  const field = issue.path.length ? issue.path.join(".") : "body";
  return { ok: false, status: 400, refusal: { key: "autosave.error.invalid", vars: { field } } };
}

/** A NUL character, or half of a surrogate pair (neither database takes them as text; PostgreSQL refuses them). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string (value or key) in `value` that cannot be stored as text, or null if there is none. */
export function unstorableTextAt(value: unknown, path = ""): string | null {
  const bad = (text: string) => UNSTORABLE.test(text);
  if (typeof value === "string") return bad(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = unstorableTextAt(value[i], path ? `${path}.${i}` : String(i));
      if (at !== null) return at;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (bad(k)) return at;
      const inner = unstorableTextAt(v, at);
      if (inner !== null) return inner;
    }
  }
  return null;
}

/** What a saved answer is checked against: the question's type and what the learner was shown. */
export interface ResponseShape {
  type: QuestionType;
  /** Option ids of the item (single, multiple, ordering). */
  optionIds: string[];
  /** Matching: the left items (the right-hand side is any text: the values offered may include extras). */
  lefts: string[];
  /** fill_blank: how many blanks the stem has. */
  blanks?: number;
}

const isString = (v: unknown): v is string => typeof v === "string";

/**
 * null when `response` is an answer of the right shape for the question (or null, which clears it);
 * otherwise why not. Shapes as in ~/domain/grading: single an option id, multiple and ordering option
 * ids (ordering: each once), true_false a boolean, numeric a finite number, matching [left, right] text
 * pairs whose lefts are the item's own, each once; fill_blank one text per blank.
 */
export function checkResponseShape(shape: ResponseShape, response: unknown): AutosaveRefusal | null {
  if (response === null) return null;
  const wrong: AutosaveRefusal = { key: "autosave.error.wrongShape", vars: { type: shape.type } };
  const ids = new Set(shape.optionIds);
  const unknownOption: AutosaveRefusal = { key: "autosave.error.unknownOption", vars: {} };
  switch (shape.type) {
    case "single":
      if (!isString(response)) return wrong;
      return ids.has(response) ? null : unknownOption;
    case "multiple":
    case "ordering":
      if (!Array.isArray(response) || !response.every(isString)) return wrong;
      if (shape.type === "ordering" && new Set(response).size !== response.length) return wrong;
      if (response.length > ids.size) return wrong;
      return response.every((id) => ids.has(id)) ? null : unknownOption;
    case "true_false":
      return typeof response === "boolean" ? null : wrong;
    case "numeric":
      return typeof response === "number" && Number.isFinite(response) ? null : { key: "autosave.error.notNumber", vars: {} };
    case "matching": {
      if (!Array.isArray(response) || !response.every((p) => Array.isArray(p) && p.length === 2 && isString(p[0]) && isString(p[1]))) return wrong;
      if (response.length > shape.lefts.length) return wrong;
      const lefts = new Set(shape.lefts);
      const given = (response as [string, string][]).map(([l]) => l);
      if (new Set(given).size !== given.length) return wrong;
      return given.every((l) => lefts.has(l)) ? null : { key: "autosave.error.unknownPair", vars: {} };
    }
    case "fill_blank":
      // One text per blank, in stem order.
      if (!Array.isArray(response) || !response.every((x) => isString(x) && x.length <= 200)) return wrong;
      return shape.blanks === undefined || response.length === shape.blanks ? null : wrong;
    default:
      return wrong;
  }
}
