/**
 * Uploaded question files waiting for their owner to confirm after the preview. Every read and delete
 * takes the owner, so one trainer can never see or confirm another's upload.
 */
import { and, eq, lt, ne } from "drizzle-orm";
import type { Executor } from "../client";
import { pendingImports } from "../schema";

type PendingRow = typeof pendingImports.$inferSelect;
/** A question file (staff lists, format "staff-csv", are app/staff-import.server.ts's and never read here). */
export type PendingImport = PendingRow & { format: Exclude<PendingRow["format"], "staff-csv"> };

/** How long an unconfirmed upload is kept. */
export const PENDING_IMPORT_TTL_MS = 24 * 60 * 60 * 1000;

export async function insertPendingImport(db: Executor, row: PendingImport): Promise<void> {
  await db.insert(pendingImports).values(row);
}

export async function getPendingImport(db: Executor, id: string, userId: number): Promise<PendingImport | undefined> {
  const [row] = await db
    .select()
    .from(pendingImports)
    .where(and(eq(pendingImports.id, id), eq(pendingImports.userId, userId), ne(pendingImports.format, "staff-csv")))
    .limit(1);
  return row as PendingImport | undefined;
}

/** Returns whether a row was deleted (false: not found, not the owner's, or already gone). */
export async function deletePendingImport(db: Executor, id: string, userId: number): Promise<boolean> {
  const gone = await db
    .delete(pendingImports)
    .where(and(eq(pendingImports.id, id), eq(pendingImports.userId, userId), ne(pendingImports.format, "staff-csv")))
    .returning({ id: pendingImports.id });
  return gone.length > 0;
}

/** Forget uploads older than the TTL (anyone's: they are abandoned). */
export async function deleteStalePendingImports(db: Executor, now: number): Promise<number> {
  const gone = await db.delete(pendingImports).where(lt(pendingImports.createdAt, now - PENDING_IMPORT_TTL_MS)).returning({ id: pendingImports.id });
  return gone.length;
}
