/**
 * npm run db:copy -- --from sqlite:FILE --to postgres://…
 *
 * Moves an existing SQLite site to PostgreSQL: every row of every table, in one PostgreSQL transaction.
 * The SQLite file is only read: it is copied with SQLite's online backup to a temporary file, which is
 * brought to this version's schema (as the server would at start) and read from there. The target
 * database is migrated and must be empty (a fresh database), so a copy is never merged into live data.
 * Identity sequences are moved past the copied ids. Afterwards every table's row count is compared, and
 * the saved answers (attempt items with their sequence numbers) are compared row for row: the command
 * fails unless everything arrived. The courseware search index is not copied; each server rebuilds it
 * from content/ at start.
 *
 * Stop the app servers (or put the site in maintenance) before copying: saves made during the copy
 * would not be in it.
 */
import Database from "better-sqlite3";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { is, Table } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type pg from "pg";

const usage = "用法 usage: npm run db:copy -- --from sqlite:FILE --to postgres://USER@HOST:PORT/DB";

const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
if (!values.from?.startsWith("sqlite:") || !values.to || !/^postgres(ql)?:\/\//.test(values.to)) {
  console.error(usage);
  process.exit(2);
}
const from = path.resolve(values.from.slice("sqlite:".length));
const to = values.to;
// The process runs on PostgreSQL (db/engine.ts reads this when the modules below are first loaded).
process.env.DATABASE_URL = to;

const { openDatabase, openPostgres, pgPool, closeDatabase, DatabaseStartupError } = await import("../db/client");
const { redactUrl } = await import("../db/engine");
const sqliteSchema = await import("../db/schema.sqlite");

class CopyError extends Error {}

const BATCH_PARAMS = 30_000; // PostgreSQL allows 65,535 parameters per statement

try {
  if (!fs.existsSync(from)) throw new DatabaseStartupError(`找不到 SQLite 数据库文件 ${from}。`);
  const counts = await copy();
  console.log(`\n已复制到 ${redactUrl(to)}：`);
  for (const [table, n] of counts) console.log(`  ${table.padEnd(24)} ${String(n).padStart(8)} 行`);
  console.log(`共 ${[...counts.values()].reduce((a, b) => a + b, 0)} 行；行数与已保存的作答逐条核对一致。`);
} catch (error) {
  console.error(error instanceof DatabaseStartupError || error instanceof CopyError ? error.message : error);
  process.exit(1);
}

