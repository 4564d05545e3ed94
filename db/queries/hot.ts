/**
 * Prepared statements for the hottest paths (the session lookup behind every request, and exam
 * autosave): prepared once per connection instead of being rebuilt by the query builder on each call.
 */
import type Database from "better-sqlite3";
import type { Db } from "../client";

function prepareAll(sqlite: Database.Database) {
  return {
    sessionUser: sqlite.prepare<[string, number], { sessionId: string; id: number; employeeNo: string; name: string; role: "learner" | "trainer" | "admin"; team: string | null; disabledAt: number | null }>(
      `select s.id as sessionId, u.id, u.employee_no as employeeNo, u.name, u.role, u.team, u.disabled_at as disabledAt
         from sessions s join users u on u.id = s.user_id where s.id = ? and s.expires_at > ?`,
    ),
    attemptOfUser: sqlite.prepare<[string, number], { status: string; deadline: number }>(
      "select status, deadline from attempts where id = ? and user_id = ?",
    ),
    /** Params: response JSON, seq, savedAt, attempt id, position, seq (a newer stored answer wins). */
    saveItem: sqlite.prepare<[string, number, number, string, number, number]>(
      `update attempt_items set response = ?, response_seq = ?, saved_at = ?
        where attempt_id = ? and position = ? and response_seq < ?`,
    ),
    itemExists: sqlite.prepare<[string, number], { p: number }>("select position as p from attempt_items where attempt_id = ? and position = ?"),
  };
}

const cache = new WeakMap<Database.Database, ReturnType<typeof prepareAll>>();

export function hot(db: Db) {
  let s = cache.get(db.$client);
  if (!s) cache.set(db.$client, (s = prepareAll(db.$client)));
  return s;
}
