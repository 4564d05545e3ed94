/**
 * Requests an attacker shapes: the sign-in redirect target (open redirect), NUL characters in a
 * search, a malformed Referer on the language switch. Each gets a safe answer, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browserish, createUser, startServer, type TestServer } from "../../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, { employeeNo: "Q001", password: "right-password" });
});
afterAll(() => server?.stop());

describe("sign-in redirect stays on our site", () => {
  const hostile = ["/\t/evil.example", "//evil.example", "/\\evil.example", "/\r\n/evil.example", "https://evil.example", "/.//evil.example", "/\u0000/x"];
  for (const to of hostile) {
    it(`redirectTo=${JSON.stringify(to)} lands on /dashboard after a real sign-in`, async () => {
      const b = new Browserish(server.url);
      const res = await b.post("/login", { employeeNo: "Q001", password: "right-password", redirectTo: to });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/dashboard");
    });
  }

  it("the query string form of the report (%2F%09%2Fevil.example) is read back as a safe default", async () => {
    // The page puts the query value in a hidden field; the browser posts it back decoded.
    const page = await (await new Browserish(server.url).get("/login?redirectTo=%2F%09%2Fevil.example")).text();
    expect(page).toContain('name="redirectTo"');
    const b = new Browserish(server.url);
    const res = await b.post("/login", { employeeNo: "Q001", password: "right-password", redirectTo: decodeURIComponent("%2F%09%2Fevil.example") });
    expect(res.headers.get("location")).toBe("/dashboard");
  });

  it("our own path survives, with its query", async () => {
    const b = new Browserish(server.url);
    const res = await b.post("/login", { employeeNo: "Q001", password: "right-password", redirectTo: "/search?q=投诉" });
    expect(res.headers.get("location")).toBe("/search?q=%E6%8A%95%E8%AF%89");
  });
});

describe("no 500 from odd input", () => {
  it("/search with NUL characters answers normally", async () => {
    const b = new Browserish(server.url);
    await b.login("Q001", "right-password");
    for (const q of ["%00", "a%00b", "%00%00%00", "%E6%8A%95%00%E8%AF%89", "%EE%80%80"]) {
      const res = await b.get(`/search?q=${q}`);
      expect(res.status, q).toBe(200);
    }
  });

  it("/lang with a malformed or foreign Referer goes home instead of failing", async () => {
    const b = new Browserish(server.url);
    for (const referer of ["http://[::1", "not a url", "http://%zz/", "https://evil.example/phish"]) {
      const res = await b.post("/lang", { locale: "en" }, { headers: { Referer: referer } });
      expect(res.status, referer).toBe(302);
      expect(res.headers.get("location")).toBe("/");
    }
    const own = await b.post("/lang", { locale: "zh" }, { headers: { Referer: `${server.url}/modules?x=1` } });
    expect(own.headers.get("location")).toBe("/modules?x=1");
  });
});
