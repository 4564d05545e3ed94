/** The one time module: zone-correct dates, one "N months later" rule, one format per kind. */
import { afterEach, describe, expect, it } from "vitest";
import {
  addMonths,
  calendarDaysBetween,
  DEFAULT_TIME_ZONE,
  endOfDay,
  formatDate,
  formatDateTime,
  formatTime,
  fromWallClock,
  getTimeZone,
  parseDateInput,
  parseLocalInput,
  setTimeZone,
  toLocalInput,
} from "~/domain/time";

/** A Beijing wall-clock time as an instant, written independently of the module (UTC+8, no DST). */
const bj = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h - 8, mi);

afterEach(() => setTimeZone(DEFAULT_TIME_ZONE));

describe("Beijing time by default", () => {
  it("is Asia/Shanghai", () => expect(getTimeZone()).toBe("Asia/Shanghai"));

  it("formats the Beijing calendar date, not the UTC one", () => {
    // 07:30 in Beijing is 23:30 UTC the day before.
    expect(formatDate(bj(2028, 2, 29, 7, 30))).toBe("2028-02-29");
    expect(new Date(bj(2028, 2, 29, 7, 30)).toISOString().slice(0, 10)).toBe("2028-02-28");
    // Midnight boundary.
    expect(formatDate(bj(2026, 3, 1, 0, 0))).toBe("2026-03-01");
    expect(formatDate(bj(2026, 3, 1, 0, 0) - 1)).toBe("2026-02-28");
    expect(formatDateTime(bj(2026, 3, 1, 9, 5))).toBe("2026-03-01 09:05");
    expect(formatTime(bj(2026, 3, 1, 23, 59) + 58_000)).toBe("23:59:58");
  });

  it("reads and writes datetime-local values in Beijing time", () => {
    expect(parseLocalInput("2026-03-01T09:00")).toBe(bj(2026, 3, 1, 9, 0));
    expect(toLocalInput(bj(2026, 3, 1, 9, 0))).toBe("2026-03-01T09:00");
    expect(toLocalInput(null)).toBe("");
    for (const bad of ["2026-02-30T09:00", "2026-13-01T09:00", "2026-03-01T24:00", "2026-03-01 09:00", "", "x"]) expect(parseLocalInput(bad)).toBeNull();
  });

  it("a due date is the end of that day in Beijing", () => {
    const d = parseDateInput("2026-11-30")!;
    expect(endOfDay(d)).toBe(bj(2026, 12, 1) - 1);
    expect(formatDate(endOfDay(d))).toBe("2026-11-30");
    expect(parseDateInput("2026-02-29")).toBeNull();
    expect(parseDateInput("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it("counts calendar days in Beijing", () => {
    expect(calendarDaysBetween(bj(2026, 3, 1, 23, 59), bj(2026, 3, 2, 0, 1))).toBe(1);
    expect(calendarDaysBetween(bj(2026, 3, 1, 0, 1), bj(2026, 3, 1, 23, 59))).toBe(0);
  });
});

describe("addMonths: same day and time N months later in the zone, clamped to the month's end", () => {
  const cases: [string, number, number, string][] = [
    // issued (Beijing)             months  expected (Beijing)
    ["2026-01-31 07:30", 1, 0, "2026-02-28 07:30"],
    ["2028-01-31 07:30", 1, 0, "2028-02-29 07:30"],
    ["2026-01-31 23:30", 1, 0, "2026-02-28 23:30"],
    ["2026-03-31 00:15", 1, 0, "2026-04-30 00:15"],
    ["2028-02-29 07:30", 12, 0, "2029-02-28 07:30"],
    ["2028-02-29 07:30", 24, 0, "2030-02-28 07:30"],
    ["2028-02-29 07:30", 48, 0, "2032-02-29 07:30"],
    ["2028-02-29 07:30", 1, 0, "2028-03-29 07:30"],
    ["2028-02-29 23:45", 12, 0, "2029-02-28 23:45"],
    ["2026-12-15 12:00", 1, 0, "2027-01-15 12:00"],
    ["2027-02-28 07:30", 12, 0, "2028-02-28 07:30"],
    ["2026-05-31 08:00", -3, 0, "2026-02-28 08:00"],
  ];
  for (const [from, months, , to] of cases) {
    it(`${from} + ${months} → ${to}`, () => {
      const [d, t] = from.split(" ");
      const [y, mo, day] = d.split("-").map(Number);
      const [h, mi] = t.split(":").map(Number);
      expect(formatDateTime(addMonths(bj(y, mo, day, h, mi), months))).toBe(to);
    });
  }

  it("uses the Beijing calendar where UTC would give another day (issued early morning)", () => {
    // 2026-01-31 07:30 Beijing is 2026-01-30 23:30 UTC; UTC arithmetic would give 2 March in Beijing.
    expect(formatDate(addMonths(bj(2026, 1, 31, 7, 30), 1))).toBe("2026-02-28");
    // 2028-02-29 07:30 Beijing is 28 Feb UTC; UTC arithmetic would give 1 March 2029 in Beijing.
    expect(formatDate(addMonths(bj(2028, 2, 29, 7, 30), 12))).toBe("2029-02-28");
  });
});

describe("another zone (KEFU_TIMEZONE)", () => {
  it("refuses an unknown zone", () => {
    expect(() => setTimeZone("Mars/Olympus_Mons")).toThrow(/未知的时区/);
    expect(getTimeZone()).toBe("Asia/Shanghai");
  });

  it("follows daylight saving through Intl", () => {
    setTimeZone("America/New_York");
    const noonEst = fromWallClock({ year: 2026, month: 2, day: 15, hour: 12, minute: 0, second: 0 });
    expect(noonEst).toBe(Date.UTC(2026, 1, 15, 17));
    const month = addMonths(noonEst, 1);
    expect(month).toBe(Date.UTC(2026, 2, 15, 16)); // EDT
    expect(formatDateTime(month)).toBe("2026-03-15 12:00");
    expect(formatDate(Date.UTC(2026, 2, 15, 3))).toBe("2026-03-14");
  });
});
