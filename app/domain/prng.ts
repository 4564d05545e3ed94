/**
 * A small seeded pseudo-random number generator, so that quiz generation and exam paper drawing are
 * reproducible: the same seed always gives the same sequence. Pure; not for anything security related.
 *
 * - `hashString`: FNV-1a (32 bit) of a string, used to turn text seeds into numbers and to derive
 *   short stable ids from content.
 * - `mulberry32`: a tiny, well-distributed 32-bit generator.
 * - `createRng`: the convenience wrapper the rest of the code uses.
 */

/** FNV-1a 32-bit hash of a string (of its UTF-16 code units), as an unsigned integer. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: returns a function giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates); the input is not changed. */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct elements (all of them, shuffled, if there are fewer), in random order. */
  sample<T>(items: readonly T[], count: number): T[];
}

/**
 * A generator seeded by a number or a string. Numbers and their decimal strings give the same
 * sequence (`createRng(7)` ≡ `createRng("7")`), so a seed typed in a URL behaves like one in code.
 */
export function createRng(seed: number | string): Rng {
  const next = mulberry32(hashString(String(seed)));
  const int = (maxExclusive: number) => {
    if (!Number.isInteger(maxExclusive) || maxExclusive <= 0) throw new RangeError(`int(${maxExclusive})：需要正整数`);
    return Math.floor(next() * maxExclusive);
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  return {
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new RangeError("pick：数组为空");
      return items[int(items.length)];
    },
    shuffle,
    sample: (items, count) => shuffle(items).slice(0, Math.max(0, count)),
  };
}
