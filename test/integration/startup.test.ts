/**
 * Start-up of the SQLite database file: WAL, foreign keys and the schema version; a file written by a
 * newer app, a corrupt file and an unwritable location are refused naming the path. SQLite only
 * (vitest.config.ts). Demo accounts at start-up: demo-accounts.test.ts.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { knownSchemaVersion, openDatabase, row, rows , sqliteClient } from "@db/client";
import { startExpectingFailure, tempDir } from "../helpers/server";

describe("database start-up", () => {
  it("migrates a new database with WAL, foreign keys and the schema version", async () => {
    const file = path.join(tempDir(), "new.db");
    const db = openDatabase(file);
    expect(sqliteClient(db).pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqliteClient(db).pragma("foreign_keys", { simple: true })).toBe(1);
    expect(Number(sqliteClient(db).pragma("busy_timeout", { simple: true }))).toBeGreaterThan(0);
    expect(sqliteClient(db).pragma("user_version", { simple: true })).toBe(knownSchemaVersion());
    expect(await rows(db, sql`select name from sqlite_master where name in ('users','sessions','content_fts')`)).toHaveLength(3);
    sqliteClient(db).close();
  });

  it("refuses a database written by a newer version, naming the path", async () => {
    const file = path.join(tempDir(), "newer.db");
    sqliteClient(openDatabase(file)).close();
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
