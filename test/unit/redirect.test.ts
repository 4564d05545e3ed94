/** Where a sign-in may send the browser: our own paths only, never a 500. */
import { describe, expect, it } from "vitest";
import { refererPath, safeRedirectPath } from "~/domain/redirect";

describe("safeRedirectPath", () => {
  const hostile = [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\r/evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    " /dashboard",
    "/.//evil.example",
    "/\u0000/evil.example",
    "/\u000b/evil.example",
    "/\u0085/evil.example",
    "/\u3000/evil.example",
    "/dashboard\r\nSet-Cookie: x=1",
    "",
    "/" + "a".repeat(3000),
  ];
  for (const to of hostile) it(`refuses ${JSON.stringify(to).slice(0, 40)}`, () => expect(safeRedirectPath(to)).toBe("/dashboard"));

  it("refuses non-strings", () => {
    expect(safeRedirectPath(null)).toBe("/dashboard");
    expect(safeRedirectPath(undefined, "/")).toBe("/");
    expect(safeRedirectPath(42)).toBe("/dashboard");
  });

  it("keeps our own paths, with query and hash", () => {
    expect(safeRedirectPath("/exams/3?x=1#top")).toBe("/exams/3?x=1#top");
    expect(safeRedirectPath("/dashboard")).toBe("/dashboard");
    expect(safeRedirectPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    // Non-ASCII is percent-encoded (a raw header value would be refused by Node: a 500).
    expect(safeRedirectPath("/search?q=投诉")).toBe("/search?q=%E6%8A%95%E8%AF%89");
    expect(safeRedirectPath("/modules/../trainer")).toBe("/trainer");
  });

  it("every accepted value resolves on our own origin", () => {
    for (const to of ["/a", "/a/../b", "/./x", "/%09/evil", "/;/evil", "/?//evil", "/#//evil"]) {
      const out = safeRedirectPath(to);
      expect(new URL(out, "https://us.example").origin).toBe("https://us.example");
    }
  });
});

describe("refererPath", () => {
  it("takes the path of our own Referer", () => {
    expect(refererPath("http://127.0.0.1:3000/modules/sla?x=1", "127.0.0.1:3000")).toBe("/modules/sla?x=1");
    expect(refererPath("https://kefu.example/exams", "kefu.example")).toBe("/exams");
  });
  it("ignores missing, malformed and foreign ones", () => {
    for (const r of [null, "", "not a url", "http://[::1", "http://%zz/", "https://evil.example/x", "javascript:alert(1)", "http://127.0.0.1:3000\u0000/x"])
      expect(refererPath(r, "127.0.0.1:3000")).toBe("/");
  });
});
