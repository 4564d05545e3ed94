import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { knownSchemaVersion, openDatabase, row, rows } from "@db/client";
import { Browserish, startExpectingFailure, startServer, tempDir } from "../helpers/server";

describe("database start-up", () => {
  it("migrates a new database with WAL, foreign keys and the schema version", async () => {
    const file = path.join(tempDir(), "new.db");
    const db = openDatabase(file);
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(Number(db.$client.pragma("busy_timeout", { simple: true }))).toBeGreaterThan(0);
    expect(db.$client.pragma("user_version", { simple: true })).toBe(knownSchemaVersion());
    expect(await rows(db, sql`select name from sqlite_master where name in ('users','sessions','content_fts')`)).toHaveLength(3);
    db.$client.close();
  });

  it("refuses a database written by a newer version, naming the path", async () => {
    const file = path.join(tempDir(), "newer.db");
    openDatabase(file).$client.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${knownSchemaVersion() + 5}`);
    raw.close();
    const { code, output } = await startExpectingFailure({ DATABASE_PATH: file });
    expect(code).toBe(1);
    expect(output).toContain("由更新版本的应用写入");
    expect(output).toContain(file);
  });

  it("stops with a message naming the path when the file is corrupt", async () => {
    const file = path.join(tempDir(), "corrupt.db");
    fs.writeFileSync(file, "this is not a database, just text ".repeat(200));
    const { code, output } = await startExpectingFailure({ DATABASE_PATH: file });
    expect(code).toBe(1);
    expect(output).toContain(file);
    expect(output).toContain("无法使用");
  });

  it("stops with a message naming the path when the location is not writable", async () => {
    const dir = tempDir();
    const blocker = path.join(dir, "not-a-dir");
    fs.writeFileSync(blocker, "x");
    const file = path.join(blocker, "app.db");
    const { code, output } = await startExpectingFailure({ DATABASE_PATH: file });
    expect(code).toBe(1);
    expect(output).toContain(file);
  });

  it("production start without SESSION_SECRET refuses to run", async () => {
    const { code, output } = await startExpectingFailure({ DATABASE_PATH: path.join(tempDir(), "x.db"), SESSION_SECRET: "" });
    expect(code).toBe(1);
    expect(output).toContain("SESSION_SECRET");
  });
});

describe("demo accounts", () => {
  it("exist in demo mode with the published password, and the log says so", async () => {
    const server = await startServer({ env: { KEFU_DEMO: "1", SESSION_SECRET: "" } });
    try {
      expect(server.output()).toContain("演示模式");
      for (const who of ["admin", "trainer", "learner"]) await new Browserish(server.url).login(who, "kefu-demo");
      expect(fs.existsSync(path.join(server.dir, "session-secret"))).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it("are never created by a normal start, and a demo password left in the database is disabled", async () => {
    const plain = await startServer();
    try {
      expect((await row<{ n: number }>(plain.db, sql`select count(*) as n from users`))!.n).toBe(0);
    } finally {
      await plain.stop();
    }
    const dir = tempDir();
    const dbPath = path.join(dir, "shared.db");
    const demo = await startServer({ dbPath, env: { KEFU_DEMO: "1", SESSION_SECRET: "" } });
    await demo.stop();
    const prod = await startServer({ dbPath });
    try {
      expect(prod.output()).toContain("已停用");
      const res = await new Browserish(prod.url).post("/login", { employeeNo: "admin", password: "kefu-demo" });
      expect(res.status).toBe(401);
    } finally {
      await prod.stop();
    }
  });
});
