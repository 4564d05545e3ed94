import { describe, expect, it } from "vitest";
import {
  acknowledge,
  backoffMs,
  BACKOFF_STEPS_MS,
  discard,
  dueSaves,
  enqueue,
  failedCount,
  markFailed,
  nextDueAt,
  nextSeq,
  parseQueue,
  reconcile,
  retryAllNow,
  serializeQueue,
  type PendingSave,
} from "~/domain/autosave-queue";
import { addSample, crossedThreshold, formatRemaining, sampleFrom, UNMEASURED_RTT } from "~/components/exam/server-clock";

const q = (...saves: [number, unknown, number][]) => saves.reduce<PendingSave[]>((acc, [position, response, seq]) => enqueue(acc, { position, response, seq }), []);

describe("autosave queue", () => {
  it("keeps one entry per question, the one with the highest seq", () => {
    let queue = q([2, "a", 1], [0, true, 2], [2, "b", 3]);
    expect(queue.map((e) => [e.position, e.response, e.seq])).toEqual([
      [0, true, 2],
      [2, "b", 3],
    ]);
    // An older answer arriving late (e.g. restored from storage) never replaces a newer one.
    queue = enqueue(queue, { position: 2, response: "old", seq: 2 });
    expect(queue.find((e) => e.position === 2)?.response).toBe("b");
    queue = enqueue(queue, { position: 2, response: "same seq", seq: 3 });
    expect(queue.find((e) => e.position === 2)?.response).toBe("b");
  });

  it("an acknowledgement removes the entry only if nothing newer was queued meanwhile", () => {
    let queue = q([1, "a", 5]);
    queue = enqueue(queue, { position: 1, response: "b", seq: 6 }); // typed while seq 5 was in flight
    queue = acknowledge(queue, 1, 5);
    expect(queue).toHaveLength(1);
    expect(queue[0].response).toBe("b");
    queue = acknowledge(queue, 1, 6);
    expect(queue).toEqual([]);
    // An acknowledgement with a higher seq (the server already had something newer) also clears it.
    expect(acknowledge(q([3, "x", 4]), 3, 9)).toEqual([]);
    expect(discard(q([3, "x", 4]), 3, 4)).toEqual([]);
    expect(discard(q([3, "x", 4]), 3, 3)).toHaveLength(1);
  });

  it("failed saves stay, back off, and are counted for the banner; online retries at once", () => {
    let queue = q([0, "a", 1], [1, "b", 2]);
    expect(failedCount(queue)).toBe(0);
    queue = markFailed(queue, 0, 1, 10_000, 0.5);
    expect(queue[0]).toMatchObject({ failures: 1, nextAt: 11_000 });
    expect(failedCount(queue)).toBe(1);
    expect(dueSaves(queue, 10_500).map((e) => e.position)).toEqual([1]);
    expect(nextDueAt(queue)).toBe(0);
    queue = markFailed(queue, 0, 1, 11_000, 0.5);
    expect(queue[0]).toMatchObject({ failures: 2, nextAt: 13_000 });
    // A newer answer to a failing question is sent at once but still counts as not saved.
    queue = enqueue(queue, { position: 0, response: "a2", seq: 3 });
    expect(queue[0]).toMatchObject({ seq: 3, failures: 2, nextAt: 0 });
    // The failure of an older seq does not push back a newer answer's retry.
    queue = markFailed(queue, 0, 1, 20_000, 0.5);
    expect(queue[0].nextAt).toBe(0);
    queue = markFailed(queue, 1, 2, 20_000, 0.5);
    expect(dueSaves(queue, 20_001).map((e) => e.position)).toEqual([0]);
    expect(dueSaves(retryAllNow(queue), 20_001).map((e) => e.position)).toEqual([0, 1]);
  });

  it("backs off 1 s, 2 s, 4 s … up to 30 s, jittered by ±20 %", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffMs(n, 0.5))).toEqual([1000, 2000, 4000, 8000, 15000, 30000, 30000, 30000]);
    expect(backoffMs(1, 0)).toBe(800);
    expect(backoffMs(1, 0.999999)).toBe(1200);
    expect(backoffMs(0, 0.5)).toBe(BACKOFF_STEPS_MS[0]);
    expect(backoffMs(3, Number.NaN)).toBe(4000);
  });

  it("after a reload keeps only answers newer than the server's, ready to re-send", () => {
    const stored = markFailed(q([0, "a", 4], [1, "b", 7], [2, "c", 9], [9, "gone", 10]), 1, 7, 99_000);
    const server = [
      { position: 0, seq: 5 }, // the server already has something newer
      { position: 1, seq: 6 }, // older on the server: re-send ours
      { position: 2, seq: 0 },
    ];
    const kept = reconcile(stored, server);
    expect(kept.map((e) => [e.position, e.seq, e.nextAt])).toEqual([
      [1, 7, 0],
      [2, 9, 0],
    ]);
    expect(kept[0].failures).toBe(1);
  });

  it("seq keeps rising across reloads and devices", () => {
    expect(nextSeq(0, 0)).toBe(1);
    expect(nextSeq(12, 3)).toBe(13);
    expect(nextSeq(2, 40)).toBe(41); // another device saved up to 40
    expect(nextSeq(Number.NaN, -4)).toBe(1);
  });

  it("survives storage: round trip, and anything malformed is ignored", () => {
    const queue = markFailed(q([0, ["x", "y"], 2], [3, [["左", "右"]], 5]), 3, 5, 1000);
    const back = parseQueue(serializeQueue(queue));
    expect(back.map((e) => [e.position, e.response, e.seq, e.failures, e.nextAt])).toEqual([
      [0, ["x", "y"], 2, 0, 0],
      [3, [["左", "右"]], 5, 1, 0],
    ]);
    expect(parseQueue(null)).toEqual([]);
    expect(parseQueue("{not json")).toEqual([]);
    expect(parseQueue('{"position":1}')).toEqual([]);
    expect(parseQueue('[null, 3, {"position":-1,"seq":2}, {"position":1,"seq":0}, {"position":1.5,"seq":3}, {"position":2,"seq":4,"response":7}]')).toEqual([
      { position: 2, response: 7, seq: 4, failures: 0, nextAt: 0 },
    ]);
    // Duplicates in storage: the highest seq wins.
    expect(parseQueue('[{"position":1,"seq":4,"response":"new"},{"position":1,"seq":2,"response":"old"}]')[0].response).toBe("new");
  });
});

