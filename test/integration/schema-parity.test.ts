/**
 * The two engines have the same schema: db/schema.sqlite.ts and db/schema.pg.ts define the same tables,
 * and a SQLite file and a PostgreSQL database migrated with the real migrations (db/migrations,
 * db/migrations-pg) have the same tables, columns, types, nullability, defaults, keys and indexes.
 *
 * Types are compared after one normalisation, derived from the drizzle column definitions (not a list
 * per column): a column drizzle stores as JSON is "json" (SQLite TEXT, PostgreSQL jsonb), a boolean is
 * "boolean" (SQLite INTEGER, PostgreSQL boolean), otherwise the storage class: integer (PostgreSQL
 * integer or bigint), real (double precision) or text.
 *
 * The PostgreSQL half runs when TEST_DATABASE_URL is set (CI always sets it); it creates a fresh
 * database of its own on that server and drops it afterwards.
 */
import Database from "better-sqlite3";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { getTableColumns, is, SQL, type Column } from "drizzle-orm";
import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, PG_MIGRATIONS_DIR, sqliteClient } from "@db/client";
import * as pgSchema from "@db/schema.pg";
import * as sqliteSchema from "@db/schema.sqlite";
import { tempDir } from "../helpers/server";

/**
 * The only objects one engine has and the other has not: each engine's own courseware search.
 * SQLite searches with an FTS5 virtual table (trigram tokenizer, plus its FTS5 shadow tables);
 * PostgreSQL has no FTS5 and searches a plain table with pg_trgm GIN indexes instead.
 */
const ENGINE_SPECIFIC = {
  sqlite: ["content_fts"],
  postgres: ["content_search"],
} as const;

// ---------------------------------------------------------------------------------------------
// The shape both sides are reduced to

interface ColumnShape {
  type: "integer" | "real" | "text" | "json" | "boolean";
  notNull: boolean;
  default: string | null;
  /** Generated id (SQLite AUTOINCREMENT, PostgreSQL identity). */
  generated: boolean;
}
interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  /** "cols -> table(cols) on delete rule", sorted. */
  foreignKeys: string[];
  /** name → "unique|plain (cols) [partial: predicate]". */
  indexes: Record<string, string>;
  /** Names of the CHECK constraints, sorted (what each enforces is tested on both migrated databases). */
  checks: string[];
}
type SchemaShape = Record<string, TableShape>;

/** A default as text both engines agree on: no casts, no outer parentheses, lower-case keywords. */
function normaliseDefault(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  let v = value.trim();
  while (/^\(.*\)$/s.test(v)) v = v.slice(1, -1).trim();
  v = v.replace(/::[a-z][a-z ]*(\[\])?/gi, "");
  if (/^(true|false|null)$/i.test(v)) v = v.toLowerCase();
  return v;
}

