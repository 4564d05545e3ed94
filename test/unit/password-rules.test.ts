/** The password strength rules stated on the change-password page and enforced by the server. */
import { describe, expect, it } from "vitest";
import { characterClasses, passwordProblems, PASSWORD_MAX_LENGTH, PASSWORD_RULES } from "~/domain/password-rules";

describe("passwordProblems", () => {
  it("accepts a long enough password that mixes two kinds of character and avoids the 工号", () => {
    expect(passwordProblems("correct-horse", "A1001")).toEqual([]);
    expect(passwordProblems("Kefu2026xy", "A1001")).toEqual([]);
    expect(passwordProblems("客服学堂密码abc", "A1001")).toEqual([]);
  });

  it("refuses fewer than 8 characters, counting characters rather than UTF-16 units", () => {
    expect(passwordProblems("ab1-xyz", "A1")).toEqual(["length"]);
    expect(passwordProblems("ab1-wxyz", "A1")).toEqual([]);
    // Seven characters, fourteen UTF-16 units: still too short.
    expect(passwordProblems("😀😀😀😀😀😀a", "A1")).toContain("length");
  });

  it("refuses more than the maximum length", () => {
    expect(passwordProblems("a1".repeat(PASSWORD_MAX_LENGTH / 2), "Z9")).toEqual([]);
    expect(passwordProblems(`a1${"a1".repeat(PASSWORD_MAX_LENGTH / 2)}`, "Z9")).toEqual(["length"]);
  });

  it("refuses a password of one kind of character only", () => {
    expect(passwordProblems("abcdefghij", "A1")).toEqual(["classes"]);
    expect(passwordProblems("ABCDEFGHIJ", "A1")).toEqual(["classes"]);
    expect(passwordProblems("2718281828", "A1")).toEqual(["classes"]);
    expect(passwordProblems("abcdefghiJ", "A1")).toEqual([]);
  });

  it("refuses a password containing the 工号 in any letter case", () => {
    expect(passwordProblems("a1001-pass", "A1001")).toEqual(["employeeNo"]);
    expect(passwordProblems("xxA1001xx!", "a1001")).toEqual(["employeeNo"]);
    expect(passwordProblems("A100-pass1", "A1001")).toEqual([]);
  });

  it("refuses common passwords (the demo password included) and one repeated character", () => {
    expect(passwordProblems("Password1", "A1")).toContain("common");
    expect(passwordProblems("kefu-demo", "A1")).toContain("common");
    expect(passwordProblems("12345678", "A1")).toContain("common");
    expect(passwordProblems("########", "A1")).toContain("common");
  });

  it("reports every rule broken, in the order the page states them", () => {
    expect(passwordProblems("a1001", "A1001")).toEqual(["length", "employeeNo"]);
    expect(passwordProblems("aaaaaaa", "X")).toEqual(["length", "classes", "common"]);
    expect(PASSWORD_RULES).toEqual(["length", "classes", "employeeNo", "common"]);
  });
});

describe("characterClasses", () => {
  it("counts lower, upper, digits and everything else", () => {
    expect(characterClasses("")).toBe(0);
    expect(characterClasses("abc")).toBe(1);
    expect(characterClasses("aB")).toBe(2);
    expect(characterClasses("aB3")).toBe(3);
    expect(characterClasses("aB3 ")).toBe(4);
    expect(characterClasses("密码")).toBe(1);
  });
});
