/**
 * Demo accounts exist only in demo mode; a normal start never creates them and disables any left with
 * the published password. (Split from startup.test.ts, which is about the SQLite file and runs on SQLite only.)
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { row } from "@db/client";
import { Browserish, startServer } from "../helpers/server";

/**
 * A demo start seeds 60 simulated learners' attempts through the real exam code: seconds alone, far more
 * on a loaded machine (most on PostgreSQL, one round trip per statement), so starts and tests get room.
 */
const DEMO_START_MS = 120_000;

describe("demo accounts", () => {
  it("exist in demo mode with the published password, and the log says so", async () => {
    const server = await startServer({ env: { KEFU_DEMO: "1", SESSION_SECRET: "" }, startTimeoutMs: DEMO_START_MS });
    try {
      expect(server.output()).toContain("演示模式");
      for (const who of ["admin", "trainer", "learner"]) await new Browserish(server.url).login(who, "kefu-demo");
      expect(fs.existsSync(path.join(server.dir, "session-secret"))).toBe(true);
    } finally {
      await server.stop();
    }
  }, DEMO_START_MS + 30_000);

  it("are never created by a normal start, and a demo password left in the database is disabled", async () => {
    const plain = await startServer({ startTimeoutMs: DEMO_START_MS });
    try {
      expect(Number((await row<{ n: number | string }>(plain.db, sql`select count(*) as "n" from users`))!.n)).toBe(0);
    } finally {
      await plain.stop();
    }
    const demo = await startServer({ env: { KEFU_DEMO: "1", SESSION_SECRET: "" }, startTimeoutMs: DEMO_START_MS });
    await demo.stop();
    const prod = await startServer({ ...demo.sameDatabase, startTimeoutMs: DEMO_START_MS });
    try {
      expect(prod.output()).toContain("已停用");
      const res = await new Browserish(prod.url).post("/login", { employeeNo: "admin", password: "kefu-demo" });
      expect(res.status).toBe(401);
    } finally {
      await prod.stop();
    }
  }, 2 * DEMO_START_MS + 30_000);
});
