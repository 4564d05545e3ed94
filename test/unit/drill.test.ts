import { describe, expect, it } from "vitest";
import {
  dayStart,
  deserializeCard,
  drillItems,
  dueCount,
  factOfDrillQuestion,
  NEW_CARDS_PER_DAY,
  newCard,
  nextDrillFact,
  nextDueAt,
  Rating,
  ratingFor,
  review,
  serializeCard,
  toFactCards,
  type FactCard,
} from "~/domain/drill";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
// 2026-03-02 10:00 in China (02:00 UTC).
const T0 = Date.UTC(2026, 2, 2, 2, 0);

describe("ratingFor", () => {
  it("wrong → Again; right: slow → Hard, fast → Easy, otherwise Good", () => {
    expect(ratingFor(false, 3_000)).toBe(Rating.Again);
    expect(ratingFor(false, null)).toBe(Rating.Again);
    expect(ratingFor(true, 25_000)).toBe(Rating.Hard);
    expect(ratingFor(true, 20_000)).toBe(Rating.Good); // "slower than 20 s" is strict
    expect(ratingFor(true, 12_000)).toBe(Rating.Good);
    expect(ratingFor(true, 5_000)).toBe(Rating.Good);
    expect(ratingFor(true, 4_999)).toBe(Rating.Easy);
    expect(ratingFor(true, null)).toBe(Rating.Good); // time unknown earns neither Easy nor Hard
    expect(ratingFor(true, -5)).toBe(Rating.Good);
  });
});

describe("review", () => {
  it("a wrong answer brings a new card back sooner than a right one", () => {
    const card = newCard(T0);
    expect(card.due).toBe(T0);
    const again = review(card, ratingFor(false, 8_000), T0);
    const good = review(card, ratingFor(true, 8_000), T0);
    const easy = review(card, ratingFor(true, 2_000), T0);
    expect(again.due).toBeGreaterThan(T0);
    expect(again.due).toBeLessThan(good.due);
    expect(good.due).toBeLessThan(easy.due);
    expect(again.due - T0).toBe(1 * MIN); // first learning step
    expect(good.due - T0).toBe(10 * MIN); // second learning step
    expect(easy.due - T0).toBeGreaterThanOrEqual(DAY); // known cold: straight to days
  });

  it("a lapse on a learned card brings it back sooner, and counts a lapse", () => {
    let card = newCard(T0);
    card = review(card, Rating.Good, T0);
    card = review(card, Rating.Good, card.due); // graduates to review (days)
    const at = card.due;
    const wrong = review(card, Rating.Again, at);
    const right = review(card, Rating.Good, at);
    expect(wrong.due).toBeLessThan(right.due);
    expect(wrong.lapses).toBe(card.lapses + 1);
    expect(right.due - at).toBeGreaterThan(DAY);
  });

  it("keeps when the card was introduced", () => {
    const card = newCard(T0);
    expect(review(card, Rating.Good, T0 + 5 * MIN).introduced).toBe(T0);
  });
});

describe("serialisation", () => {
  it("round-trips through JSON with epoch ms", () => {
    let card = newCard(T0);
    card = review(card, Rating.Good, T0 + 1_234);
    const json = JSON.parse(JSON.stringify(serializeCard(card)));
    expect(typeof json.due).toBe("number");
    expect(typeof json.last_review).toBe("number");
    expect(deserializeCard(json)).toEqual(card);
    // The restored card schedules exactly like the original.
    expect(review(deserializeCard(json)!, Rating.Hard, card.due)).toEqual(review(card, Rating.Hard, card.due));
    const fresh = JSON.parse(JSON.stringify(serializeCard(newCard(T0))));
    expect(fresh.last_review).toBeNull();
    expect(deserializeCard(fresh)).toEqual(newCard(T0));
  });

  it("refuses what is not a card", () => {
    for (const v of [null, undefined, 1, "card", [], {}, { ...serializeCard(newCard(T0)), due: "tomorrow" }, { ...serializeCard(newCard(T0)), state: 9 }])
      expect(deserializeCard(v)).toBeNull();
    expect(toFactCards([{ factId: "a", card: {} }, { factId: "b", card: serializeCard(newCard(T0)) }]).map((c) => c.factId)).toEqual(["b"]);
  });
});

