/**
 * The browser's queue of exam answers not yet acknowledged by the server. Pure: the autosave hook keeps
 * the queue in localStorage (keyed by attempt) and asks here what to send, when to retry and what to
 * keep after a reload.
 *
 * - One entry per question (position): a newer answer (higher seq) replaces an older one, never the
 *   other way round, so a late acknowledgement of an old save cannot drop a newer answer.
 * - A failed save (network down, 5xx) stays and is retried with a growing back-off (1 s … 30 s, with
 *   jitter so a classroom of browsers does not retry in step); the 'online' event retries at once.
 * - After a reload, only entries newer than what the server already holds are kept and re-sent.
 * - seq numbers keep rising across reloads and devices: the next one is above both the last one this
 *   browser used and the highest one the server has stored for the attempt.
 */

export interface PendingSave {
  position: number;
  response: unknown;
  seq: number;
  /** Failed sends of this entry (0 while the first send is under way). */
  failures: number;
  /** Not before this time (the hook's monotonic clock, ms); 0 = at once. */
  nextAt: number;
}

export type SaveQueue = readonly PendingSave[];

export const BACKOFF_STEPS_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000] as const;

/** Delay before retry number `failures` (1 = first retry), jittered ±20 % by `random` ∈ [0, 1). */
export function backoffMs(failures: number, random = 0.5): number {
  const step = BACKOFF_STEPS_MS[Math.min(Math.max(failures, 1), BACKOFF_STEPS_MS.length) - 1];
  const r = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1) : 0.5;
  return Math.round(step * (0.8 + 0.4 * r));
}

const byPosition = (a: PendingSave, b: PendingSave) => a.position - b.position;

/** Add an answer; it replaces the entry of the same question only if it is newer. */
export function enqueue(queue: SaveQueue, save: { position: number; response: unknown; seq: number }): PendingSave[] {
  const existing = queue.find((e) => e.position === save.position);
  if (existing && existing.seq >= save.seq) return [...queue];
  const entry: PendingSave = {
    position: save.position,
    response: save.response,
    seq: save.seq,
    // Still not saved if the previous answer to this question never reached the server.
    failures: existing?.failures ?? 0,
    nextAt: 0,
  };
  return [...queue.filter((e) => e.position !== save.position), entry].sort(byPosition);
}

/** The server stored (or already had something newer than) `seq` for this question. */
export function acknowledge(queue: SaveQueue, position: number, seq: number): PendingSave[] {
  return queue.filter((e) => !(e.position === position && e.seq <= seq));
}

/** The server refused the answer for good (a bad request): drop it whatever its seq. */
export function discard(queue: SaveQueue, position: number, seq: number): PendingSave[] {
  return queue.filter((e) => !(e.position === position && e.seq === seq));
}

/** A send of `seq` failed: count it and schedule the retry (a newer answer, if any, is left alone). */
export function markFailed(queue: SaveQueue, position: number, seq: number, now: number, random = Math.random()): PendingSave[] {
  return queue.map((e) => {
    if (e.position !== position) return e;
    if (e.seq !== seq) return e.failures ? e : { ...e, failures: 1 };
    const failures = e.failures + 1;
    return { ...e, failures, nextAt: now + backoffMs(failures, random) };
  });
}

/** Entries whose time to (re)send has come, oldest position first. */
export function dueSaves(queue: SaveQueue, now: number): PendingSave[] {
  return queue.filter((e) => e.nextAt <= now);
}

/** When the next retry is due, or null if nothing waits. */
export function nextDueAt(queue: SaveQueue): number | null {
  return queue.length ? Math.min(...queue.map((e) => e.nextAt)) : null;
}

/** Back online (or about to submit): try everything now. */
export function retryAllNow(queue: SaveQueue): PendingSave[] {
  return queue.map((e) => (e.nextAt ? { ...e, nextAt: 0 } : e));
}

/** Answers that have failed at least once: what the "not yet saved" banner counts. */
export function failedCount(queue: SaveQueue): number {
  return queue.filter((e) => e.failures > 0).length;
}

/**
 * After a reload: keep the entries newer than what the server sent (by seq) for questions that exist,
 * ready to be re-sent at once. Anything the server already has (or has newer) is dropped.
 */
export function reconcile(queue: SaveQueue, server: readonly { position: number; seq: number }[]): PendingSave[] {
  const stored = new Map(server.map((s) => [s.position, s.seq]));
  return queue.filter((e) => stored.has(e.position) && e.seq > (stored.get(e.position) ?? 0)).map((e) => ({ ...e, nextAt: 0 }));
}

/** The next seq: above the last this browser used and above anything the server has stored. */
export function nextSeq(lastUsed: number, serverMax: number): number {
  const a = Number.isSafeInteger(lastUsed) && lastUsed > 0 ? lastUsed : 0;
  const b = Number.isSafeInteger(serverMax) && serverMax > 0 ? serverMax : 0;
  return Math.max(a, b) + 1;
}

/** Read a stored queue, tolerating anything (old formats, hand edits, a truncated write). */
export function parseQueue(text: string | null | undefined): PendingSave[] {
  if (!text) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  let queue: PendingSave[] = [];
  for (const item of raw) {
    if (!item || typeof item !== "object") continue;
    const e = item as Record<string, unknown>;
    if (!Number.isInteger(e.position) || (e.position as number) < 0) continue;
    if (!Number.isSafeInteger(e.seq) || (e.seq as number) < 1) continue;
    const failures = Number.isInteger(e.failures) && (e.failures as number) >= 0 ? (e.failures as number) : 0;
    queue = enqueue(queue, { position: e.position as number, response: e.response ?? null, seq: e.seq as number });
    queue = queue.map((q) => (q.position === e.position && q.seq === e.seq ? { ...q, failures } : q));
  }
  return queue;
}

/** What is written to localStorage (retry times are not kept: they mean nothing after a reload). */
export function serializeQueue(queue: SaveQueue): string {
  return JSON.stringify(queue.map(({ position, response, seq, failures }) => ({ position, response, seq, failures })));
}
