/**
 * The server's time as seen from the browser, without trusting the browser's wall clock.
 *
 * Everything is measured on the monotonic clock (`performance.now()`), which changing the computer's
 * clock does not move. Each server reply that carries the server's time gives a sample
 *   offset = serverTime − (sentAt + receivedAt) / 2
 * (the server read its clock somewhere during the round trip; the middle is the best guess, wrong by at
 * most half the round trip). Of the recent samples the one with the shortest round trip wins, as in NTP.
 * The page's own loader data is the first sample; its round trip is unknown, so any measured one wins.
 */

export interface ClockSample {
  offset: number;
  rtt: number;
}

/** How often the sitting page asks the server for the attempt's deadline and status (its heartbeat). */
export const HEARTBEAT_MS = 5_000;
/** After the server said "time is not up", ask again this long after the deadline it gave. */
export const RECHECK_MARGIN_MS = 300;

/** Samples kept: old ones go, so a suspended laptop (whose monotonic clock stood still) recovers. */
export const MAX_SAMPLES = 5;
/** The round trip assumed for the sample taken from the page's loader data. */
export const UNMEASURED_RTT = 60_000;

export function sampleFrom(serverTime: number, sentAt: number, receivedAt: number): ClockSample {
  const rtt = Math.max(0, receivedAt - sentAt);
  return { offset: serverTime - (sentAt + rtt / 2), rtt };
}

/** Keep the newest samples; return them with the best current estimate of the offset. */
export function addSample(samples: readonly ClockSample[], sample: ClockSample): { samples: ClockSample[]; offset: number } {
  const next = [...samples, sample].slice(-MAX_SAMPLES);
  return { samples: next, offset: bestOffset(next) };
}

export function bestOffset(samples: readonly ClockSample[]): number {
  let best = samples[0];
  for (const s of samples) if (s.rtt < best.rtt) best = s;
  return best.offset;
}

/** "mm:ss", or "h:mm:ss" from an hour up; never negative. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, "0");
  const ss = String(s).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Thresholds announced to screen readers (ms left), largest first. */
export const ANNOUNCE_AT_MS = [10 * 60_000, 60_000] as const;

/** The threshold crossed going from `before` to `after` ms left (the smallest, if a jump crossed two). */
export function crossedThreshold(before: number, after: number): number | null {
  let hit: number | null = null;
  for (const at of ANNOUNCE_AT_MS) if (before > at && after <= at) hit = at;
  return hit;
}
