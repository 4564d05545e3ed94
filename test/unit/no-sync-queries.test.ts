/**
 * The data layer is asynchronous and engine-neutral: code under app/ and db/ awaits drizzle builders.
 * It never ends a builder with the SQLite-only `.all()`, `.get()`, `.run()` or `.values()` (with no
 * arguments: the synchronous better-sqlite3 forms, which do not exist on PostgreSQL), never reaches for
 * `db.$client` or opens `db.transaction(...)` (db/client.ts `transaction` is the one way), and imports
 * better-sqlite3 only where SQLite itself is the point: db/client.ts (opening), db/backup.ts (the backup
 * API) and db/queries/hot.ts (prepared statements of the SQLite branch).
 *
 * Parsed with the TypeScript parser (no type checking, so it is quick): a call counts as "on a builder"
 * when its receiver is itself a call (`….where(…).all()`, `….returning().get()`); a Map's `.values()`
 * (receiver a name) is not one. Chains that start from better-sqlite3's `prepare(…)` are the SQLite
 * branches' prepared statements and are allowed.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SYNC_ENDINGS = new Set(["all", "get", "run", "values"]);
const BETTER_SQLITE_ALLOWED = new Set(["db/client.ts", "db/backup.ts", "db/queries/hot.ts"]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "migrations" || e.name === "migrations-pg" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Whether a call chain passes through `.prepare(…)` (a better-sqlite3 statement). */
function throughPrepare(node: ts.Expression): boolean {
  let e: ts.Expression = node;
  for (;;) {
    if (ts.isCallExpression(e)) {
      if (ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "prepare") return true;
      e = e.expression;
    } else if (ts.isPropertyAccessExpression(e) || ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e)) {
      e = e.expression;
    } else return false;
  }
}

/** What is wrong with one file ("line N: …"), `file` relative to the project root with forward slashes. */
export function findings(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const line = (n: ts.Node) => source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      const receiver = node.expression.expression;
      if (SYNC_ENDINGS.has(name) && node.arguments.length === 0 && ts.isCallExpression(receiver) && !throughPrepare(receiver))
        found.push(`line ${line(node)}: .${name}() on a query builder (SQLite only); await the builder instead`);
      if (name === "transaction" && file !== "db/client.ts")
        found.push(`line ${line(node)}: .transaction(…) of a driver; use transaction(db, async (tx) => …) from db/client.ts`);
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === "$client" && file !== "db/client.ts")
      found.push(`line ${line(node)}: db.$client (the driver behind the database); use db/client.ts primitives`);
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (node.moduleSpecifier.text === "better-sqlite3" && !BETTER_SQLITE_ALLOWED.has(file))
        found.push(`line ${line(node)}: imports better-sqlite3 outside db/client.ts, db/backup.ts and db/queries/hot.ts`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("no synchronous queries under app/ and db/", () => {
  const files = [...sourceFiles(path.resolve("app")), ...sourceFiles(path.resolve("db"))];

  it("finds the data layer to check", () => {
    expect(files.some((f) => f.endsWith(path.join("db", "queries", "exams.ts")))).toBe(true);
    expect(files.length).toBeGreaterThan(50);
  });

  it("every file awaits builders and uses the driver only where allowed", () => {
    const problems = files.flatMap((f) => {
      const rel = path.relative(process.cwd(), f).split(path.sep).join("/");
      return findings(rel, fs.readFileSync(f, "utf8")).map((p) => `${rel} ${p}`);
    });
    expect(problems).toEqual([]);
    // Parses every file of the data layer: seconds on a busy machine.
  }, 60_000);

  it("catches each kind of synchronous access", () => {
    const bad = [
      'const r = db.select().from(users).where(eq(users.id, 1)).get();',
      "const rs = db.select().from(users).all();",
      "db.insert(users).values(u).run();",
      "const v = db.select().from(users).values();",
      "const n = db.delete(users).returning().all().length;",
      "db.transaction((tx) => {});",
      "const c = db.$client;",
      'import Database from "better-sqlite3";',
    ];
    for (const code of bad) expect(findings("app/x.server.ts", code), code).toHaveLength(1);
  });

  it("lets through awaited builders, Map.values() and the SQLite branch's prepared statements", () => {
    const fine = [
      "const [r] = await db.select().from(users).where(eq(users.id, 1)).limit(1);",
      "await db.insert(users).values(u);",
      "for (const v of byKey.values()) use(v);",
      "const list = [...new Map().values()];",
      'const n = sqlite.prepare("select 1").pluck().get();',
      'sqlite.prepare("delete from content_fts").run();',
      "const r = s.bankRevision.get()!;",
      "await transaction(db, async (tx) => {});",
    ];
    for (const code of fine) expect(findings("app/x.server.ts", code), code).toEqual([]);
    expect(findings("db/queries/hot.ts", 'import type Database from "better-sqlite3";')).toEqual([]);
  });
});
