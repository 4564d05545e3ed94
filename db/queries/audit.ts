import type { Executor } from "../client";
import { auditLog } from "../schema";

export async function audit(db: Executor, actorId: number | null, action: string, detail: Record<string, unknown>, at: number): Promise<void> {
  await db.insert(auditLog).values({ actorId, action, detail, at });
}
