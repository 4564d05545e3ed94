/**
 * Opening a PostgreSQL database (db/client.ts openPostgres): a fresh database is migrated, opening it
 * again changes nothing, several servers starting at once all succeed (one migrates under the advisory
 * lock, the others find it done), and a database written by a newer app, or a server that cannot be
 * reached, stops start-up with a message that names the host and database but never the password.
 *
 * The tests against a server run when TEST_DATABASE_URL is set (CI always sets it); each creates a fresh
 * database of its own there and drops it afterwards.
 */
import pg from "pg";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// This process talks to PostgreSQL: db/engine.ts reads DATABASE_URL once, when it is first imported,
// so it is set before db/client.ts is loaded (dynamically, below). The value only selects the engine.
process.env.DATABASE_URL = "postgres://kefu@127.0.0.1:1/engine-selection-only";
const client = await import("@db/client");
const { openPostgres, closeDatabase, pgPool, knownSchemaVersion, PG_MIGRATIONS_DIR, DatabaseStartupError } = client;

const PASSWORD = "Pw-never-shown-9f3k";

describe("openPostgres without a reachable server", () => {
  it("stops with a message naming the host and database, not the password", async () => {
    const error = await openPostgres(`postgres://kefu:${PASSWORD}@127.0.0.1:1/kefu_missing`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseStartupError);
    const message = (error as Error).message;
    expect(message).toContain("无法连接 PostgreSQL 数据库");
    expect(message).toContain("127.0.0.1:1/kefu_missing");
    expect(message).not.toContain(PASSWORD);
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;

// Defined only with a PostgreSQL server to test against (CI always has one), so no run reports skipped tests.
if (adminUrl) describe("openPostgres against a server", () => {
  let admin: pg.Client;
  const created: string[] = [];

  /** A fresh, empty database on the test server; its URL carries a password (the test server ignores it under trust auth, which is enough to prove it is never shown). */
  async function freshDatabase(): Promise<{ name: string; url: string }> {
    const name = `kefu_startup_${crypto.randomBytes(6).toString("hex")}`;
    await admin.query(`create database "${name}"`);
    created.push(name);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    if (!url.password) url.password = PASSWORD;
    return { name, url: url.toString() };
  }

  async function migrationRows(url: string): Promise<{ hash: string; created_at: string }[]> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query("select hash, created_at::text from drizzle.__drizzle_migrations order by id")).rows;
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
  });

  afterAll(async () => {
    for (const name of created) await admin.query(`drop database if exists "${name}" with (force)`);
    await admin?.end();
  });

  it("migrates a fresh database: every migration applied, the tables there", async () => {
    const { url } = await freshDatabase();
    const db = await openPostgres(url);
    try {
      const pool = pgPool(db);
      const { rows } = await pool.query("select count(*)::int as n from drizzle.__drizzle_migrations");
      expect(rows[0].n).toBe(knownSchemaVersion(PG_MIGRATIONS_DIR));
      const tables = await pool.query("select table_name from information_schema.tables where table_schema = 'public' and table_name in ('users', 'attempts', 'wrong_answers', 'content_search')");
      expect(tables.rows).toHaveLength(4);
    } finally {
      await closeDatabase(db);
    }
  });

  it("opening a migrated database again changes nothing", async () => {
    const { url } = await freshDatabase();
    await closeDatabase(await openPostgres(url));
    const before = await migrationRows(url);
    const db = await openPostgres(url);
    try {
      await pgPool(db).query("insert into users (employee_no, name, role, created_at, updated_at) values ('K0001', '张三', 'learner', 1, 1)");
    } finally {
      await closeDatabase(db);
    }
    const third = await openPostgres(url);
    try {
      expect(await migrationRows(url)).toEqual(before);
      const { rows } = await pgPool(third).query("select employee_no from users");
      expect(rows).toEqual([{ employee_no: "K0001" }]);
    } finally {
      await closeDatabase(third);
    }
  });

  it("two servers starting at once on a fresh database both open it, and it is migrated once", async () => {
    const { url } = await freshDatabase();
    const results = await Promise.allSettled([openPostgres(url), openPostgres(url)]);
    for (const r of results) if (r.status === "fulfilled") await closeDatabase(r.value);
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "opened"))).toEqual(["opened", "opened"]);
    const rows = await migrationRows(url);
    expect(rows).toHaveLength(knownSchemaVersion(PG_MIGRATIONS_DIR));
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
  });

  it("refuses a database written by a newer version of the app, naming host and database but not the password", async () => {
    const { name, url } = await freshDatabase();
    await closeDatabase(await openPostgres(url));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-release', $1)", [Date.now() + 86_400_000]);
    await c.query("create table later_feature (id integer)");
    await c.end();

    const error = await openPostgres(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseStartupError);
    const message = (error as Error).message;
    expect(message).toContain("由更新版本的应用写入");
    expect(message).toContain(`${new URL(url).host}/${name}`);
    expect(message).not.toContain(new URL(url).password);
    // Refused, not touched: the newer release's row and table are as they were.
    const rows = await migrationRows(url);
    expect(rows).toHaveLength(knownSchemaVersion(PG_MIGRATIONS_DIR) + 1);
    expect(rows.at(-1)!.hash).toBe("from-a-newer-release");
  });
});
