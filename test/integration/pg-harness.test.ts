/**
 * The PostgreSQL half of the suite runs where it says it does (PostgreSQL projects only, see
 * vitest.config.ts): this process is on PostgreSQL, openTestDb() opens a fresh database of the test
 * cluster that raw SQL reaches through @db/client's rows(), and freshDatabaseUrl() gives a new, empty
 * database each time, never the cluster's own.
 */
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import pg from "pg";
import { ENGINE, rows } from "@db/client";
import { adminQuery, freshDatabaseUrl, openTestDb, testEngine, type TestDb } from "../helpers/db";

const opened: TestDb[] = [];
afterAll(async () => {
  for (const t of opened) await t.close();
});

async function onDatabase<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe("the PostgreSQL test harness", () => {
  it("runs this process on PostgreSQL, and DATABASE_URL itself names no database", async () => {
    expect(testEngine()).toBe("postgres");
    expect(ENGINE).toBe("postgres");
    await expect(onDatabase(process.env.DATABASE_URL!, "select 1")).rejects.toThrow(/does not exist/);
  });

  it("openTestDb() opens a fresh, migrated database that answers raw SQL through rows()", async () => {
    const t = await openTestDb("harness");
    opened.push(t);
    expect(t.url).toMatch(/\/kefu_t_[0-9a-f]{8}_harness_[0-9a-f]{10}$/);
    expect(await rows<{ one: number }>(t.db, sql`select 1 as "one"`)).toEqual([{ one: 1 }]);
    const [{ name }] = await rows<{ name: string }>(t.db, sql`select current_database() as "name"`);
    expect(t.url!.endsWith(`/${name}`)).toBe(true);
    // db/migrations-pg was applied: the app's tables are there.
    const [{ n }] = await rows<{ n: number }>(t.db, sql`select count(*)::int as "n" from information_schema.tables where table_schema = 'public' and table_name = 'users'`);
    expect(n).toBe(1);
  });

  it("freshDatabaseUrl() twice gives two different empty databases", async () => {
    const a = await freshDatabaseUrl("a");
    const b = await freshDatabaseUrl("b");
    expect(a).not.toBe(b);
    const tables = (url: string) => onDatabase<{ n: number }>(url, "select count(*)::int as n from information_schema.tables where table_schema = 'public'");
    expect(await tables(a)).toEqual([{ n: 0 }]);
    expect(await tables(b)).toEqual([{ n: 0 }]);
    // What one test writes, the other database does not see.
    await onDatabase(a, "create table only_in_a (x int)");
    expect(await tables(a)).toEqual([{ n: 1 }]);
    expect(await tables(b)).toEqual([{ n: 0 }]);
    const names = (await adminQuery<{ datname: string }>("select datname from pg_database")).map((r) => r.datname);
    expect(names).toEqual(expect.arrayContaining([new URL(a).pathname.slice(1), new URL(b).pathname.slice(1)]));
  });
});
