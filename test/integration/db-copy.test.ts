/**
 * npm run db:copy moves a SQLite site to PostgreSQL: a demo site (accounts, the demo exam, the simulated
 * cohort's attempts with their saved answers and certificates, all made by the real code) is copied to a
 * fresh PostgreSQL database; every table's rows and every saved answer arrive, the counts are printed, a
 * server on the copy lets the demo accounts sign in, and a copy into a database that holds data is
 * refused and changes nothing. PostgreSQL project only (it needs a target cluster).
 */
import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openPostgres, row, rows, type Db } from "@db/client";
import { freshDatabaseUrl, tempDir } from "../helpers/db";
import { Browserish, startServer } from "../helpers/server";

const TABLES = ["users", "questions", "question_versions", "exams", "cohorts", "cohort_members", "cohort_assignments", "attempts", "attempt_items", "certificates", "audit_log"];

let sqliteFile = "";

/** A demo-mode SQLite site, made by the built server (the test process itself runs on PostgreSQL). */
async function makeSqliteSite(): Promise<string> {
  const file = path.join(tempDir(), "site.db");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_PATH: file,
    KEFU_DEMO: "1",
    LOG_LEVEL: "warn",
    ...(process.env.KEFU_TEST_RUN ? { KEFU_TEST_RUN: process.env.KEFU_TEST_RUN } : {}),
  };
  const child = spawn(process.execPath, ["build/server.js"], { env: env as NodeJS.ProcessEnv, stdio: "pipe" });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const seen = (d: Buffer) => {
      out += d;
      if (/http:\/\/127\.0\.0\.1:\d+/.test(out)) resolve();
    };
    child.stdout!.on("data", seen);
    child.stderr!.on("data", seen);
    child.once("exit", (code) => reject(new Error(`SQLite demo server exited ${code}: ${out}`)));
  });
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
  return file;
}

function copy(from: string, to: string) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/db-copy.ts", "--from", `sqlite:${from}`, "--to", to], { env, encoding: "utf8" });
}

function sqliteCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  sqliteFile = await makeSqliteSite();
}, 180_000);

describe("db:copy from SQLite to PostgreSQL", () => {
  let target = "";
  let pg: Db;

  afterAll(async () => {
    if (pg) await closeDatabase(pg);
  });

  it("copies every row and every saved answer, printing the counts", async () => {
    target = await freshDatabaseUrl("copy");
    const r = copy(sqliteFile, target);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const source = sqliteCounts(sqliteFile);
    expect(source.attempts).toBeGreaterThan(0);
    expect(source.certificates).toBeGreaterThan(0);
    for (const t of TABLES) expect(r.stdout).toMatch(new RegExp(`${t}\\s+${source[t]} 行`));
    expect(r.stdout).not.toContain(new URL(target).password || "\u0000");

    pg = await openPostgres(target, { migrate: false });
    for (const t of TABLES) {
      const n = (await row<{ n: number }>(pg, sql.raw(`select count(*) as "n" from ${t}`)))!.n;
      expect(n, t).toBe(source[t]);
    }
    const lite = new Database(sqliteFile, { readonly: true });
    const saved = lite
      .prepare("select attempt_id as a, position as p, response_seq as s, response as r from attempt_items where response is not null")
      .all() as { a: string; p: number; s: number; r: string }[];
    lite.close();
    expect(saved.length).toBeGreaterThan(0);
    const copied = new Map(
      (await rows<{ a: string; p: number; s: number; r: unknown }>(pg, sql`select attempt_id as "a", position as "p", response_seq as "s", response as "r" from attempt_items where response is not null`)).map(
        (x) => [`${x.a}|${x.p}`, x],
      ),
    );
    for (const s of saved) {
      const c = copied.get(`${s.a}|${s.p}`);
      expect(c, `${s.a}|${s.p}`).toBeDefined();
      expect(c!.s).toBe(s.s);
      expect(c!.r).toEqual(JSON.parse(s.r));
    }
    // Typed assignment references and scores in thousandths of a point arrive as they were.
    const same = [
      `select id, kind, module_slug as "moduleSlug", exam_id as "examId", due_at as "dueAt" from cohort_assignments order by id`,
      `select id, score_milli as "scoreMilli", max_score_milli as "maxScoreMilli", percent_bp as "percentBp" from attempts order by id`,
    ];
    const source2 = new Database(sqliteFile, { readonly: true });
    try {
      for (const q of same) {
        const before = source2.prepare(q).all();
        expect(before.length, q).toBeGreaterThan(0);
        expect(await rows(pg, sql.raw(q)), q).toEqual(before);
      }
    } finally {
      source2.close();
    }
  }, 120_000);

  it("a server on the copy serves the site: the demo accounts sign in, new rows get new ids", async () => {
    // Demo mode, as the site was (a normal start disables the published demo password).
    const server = await startServer({ databaseUrl: target, env: { KEFU_DEMO: "1", SESSION_SECRET: "" } });
    try {
      const learner = new Browserish(server.url);
      await learner.login("learner", "kefu-demo");
      const dashboard = await learner.get("/dashboard");
      expect(dashboard.status).toBe(200);
      const max = (await row<{ m: number }>(pg, sql`select max(id) as "m" from audit_log`))!.m;
      const admin = new Browserish(server.url);
      await admin.login("admin", "kefu-demo");
      const after = (await row<{ m: number }>(pg, sql`select max(id) as "m" from audit_log`))!.m;
      expect(after).toBeGreaterThanOrEqual(max);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it("refuses a target that already holds data, and leaves it as it was", async () => {
    const before = (await row<{ n: number }>(pg, sql`select count(*) as "n" from users`))!.n;
    const r = copy(sqliteFile, target);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("已有数据");
    expect((await row<{ n: number }>(pg, sql`select count(*) as "n" from users`))!.n).toBe(before);
  }, 120_000);
});
