/**
 * The server's clock. Everything that stores or compares a time asks here, so tests can move time.
 */
let offsetMs = 0;
let fixed: number | null = null;

export function now(): number {
  return fixed ?? Date.now() + offsetMs;
}

/** Test hooks: freeze the clock at a time, or shift it; `resetClock` returns to real time. */
export const testClock = {
  set(ms: number) {
    fixed = ms;
  },
  advance(ms: number) {
    if (fixed !== null) fixed += ms;
    else offsetMs += ms;
  },
  reset() {
    fixed = null;
    offsetMs = 0;
  },
};
