import { desc } from "drizzle-orm";
import type { Executor } from "../client";
import { auditLog } from "../schema";

export function audit(db: Executor, actorId: number | null, action: string, detail: Record<string, unknown>, at: number) {
  db.insert(auditLog).values({ actorId, action, detail, at }).run();
}

export function recentAudit(db: Executor, limit = 50) {
  return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all();
}