/** A partial index's predicate as text both engines agree on. */
function normalisePredicate(value: string): string {
  return value
    .replace(/::[a-z][a-z ]*/gi, "")
    .replace(/[()"`]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** The engine-neutral type of a drizzle column: JSON and boolean by how drizzle maps it, else by storage. */
function logicalType(column: Column): ColumnShape["type"] {
  if (column.dataType === "json") return "json";
  if (column.dataType === "boolean") return "boolean";
  return storageType(column.getSQLType());
}

/** Storage type names of either engine, reduced: integer/bigint → integer, double precision → real, jsonb → json. */
function storageType(sqlType: string): ColumnShape["type"] {
  const t = sqlType.toLowerCase();
  if (t === "integer" || t === "bigint" || t === "smallint") return "integer";
  if (t === "real" || t === "double precision") return "real";
  if (t === "text") return "text";
  if (t === "jsonb" || t === "json") return "json";
  if (t === "boolean") return "boolean";
  throw new Error(`storage type ${sqlType} has no place in the normalisation: add it here`);
}

function sqlText(value: SQL): string {
  return value.queryChunks.map((chunk) => ((chunk as { value?: unknown }).value as string[] | undefined)?.join("") ?? "").join("");
}

function drizzleDefault(column: Column): string | null {
  if (!column.hasDefault) return null;
  const d = column.default;
  if (d === undefined) return null;
  if (is(d, SQL)) return normaliseDefault(sqlText(d));
  if (typeof d === "string") return `'${d.replace(/'/g, "''")}'`;
  return normaliseDefault(String(d));
}

// ---------------------------------------------------------------------------------------------
// The drizzle definitions

type AnyConfig = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

function tablesOf(module: Record<string, unknown>, engine: "sqlite" | "postgres") {
  const out: Record<string, { exportName: string; config: AnyConfig; table: SQLiteTable | PgTable }> = {};
  for (const [exportName, value] of Object.entries(module)) {
    if (engine === "sqlite" && is(value, SQLiteTable)) out[sqliteConfig(value).name] = { exportName, config: sqliteConfig(value), table: value };
    if (engine === "postgres" && is(value, PgTable)) out[pgConfig(value).name] = { exportName, config: pgConfig(value), table: value };
  }
  return out;
}

const sqliteTables = tablesOf(sqliteSchema, "sqlite");
const pgTables = tablesOf(pgSchema, "postgres");

function definitionShape(tables: ReturnType<typeof tablesOf>): SchemaShape {
  const shape: SchemaShape = {};
  for (const [name, { config }] of Object.entries(tables)) {
    const columns: Record<string, ColumnShape> = {};
    for (const column of config.columns as Column[]) {
      const generated =
        (column as unknown as { autoIncrement?: boolean }).autoIncrement === true ||
        (column as unknown as { generatedIdentity?: unknown }).generatedIdentity !== undefined;
      columns[column.name] = {
        type: logicalType(column),
        notNull: column.notNull || column.primary,
        default: drizzleDefault(column),
        generated,
      };
    }
    const single = (config.columns as Column[]).filter((c) => c.primary).map((c) => c.name);
    const composite = config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name));
    const foreignKeys = config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        const target = is(ref.foreignTable, PgTable) ? pgConfig(ref.foreignTable).name : sqliteConfig(ref.foreignTable as SQLiteTable).name;
        return `${ref.columns.map((c) => c.name).join(",")} -> ${target}(${ref.foreignColumns.map((c) => c.name).join(",")}) on delete ${fk.onDelete ?? "no action"}`;
      })
      .sort();
    const indexes: Record<string, string> = {};
    for (const index of config.indexes) {
      const c = index.config as { name?: string; unique: boolean; columns: { name?: string }[]; where?: SQL };
      indexes[c.name!] = `${c.unique ? "unique" : "plain"} (${c.columns.map((col) => col.name).join(",")})${c.where ? ` partial: ${normalisePredicate(sqlText(c.where))}` : ""}`;
    }
    const checks = ((config as { checks?: { name: string }[] }).checks ?? []).map((c) => c.name).sort();
    shape[name] = { columns, primaryKey: [...single, ...composite], foreignKeys, indexes, checks };
  }
  return shape;
}

// ---------------------------------------------------------------------------------------------
// A migrated SQLite file

