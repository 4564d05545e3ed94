/**
 * Routes stay thin: a route authorises, parses, calls a service (app/*.server.ts) and answers. It never
 * reaches the data layer itself — no import from @db/* (queries, schema, client) or a relative path
 * into db/, and no transaction of its own — so the data layer can change engine without touching a page.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROUTES = path.resolve("app/routes");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return /\.(tsx?|jsx?|mts|cts)$/.test(e.name) ? [full] : [];
  });
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g;

/** What is wrong with one route file's text, one line per finding ("line N: …"). */
export function findings(text: string): string[] {
  const found: string[] = [];
  const lineOf = (index: number) => text.slice(0, index).split("\n").length;
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1];
    if (spec.startsWith("@db/") || spec === "@db") found.push(`line ${lineOf(m.index)}: imports "${spec}" (the data layer); call a service in app/*.server.ts instead`);
    else if (/^(\.\.\/)+db(\/|$)/.test(spec)) found.push(`line ${lineOf(m.index)}: imports "${spec}" (the data layer by a relative path); call a service instead`);
  }
  for (const m of text.matchAll(/\btransaction\s*\(/g)) found.push(`line ${lineOf(m.index)}: opens a transaction; multi-row writes belong in a service`);
  return found;
}

describe("routes are thin", () => {
  it("finds route files to check", () => {
    expect(routeFiles(ROUTES).length).toBeGreaterThan(10);
  });

  it("no route imports @db/* or ../../db, or calls transaction(", () => {
    const problems = routeFiles(ROUTES).flatMap((file) =>
      findings(fs.readFileSync(file, "utf8")).map((f) => `${path.relative(process.cwd(), file)} ${f}`),
    );
    expect(problems, problems.join("\n")).toEqual([]);
  });

  // The check itself: it must catch each way a route could reach the data layer.
  it.each([
    ['import { getExam } from "@db/queries/exams";', "@db/queries/exams"],
    ["import type { Db } from '@db/client';", "@db/client"],
    ['import * as schema from "../../db/schema";', "../../db/schema"],
    ['export { users } from "@db/schema";', "@db/schema"],
    ['const q = await import("@db/queries/users");', "@db/queries/users"],
    ["const n = await transaction(getDb(), async (tx) => 1);", "transaction"],
    ["db.transaction((tx) => {});", "transaction"],
  ])("catches %s", (line, what) => {
    const found = findings(`import { json } from "@remix-run/node";\n${line}\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^line 2: /);
    expect(found[0]).toContain(what === "transaction" ? "transaction" : what);
  });

  it("lets services, domain modules and Remix through", () => {
    const text = [
      'import { data } from "@remix-run/node";',
      'import { cohortsFor } from "~/cohorts.server";',
      'import { formatDate } from "~/domain/time";',
      "const dbName = 'x'; // a word like transaction without a call, or a path like ~/db-help",
    ].join("\n");
    expect(findings(text)).toEqual([]);
  });
});
