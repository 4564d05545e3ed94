/** Full-text search over the courseware (table content_fts, trigram tokenizer). */
import type { Db } from "../client";

export interface SearchSection {
  moduleSlug: string;
  sectionId: string;
  heading: string;
  body: string;
}

export function replaceSearchIndex(db: Db, sections: SearchSection[]) {
  const sqlite = db.$client;
  const insert = sqlite.prepare("insert into content_fts (module_slug, section_id, heading, body) values (?, ?, ?, ?)");
  sqlite.transaction(() => {
    sqlite.prepare("delete from content_fts").run();
    for (const s of sections) insert.run(s.moduleSlug, s.sectionId, s.heading, s.body);
  })();
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
export function searchContent(db: Db, rawQuery: string, limit = 30): SearchHit[] {
  const q = rawQuery.trim().slice(0, 100);
  if (!q) return [];
  const sqlite = db.$client;
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
  const pattern = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const rows = sqlite
    .prepare(
      `select module_slug as moduleSlug, section_id as sectionId, heading, body
         from content_fts where heading like ? escape '\\' or body like ? escape '\\' limit ?`,
    )
    .all(pattern, pattern, limit) as (SearchSection & { moduleSlug: string })[];
  return rows.map((r) => ({ moduleSlug: r.moduleSlug, sectionId: r.sectionId, heading: r.heading, snippet: makeSnippet(r.heading, r.body, q) }));
}

function makeSnippet(heading: string, body: string, q: string): string {
  const text = body.includes(q) ? body : heading;
  const i = text.indexOf(q);
  if (i < 0) return text.slice(0, 60);
  const start = Math.max(0, i - 24);
  const end = Math.min(text.length, i + q.length + 24);
  return `${start > 0 ? "…" : ""}${text.slice(start, i)}${OPEN}${q}${CLOSE}${text.slice(i + q.length, end)}${end < text.length ? "…" : ""}`;
}