function sqliteShape(file: string): SchemaShape {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations' order by name")
      .all() as { name: string; sql: string }[];
    const shape: SchemaShape = {};
    for (const { name, sql } of tables) {
      if (ENGINE_SPECIFIC.sqlite.some((t) => name === t || name.startsWith(`${t}_`))) continue;
      const defined = sqliteTables[name]?.config.columns as Column[] | undefined;
      const info = db.prepare(`pragma table_info("${name}")`).all() as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
      const columns: Record<string, ColumnShape> = {};
      for (const c of info) {
        // The file stores INTEGER and TEXT; whether drizzle reads one as boolean or JSON is in its definition.
        const mode = defined?.find((d) => d.name === c.name)?.dataType;
        const storage = storageType(c.type);
        const type = mode === "boolean" && storage === "integer" ? "boolean" : mode === "json" && storage === "text" ? "json" : storage;
        columns[c.name] = {
          type,
          notNull: c.notnull === 1 || c.pk > 0,
          default: normaliseDefault(c.dflt_value),
          generated: new RegExp(`[\`"]${c.name}[\`"] integer PRIMARY KEY AUTOINCREMENT`, "i").test(sql),
        };
      }
      const primaryKey = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      const fkRows = db.prepare(`pragma foreign_key_list("${name}")`).all() as { id: number; seq: number; table: string; from: string; to: string; on_delete: string }[];
      const byId = new Map<number, typeof fkRows>();
      for (const r of fkRows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
      const foreignKeys = [...byId.values()]
        .map((group) => {
          const g = group.sort((a, b) => a.seq - b.seq);
          return `${g.map((r) => r.from).join(",")} -> ${g[0].table}(${g.map((r) => r.to).join(",")}) on delete ${g[0].on_delete.toLowerCase()}`;
        })
        .sort();
      const indexes: Record<string, string> = {};
      const list = db.prepare(`pragma index_list("${name}")`).all() as { name: string; unique: number; origin: string; partial: number }[];
      for (const ix of list) {
        if (ix.origin === "pk") continue;
        const cols = (db.prepare(`pragma index_info("${ix.name}")`).all() as { seqno: number; name: string }[]).sort((a, b) => a.seqno - b.seqno).map((c) => c.name);
        let partial = "";
        if (ix.partial) {
          const { sql: ddl } = db.prepare("select sql from sqlite_master where type = 'index' and name = ?").get(ix.name) as { sql: string };
          partial = ` partial: ${normalisePredicate(ddl.slice(ddl.search(/\bwhere\b/i) + 5))}`;
        }
        indexes[ix.name] = `${ix.unique ? "unique" : "plain"} (${cols.join(",")})${partial}`;
      }
      const checks = [...sql.matchAll(/CONSTRAINT\s+["`]?(\w+)["`]?\s+CHECK\b/gi)].map((m) => m[1]).sort();
      shape[name] = { columns, primaryKey, foreignKeys, indexes, checks };
    }
    return shape;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// A migrated PostgreSQL database

const DELETE_RULES: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };

async function pgShape(client: pg.Client): Promise<SchemaShape> {
  const tables = (await client.query<{ name: string }>("select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")).rows;
  const shape: SchemaShape = {};
  for (const { name } of tables) {
    if ((ENGINE_SPECIFIC.postgres as readonly string[]).includes(name)) continue;
    const cols = (
      await client.query<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null; is_identity: string }>(
        "select column_name, data_type, is_nullable, column_default, is_identity from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position",
        [name],
      )
    ).rows;
    const columns: Record<string, ColumnShape> = {};
    for (const c of cols) {
      columns[c.column_name] = {
        type: storageType(c.data_type),
        notNull: c.is_nullable === "NO",
        default: normaliseDefault(c.column_default),
        generated: c.is_identity === "YES",
      };
    }
    const constraints = (
      await client.query<{ contype: string; cols: string[]; target: string | null; target_cols: string[] | null; deltype: string }>(
        `select c.contype,
                array(select a.attname from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i)::text[] as cols,
                c.confrelid::regclass::text as target,
                array(select a.attname from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i)::text[] as target_cols,
                c.confdeltype as deltype
           from pg_constraint c where c.conrelid = $1::regclass and c.contype in ('p', 'f')`,
        [`public."${name}"`],
      )
    ).rows;
    const primaryKey = constraints.find((c) => c.contype === "p")?.cols ?? [];
    const foreignKeys = constraints
      .filter((c) => c.contype === "f")
      .map((c) => `${c.cols.join(",")} -> ${c.target!.replace(/^public\./, "").replace(/"/g, "")}(${c.target_cols!.join(",")}) on delete ${DELETE_RULES[c.deltype]}`)
      .sort();
    const ixRows = (
      await client.query<{ name: string; unique: boolean; cols: string[]; predicate: string | null }>(
        `select i.relname as name, x.indisunique as unique,
                array(select a.attname from unnest(x.indkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.n order by k.o)::text[] as cols,
                pg_get_expr(x.indpred, x.indrelid) as predicate
           from pg_index x join pg_class i on i.oid = x.indexrelid
          where x.indrelid = $1::regclass and not x.indisprimary`,
        [`public."${name}"`],
      )
    ).rows;
    const indexes: Record<string, string> = {};
    for (const ix of ixRows) {
      indexes[ix.name] = `${ix.unique ? "unique" : "plain"} (${ix.cols.join(",")})${ix.predicate ? ` partial: ${normalisePredicate(ix.predicate)}` : ""}`;
    }
    const checks = (
      await client.query<{ name: string }>("select conname as name from pg_constraint where conrelid = $1::regclass and contype = 'c' order by 1", [`public."${name}"`])
    ).rows.map((c) => c.name);
    shape[name] = { columns, primaryKey, foreignKeys, indexes, checks };
  }
  return shape;
}

// ---------------------------------------------------------------------------------------------

function migratedSqliteFile(): string {
  const file = path.join(tempDir(), "parity.db");
  sqliteClient(openDatabase(file)).close(); // the app's own opening: pragmas, then every migration
  return file;
}

/** Raw statements that read the same on both engines. */
type Run = (statement: string) => Promise<Record<string, unknown>[]>;

/** The review's keys do what they say on a migrated database of either engine. */
async function checkKeys(run: Run) {
  await run("insert into users (id, employee_no, name, role, created_at, updated_at) values (1, 'A1', '甲', 'learner', 1, 1), (2, 'A2', '乙', 'learner', 1, 1)");
  await run("insert into questions (id, source, status, current_version, type, stem_text, created_at, updated_at) values ('q1', 'authored', 'published', 1, 'single', '题', 1, 1)");
  await run("insert into question_versions (question_id, version, type, stem, options, answer, explanation, facts, tags, content_hash, created_at) values ('q1', 1, 'single', '题', '[]', '\"a\"', '解', '[]', '[]', 'h', 1)");
  await run("insert into exams (id, title, blueprint, time_limit_minutes, pass_percent, attempts_allowed, shuffle_questions, shuffle_options, multiple_scoring, review_mode, audience, status, created_at, updated_at) values (1, '考试', '[]', 30, 60, 1, false, false, 'partial', 'score', 'everyone', 'published', 1, 1)");
  await run("insert into attempts (id, exam_id, user_id, attempt_no, seed, status, started_at, deadline, max_score_milli, multiple_scoring) values ('a1', 1, 1, 1, 's', 'submitted', 1, 2, 10000, 'partial')");
  await run("insert into attempt_items (attempt_id, position, question_id, version, points, option_order) values ('a1', 1, 'q1', 1, 10, '[]')");
  // (a) an attempt item shows a question version that exists
  await expect(run("insert into attempt_items (attempt_id, position, question_id, version, points, option_order) values ('a1', 2, 'q1', 2, 10, '[]')")).rejects.toThrow(/foreign key/i);
  // (c) a certificate survives its holder: a user with a certificate cannot be deleted (users are disabled instead)
  await run("insert into certificates (code, user_id, exam_id, attempt_id, name, holder_name, issued_at, expires_at) values ('C1', 1, 1, 'a1', '证书', '甲', 1, 2)");
  await expect(run("delete from users where id = 1")).rejects.toThrow(/foreign key/i);
  expect(await run("select code from certificates")).toEqual([{ code: "C1" }]);
  // (d) a new account need not change its password unless told to
  const [user] = await run("select must_change_password from users where id = 1");
  expect(Boolean(user.must_change_password)).toBe(false);
  // (e) the wrong-answer book: one entry per learner and question, removed with its learner
  await run("insert into wrong_answers (user_id, question_id, source, added_at, last_wrong_at, due, card) values (2, 'q1', 'practice', 1, 1, 1, '{}')");
  await expect(run("insert into wrong_answers (user_id, question_id, source, added_at, last_wrong_at, due, card) values (2, 'q1', 'drill', 2, 2, 2, '{}')")).rejects.toThrow(/unique|primary/i);
  const [entry] = await run("select right_streak, cleared_at from wrong_answers");
  expect(entry).toEqual({ right_streak: 0, cleared_at: null });
  await run("delete from users where id = 2");
  expect(await run("select * from wrong_answers")).toEqual([]);
  // (f) an assignment's reference is typed: exactly the column matching its kind, a real exam, one per target
  await run("insert into cohorts (id, name, created_at) values (1, '班', 1)");
  await run("insert into cohort_assignments (cohort_id, kind, module_slug, created_at) values (1, 'module', 'sla', 1)");
  await run("insert into cohort_assignments (cohort_id, kind, exam_id, created_at) values (1, 'exam', 1, 1)");
  for (const bad of [
    "insert into cohort_assignments (cohort_id, kind, module_slug, created_at) values (1, 'exam', 'sla', 1)",
    "insert into cohort_assignments (cohort_id, kind, exam_id, created_at) values (1, 'module', 1, 1)",
    "insert into cohort_assignments (cohort_id, kind, module_slug, exam_id, created_at) values (1, 'exam', 'sla', 1, 1)",
    "insert into cohort_assignments (cohort_id, kind, created_at) values (1, 'module', 1)",
  ]) await expect(run(bad), bad).rejects.toThrow(/check constraint/i);
  await expect(run("insert into cohort_assignments (cohort_id, kind, exam_id, created_at) values (1, 'exam', 99, 1)")).rejects.toThrow(/foreign key/i);
  await expect(run("insert into cohort_assignments (cohort_id, kind, module_slug, created_at) values (1, 'module', 'sla', 2)")).rejects.toThrow(/unique/i);
  await expect(run("insert into cohort_assignments (cohort_id, kind, exam_id, created_at) values (1, 'exam', 1, 2)")).rejects.toThrow(/unique/i);
  // Deleting the exam removes its assignment (and, as before, its attempts and certificates).
  await run("delete from exams where id = 1");
  expect(await run("select kind, module_slug, exam_id from cohort_assignments")).toEqual([{ kind: "module", module_slug: "sla", exam_id: null }]);
}

describe("schema parity: the drizzle definitions", () => {
  it("export the same tables under the same names", () => {
    const s = Object.fromEntries(Object.entries(sqliteTables).map(([name, t]) => [t.exportName, name]));
    const p = Object.fromEntries(Object.entries(pgTables).map(([name, t]) => [t.exportName, name]));
    expect(Object.keys(s).length).toBeGreaterThan(20);
    expect(p).toEqual(s);
  });

  it("give every table the same columns under the same property names, with the same row types", () => {
    for (const [name, { table }] of Object.entries(sqliteTables)) {
      const sCols = getTableColumns(table);
      const pCols = getTableColumns(pgTables[name].table);
      const summary = (cols: Record<string, Column>) =>
        Object.fromEntries(Object.entries(cols).map(([key, c]) => [key, { name: c.name, dataType: c.dataType, enumValues: c.enumValues ?? null, notNull: c.notNull }]));
      expect(summary(pCols), name).toEqual(summary(sCols));
    }
  });

  it("have the same types, nullability, defaults, keys and indexes", () => {
    expect(definitionShape(pgTables)).toEqual(definitionShape(sqliteTables));
  });

  it("include the review's keys, the forced password change and the wrong-answer book", () => {
    const shape = definitionShape(sqliteTables);
    expect(shape.attempt_items.foreignKeys).toContain("question_id,version -> question_versions(question_id,version) on delete no action");
    expect(shape.attempts.indexes.attempts_user_status_idx).toBe("plain (user_id,status)");
    expect(shape.certificates.foreignKeys).toContain("user_id -> users(id) on delete restrict");
    expect(shape.users.columns.must_change_password).toEqual({ type: "boolean", notNull: true, default: "false", generated: false });
    expect(shape.wrong_answers.primaryKey).toEqual(["user_id", "question_id"]);
    expect(shape.wrong_answers.indexes.wrong_answers_due_idx).toBe("plain (user_id,due)");
  });

  it("give assignments a typed reference and attempts their scores in thousandths of a point", () => {
    const shape = definitionShape(sqliteTables);
    expect(Object.keys(shape.cohort_assignments.columns).sort()).toEqual(["cohort_id", "created_at", "due_at", "exam_id", "id", "kind", "module_slug"]);
    expect(shape.cohort_assignments.foreignKeys).toContain("exam_id -> exams(id) on delete cascade");
    expect(shape.cohort_assignments.checks).toEqual(["cohort_assignments_ref_check"]);
    expect(shape.cohort_assignments.indexes).toEqual({
      cohort_assignments_module_unique: "unique (cohort_id,module_slug)",
      cohort_assignments_exam_unique: "unique (cohort_id,exam_id)",
    });
    expect(shape.attempts.columns.score_milli).toEqual({ type: "integer", notNull: false, default: null, generated: false });
    expect(shape.attempts.columns.max_score_milli).toEqual({ type: "integer", notNull: true, default: null, generated: false });
    expect(shape.attempts.columns.score).toBeUndefined();
    expect(shape.attempts.columns.max_score).toBeUndefined();
  });
});

describe("schema parity: a migrated SQLite file", () => {
  it("is what db/schema.sqlite.ts defines (the migrations are generated from it)", () => {
    expect(sqliteShape(migratedSqliteFile())).toEqual(definitionShape(sqliteTables));
  });

  it("enforces the review's keys and holds the new columns and table", async () => {
    const db = new Database(migratedSqliteFile());
    db.pragma("foreign_keys = ON"); // as the app opens it (db/client.ts)
    try {
      await checkKeys(async (statement) => {
        const prepared = db.prepare(statement);
        if (prepared.reader) return prepared.all() as Record<string, unknown>[];
        prepared.run();
        return [];
      });
    } finally {
      db.close();
    }
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;

// Defined only with a PostgreSQL server to test against (CI always has one), so no run reports skipped tests.
if (adminUrl) describe("schema parity: a migrated PostgreSQL database", () => {
  const dbName = `kefu_parity_${crypto.randomBytes(6).toString("hex")}`;
  let admin: pg.Client;
  let client: pg.Client;
  let pgMigrated: SchemaShape;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${dbName}"`);
    const url = new URL(adminUrl!);
    url.pathname = `/${dbName}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    try {
      await migratePg(drizzlePg(pool), { migrationsFolder: PG_MIGRATIONS_DIR });
    } finally {
      await pool.end();
    }
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    pgMigrated = await pgShape(client);
  });

  afterAll(async () => {
    await client?.end();
    await admin?.query(`drop database if exists "${dbName}" with (force)`);
    await admin?.end();
  });

  it("is what db/schema.pg.ts defines (the migrations are generated from it)", () => {
    expect(pgMigrated).toEqual(definitionShape(pgTables));
  });

  it("has the same tables, columns, types, nullability, defaults, keys and indexes as the SQLite file", () => {
    expect(pgMigrated).toEqual(sqliteShape(migratedSqliteFile()));
  });

  it("stores each column in the type db/schema.pg.ts declares (bigint times, jsonb, boolean, double precision)", async () => {
    for (const [name, { config }] of Object.entries(pgTables)) {
      const { rows } = await client.query<{ column_name: string; data_type: string }>(
        "select column_name, data_type from information_schema.columns where table_schema = 'public' and table_name = $1",
        [name],
      );
      const actual = Object.fromEntries(rows.map((r) => [r.column_name, r.data_type]));
      const declared = Object.fromEntries((config.columns as Column[]).map((c) => [c.name, c.getSQLType()]));
      expect(actual, name).toEqual(declared);
    }
  });

  it("enforces the review's keys and holds the new columns and table", async () => {
    await checkKeys(async (statement) => (await client.query(statement)).rows);
  });

  it("has the engine-specific search table with pg_trgm GIN indexes on heading and body", async () => {
    const { rows: ext } = await client.query("select 1 from pg_extension where extname = 'pg_trgm'");
    expect(ext).toHaveLength(1);
    const { rows } = await client.query<{ indexdef: string }>("select indexdef from pg_indexes where tablename = 'content_search' order by indexname");
    expect(rows.map((r) => r.indexdef)).toEqual([
      expect.stringMatching(/USING gin \(body gin_trgm_ops\)/),
      expect.stringMatching(/USING gin \(heading gin_trgm_ops\)/),
    ]);
    await client.query("insert into content_search (module_slug, section_id, heading, body) values ('m', 's', '宽带资费', '办理携号转网需要本人到营业厅')");
    const { rows: found } = await client.query("select section_id from content_search where body like '%携号%'");
    expect(found).toHaveLength(1);
  });
});
