/** The server's time rules for a sitting: saves within the grace, overdue attempts, and what a submission does. */
import { describe, expect, it } from "vitest";
import { acceptsSave, isOverdue, minutesLeft, SAVE_GRACE_MS, submission } from "~/domain/exam";

const D = Date.UTC(2026, 10, 29, 2, 0, 0);

describe("saves and overdue attempts", () => {
  it("accepts saves until the deadline plus the grace; overdue only after that", () => {
    expect(acceptsSave(D, D + SAVE_GRACE_MS)).toBe(true);
    expect(acceptsSave(D, D + SAVE_GRACE_MS + 1)).toBe(false);
    expect(isOverdue(D, D + SAVE_GRACE_MS)).toBe(false);
    expect(isOverdue(D, D + SAVE_GRACE_MS + 1)).toBe(true);
  });
});

describe("submission: who finalises, or nothing yet", () => {
  it("the learner pressing 交卷 finalises in the learner's name until the grace is over", () => {
    expect(submission("learner", D, D - 60_000)).toBe("learner");
    expect(submission("learner", D, D + SAVE_GRACE_MS)).toBe("learner");
    expect(submission("learner", D, D + SAVE_GRACE_MS + 1)).toBe("deadline");
  });

  it("the countdown reaching zero before the server's deadline finalises nothing (extra time the page has not heard of)", () => {
    expect(submission("time", D, D - 1)).toBe("timeNotUp");
    expect(submission("time", D + 5 * 60_000, D + 1_000)).toBe("timeNotUp");
  });

  it("the countdown reaching zero at or after the deadline finalises in the deadline's name", () => {
    expect(submission("time", D, D)).toBe("deadline");
    expect(submission("time", D, D + 2_000)).toBe("deadline");
    expect(submission("time", D, D + SAVE_GRACE_MS + 1)).toBe("deadline");
  });
});

describe("minutes left (the dashboard's resume button)", () => {
  it("counts a started minute, and never goes below zero", () => {
    const deadline = 1_000_000_000;
    expect(minutesLeft(deadline, deadline - 30 * 60_000)).toBe(30);
    expect(minutesLeft(deadline, deadline - 29 * 60_000 - 1)).toBe(30);
    expect(minutesLeft(deadline, deadline - 1)).toBe(1);
    expect(minutesLeft(deadline, deadline)).toBe(0);
    expect(minutesLeft(deadline, deadline + 60_000)).toBe(0);
  });
});
