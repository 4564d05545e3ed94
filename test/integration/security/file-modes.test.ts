/**
 * Files created owner-only (0600): the SQLite database and its WAL, and the session secret that demo mode
 * generates beside the database. SQLite only (vitest.config.ts): on PostgreSQL there is no database file.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, tempDir, type TestServer } from "../../helpers/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

describe("files created owner-only", () => {
  it("the database (and its WAL) are 0600", () => {
    for (const f of [server.dbPath, `${server.dbPath}-wal`]) {
      if (!fs.existsSync(f)) continue;
      expect((fs.statSync(f).mode & 0o777).toString(8), f).toBe("600");
    }
    expect(fs.existsSync(server.dbPath)).toBe(true);
  });

  it("the generated session secret is 0600", async () => {
    const dir = tempDir();
    const demo = await startServer({ env: { KEFU_DEMO: "1", SESSION_SECRET: "" }, dbPath: path.join(dir, "data", "app.db") });
    try {
      const file = path.join(dir, "data", "session-secret");
      expect(fs.existsSync(file)).toBe(true);
      expect((fs.statSync(file).mode & 0o777).toString(8)).toBe("600");
      expect((fs.statSync(path.join(dir, "data", "app.db")).mode & 0o777).toString(8)).toBe("600");
    } finally {
      await demo.stop();
    }
  });
});