describe("what is due", () => {
  const ids = Array.from({ length: 15 }, (_, i) => `fact_${String(i).padStart(2, "0")}`);

  it("counts facts with no card as due, up to the daily limit of new cards", () => {
    expect(NEW_CARDS_PER_DAY).toBe(10);
    expect(dueCount([], ids, T0)).toBe(10);
    expect(dueCount([], ids.slice(0, 4), T0)).toBe(4);
    expect(dueCount([], [], T0)).toBe(0);
  });

  it("drilling one new fact lowers the count by one; it is due again once its time comes", () => {
    const card = review(newCard(T0), Rating.Good, T0);
    const cards: FactCard[] = [{ factId: ids[0], card }];
    expect(dueCount(cards, ids, T0)).toBe(9);
    expect(dueCount(cards, ids, card.due)).toBe(10); // the review is back, 9 new still allowed
  });

  it("new cards introduced today use up the limit; tomorrow brings a fresh allowance", () => {
    const cards: FactCard[] = ids.slice(0, 10).map((factId) => ({ factId, card: review(newCard(T0), Rating.Easy, T0) }));
    expect(dueCount(cards, ids, T0 + MIN)).toBe(0);
    expect(nextDrillFact(cards, ids, T0 + MIN)).toBeNull();
    // Midnight in China (16:00 UTC): 5 unseen facts are allowed again (the Easy cards are not yet due).
    const tomorrow = dayStart(T0) + DAY;
    expect(dueCount(cards, ids, tomorrow - 1)).toBe(0);
    expect(dueCount(cards, ids, tomorrow)).toBe(5);
    expect(dayStart(T0)).toBe(Date.UTC(2026, 2, 1, 16, 0));
  });

  it("ignores cards of facts that can no longer be drilled", () => {
    const cards: FactCard[] = [{ factId: "retired_fact", card: newCard(T0 - DAY) }];
    expect(dueCount(cards, ["a"], T0)).toBe(1);
    expect(nextDueAt(cards, ["a"])).toBeNull();
  });

  it("picks the most overdue review first, then new facts in order", () => {
    const late = review(newCard(T0 - 2 * DAY), Rating.Again, T0 - 2 * DAY);
    const later = review(newCard(T0 - DAY), Rating.Again, T0 - DAY);
    const cards: FactCard[] = [
      { factId: ids[3], card: later },
      { factId: ids[5], card: late },
    ];
    expect(nextDrillFact(cards, ids, T0)).toEqual({ factId: ids[5], isNew: false });
    expect(nextDrillFact([], ids, T0)).toEqual({ factId: ids[0], isNew: true });
    const notDue = [{ factId: ids[0], card: review(newCard(T0), Rating.Good, T0) }];
    expect(nextDrillFact(notDue, ids, T0)).toEqual({ factId: ids[1], isNew: true });
    expect(nextDueAt(notDue, ids)).toBe(T0 + 10 * MIN);
  });
});

describe("drill items", () => {
  const facts = [
    { id: "b_fact", n: 2, status: "ok" },
    { id: "a_fact", n: 1, status: "ok" },
    { id: "lost_fact", n: 3, status: "lost" },
    { id: "word_fact", n: 4, status: "ambiguous" },
    { id: "retired_fact", n: 5, status: "ok" },
  ];
  const published = new Set([
    "gen-fact-a_fact-numeric",
    "gen-fact-a_fact-single",
    "gen-fact-b_fact-single",
    "gen-fact-lost_fact-numeric",
    "gen-fact-word_fact-single",
  ]);

  it("prefers the numeric question, falls back to single choice, skips lost facts and facts without a published question", () => {
    expect(drillItems(facts, published)).toEqual([
      { factId: "a_fact", questionId: "gen-fact-a_fact-numeric" },
      { factId: "b_fact", questionId: "gen-fact-b_fact-single" },
      { factId: "word_fact", questionId: "gen-fact-word_fact-single" },
    ]);
  });

  it("maps a drill question id back to its fact", () => {
    expect(factOfDrillQuestion("gen-fact-a_fact-numeric")).toBe("a_fact");
    expect(factOfDrillQuestion("gen-fact-a_fact-single")).toBe("a_fact");
    expect(factOfDrillQuestion("gen-fact-a_fact-tf-true")).toBeNull();
    expect(factOfDrillQuestion("authored-1")).toBeNull();
  });
});
