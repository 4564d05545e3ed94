/**
 * "Contains, ignoring case": the one rule for every search box that filters a list by what a person
 * typed (users, cohort candidates, questions, the certificate register). SQLite's LIKE ignores ASCII
 * case and PostgreSQL's does not, so PostgreSQL uses ILIKE: "AB1" finds employee no "ab12" on both
 * engines. The wildcards a person may type (`%`, `_`, and the escape `\`) are taken literally, so
 * "100%" finds "100%" and not everything that starts with "100". (Courseware search has its own index
 * and queries: db/queries/search.ts.)
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { ENGINE } from "./engine";

/** `%term%` for LIKE/ILIKE … escape '\', with `\`, `%` and `_` escaped. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column` contains `term`, ignoring case, on the engine this process runs on (null never matches). */
export function containsText(column: SQLWrapper, term: string): SQL {
  const pattern = containsPattern(term);
  return ENGINE === "postgres" ? sql`${column} ilike ${pattern} escape '\\'` : sql`${column} like ${pattern} escape '\\'`;
}

/** Any of `columns` contains `term`, ignoring case. */
export function containsTextInAny(columns: readonly SQLWrapper[], term: string): SQL {
  return sql`(${sql.join(
    columns.map((c) => containsText(c, term)),
    sql` or `,
  )})`;
}
