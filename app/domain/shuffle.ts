/**
 * The one rule for the order in which a question's options are shown — on an exam paper, in practice,
 * in the drill, in the generator and in previews. Pure. "Never show the key order":
 *
 * - **Ordering** questions are never shown in the right order (if a draw lands on it, the steps are
 *   rotated by one, which for two or more distinct steps is always a different order).
 * - **Single / multiple** choice: shuffled (Fisher–Yates, every position equally likely) with a
 *   generator; without one ("do not shuffle", e.g. an exam whose options stay put) in a fixed order
 *   derived from the question and option ids only — the same for every learner but unrelated to the
 *   order the author wrote them in, so "the right answer is usually first" cannot be used.
 * - **Matching**: the right-hand column is the distinct key values plus the question's extra values
 *   (distractors), in the same kind of order.
 */
import { hashString, type Rng } from "./prng";

export interface ShowableQuestion {
  /** Stable question id (salts the fixed order). */
  id: string;
  type: string;
  /** Stored option ids, in stored order. */
  optionIds: readonly string[];
  /** The key: for ordering, the option ids in the right order (other types: ignored). */
  answer?: unknown;
}

function fixedOrder<T>(salt: string, items: readonly T[], keyOf: (t: T) => string): T[] {
  return [...items].sort((a, b) => hashString(`${salt}|${keyOf(a)}`) - hashString(`${salt}|${keyOf(b)}`) || (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The option ids in the order to show them. `rng` null = do not shuffle (fixed neutral order).
 * Ordering questions are shuffled whatever `rng` says, and never come out in key order.
 */
export function shownOrder(q: ShowableQuestion, rng: Rng | null): string[] {
  let order = rng ? rng.shuffle(q.optionIds) : fixedOrder(q.id, q.optionIds, (id) => id);
  if (q.type === "ordering" && Array.isArray(q.answer) && order.length >= 2 && sameOrder(order, q.answer as string[])) {
    order = [...order.slice(1), order[0]];
  }
  return order;
}

/** The right-hand values of a matching question as shown: the distinct key values and the extra ones. */
export function shownRights(q: { id: string; answer: unknown; options?: readonly { text: string }[] }, rng: Rng | null): string[] {
  const pairs = Array.isArray(q.answer) ? (q.answer as [string, string][]) : [];
  const values = [...new Set([...pairs.map((p) => p[1]), ...(q.options ?? []).map((o) => o.text)])];
  return rng ? rng.shuffle(values) : fixedOrder(q.id, values, (v) => v);
}
