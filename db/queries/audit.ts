import type { Executor } from "../client";
import { auditLog } from "../schema";

export function audit(db: Executor, actorId: number | null, action: string, detail: Record<string, unknown>, at: number) {
  db.insert(auditLog).values({ actorId, action, detail, at }).run();
}

