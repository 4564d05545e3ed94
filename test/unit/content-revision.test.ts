import { describe, expect, it } from "vitest";
import { decideContentRevision, parseContentRevision } from "~/domain/content-revision";

describe("parseContentRevision", () => {
  it("reads a positive integer, with surrounding whitespace", () => {
    expect(parseContentRevision("7\n", "content/REVISION")).toEqual({ revision: 7 });
    expect(parseContentRevision("  12 ", "x")).toEqual({ revision: 12 });
  });
  it("refuses anything else, naming the file", () => {
    for (const bad of ["0", "-1", "1.5", "abc", "", "1 2", "99999999999999999999"]) {
      const r = parseContentRevision(bad, "content/REVISION");
      expect(r, bad).toHaveProperty("error");
      expect((r as { error: string }).error).toContain("content/REVISION");
    }
    expect((parseContentRevision(undefined, "c/REVISION") as { error: string }).error).toContain("缺少课件版本文件 c/REVISION");
  });
});

describe("decideContentRevision", () => {
  it("stores when the database has none or an older one, does nothing when equal, refuses when newer", () => {
    expect(decideContentRevision(3, undefined)).toEqual({ action: "store" });
    expect(decideContentRevision(3, "2")).toEqual({ action: "store" });
    expect(decideContentRevision(3, "3")).toEqual({ action: "same" });
    const refused = decideContentRevision(3, "5");
    expect(refused.action).toBe("refuse");
    expect((refused as { message: string }).message).toMatch(/5.*3/);
  });
});
