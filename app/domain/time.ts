/**
 * The one time module: every date a person reads (pages, certificates, the verify page, CSV contents and
 * file names, the CLI) is computed and formatted here, in the product's time zone.
 *
 * - Zone: Asia/Shanghai by default; the server sets another IANA zone from `KEFU_TIMEZONE` at start-up
 *   and the root route passes it to the browser, so server and browser render the same text.
 *   All zone arithmetic goes through Intl (no hand-written offsets), so zones with daylight saving work too.
 * - One format per kind: date "2028-02-29", date-time "2028-02-29 07:30", time "07:30:05" (24 h), the
 *   same in every interface language.
 * - One "N months later" (`addMonths`): the same wall-clock time on the same calendar day N months later
 *   in the zone; a day the target month lacks is clamped to its last day (31 Jan + 1 month = 28/29 Feb,
 *   29 Feb 2028 + 12 months = 28 Feb 2029, + 48 months = 29 Feb 2032).
 */
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

let zone = DEFAULT_TIME_ZONE;
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** True when `tz` is an IANA zone this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Set the product's zone (server start-up, and the browser from the root loader). Throws on an unknown zone. */
export function setTimeZone(tz: string): void {
  if (tz === zone) return;
  if (!isValidTimeZone(tz)) throw new RangeError(`未知的时区“${tz}”（应为 IANA 时区名，如 Asia/Shanghai）`);
  zone = tz;
}

export function getTimeZone(): string {
  return zone;
}

function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
    });
    partsFormatters.set(tz, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** What a clock on the wall in the zone shows at `ms`. */
export function wallClock(ms: number, tz = zone): WallClock {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(tz).formatToParts(ms)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return {
    year: out.year,
    month: out.month,
    day: out.day,
    hour: out.hour === 24 ? 0 : out.hour,
    minute: out.minute,
    second: out.second,
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

/** The zone's offset from UTC at `ms`, in ms (Beijing: +8 h). */
function offsetAt(ms: number, tz: string): number {
  const w = wallClock(ms, tz);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond) - ms;
}

/** The instant a wall clock in the zone shows these values (a time skipped by daylight saving moves forward). */
export function fromWallClock(w: Omit<WallClock, "millisecond"> & { millisecond?: number }, tz = zone): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond ?? 0);
  let guess = asUtc - offsetAt(asUtc, tz);
  const second = asUtc - offsetAt(guess, tz);
  if (second !== guess) guess = Math.max(guess, second);
  return guess;
}

/** Days in a month of the (proleptic Gregorian) calendar; month 1–12. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real calendar date? (2026-02-30 is not.) */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** N calendar months later (or earlier, for negative N) in the zone; the day is clamped to the month's end. */
export function addMonths(at: number, months: number, tz = zone): number {
  const w = wallClock(at, tz);
  const index = w.year * 12 + (w.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return fromWallClock({ ...w, year, month, day: Math.min(w.day, daysInMonth(year, month)) }, tz);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "2028-02-29": the calendar date in the zone. */
export function formatDate(ms: number): string {
  const w = wallClock(ms);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** "2028-02-29 07:30". */
export function formatDateTime(ms: number): string {
  const w = wallClock(ms);
  return `${formatDate(ms)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** "07:30:05", for events within one attempt. */
export function formatTime(ms: number): string {
  const w = wallClock(ms);
  return `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** Epoch ms → the value of an <input type="datetime-local"> ("2026-03-01T09:00"), in the zone. */
export function toLocalInput(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "";
  const w = wallClock(ms);
  return `${formatDate(ms)}T${pad(w.hour)}:${pad(w.minute)}`;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-03-01T09:00" (a datetime-local value, read in the zone) → epoch ms; null when not a real date and time. */
export function parseLocalInput(s: string): number | null {
  const m = LOCAL_RE.exec(s.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0));
  if (year < 2000 || year > 2999 || !isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return fromWallClock({ year, month, day, hour, minute, second });
}

/** "2026-11-30" (a date input's value) → the calendar date, or null when it is not a real date in 2000–2100. */
export function parseDateInput(s: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 2000 || year > 2100 || !isCalendarDate(year, month, day)) return null;
  return { year, month, day };
}

/** The last millisecond of a calendar day in the zone (a due date "2026-11-30" means until 23:59:59.999). */
export function endOfDay(d: { year: number; month: number; day: number }): number {
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return fromWallClock({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0 }) - 1;
}

/** The first millisecond of the calendar day (in the zone) that contains `ms`. */
export function startOfDay(ms: number): number {
  const w = wallClock(ms);
  return fromWallClock({ year: w.year, month: w.month, day: w.day, hour: 0, minute: 0, second: 0 });
}

/** Whole calendar days (in the zone) from the day of `from` to the day of `to`: tomorrow is 1. */
export function calendarDaysBetween(from: number, to: number): number {
  const a = wallClock(from);
  const b = wallClock(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}
