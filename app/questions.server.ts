/**
 * The trainer's question bank pages: the list with its filters, creating a question, one question's
 * page (versions, editing, publishing and retiring), import (pending uploads, preview, confirm) and
 * export. Routes check the role (requireRole "trainer"); every change is written with its audit entry
 * in one transaction.
 */
import { randomBytes } from "node:crypto";
import { transaction } from "@db/client";
import { audit } from "@db/queries/audit";
import { deletePendingImport, deleteStalePendingImports, getPendingImport, insertPendingImport } from "@db/queries/pending-imports";
import { allTags, countQuestions, getQuestion, getQuestionRow, insertQuestion, listQuestions, listVersions, setQuestionStatus, type QuestionFilter } from "@db/queries/questions";
import { findUserById } from "@db/queries/users";

export type { QuestionFilter };
import { applyImport, planImport, type ImportFormat, type ImportResult } from "~/bank-import.server";
import { getContent } from "~/content.server";
import { getDb } from "~/db.server";
import { pageWindow } from "~/domain/list-query";
import { QUESTION_STATUSES, type QuestionContent, type QuestionStatus } from "~/domain/question";
import { editQuestion } from "~/question-edit.server";

// ---------------------------------------------------------------------------------------------
// List

/**
 * One page of the filtered list (the page asked for, clamped to the last; LIST_PAGE_SIZE a page), the
 * filtered total, the count per status and every tag in use.
 */
export async function questionList(filter: QuestionFilter, askedPage: number) {
  const db = getDb();
  const window = pageWindow(await countQuestions(db, filter), askedPage);
  const rows = await listQuestions(db, filter, { limit: window.limit, offset: window.offset });
  const byStatus = {} as Record<QuestionStatus, number>;
  for (const s of QUESTION_STATUSES) byStatus[s] = await countQuestions(db, { status: s });
  const tags = await allTags(db);
  return { window, rows, byStatus, tags };
}

// ---------------------------------------------------------------------------------------------
// Create, view, edit, publish, retire

/** Creates an authored question (draft or published) with its audit entry; returns its id. */
export async function createQuestion(actorId: number, content: QuestionContent, status: "draft" | "published", at: number): Promise<string> {
  const id = `q-${randomBytes(5).toString("hex")}`;
  await transaction(getDb(), async (tx) => {
    await insertQuestion(tx, { id, source: "authored", status, content, createdBy: actorId, note: "create" }, at);
    await audit(tx, actorId, "question.create", { questionId: id, type: content.type, status }, at);
  });
  return id;
}

/** A question at its current version (or the given one), or undefined. */
export async function questionById(id: string, version?: number) {
  return getQuestion(getDb(), id, version);
}

/** A question's row (source, status, current version), or undefined. */
export async function questionRow(id: string) {
  return getQuestionRow(getDb(), id);
}

/** A question's versions, each with the name of who made it (null: made by the system). */
export async function versionHistory(id: string) {
  const db = getDb();
  const names = new Map<number, string>();
  const result = [];
  for (const v of await listVersions(db, id)) {
    if (v.createdBy !== null && !names.has(v.createdBy)) names.set(v.createdBy, (await findUserById(db, v.createdBy))?.name ?? "");
    result.push({ version: v, by: v.createdBy === null ? null : (names.get(v.createdBy) ?? "") });
  }
  return result;
}

/** Saves an edit as a new version if the question is still at `baseVersion` (question-edit.server). */
export async function saveQuestionEdit(id: string, baseVersion: number, content: QuestionContent, actorId: number, at: number) {
  return editQuestion(getDb(), id, baseVersion, content, actorId, at);
}

/** Publishes or retires a question with the audit entry (question.publish / question.retire). */
export async function setQuestionStatusFor(actorId: number, id: string, from: QuestionStatus, status: "published" | "retired", at: number): Promise<void> {
  await transaction(getDb(), async (tx) => {
    await setQuestionStatus(tx, id, status, at);
    await audit(tx, actorId, `question.${status === "published" ? "publish" : "retire"}`, { questionId: id, from }, at);
  });
}

// ---------------------------------------------------------------------------------------------
// Import

/** Stores an upload to preview (dropping stale ones first); returns its id. */
export async function storePendingImport(userId: number, upload: { format: ImportFormat; fileName: string; text: string }, at: number): Promise<string> {
  const id = randomBytes(16).toString("hex");
  await transaction(getDb(), async (tx) => {
    await deleteStalePendingImports(tx, at);
    await insertPendingImport(tx, { id, userId, format: upload.format, fileName: upload.fileName.slice(0, 200), text: upload.text, createdAt: at });
  });
  return id;
}

/** This user's pending upload, or undefined. */
export async function pendingImportOf(userId: number, pendingId: string) {
  return getPendingImport(getDb(), pendingId, userId);
}

type PlanOptions = Parameters<typeof planImport>[4];

/** The import plan of a pending upload (what would be created, revised, refused). */
export async function planPendingImport(row: { format: ImportFormat; text: string }, options: PlanOptions) {
  return planImport(getDb(), getContent(), row.format, row.text, options);
}

/**
 * Imports a planned upload and deletes it, in one transaction; null when the upload was already used
 * or discarded (a second confirm).
 */
export async function confirmPendingImport(userId: number, pendingId: string, plan: Awaited<ReturnType<typeof planImport>>, at: number): Promise<ImportResult | null> {
  return transaction(getDb(), async (tx): Promise<ImportResult | null> => {
    if (!(await deletePendingImport(tx, pendingId, userId))) return null;
    return applyImport(tx, plan, userId, at);
  });
}

/** Discards a pending upload of this user. */
export async function discardPendingImport(userId: number, pendingId: string): Promise<void> {
  await deletePendingImport(getDb(), pendingId, userId);
}

// ---------------------------------------------------------------------------------------------
// Export

/** Every question (of one status, or all), for export. */
export async function questionsToExport(status: QuestionStatus | undefined) {
  return listQuestions(getDb(), { status });
}

/** Records an export (bank.export) once its file is built. */
export async function recordExport(actorId: number, detail: { format: string; status: string | null; count: number }, at: number): Promise<void> {
  await audit(getDb(), actorId, "bank.export", detail, at);
}
