/**
 * Editing a question from the trainer's form: compare-and-set on the version the form was based on.
 * The comparison and the new version are one IMMEDIATE transaction, so of two concurrent edits based on
 * the same version exactly one is saved; the other is told, and nothing of it is written.
 */
import { lock, transaction, type Db } from "@db/client";
import { audit } from "@db/queries/audit";
import { addVersion, getQuestionRow } from "@db/queries/questions";
import type { QuestionContent } from "~/domain/question";

export type EditResult =
  | { ok: true; version: number; changed: boolean }
  /** Someone saved another version since the form was loaded: `current` is it. */
  | { ok: false; reason: "conflict"; current: number }
  | { ok: false; reason: "notFound" };

export async function editQuestion(db: Db, id: string, baseVersion: number, content: QuestionContent, userId: number, at: number): Promise<EditResult> {
  return transaction(db, async (tx): Promise<EditResult> => {
    // PostgreSQL: edits of one question take turns (SQLite: BEGIN IMMEDIATE already does).
    await lock(tx, `question:${id}`);
    const row = await getQuestionRow(tx, id);
    if (!row) return { ok: false, reason: "notFound" };
    if (row.currentVersion !== baseVersion) return { ok: false, reason: "conflict", current: row.currentVersion };
    const version = await addVersion(tx, id, content, userId, "edit", at);
    const changed = version !== row.currentVersion;
    if (changed) await audit(tx, userId, "question.edit", { questionId: id, version }, at);
    return { ok: true, version, changed };
  });
}
