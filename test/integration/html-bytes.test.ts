import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "~/content.server";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, { employeeNo: "H001", password: "learner-pass" });
});
afterAll(() => server?.stop());

describe("pages full of Chinese text", () => {
  it("never contain NUL bytes (React's streaming renderer can emit them at chunk boundaries)", async () => {
    const b = new Browserish(server.url);
    await b.login("H001", "learner-pass");
    const paths = ["/dashboard", "/modules", "/assignments", "/practice", ...loadContent("content").modules.map((m) => `/modules/${m.slug}`)];
    for (const p of paths) {
      const bytes = new Uint8Array(await (await b.get(p)).arrayBuffer());
      expect(bytes.length, p).toBeGreaterThan(2048);
      expect(bytes.indexOf(0), p).toBe(-1);
    }
  });
});