describe("server clock estimate", () => {
  it("takes the middle of the round trip and prefers the shortest round trip", () => {
    const s = sampleFrom(1_000_000, 100, 300);
    expect(s).toEqual({ offset: 1_000_000 - 200, rtt: 200 });
    let clock = { samples: [{ offset: 5, rtt: UNMEASURED_RTT }], offset: 5 };
    clock = addSample(clock.samples, s);
    expect(clock.offset).toBe(999_800);
    clock = addSample(clock.samples, sampleFrom(2_000_000, 1000, 3000)); // slow reply: worse estimate
    expect(clock.offset).toBe(999_800);
    // Old samples age out (a suspended laptop's monotonic clock stood still): newer ones take over.
    for (let i = 0; i < 5; i++) clock = addSample(clock.samples, sampleFrom(5_000_000, 10_000 + i, 10_400 + i));
    expect(clock.offset).toBe(5_000_000 - 10_200);
  });

  it("formats the time left and announces 10 minutes and 1 minute once", () => {
    expect(formatRemaining(0)).toBe("00:00");
    expect(formatRemaining(-5000)).toBe("00:00");
    expect(formatRemaining(59_001)).toBe("01:00");
    expect(formatRemaining(29 * 60_000 + 45_000)).toBe("29:45");
    expect(formatRemaining(2 * 3600_000 + 5_000)).toBe("2:00:05");
    expect(crossedThreshold(600_100, 599_900)).toBe(600_000);
    expect(crossedThreshold(599_900, 599_000)).toBeNull();
    expect(crossedThreshold(60_200, 60_000)).toBe(60_000);
    expect(crossedThreshold(700_000, 30_000)).toBe(60_000);
    expect(crossedThreshold(30_000, 20_000)).toBeNull();
  });
});
