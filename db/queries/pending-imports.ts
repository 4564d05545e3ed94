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

export function insertPendingImport(db: Executor, row: PendingImport) {
  db.insert(pendingImports).values(row).run();
}

export function getPendingImport(db: Executor, id: string, userId: number): PendingImport | undefined {
  return db
    .select()
    .from(pendingImports)
    .where(and(eq(pendingImports.id, id), eq(pendingImports.userId, userId), ne(pendingImports.format, "staff-csv")))
    .get() as PendingImport | undefined;
}

/** Returns whether a row was deleted (false: not found, not the owner's, or already gone). */
export function deletePendingImport(db: Executor, id: string, userId: number): boolean {
  return (
    db
      .delete(pendingImports)
      .where(and(eq(pendingImports.id, id), eq(pendingImports.userId, userId), ne(pendingImports.format, "staff-csv")))
      .run().changes > 0
  );
}

/** Forget uploads older than the TTL (anyone's: they are abandoned). */
export function deleteStalePendingImports(db: Executor, now: number): number {
  return db.delete(pendingImports).where(lt(pendingImports.createdAt, now - PENDING_IMPORT_TTL_MS)).run().changes;
}