async function copy(): Promise<Map<string, number>> {
  // A consistent snapshot of the source, migrated to this version's schema, without touching the source.
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-copy-"));
  const snapshot = path.join(tmpDir, "source.db");
  try {
    const source = new Database(from, { readonly: true, fileMustExist: true });
    await source.backup(snapshot);
    source.close();
    const migrated = openDatabase(snapshot);
    (migrated as unknown as { $client: Database.Database }).$client.close();
    const sqlite = new Database(snapshot, { readonly: true });
    try {
      const target = await openPostgres(to, { poolMax: 2 });
      try {
        return await copyTables(sqlite, pgPool(target));
      } finally {
        await closeDatabase(target);
      }
    } finally {
      sqlite.close();
    }
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

type Pool = ReturnType<typeof pgPool>;

async function copyTables(sqlite: Database.Database, pool: Pool): Promise<Map<string, number>> {
  const tables = inDependencyOrder((Object.values(sqliteSchema) as unknown[]).filter((v): v is SQLiteTable => is(v, Table)));
  const client = await pool.connect();
  const counts = new Map<string, number>();
  try {
    await client.query("begin");
    for (const table of tables) {
      const { name } = getTableConfig(table);
      const existing = await client.query(`select count(*)::int as n from "${name}"`);
      if (existing.rows[0].n > 0) {
        throw new CopyError(`目标数据库 ${redactUrl(to)} 的表 ${name} 已有数据。请复制到一个新建的空数据库。`);
      }
    }
    for (const table of tables) {
      const config = getTableConfig(table);
      const columns = config.columns;
      const convert = columns.map((c) => converter(c.columnType));
      const names = columns.map((c) => `"${c.name}"`).join(", ");
      const select = sqlite.prepare(`select ${names} from "${config.name}"`).raw(true);
      const perBatch = Math.max(1, Math.floor(BATCH_PARAMS / columns.length));
      let batch: unknown[][] = [];
      let n = 0;
      const flush = async () => {
        if (!batch.length) return;
        const params: unknown[] = [];
        const tuples = batch.map((r) => `(${r.map((v, i) => (params.push(convert[i]!(v)), `$${params.length}`)).join(", ")})`);
        await client.query(`insert into "${config.name}" (${names}) values ${tuples.join(", ")}`, params);
        n += batch.length;
        batch = [];
      };
      for (const r of select.iterate() as Iterable<unknown[]>) {
        batch.push(r);
        if (batch.length >= perBatch) await flush();
      }
      await flush();
      counts.set(config.name, n);
      // Identity columns: the next generated id follows the copied ones.
      for (const c of columns) {
        const seq = await client.query("select pg_get_serial_sequence($1, $2) as s", [`"${config.name}"`, c.name]);
        if (seq.rows[0].s) {
          await client.query(`select setval($1, coalesce((select max("${c.name}") from "${config.name}"), 0) + 1, false)`, [seq.rows[0].s]);
        }
      }
    }
    await verify(sqlite, client, counts);
    await client.query("commit");
    return counts;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** SQLite stores booleans as 0/1 and JSON as text; PostgreSQL has boolean and jsonb. */
function converter(columnType: string): (v: unknown) => unknown {
  if (columnType === "SQLiteBoolean") return (v) => (v === null ? null : Number(v) === 1);
  return (v) => v;
}

/** Parents before children, following the foreign keys of the schema. */
function inDependencyOrder(tables: SQLiteTable[]): SQLiteTable[] {
  const done = new Set<SQLiteTable>();
  const out: SQLiteTable[] = [];
  const visit = (t: SQLiteTable, path: Set<SQLiteTable>) => {
    if (done.has(t) || path.has(t)) return;
    path.add(t);
    for (const fk of getTableConfig(t).foreignKeys) {
      const parent = fk.reference().foreignTable as SQLiteTable;
      if (parent !== t) visit(parent, path);
    }
    done.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

/** Row counts per table, and every saved answer (attempt item response and its sequence number), must match. */
async function verify(sqlite: Database.Database, client: pg.PoolClient, counts: Map<string, number>) {
  for (const [table, n] of counts) {
    const source = (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
    const target = (await client.query(`select count(*)::int as n from "${table}"`)).rows[0].n as number;
    if (source !== n || target !== n) throw new CopyError(`表 ${table} 行数不一致：SQLite ${source}，PostgreSQL ${target}。已回滚，目标数据库未改变。`);
  }
  const saved = sqlite
    .prepare("select attempt_id as a, position as p, response_seq as s, response as r from attempt_items where response is not null order by attempt_id, position")
    .all() as { a: string; p: number; s: number; r: string }[];
  const copied = new Map<string, { s: number; r: unknown }>();
  const rows = await client.query(
    "select attempt_id as a, position as p, response_seq as s, response as r from attempt_items where response is not null",
  );
  for (const r of rows.rows as { a: string; p: number; s: number; r: unknown }[]) copied.set(`${r.a}|${r.p}`, r);
  for (const r of saved) {
    const c = copied.get(`${r.a}|${r.p}`);
    if (!c || c.s !== r.s || JSON.stringify(c.r) !== JSON.stringify(JSON.parse(r.r))) {
      throw new CopyError(`已保存的作答未完整复制（答卷 ${r.a}，位置 ${r.p}）。已回滚，目标数据库未改变。`);
    }
  }
  if (copied.size !== saved.length) throw new CopyError("已保存的作答数量不一致。已回滚，目标数据库未改变。");
}
