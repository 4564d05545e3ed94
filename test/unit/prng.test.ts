import { describe, expect, it } from "vitest";
import { createRng, hashString, mulberry32 } from "~/domain/prng";

describe("hashString", () => {
  it("is the FNV-1a 32-bit hash", () => {
    // Published FNV-1a test vectors.
    expect(hashString("")).toBe(0x811c9dc5);
    expect(hashString("a")).toBe(0xe40c292c);
    expect(hashString("foobar")).toBe(0xbf9cf968);
  });
  it("distinguishes Chinese strings", () => {
    expect(hashString("8小时")).not.toBe(hashString("12小时"));
  });
});

describe("mulberry32 / createRng", () => {
  it("gives the same sequence for the same seed and a different one for another seed", () => {
    const a = createRng("exam-1");
    const b = createRng("exam-1");
    const c = createRng("exam-2");
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it("treats a number and its decimal string as the same seed", () => {
    expect(createRng(42).next()).toBe(createRng("42").next());
  });

  it("stays in [0, 1) and is roughly uniform", () => {
    const next = mulberry32(123);
    const buckets = new Array(10).fill(0);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = next();
      min = Math.min(min, x);
      max = Math.max(max, x);
      buckets[Math.floor(x * 10)]++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    for (const n of buckets) expect(Math.abs(n - 2000)).toBeLessThan(200);
  });

  it("int() stays in range and rejects a bad bound", () => {
    const rng = createRng(1);
    const seen = new Set(Array.from({ length: 1000 }, () => rng.int(7)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it("shuffle() returns a permutation, leaves the input alone, and reaches every order", () => {
    const input = [1, 2, 3];
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const out = createRng(seed).shuffle(input);
      expect([...out].sort()).toEqual([1, 2, 3]);
      seen.add(out.join(","));
    }
    expect(input).toEqual([1, 2, 3]);
    expect(seen.size).toBe(6);
  });

  it("sample() returns distinct elements, at most as many as exist", () => {
    const rng = createRng("s");
    const out = rng.sample(["a", "b", "c", "d", "e"], 3);
    expect(out).toHaveLength(3);
    expect(new Set(out).size).toBe(3);
    expect(rng.sample(["a", "b"], 5).sort()).toEqual(["a", "b"]);
  });
});
