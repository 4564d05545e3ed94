/**
 * Search over the courseware. SQLite: table content_fts (FTS5, trigram tokenizer). PostgreSQL: table
 * content_search with a pg_trgm GIN index on heading and body, read with ILIKE (the index serves it
 * for 3+ characters; shorter queries scan a few hundred rows), so 2-character Chinese queries match
 * on both engines. Snippets on PostgreSQL are cut in TypeScript.
 */
import { sql } from "drizzle-orm";
import { ENGINE, exec, lock, rows, sqliteClient, transaction, type Executor } from "../client";

export interface SearchSection {
  moduleSlug: string;
  sectionId: string;
  heading: string;
  body: string;
}

/** Replaces the index with these sections (one transaction; several servers starting at once take turns). */
export async function replaceSearchIndex(db: Executor, sections: SearchSection[]): Promise<void> {
  if (ENGINE === "sqlite") {
    const sqlite = sqliteClient(db);
    const insert = sqlite.prepare("insert into content_fts (module_slug, section_id, heading, body) values (?, ?, ?, ?)");
    await transaction(db, async () => {
      sqlite.prepare("delete from content_fts").run();
      for (const s of sections) insert.run(s.moduleSlug, s.sectionId, s.heading, s.body);
    });
    return;
  }
  await transaction(db, async (tx) => {
    await lock(tx, "search-index");
    await exec(tx, sql`delete from content_search`);
    for (let i = 0; i < sections.length; i += 200) {
      const batch = sections.slice(i, i + 200);
      await exec(
        tx,
        sql`insert into content_search (module_slug, section_id, heading, body) values ${sql.join(
          batch.map((s) => sql`(${s.moduleSlug}, ${s.sectionId}, ${s.heading}, ${s.body})`),
          sql`, `,
        )}`,
      );
    }
  });
}

export interface SearchHit {
  moduleSlug: string;
  sectionId: string;
  heading: string;
  /** Text around the match with the match between \uE000 and \uE001 (private-use characters) (the page escapes, then marks). */
  snippet: string;
}

const OPEN = "\uE000";
const CLOSE = "\uE001";

/**
 * Trigram MATCH needs 3 or more characters per term; shorter queries use LIKE on the same rows, which
 * is a scan of a few hundred sections and fast enough.
 */
export async function searchContent(db: Executor, rawQuery: string, limit = 30): Promise<SearchHit[]> {
  const q = rawQuery.trim().slice(0, 100);
  if (!q) return [];
  const pattern = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  if (ENGINE === "postgres") {
    const found = await rows<SearchSection>(
      db,
      sql`select module_slug as "moduleSlug", section_id as "sectionId", heading, body
            from content_search where heading ilike ${pattern} escape '\\' or body ilike ${pattern} escape '\\'
           order by (heading ilike ${pattern} escape '\\') desc, module_slug, section_id limit ${limit}`,
    );
    return found.map((r) => ({ moduleSlug: r.moduleSlug, sectionId: r.sectionId, heading: r.heading, snippet: makeSnippet(r.heading, r.body, q) }));
  }
  const sqlite = sqliteClient(db);
  if ([...q].length >= 3) {
    const phrase = `"${q.replace(/"/g, '""')}"`;
    return sqlite
      .prepare(
        `select module_slug as moduleSlug, section_id as sectionId, heading,
                snippet(content_fts, -1, '${OPEN}', '${CLOSE}', '…', 24) as snippet
           from content_fts where content_fts match ? order by rank limit ?`,
      )
      .all(phrase, limit) as SearchHit[];
  }
  const likeRows = sqlite
    .prepare(
      `select module_slug as moduleSlug, section_id as sectionId, heading, body
         from content_fts where heading like ? escape '\\' or body like ? escape '\\' limit ?`,
    )
    .all(pattern, pattern, limit) as (SearchSection & { moduleSlug: string })[];
  return likeRows.map((r) => ({ moduleSlug: r.moduleSlug, sectionId: r.sectionId, heading: r.heading, snippet: makeSnippet(r.heading, r.body, q) }));
}

/** Text around the first match (case-insensitive, as ILIKE and LIKE match), the match marked. */
export function makeSnippet(heading: string, body: string, q: string): string {
  const needle = q.toLowerCase();
  const text = body.toLowerCase().includes(needle) ? body : heading;
  const i = text.toLowerCase().indexOf(needle);
  if (i < 0) return text.slice(0, 60);
  const start = Math.max(0, i - 24);
  const end = Math.min(text.length, i + q.length + 24);
  return `${start > 0 ? "…" : ""}${text.slice(start, i)}${OPEN}${text.slice(i, i + q.length)}${CLOSE}${text.slice(i + q.length, end)}${end < text.length ? "…" : ""}`;
}
