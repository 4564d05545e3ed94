/**
 * Which database engine this process runs on, decided once from the environment:
 * `DATABASE_URL=postgres://…` (or postgresql://) selects PostgreSQL; without it the app uses SQLite at
 * DATABASE_PATH. One process talks to one engine; the table objects in db/schema.ts follow this choice.
 */
export type Engine = "sqlite" | "postgres";

export function engineOf(url: string | undefined): Engine {
  if (!url) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  throw new Error(`DATABASE_URL 只支持 postgres:// 或 postgresql:// 地址（收到 ${redactUrl(url)}）。SQLite 请用 DATABASE_PATH。`);
}

export const ENGINE: Engine = engineOf(process.env.DATABASE_URL);

/** A database URL as it may be shown in messages and logs: host, port and database, never the password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(无法解析的地址)";
  }
}
