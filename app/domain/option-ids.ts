/**
 * Option ids that carry no information about the key. Pure.
 *
 * Two layers:
 * - **Neutral storage** (`neutralOptions`, on import): GIFT names options a, b, c in the order written and
 *   Moodle authors usually write the right answer first; a JSON file may call an option "correct". On
 *   import every option gets an id derived from its text alone (`o-<FNV-1a base 36>`) and the options are
 *   stored in an order derived from their texts alone, so neither the ids nor the stored order say
 *   which option is right or which one the author wrote first. Re-importing an export gives the same
 *   ids and order (no spurious versions).
 * - **Opaque display ids** (`opaqueIds`, per attempt and per practice display): a learner's browser never
 *   sees a stored option id. Ids are derived from a secret (the attempt's seed, or a random salt sealed
 *   in the practice reference) and the position shown; the server maps them back (`toStored`) when it
 *   saves or grades, and maps a stored answer forward (`toShown`) when it shows it again. An id that is
 *   not one of the ids shown for that question maps to nothing, so sending a stored id (say "a") scores
 *   nothing.
 */
import { hashString } from "./prng";
import type { Option, QuestionContent } from "./question";

/** Text-derived id, unique within the list (a collision gets a `-2` suffix). */
function textIds(texts: readonly string[]): string[] {
  const used = new Set<string>();
  return texts.map((t) => {
    const base = `o-${hashString(t.trim()).toString(36)}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}

/**
 * The content with neutral option ids and a neutral stored order (both from the option texts only),
 * the answer rewritten to the new ids. Types without options are returned unchanged; matching keeps
 * its extra right-hand values but with neutral ids too.
 */
export function neutralOptions<C extends Pick<QuestionContent, "type" | "options" | "answer">>(c: C): C {
  if (!c.options.length) return c;
  const ids = textIds(c.options.map((o) => o.text));
  const rename = new Map(c.options.map((o, i) => [o.id, ids[i]]));
  const options: Option[] = c.options
    .map((o, i) => ({ id: ids[i], text: o.text }))
    .sort((a, b) => hashString(`order|${a.text.trim()}`) - hashString(`order|${b.text.trim()}`) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  let answer = c.answer;
  if (c.type === "single" && typeof c.answer === "string") answer = rename.get(c.answer) ?? c.answer;
  else if ((c.type === "multiple" || c.type === "ordering") && Array.isArray(c.answer)) answer = (c.answer as string[]).map((a) => rename.get(a) ?? a);
  return { ...c, options, answer };
}

/**
 * `count` distinct ids for the options shown at one place (`scope`, e.g. the paper position) under a
 * secret. They depend on the secret, the scope and the position shown only — never on which option
 * sits there — so they say nothing the order on screen does not already say.
 */
export function opaqueIds(secret: string, scope: string, count: number): string[] {
  const used = new Set<string>();
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let id = `x${hashString(`${secret}|${scope}|${k}`).toString(36)}`;
    for (let n = 2; used.has(id); n++) id = `x${hashString(`${secret}|${scope}|${k}|${n}`).toString(36)}`;
    used.add(id);
    out.push(id);
  }
  return out;
}

/** Types whose answers are option ids. */
const ID_TYPES = new Set(["single", "multiple", "ordering"]);

/**
 * A response as the browser sent it (shown ids) → stored ids. `shownOrder` is the stored ids in the
 * order shown, `shown` the opaque ids at those positions. Unknown ids map to nothing: a single answer
 * becomes null, list answers lose them (an ordering with an unknown id then grades as wrong).
 */
export function toStored(type: string, response: unknown, shownOrder: readonly string[], shown: readonly string[]): unknown {
  if (!ID_TYPES.has(type) || response === null || response === undefined) return response;
  const map = new Map(shown.map((s, i) => [s, shownOrder[i]]));
  if (type === "single") return typeof response === "string" ? (map.get(response) ?? null) : null;
  if (!Array.isArray(response)) return null;
  return response.flatMap((r) => (typeof r === "string" && map.has(r) ? [map.get(r)!] : []));
}

/** A stored response → the ids the browser was shown (for resuming a page). */
export function toShown(type: string, response: unknown, shownOrder: readonly string[], shown: readonly string[]): unknown {
  if (!ID_TYPES.has(type) || response === null || response === undefined) return response;
  const map = new Map(shownOrder.map((s, i) => [s, shown[i]]));
  if (type === "single") return typeof response === "string" ? (map.get(response) ?? null) : null;
  if (!Array.isArray(response)) return null;
  return response.flatMap((r) => (typeof r === "string" && map.has(r) ? [map.get(r)!] : []));
}
